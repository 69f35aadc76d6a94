import { WorkloadCredentials } from '../../lib/core';
import { PartnerMetadata, WorkloadCertificateEndpoints, WorkloadCredentialOutputs } from '../../lib/vm';
import { demo, demoMetadata, SPIFFE_ID, synthVm, TRUST_DOMAIN } from './fixtures';

describe('WorkloadCredentialOutputs', () => {
  it('W8: one output with the SPIFFE ID, credential files, metadata endpoints and the seed\'s polling advice', () => {
    const d = demo();
    new WorkloadCredentialOutputs(d.stack, 'Credentials', { partnerMetadata: demoMetadata(d) });
    const output = (synthVm(d.stack).output as Record<string, { value: unknown; description: string }>).workload_identity_mtls_demo_backend;
    expect(output.value).toEqual({
      spiffe_id: SPIFFE_ID,
      trust_domain: TRUST_DOMAIN,
      credential_files: {
        directory: '/var/run/secrets/workload-spiffe-credentials',
        certificates: '/var/run/secrets/workload-spiffe-credentials/certificates.pem',
        private_key: '/var/run/secrets/workload-spiffe-credentials/private_key.pem',
        ca_certificates: '/var/run/secrets/workload-spiffe-credentials/ca_certificates.pem',
        minimum_guest_agent_version: '20231103.01',
      },
      metadata_endpoints: {
        config_status: 'http://metadata.google.internal/computeMetadata/v1/instance/gce-workload-certificates/config-status',
        workload_identities: 'http://metadata.google.internal/computeMetadata/v1/instance/gce-workload-certificates/workload-identities',
        trust_anchors: 'http://metadata.google.internal/computeMetadata/v1/instance/gce-workload-certificates/trust-anchors',
        header: 'Metadata-Flavor: Google',
        poll_interval_seconds: 300,
        advice: 'Poll every 5 minutes; read certificatePem and privateKeyPem from the same workload-identities response.',
      },
    });
    expect(output.description).toContain('W8');
  });

  it('W8: the paths are core\'s WorkloadCredentials, shared with GKE', () => {
    expect([WorkloadCredentials.CERTIFICATES, WorkloadCredentials.PRIVATE_KEY, WorkloadCredentials.CA_CERTIFICATES]).toEqual([
      '/var/run/secrets/workload-spiffe-credentials/certificates.pem',
      '/var/run/secrets/workload-spiffe-credentials/private_key.pem',
      '/var/run/secrets/workload-spiffe-credentials/ca_certificates.pem',
    ]);
    expect(WorkloadCertificateEndpoints.POLL_INTERVAL_SECONDS).toBe(300);
  });

  it('W8: the output name can be chosen', () => {
    const d = demo();
    new WorkloadCredentialOutputs(d.stack, 'Credentials', { partnerMetadata: demoMetadata(d), outputName: 'backend_credentials' });
    expect(Object.keys(synthVm(d.stack).output as object)).toEqual(['backend_credentials']);
  });

  describe('X2: bad input', () => {
    it.each([
      [{ partnerMetadata: undefined }, 'test/Credentials: partnerMetadata is required (got nothing). Pass the VMs\' PartnerMetadata.'],
      [{ partnerMetadata: null }, 'test/Credentials: partnerMetadata is required (got null). Pass the VMs\' PartnerMetadata.'],
      [{ partnerMetadata: {} }, 'test/Credentials: partnerMetadata is not a PartnerMetadata (got {}). Pass the VMs\' PartnerMetadata.'],
    ])('%j', (props, message) => {
      expect(() => new WorkloadCredentialOutputs(demo().stack, 'Credentials', props as { partnerMetadata: PartnerMetadata })).toThrow(message);
    });

    it('an output name Terraform refuses', () => {
      const d = demo();
      expect(() => new WorkloadCredentialOutputs(d.stack, 'Credentials', { partnerMetadata: demoMetadata(d), outputName: '1 output' })).toThrow(
        'test/Credentials: outputName is not a Terraform output name (got "1 output"). Use letters, digits, underscores and hyphens, starting with a letter or underscore.');
    });
  });
});
