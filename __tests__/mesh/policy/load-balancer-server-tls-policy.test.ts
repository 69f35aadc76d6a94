import { Fn, Token } from 'cdktf';
import { ClientValidationMode, LoadBalancerServerTlsPolicy } from '../../../lib/mesh/policy/load-balancer-server-tls-policy';
import { ServerTlsPolicy, ServerTlsPolicyProps } from '../../../lib/mesh/policy/server-tls-policy';
import { googleStack, onlyResource, StackJson, synth } from '../../helpers/synth';

const SERVER_TLS_POLICY = 'google_network_security_server_tls_policy';


function policyOf(json: StackJson): Record<string, unknown> {
  return onlyResource(json, SERVER_TLS_POLICY);
}

describe('LoadBalancerServerTlsPolicy', () => {
  describe('S12: the load balancer form with REJECT_INVALID and a trust config', () => {
    let json: StackJson;
    let policy: LoadBalancerServerTlsPolicy;
    beforeAll(() => {
      const stack = googleStack();
      policy = new LoadBalancerServerTlsPolicy(stack, 'LbMtls', {
        project: 'my-project-id',
        name: 'lb-mtls-policy',
        trustConfig: 'projects/my-project-id/locations/global/trustConfigs/lb-trust-config',
      });
      json = synth(stack);
    });

    it('S12: mtls_policy has client_validation_mode REJECT_INVALID and the client_validation_trust_config', () => {
      expect(policyOf(json).mtls_policy).toEqual({
        client_validation_mode: 'REJECT_INVALID',
        client_validation_trust_config: 'projects/my-project-id/locations/global/trustConfigs/lb-trust-config',
      });
    });

    it('S12/X1: allow_open is false and there is no server_certificate (the proxy\'s certificate is used)', () => {
      const rendered = policyOf(json);
      expect(rendered.allow_open).toBe(false);
      expect(rendered).not.toHaveProperty('server_certificate');
    });

    it('S12: name, project, global location and create_before_destroy (magic-modules#11496)', () => {
      expect(policyOf(json)).toMatchObject({
        name: 'lb-mtls-policy',
        project: 'my-project-id',
        location: 'global',
        lifecycle: { create_before_destroy: true },
      });
    });

    it('S13: policyName is projects/my-project-id/locations/global/serverTlsPolicies/lb-mtls-policy', () => {
      expect(policy.resourceName).toBe('projects/my-project-id/locations/global/serverTlsPolicies/lb-mtls-policy');
    });
  });

  it('X1: ALLOW_INVALID_OR_MISSING_CLIENT_CERT is an explicit choice and needs no trust config', () => {
    const stack = googleStack();
    new LoadBalancerServerTlsPolicy(stack, 'LbPermissive', {
      project: 'my-project-id',
      name: 'lb-permissive-policy',
      clientValidationMode: ClientValidationMode.ALLOW_INVALID_OR_MISSING_CLIENT_CERT,
    });
    expect(policyOf(synth(stack)).mtls_policy).toEqual({ client_validation_mode: 'ALLOW_INVALID_OR_MISSING_CLIENT_CERT' });
  });

  it('S12: a regional load balancer\'s policy lives in its region', () => {
    const stack = googleStack();
    const policy = new LoadBalancerServerTlsPolicy(stack, 'LbRegional', {
      project: 'my-project-id',
      name: 'lb-mtls-policy',
      location: 'us-east1',
      trustConfig: 'projects/my-project-id/locations/us-east1/trustConfigs/lb-trust-config',
    });
    expect(policyOf(synth(stack)).location).toBe('us-east1');
    expect(policy.resourceName).toBe('projects/my-project-id/locations/us-east1/serverTlsPolicies/lb-mtls-policy');
  });

  describe('S12: the mesh form and the load balancer form are separate classes', () => {
    it('S12: neither form is an instance of the other', () => {
      const stack = googleStack();
      const lb = new LoadBalancerServerTlsPolicy(stack, 'Lb', {
        project: 'my-project-id',
        name: 'lb-mtls-policy',
        trustConfig: 'projects/my-project-id/locations/global/trustConfigs/lb-trust-config',
      });
      const mesh = new ServerTlsPolicy(stack, 'Mesh', { project: 'my-project-id', name: 'server-mtls-policy' });
      expect(lb).not.toBeInstanceOf(ServerTlsPolicy);
      expect(mesh).not.toBeInstanceOf(LoadBalancerServerTlsPolicy);
    });

    it('S12: the mesh form has no trustConfig prop, and a load balancer policy is not a mesh ServerTlsPolicy (type errors)', () => {
      const stack = googleStack();
      const props: ServerTlsPolicyProps = {
        project: 'my-project-id',
        name: 'server-mtls-policy',
        // @ts-expect-error trustConfig belongs to the load balancer form only
        trustConfig: 'projects/my-project-id/locations/global/trustConfigs/lb-trust-config',
      };
      const lb = new LoadBalancerServerTlsPolicy(stack, 'Lb', {
        project: 'my-project-id',
        name: 'lb-mtls-policy',
        trustConfig: 'projects/my-project-id/locations/global/trustConfigs/lb-trust-config',
      });
      // @ts-expect-error a load balancer policy cannot be used where the mesh form is expected (endpoint policies, gateways)
      const asMeshPolicy: ServerTlsPolicy = lb;
      expect(asMeshPolicy).toBe(lb);

      // At run time the stray prop is ignored: the mesh form still renders a client validation CA, never a trust config.
      new ServerTlsPolicy(stack, 'Mesh', props);
      const mesh = Object.values(synth(stack).resource?.[SERVER_TLS_POLICY] ?? {})
        .find((p) => p.name === 'server-mtls-policy');
      expect(mesh?.mtls_policy).toEqual({
        client_validation_ca: [{ certificate_provider_instance: { plugin_instance: 'google_cloud_private_spiffe' } }],
      });
    });
  });

  describe('X2: bad input', () => {
    it('X1/X2: REJECT_INVALID without a trust config is rejected', () => {
      const stack = googleStack();
      expect(() => new LoadBalancerServerTlsPolicy(stack, 'NoTrust', { project: 'my-project-id', name: 'lb-mtls-policy' }))
        .toThrow(new Error(
          'test/NoTrust: trustConfig is required with REJECT_INVALID (got nothing). ' +
          'Pass the Certificate Manager trust config that validates client certificates, or choose ALLOW_INVALID_OR_MISSING_CLIENT_CERT explicitly.'));
    });

    it('X2: a location that is neither global nor a region is rejected', () => {
      const stack = googleStack();
      expect(() => new LoadBalancerServerTlsPolicy(stack, 'Mars', {
        project: 'my-project-id',
        name: 'lb-mtls-policy',
        location: 'mars',
        trustConfig: 'projects/my-project-id/locations/global/trustConfigs/lb-trust-config',
      })).toThrow(new Error(
        'test/Mars: location is neither "global" nor a region (got "mars"). ' +
        'Use "global" for global load balancers or the region of a regional load balancer, e.g. "us-east1".'));
    });

    it('X2: a name that is not a resource name is rejected', () => {
      const stack = googleStack();
      expect(() => new LoadBalancerServerTlsPolicy(stack, 'BadName', {
        project: 'my-project-id',
        name: 'lb_mtls_policy',
        trustConfig: 'projects/my-project-id/locations/global/trustConfigs/lb-trust-config',
      })).toThrow(new Error(
        'test/BadName: name is not a valid Google Cloud resource name (got "lb_mtls_policy"). ' +
        'Use 1-63 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.'));
    });

    it('X2: a project that is not a project ID is rejected', () => {
      const stack = googleStack();
      expect(() => new LoadBalancerServerTlsPolicy(stack, 'BadProject', {
        project: '123',
        name: 'lb-mtls-policy',
        trustConfig: 'projects/my-project-id/locations/global/trustConfigs/lb-trust-config',
      })).toThrow(new Error(
        'test/BadProject: project is not a valid project ID (got "123"). ' +
        'Use the project ID (6-30 characters: lowercase letters, digits and hyphens, starting with a letter), not its display name or number.'));
    });
  });

  it('X5: unresolved location, name and trust config are not rejected', () => {
    const stack = googleStack();
    new LoadBalancerServerTlsPolicy(stack, 'Tokens', {
      project: 'my-project-id',
      name: Token.asString(Fn.lower('LB-MTLS-POLICY')),
      location: Token.asString(Fn.lower('MARS')),
      trustConfig: Token.asString(Fn.lower('TRUST-CONFIG')),
    });
    expect(policyOf(synth(stack))).toMatchObject({
      name: '${lower("LB-MTLS-POLICY")}',
      location: '${lower("MARS")}',
      mtls_policy: { client_validation_mode: 'REJECT_INVALID', client_validation_trust_config: '${lower("TRUST-CONFIG")}' },
    });
  });
});
