import { Fn, TerraformStack, Testing, Token } from 'cdktf';
import { TrustDomain } from '../../../lib/core/spiffe';
import { AuthorizationPolicy } from '../../../lib/mesh/policy/authorization-policy';
import { ClientTlsPolicy } from '../../../lib/mesh/policy/client-tls-policy';
import { EndpointPolicy, EndpointPolicyProps, EndpointPolicyType, MetadataLabelMatchCriteria } from '../../../lib/mesh/policy/endpoint-policy';
import { Principal } from '../../../lib/mesh/policy/principal';
import { ServerTlsPolicy } from '../../../lib/mesh/policy/server-tls-policy';
import { addressOf, warningsUnder } from '../../gke/fixtures';
import { googleStack, onlyResource, StackJson, synth } from '../../helpers/synth';

const ENDPOINT_POLICY = 'google_network_services_endpoint_policy';


function serverMtlsPolicy(stack: TerraformStack): ServerTlsPolicy {
  return new ServerTlsPolicy(stack, 'ServerMtls', { project: 'my-project-id', name: 'server-mtls-policy' });
}

function seedAuthzPolicy(stack: TerraformStack): AuthorizationPolicy {
  return new AuthorizationPolicy(stack, 'Authz', {
    project: 'my-project-id',
    name: 'authz-policy',
    rules: [{
      sources: [{ principals: [Principal.kubernetesServiceAccount(TrustDomain.forGkeProject('my-project-id'), 'default', 'demo-client')] }],
      destinations: [{ hosts: ['service-test'], ports: [8000], methods: ['GET'] }],
    }],
  });
}

function endpointPolicy(stack: TerraformStack, props: Partial<EndpointPolicyProps> = {}): EndpointPolicy {
  return new EndpointPolicy(stack, 'Ep', { project: 'my-project-id', name: 'ep', matchLabels: { app: 'payments' }, ...props });
}

function endpointPolicyOf(json: StackJson): Record<string, unknown> {
  return onlyResource(json, ENDPOINT_POLICY);
}

describe('EndpointPolicy', () => {
  describe('S12/S13: the seeds\' ep (ep_mtls.yaml with the authorization policy)', () => {
    let json: StackJson;
    let policy: EndpointPolicy;
    let stack: TerraformStack;
    beforeAll(() => {
      stack = googleStack();
      policy = endpointPolicy(stack, {
        serverTlsPolicy: serverMtlsPolicy(stack),
        authorizationPolicy: seedAuthzPolicy(stack),
        ports: [8000],
      });
      json = synth(stack);
    });

    it('S12: ep is a SIDECAR_PROXY policy', () => {
      expect(endpointPolicyOf(json)).toMatchObject({ name: 'ep', project: 'my-project-id', type: 'SIDECAR_PROXY' });
    });

    it('S12: ep matches app=payments with MATCH_ALL', () => {
      expect(endpointPolicyOf(json).endpoint_matcher).toEqual({
        metadata_label_matcher: {
          metadata_label_match_criteria: 'MATCH_ALL',
          metadata_labels: [{ label_name: 'app', label_value: 'payments' }],
        },
      });
    });

    it('S12: ep references projects/my-project-id/locations/global/serverTlsPolicies/server-mtls-policy', () => {
      expect(endpointPolicyOf(json).server_tls_policy).toBe('projects/my-project-id/locations/global/serverTlsPolicies/server-mtls-policy');
    });

    it('S13: ep references projects/my-project-id/locations/global/authorizationPolicies/authz-policy', () => {
      expect(endpointPolicyOf(json).authorization_policy).toBe('projects/my-project-id/locations/global/authorizationPolicies/authz-policy');
    });

    it('S12: traffic_port_selector.ports are strings', () => {
      expect(endpointPolicyOf(json).traffic_port_selector).toEqual({ ports: ['8000'] });
    });

    it('S17: ep depends on the server TLS and authorization policies of the same stack', () => {
      expect(endpointPolicyOf(json).depends_on).toEqual([
        addressOf(json, 'google_network_security_server_tls_policy'),
        addressOf(json, 'google_network_security_authorization_policy'),
      ]);
    });

    it('S12: no client TLS policy and no warning when a server TLS policy is set', () => {
      expect(endpointPolicyOf(json)).not.toHaveProperty('client_tls_policy');
      expect(warningsUnder(stack)).toEqual([]);
    });

    it('S12: endpointPolicyName is projects/my-project-id/locations/global/endpointPolicies/ep', () => {
      expect(policy.resourceName).toBe('projects/my-project-id/locations/global/endpointPolicies/ep');
      expect(policy.name).toBe('ep');
      expect(policy.resource.terraformResourceType).toBe(ENDPOINT_POLICY);
    });
  });

  it('X1: without a server TLS policy, ep is rejected unless plaintext is allowed explicitly', () => {
    expect(() => endpointPolicy(googleStack())).toThrow(
      'test/Ep: serverTlsPolicy is required (got nothing). Secure the matched endpoints with a ServerTlsPolicy using ' +
      'ClientValidation.mutualTls() (S12), or set allowPlaintext: true to accept plaintext explicitly (X1).');
  });

  it('X1: allowPlaintext: true synthesizes ep without server TLS, as the named opt-out', () => {
    const stack = googleStack();
    endpointPolicy(stack, { allowPlaintext: true });
    const json = synth(stack);
    expect(endpointPolicyOf(json)).not.toHaveProperty('server_tls_policy');
    expect(endpointPolicyOf(json)).not.toHaveProperty('traffic_port_selector');
    expect(warningsUnder(stack)).toEqual([]);
  });

  it('S12: MATCH_ANY with several labels', () => {
    const stack = googleStack();
    endpointPolicy(stack, {
      serverTlsPolicy: serverMtlsPolicy(stack),
      matchLabels: { app: 'payments', tier: 'backend' },
      matchCriteria: MetadataLabelMatchCriteria.MATCH_ANY,
    });
    expect(endpointPolicyOf(synth(stack)).endpoint_matcher).toEqual({
      metadata_label_matcher: {
        metadata_label_match_criteria: 'MATCH_ANY',
        metadata_labels: [{ label_name: 'app', label_value: 'payments' }, { label_name: 'tier', label_value: 'backend' }],
      },
    });
  });

  it('S12: a GRPC_SERVER policy for proxyless gRPC servers', () => {
    const stack = googleStack();
    endpointPolicy(stack, { serverTlsPolicy: serverMtlsPolicy(stack), type: EndpointPolicyType.GRPC_SERVER });
    expect(endpointPolicyOf(synth(stack)).type).toBe('GRPC_SERVER');
  });

  it('S11: a client TLS policy renders client_tls_policy and a depends_on', () => {
    const stack = googleStack();
    endpointPolicy(stack, {
      serverTlsPolicy: serverMtlsPolicy(stack),
      clientTlsPolicy: new ClientTlsPolicy(stack, 'ClientMtls', { project: 'my-project-id', name: 'client-mtls-policy' }),
    });
    const json = synth(stack);
    expect(endpointPolicyOf(json).client_tls_policy).toBe('projects/my-project-id/locations/global/clientTlsPolicies/client-mtls-policy');
    expect(endpointPolicyOf(json).depends_on).toEqual([
      addressOf(json, 'google_network_security_server_tls_policy'),
      addressOf(json, 'google_network_security_client_tls_policy'),
    ]);
  });

  it('S12/S17: policies in another stack of the app become a stack dependency, not a depends_on or remote state', () => {
    const app = Testing.app();
    const policies = googleStack(new TerraformStack(app, 'policies'));
    const endpoints = googleStack(new TerraformStack(app, 'endpoints'));
    endpointPolicy(endpoints, { serverTlsPolicy: serverMtlsPolicy(policies), authorizationPolicy: seedAuthzPolicy(policies) });
    const json = synth(endpoints);
    expect(endpoints.dependencies).toEqual([policies]);
    expect(endpointPolicyOf(json)).not.toHaveProperty('depends_on');
    expect(endpointPolicyOf(json).server_tls_policy).toBe('projects/my-project-id/locations/global/serverTlsPolicies/server-mtls-policy');
    expect(JSON.stringify(json)).not.toContain('terraform_remote_state');
  });

  describe('X2: bad input', () => {
    it('S12/X2: an endpoint matcher with no labels is rejected', () => {
      const stack = googleStack();
      expect(() => endpointPolicy(stack, { matchLabels: {} })).toThrow(new Error(
        'test/Ep: matchLabels must name at least one label (got {}). ' +
        'Match the workloads\' proxy metadata, e.g. matchLabels: { app: "payments" } for pods annotated ' +
        'cloud.google.com/proxyMetadata: \'{"app": "payments"}\'.'));
    });

    it.each([[0], [65536]])('S12/X2: traffic port %d is rejected', (port) => {
      const stack = googleStack();
      expect(() => endpointPolicy(stack, { ports: [8000, port] })).toThrow(new Error(
        `test/Ep: ports[1] is not a TCP port (got ${port}). Use an integer from 1 to 65535.`));
    });

    it('S12/X2: a location other than global is rejected', () => {
      const stack = googleStack();
      expect(() => endpointPolicy(stack, { location: 'us-east1' })).toThrow(new Error(
        'test/Ep: location must be "global" for Cloud Service Mesh (got "us-east1"). ' +
        'Traffic Director only reads service-security and routing resources from the global location; remove the location or set it to "global".'));
    });

    it('X2: a name that is not a resource name is rejected', () => {
      const stack = googleStack();
      expect(() => endpointPolicy(stack, { name: 'EP' })).toThrow(new Error(
        'test/Ep: name is not a valid Google Cloud resource name (got "EP"). ' +
        'Use 1-63 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.'));
    });
  });

  it('X5: unresolved ports, name and label values are not rejected', () => {
    const stack = googleStack();
    endpointPolicy(stack, {
      name: Token.asString(Fn.lower('EP')),
      serverTlsPolicy: serverMtlsPolicy(stack),
      matchLabels: { app: Token.asString(Fn.lower('PAYMENTS')) },
      ports: [Token.asNumber(Fn.parseint('8000', 10))],
    });
    expect(endpointPolicyOf(synth(stack))).toMatchObject({
      name: '${lower("EP")}',
      endpoint_matcher: { metadata_label_matcher: { metadata_labels: [{ label_name: 'app', label_value: '${lower("PAYMENTS")}' }] } },
      traffic_port_selector: { ports: ['${parseint("8000", 10)}'] },
    });
  });
});
