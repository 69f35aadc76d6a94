import { Fn, Token } from 'cdktf';
import { CertificateProvider } from '../../../lib/mesh/policy/certificate-provider';
import { ClientTlsPolicy } from '../../../lib/mesh/policy/client-tls-policy';
import { googleStack, onlyResource, StackJson, synth } from '../../helpers/synth';

const CLIENT_TLS_POLICY = 'google_network_security_client_tls_policy';


function policyOf(json: StackJson): Record<string, unknown> {
  return onlyResource(json, CLIENT_TLS_POLICY);
}

describe('ClientTlsPolicy', () => {
  describe('S11: the seeds\' client-mtls-policy (defaults)', () => {
    let json: StackJson;
    let policy: ClientTlsPolicy;
    beforeAll(() => {
      const stack = googleStack();
      policy = new ClientTlsPolicy(stack, 'ClientMtls', { project: 'my-project-id', name: 'client-mtls-policy' });
      json = synth(stack);
    });

    it('S11: client-mtls-policy presents a google_cloud_private_spiffe client certificate', () => {
      expect(policyOf(json).client_certificate).toEqual({
        certificate_provider_instance: { plugin_instance: 'google_cloud_private_spiffe' },
      });
    });

    it('S11: client-mtls-policy validates the server with exactly one google_cloud_private_spiffe CA', () => {
      expect(policyOf(json).server_validation_ca).toEqual([
        { certificate_provider_instance: { plugin_instance: 'google_cloud_private_spiffe' } },
      ]);
    });

    it('S11: name, project and the global location of the seed', () => {
      expect(policyOf(json)).toMatchObject({ name: 'client-mtls-policy', project: 'my-project-id', location: 'global' });
      expect(policyOf(json)).not.toHaveProperty('sni');
    });

    it('S17: create_before_destroy, because a policy attached to a backend service cannot be deleted first (magic-modules#11496)', () => {
      expect(policyOf(json).lifecycle).toEqual({ create_before_destroy: true });
    });

    it('S11: policyName is projects/my-project-id/locations/global/clientTlsPolicies/client-mtls-policy', () => {
      expect(policy.resourceName).toBe('projects/my-project-id/locations/global/clientTlsPolicies/client-mtls-policy');
      expect(policy.name).toBe('client-mtls-policy');
      expect(policy.resource.terraformResourceType).toBe(CLIENT_TLS_POLICY);
    });
  });

  it('S11: a gRPC endpoint client certificate renders grpc_endpoint.target_uri', () => {
    const stack = googleStack();
    new ClientTlsPolicy(stack, 'Sds', {
      project: 'my-project-id',
      name: 'client-mtls-policy',
      clientCertificate: CertificateProvider.grpcEndpoint('unix:/var/run/sds/uds_path'),
      serverValidationCa: CertificateProvider.grpcEndpoint('unix:/var/run/sds/uds_path'),
    });
    const rendered = policyOf(synth(stack));
    expect(rendered.client_certificate).toEqual({ grpc_endpoint: { target_uri: 'unix:/var/run/sds/uds_path' } });
    expect(rendered.server_validation_ca).toEqual([{ grpc_endpoint: { target_uri: 'unix:/var/run/sds/uds_path' } }]);
  });

  it('S11: sni and description are passed through', () => {
    const stack = googleStack();
    new ClientTlsPolicy(stack, 'Sni', {
      project: 'my-project-id',
      name: 'client-mtls-policy',
      description: 'client mtls policy',
      sni: 'service-test',
    });
    expect(policyOf(synth(stack))).toMatchObject({ sni: 'service-test', description: 'client mtls policy' });
  });

  describe('X2: bad input', () => {
    it('S11/X2: a location other than global is rejected', () => {
      const stack = googleStack();
      expect(() => new ClientTlsPolicy(stack, 'Regional', { project: 'my-project-id', name: 'client-mtls-policy', location: 'us-east1' }))
        .toThrow(new Error(
          'test/Regional: location must be "global" for Cloud Service Mesh (got "us-east1"). ' +
          'Traffic Director only reads service-security and routing resources from the global location; remove the location or set it to "global".'));
    });

    it('X2: a server validation gRPC endpoint that is not a gRPC target is rejected', () => {
      const stack = googleStack();
      expect(() => new ClientTlsPolicy(stack, 'BadCa', {
        project: 'my-project-id',
        name: 'client-mtls-policy',
        serverValidationCa: CertificateProvider.grpcEndpoint('https://ca.example.com'),
      })).toThrow(new Error(
        'test/BadCa: serverValidationCa is not a gRPC target URI (got "https://ca.example.com"). ' +
        'Use a gRPC target such as "unix:/var/run/sds/uds_path".'));
    });

    it('X2: a client certificate plugin without a name is rejected', () => {
      const stack = googleStack();
      expect(() => new ClientTlsPolicy(stack, 'NoPlugin', {
        project: 'my-project-id',
        name: 'client-mtls-policy',
        clientCertificate: CertificateProvider.pluginInstance(''),
      })).toThrow(new Error(
        'test/NoPlugin: clientCertificate names no certificate provider plugin (got ""). ' +
        'Use CertificateProvider.privateSpiffe() for GKE mesh certificates.'));
    });

    it('X2: a name that is not a resource name is rejected', () => {
      const stack = googleStack();
      expect(() => new ClientTlsPolicy(stack, 'BadName', { project: 'my-project-id', name: 'client-mtls-policy-' })).toThrow(new Error(
        'test/BadName: name is not a valid Google Cloud resource name (got "client-mtls-policy-"). ' +
        'Use 1-63 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.'));
    });
  });

  it('X5: unresolved name, location and gRPC targets are not rejected', () => {
    const stack = googleStack();
    new ClientTlsPolicy(stack, 'Tokens', {
      project: 'my-project-id',
      name: Token.asString(Fn.lower('CLIENT-MTLS-POLICY')),
      location: Token.asString(Fn.lower('GLOBAL')),
      clientCertificate: CertificateProvider.grpcEndpoint(Token.asString(Fn.lower('UNIX:/SDS'))),
    });
    expect(policyOf(synth(stack))).toMatchObject({
      name: '${lower("CLIENT-MTLS-POLICY")}',
      location: '${lower("GLOBAL")}',
      client_certificate: { grpc_endpoint: { target_uri: '${lower("UNIX:/SDS")}' } },
    });
  });
});
