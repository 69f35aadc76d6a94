import { Fn, TerraformStack, Token } from 'cdktf';
import { Gateway, GatewayProps } from '../../../lib/mesh/routing/gateway';
import { ClientValidation, ServerTlsPolicy } from '../../../lib/mesh/policy/server-tls-policy';
import { addressOf, warningsUnder } from '../../gke/fixtures';
import { googleStack, onlyResource, resourcesOf, StackJson, synth } from '../../helpers/synth';
import { authzGatewayPolicy, DEMO_CLIENT, endpointAuthzPolicy } from '../fixtures';

const GATEWAY = 'google_network_services_gateway';
const AUTHORIZATION_POLICY = 'google_network_security_authorization_policy';


/** S15's server-tls-policy. */
function serverTlsPolicy(stack: TerraformStack): ServerTlsPolicy {
  return new ServerTlsPolicy(stack, 'ServerTls', {
    project: 'my-project-id', name: 'server-tls-policy', description: 'tls server policy', clientValidation: ClientValidation.none(),
  });
}

/** R3's td-gke-gateway (td-gke-gateway.yaml) without TLS settings. */
const GATEWAY_PROPS = { project: 'my-project-id', name: 'td-gke-gateway', gatewayScope: 'gateway-proxy', ports: [8080] };

/** R3's td-gke-gateway with S15's server-tls-policy. */
function tdGkeGateway(stack: TerraformStack, props: Partial<GatewayProps> = {}): Gateway {
  return new Gateway(stack, 'Gateway', { ...GATEWAY_PROPS, serverTlsPolicy: serverTlsPolicy(stack), ...props });
}

function gatewayOf(json: StackJson): Record<string, unknown> {
  return onlyResource(json, GATEWAY);
}

/** The only Terraform output whose name contains `gateway_authorization_attachment`. */
function attachmentOutput(json: StackJson): { value: string; description: string } {
  const outputs = (json.output ?? {}) as Record<string, { value: string; description: string }>;
  // The warning tells users to read this exact output name.
  const output = outputs['authorization_attachment_td-gke-gateway'];
  if (!output) throw new Error(`expected output authorization_attachment_td-gke-gateway, found ${Object.keys(outputs).join(', ')}`);
  return output;
}

describe('Gateway', () => {
  describe('R3: the seeds\' td-gke-gateway', () => {
    let json: StackJson;
    let gateway: Gateway;
    beforeAll(() => {
      const stack = googleStack();
      gateway = tdGkeGateway(stack);
      json = synth(stack);
    });

    it('R3: td-gke-gateway is an OPEN_MESH gateway with scope gateway-proxy on ports [8080]', () => {
      expect(gatewayOf(json)).toMatchObject({
        name: 'td-gke-gateway',
        project: 'my-project-id',
        location: 'global',
        type: 'OPEN_MESH',
        scope: 'gateway-proxy',
        ports: [8080],
      });
    });

    it('R3/S15: it terminates TLS with projects/my-project-id/locations/global/serverTlsPolicies/server-tls-policy', () => {
      expect(gatewayOf(json).server_tls_policy).toBe('projects/my-project-id/locations/global/serverTlsPolicies/server-tls-policy');
    });

    it('S17: the gateway depends on its server TLS policy', () => {
      expect(gatewayOf(json).depends_on).toEqual([addressOf(json, 'google_network_security_server_tls_policy')]);
    });

    it('R4: gatewayName is projects/my-project-id/locations/global/gateways/td-gke-gateway; gatewayScope is gateway-proxy', () => {
      expect(gateway.resourceName).toBe('projects/my-project-id/locations/global/gateways/td-gke-gateway');
      expect(gateway.gatewayScope).toBe('gateway-proxy');
      expect(gateway.ports).toEqual([8080]);
      expect(gateway.name).toBe('td-gke-gateway');
      expect(gateway.resource.terraformResourceType).toBe(GATEWAY);
    });

    it('R3: without an authorization policy there is no S16 output', () => {
      expect(json.output).toBeUndefined();
    });
  });

  it('X1: allowPlaintext renders a gateway without server_tls_policy', () => {
    const stack = googleStack();
    new Gateway(stack, 'Gateway', { ...GATEWAY_PROPS, allowPlaintext: true });
    const json = synth(stack);
    expect(gatewayOf(json)).not.toHaveProperty('server_tls_policy');
    expect(gatewayOf(json).type).toBe('OPEN_MESH');
  });

  describe('S16: authz-gateway-policy on td-gke-gateway', () => {
    let json: StackJson;
    let stack: TerraformStack;
    beforeAll(() => {
      stack = googleStack();
      tdGkeGateway(stack, {
        authorizationPolicy: authzGatewayPolicy(stack),
        authorizationEnforcedBy: endpointAuthzPolicy(stack),
      });
      json = synth(stack);
    });

    it('S16: a warning says the policy is not attached because the gateway has no authorization policy field', () => {
      const warnings = warningsUnder(stack);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('S16');
      expect(warnings[0]).toContain('authz-gateway-policy');
      expect(warnings[0]).toContain('has no authorization policy field');
      expect(warnings[0]).toContain('google_network_services_gateway');
      expect(warnings[0]).toContain('"authz-policy"');
    });

    it('S16: an output holds the manual attachment to td-gke-gateway', () => {
      const output = attachmentOutput(json);
      expect(output.value).toContain('gcloud network-services gateways export td-gke-gateway --location=global');
      expect(output.value).toContain('authorizationPolicy: projects/my-project-id/locations/global/authorizationPolicies/authz-gateway-policy');
      expect(output.value).toContain('gcloud network-services gateways import td-gke-gateway --location=global');
      expect(output.description).toContain('authz-gateway-policy');
    });

    it('S16: authz-gateway-policy is still synthesized (never dropped)', () => {
      const gatewayPolicy = Object.values(resourcesOf(json, AUTHORIZATION_POLICY)).find((p) => p.name === 'authz-gateway-policy');
      expect(gatewayPolicy).toMatchObject({
        action: 'ALLOW',
        location: 'global',
        rules: [{ destinations: [{ hosts: ['mesh-gateway'], ports: [8080], methods: ['GET'] }] }],
      });
    });

    it('S16: the gateway JSON has no authorization_policy key', () => {
      expect(gatewayOf(json)).not.toHaveProperty('authorization_policy');
      expect(JSON.stringify(resourcesOf(json, GATEWAY))).not.toContain('authorization_policy');
    });
  });

  describe('S16/X2: the enforcing endpoint policy is required and must cover the gateway policy', () => {
    it('S16/X2: authorizationPolicy without authorizationEnforcedBy is rejected', () => {
      const stack = googleStack();
      expect(() => tdGkeGateway(stack, { authorizationPolicy: authzGatewayPolicy(stack) })).toThrow(new Error(
        'test/Gateway: authorizationEnforcedBy is required because authorization policy "authz-gateway-policy" cannot be attached ' +
        'to the gateway "td-gke-gateway" by Terraform (got nothing). ' +
        'Pass the endpoint authorization policy that enforces the same hosts at the backends (S16), ' +
        'e.g. an authz-policy whose rule lists hosts ["mesh-gateway"].'));
    });

    it('S16/X2: an enforcing policy without host mesh-gateway is rejected, naming the host', () => {
      const stack = googleStack();
      const enforcedBy = endpointAuthzPolicy(stack, [{
        sources: [{ principals: [DEMO_CLIENT] }],
        destinations: [{ hosts: ['service-test'], ports: [8000], methods: ['GET'] }],
      }]);
      expect(() => tdGkeGateway(stack, { authorizationPolicy: authzGatewayPolicy(stack), authorizationEnforcedBy: enforcedBy })).toThrow(new Error(
        'test/Gateway: authorizationEnforcedBy does not cover host "mesh-gateway" of "authz-gateway-policy" (got "authz-policy"). ' +
        'Add "mesh-gateway" to the hosts of a rule in "authz-policy", so the backends enforce what the gateway cannot (S13, S16).'));
    });

    it('S16/X2: an enforcing policy allowing POST for mesh-gateway in another rule is rejected', () => {
      const stack = googleStack();
      const enforcedBy = endpointAuthzPolicy(stack, [
        { sources: [{ principals: [DEMO_CLIENT] }], destinations: [{ hosts: ['service-test', 'mesh-gateway'], ports: [8000], methods: ['GET'] }] },
        { sources: [{ principals: [DEMO_CLIENT] }], destinations: [{ hosts: ['mesh-gateway'], ports: [8000], methods: ['POST'] }] },
      ]);
      expect(() => tdGkeGateway(stack, { authorizationPolicy: authzGatewayPolicy(stack), authorizationEnforcedBy: enforcedBy })).toThrow(new Error(
        'test/Gateway: authorizationEnforcedBy allows methods for host "mesh-gateway" that "authz-gateway-policy" denies (got ["POST"]). ' +
        'Limit the methods for "mesh-gateway" in "authz-policy" to ["GET"].'));
    });
  });

  describe('X2: bad input', () => {
    it('S15/X1/X2: a gateway without serverTlsPolicy and without allowPlaintext is rejected', () => {
      const stack = googleStack();
      expect(() => new Gateway(stack, 'Gateway', GATEWAY_PROPS)).toThrow(new Error(
        'test/Gateway: serverTlsPolicy is required (got nothing). ' +
        'Terminate TLS at the gateway with a ServerTlsPolicy (S15), or set allowPlaintext: true to accept plaintext explicitly.'));
    });

    it.each([[0], [65536]])('R3/X2: gateway port %d is rejected', (port) => {
      const stack = googleStack();
      expect(() => tdGkeGateway(stack, { ports: [8080, port] })).toThrow(new Error(
        `test/Gateway: ports[1] is not a TCP port (got ${port}). Use an integer from 1 to 65535.`));
    });

    it('R3/X2: no ports is rejected', () => {
      const stack = googleStack();
      expect(() => tdGkeGateway(stack, { ports: [] })).toThrow(new Error(
        'test/Gateway: ports must not be empty (got []). List the ports the gateway listens on, e.g. [8080].'));
    });

    it('R3/X2: a location other than global is rejected', () => {
      const stack = googleStack();
      expect(() => tdGkeGateway(stack, { location: 'us-east1' })).toThrow(new Error(
        'test/Gateway: location must be "global" for Cloud Service Mesh (got "us-east1"). ' +
        'Traffic Director only reads service-security and routing resources from the global location; remove the location or set it to "global".'));
    });

    it('R3/X2: a scope that is not a resource name is rejected', () => {
      const stack = googleStack();
      expect(() => tdGkeGateway(stack, { gatewayScope: 'Gateway_Proxy' })).toThrow(new Error(
        'test/Gateway: gatewayScope is not a valid Google Cloud resource name (got "Gateway_Proxy"). ' +
        'Use 1-63 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.'));
    });
  });

  it('X5: unresolved ports, scope and name are not rejected', () => {
    const stack = googleStack();
    tdGkeGateway(stack, {
      name: Token.asString(Fn.lower('TD-GKE-GATEWAY')),
      gatewayScope: Token.asString(Fn.lower('GATEWAY-PROXY')),
      ports: [Token.asNumber(Fn.parseint('8080', 10))],
    });
    expect(gatewayOf(synth(stack))).toMatchObject({
      name: '${lower("TD-GKE-GATEWAY")}',
      scope: '${lower("GATEWAY-PROXY")}',
      ports: ['${parseint("8080", 10)}'],
    });
  });
});
