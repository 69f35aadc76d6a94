import { Fn, Token } from 'cdktf';
import { CertificateProvider } from '../../../lib/mesh/policy/certificate-provider';
import { ClientValidation, ServerTlsPolicy } from '../../../lib/mesh/policy/server-tls-policy';
import { googleStack, onlyResource, StackJson, synth } from '../../helpers/synth';

const SERVER_TLS_POLICY = 'google_network_security_server_tls_policy';

/** A test stack with the Google provider every real stack has. */

function policyOf(json: StackJson): Record<string, unknown> {
  return onlyResource(json, SERVER_TLS_POLICY);
}

describe('ServerTlsPolicy', () => {
  describe('S12: the seeds\' server-mtls-policy (defaults)', () => {
    let json: StackJson;
    let policy: ServerTlsPolicy;
    beforeAll(() => {
      const stack = googleStack();
      policy = new ServerTlsPolicy(stack, 'ServerMtls', { project: 'my-project-id', name: 'server-mtls-policy' });
      json = synth(stack);
    });

    it('S12: server-mtls-policy uses google_cloud_private_spiffe for the server certificate', () => {
      expect(policyOf(json).server_certificate).toEqual({
        certificate_provider_instance: { plugin_instance: 'google_cloud_private_spiffe' },
      });
    });

    it('S12: mtls_policy.client_validation_ca has exactly one entry, the google_cloud_private_spiffe plugin', () => {
      expect(policyOf(json).mtls_policy).toEqual({
        client_validation_ca: [{ certificate_provider_instance: { plugin_instance: 'google_cloud_private_spiffe' } }],
      });
    });

    it('S12/X1: strict mTLS by default: allow_open is false', () => {
      expect(policyOf(json).allow_open).toBe(false);
    });

    it('S12: name, project and the global location of the seed', () => {
      expect(policyOf(json)).toMatchObject({ name: 'server-mtls-policy', project: 'my-project-id', location: 'global' });
    });

    it('S17: create_before_destroy, because a policy in use cannot be deleted first (magic-modules#11496)', () => {
      expect(policyOf(json).lifecycle).toEqual({ create_before_destroy: true });
    });

    it('S13: policyName is projects/my-project-id/locations/global/serverTlsPolicies/server-mtls-policy', () => {
      expect(policy.resourceName).toBe('projects/my-project-id/locations/global/serverTlsPolicies/server-mtls-policy');
      expect(policy.name).toBe('server-mtls-policy');
      expect(policy.mutualTls).toBe(true);
      expect(policy.allowOpen).toBe(false);
      expect(policy.resource.terraformResourceType).toBe(SERVER_TLS_POLICY);
    });
  });

  describe('S15: the seeds\' server-tls-policy of the ingress gateway', () => {
    let json: StackJson;
    let policy: ServerTlsPolicy;
    beforeAll(() => {
      const stack = googleStack();
      policy = new ServerTlsPolicy(stack, 'ServerTls', {
        project: 'my-project-id',
        name: 'server-tls-policy',
        description: 'tls server policy',
        clientValidation: ClientValidation.none(),
      });
      json = synth(stack);
    });

    it('S15: server-tls-policy has only a google_cloud_private_spiffe server certificate, no mtls_policy', () => {
      const rendered = policyOf(json);
      expect(rendered.server_certificate).toEqual({
        certificate_provider_instance: { plugin_instance: 'google_cloud_private_spiffe' },
      });
      expect(rendered).not.toHaveProperty('mtls_policy');
      expect(rendered.allow_open).toBe(false);
    });

    it('S15: description is "tls server policy"', () => {
      expect(policyOf(json)).toMatchObject({ name: 'server-tls-policy', description: 'tls server policy', location: 'global' });
    });

    it('S15: the policy reports TLS without client authentication', () => {
      expect(policy.mutualTls).toBe(false);
      expect(policy.resourceName).toBe('projects/my-project-id/locations/global/serverTlsPolicies/server-tls-policy');
    });
  });

  describe('X1: allowOpen is the explicit escape hatch', () => {
    it('X1: allowOpen: true alone renders allow_open true with no certificate and no mtls_policy', () => {
      const stack = googleStack();
      const policy = new ServerTlsPolicy(stack, 'Open', { project: 'my-project-id', name: 'open-policy', allowOpen: true });
      const rendered = policyOf(synth(stack));
      expect(rendered.allow_open).toBe(true);
      expect(rendered).not.toHaveProperty('server_certificate');
      expect(rendered).not.toHaveProperty('mtls_policy');
      expect(policy.allowOpen).toBe(true);
      expect(policy.mutualTls).toBe(false);
    });

    it('X1/S12: allowOpen with serverCertificate and mutualTls renders permissive mTLS', () => {
      const stack = googleStack();
      new ServerTlsPolicy(stack, 'Permissive', {
        project: 'my-project-id',
        name: 'server-mtls-policy',
        allowOpen: true,
        serverCertificate: CertificateProvider.privateSpiffe(),
        clientValidation: ClientValidation.mutualTls(),
      });
      expect(policyOf(synth(stack))).toMatchObject({
        allow_open: true,
        server_certificate: { certificate_provider_instance: { plugin_instance: 'google_cloud_private_spiffe' } },
        mtls_policy: { client_validation_ca: [{ certificate_provider_instance: { plugin_instance: 'google_cloud_private_spiffe' } }] },
      });
    });
  });

  describe('S12: other certificate providers', () => {
    it('S12: a gRPC endpoint server certificate renders grpc_endpoint.target_uri', () => {
      const stack = googleStack();
      new ServerTlsPolicy(stack, 'Sds', {
        project: 'my-project-id',
        name: 'server-mtls-policy',
        serverCertificate: CertificateProvider.grpcEndpoint('unix:/var/run/sds/uds_path'),
      });
      expect(policyOf(synth(stack)).server_certificate).toEqual({ grpc_endpoint: { target_uri: 'unix:/var/run/sds/uds_path' } });
    });

    it('S12: mutualTls with another CA renders that CA as the only client validation CA', () => {
      const stack = googleStack();
      new ServerTlsPolicy(stack, 'Custom', {
        project: 'my-project-id',
        name: 'server-mtls-policy',
        clientValidation: ClientValidation.mutualTls(CertificateProvider.pluginInstance('my-plugin')),
      });
      expect(policyOf(synth(stack)).mtls_policy).toEqual({
        client_validation_ca: [{ certificate_provider_instance: { plugin_instance: 'my-plugin' } }],
      });
    });
  });

  describe('X2: bad input', () => {
    it('S12/X2: an mTLS policy without a server certificate is rejected', () => {
      const stack = googleStack();
      expect(() => new ServerTlsPolicy(stack, 'NoCert', {
        project: 'my-project-id',
        name: 'server-mtls-policy',
        allowOpen: true,
        clientValidation: ClientValidation.mutualTls(),
      })).toThrow(new Error(
        'test/NoCert: serverCertificate is required for an mTLS policy (got nothing). ' +
        'An mTLS server must present a certificate: set serverCertificate: CertificateProvider.privateSpiffe(), ' +
        'or use ClientValidation.none() for a plaintext-only policy.'));
    });

    it('S13/X2: a location other than global is rejected', () => {
      const stack = googleStack();
      expect(() => new ServerTlsPolicy(stack, 'Regional', { project: 'my-project-id', name: 'server-mtls-policy', location: 'us-east1' }))
        .toThrow(new Error(
          'test/Regional: location must be "global" for Cloud Service Mesh (got "us-east1"). ' +
          'Traffic Director only reads service-security and routing resources from the global location; remove the location or set it to "global".'));
    });

    it('X2: a name that is not a resource name is rejected', () => {
      const stack = googleStack();
      expect(() => new ServerTlsPolicy(stack, 'BadName', { project: 'my-project-id', name: 'Server_MTLS' })).toThrow(new Error(
        'test/BadName: name is not a valid Google Cloud resource name (got "Server_MTLS"). ' +
        'Use 1-63 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.'));
    });

    it('X2: a project that is not a project ID is rejected', () => {
      const stack = googleStack();
      expect(() => new ServerTlsPolicy(stack, 'BadProject', { project: 'My Project', name: 'server-mtls-policy' })).toThrow(new Error(
        'test/BadProject: project is not a valid project ID (got "My Project"). ' +
        'Use the project ID (6-30 characters: lowercase letters, digits and hyphens, starting with a letter), not its display name or number.'));
    });

    it('X2: a gRPC endpoint that is not a gRPC target is rejected', () => {
      const stack = googleStack();
      expect(() => new ServerTlsPolicy(stack, 'BadSds', {
        project: 'my-project-id',
        name: 'server-mtls-policy',
        serverCertificate: CertificateProvider.grpcEndpoint('http://sds.example.com'),
      })).toThrow(new Error(
        'test/BadSds: serverCertificate is not a gRPC target URI (got "http://sds.example.com"). ' +
        'Use a gRPC target such as "unix:/var/run/sds/uds_path".'));
    });

    it('X2: a client validation plugin without a name is rejected', () => {
      const stack = googleStack();
      expect(() => new ServerTlsPolicy(stack, 'NoPlugin', {
        project: 'my-project-id',
        name: 'server-mtls-policy',
        clientValidation: ClientValidation.mutualTls(CertificateProvider.pluginInstance('')),
      })).toThrow(new Error(
        'test/NoPlugin: clientValidation names no certificate provider plugin (got ""). ' +
        'Use CertificateProvider.privateSpiffe() for GKE mesh certificates.'));
    });
  });

  it('X5: unresolved project, name, location and gRPC target are not rejected', () => {
    const stack = googleStack();
    new ServerTlsPolicy(stack, 'Tokens', {
      project: Token.asString(Fn.lower('MY-PROJECT-ID')),
      name: Token.asString(Fn.lower('SERVER-MTLS-POLICY')),
      location: Token.asString(Fn.lower('GLOBAL')),
      serverCertificate: CertificateProvider.grpcEndpoint(Token.asString(Fn.lower('UNIX:/SDS'))),
    });
    expect(policyOf(synth(stack))).toMatchObject({
      project: '${lower("MY-PROJECT-ID")}',
      name: '${lower("SERVER-MTLS-POLICY")}',
      location: '${lower("GLOBAL")}',
      server_certificate: { grpc_endpoint: { target_uri: '${lower("UNIX:/SDS")}' } },
    });
  });
});
