import { Fn, TerraformStack, Token } from 'cdktf';
import { TrustDomain } from '../../../lib/core/spiffe';
import { AuthorizationAction, AuthorizationPolicy } from '../../../lib/mesh/policy/authorization-policy';
import { MeshBackendService } from '../../../lib/mesh/routing/backend-service';
import { ClientTlsPolicy } from '../../../lib/mesh/policy/client-tls-policy';
import { MeshHealthCheck } from '../../../lib/mesh/routing/health-check';
import { NetworkEndpointGroupRef } from '../../../lib/mesh/routing/network-endpoint-group';
import { RoutingRuleMap, RoutingRuleMapProps } from '../../../lib/mesh/routing/routing-rule-map';
import { ClientValidation, ServerTlsPolicy } from '../../../lib/mesh/policy/server-tls-policy';
import { addressOf, warningsUnder } from '../../gke/fixtures';
import { googleStack, onlyResource, resourcesOf, StackJson, synth } from '../../helpers/synth';
import { authzGatewayPolicy, DEMO_CLIENT, endpointAuthzPolicy } from '../fixtures';

const URL_MAP = 'google_compute_url_map';
const HTTP_PROXY = 'google_compute_target_http_proxy';
const HTTPS_PROXY = 'google_compute_target_https_proxy';
const FORWARDING_RULE = 'google_compute_global_forwarding_rule';
const AUTHORIZATION_POLICY = 'google_network_security_authorization_policy';


/** L2's td-gke-service (with S11's client-mtls-policy) that both routing rule maps send traffic to. */
function tdGkeService(stack: TerraformStack): MeshBackendService {
  return new MeshBackendService(stack, 'Backend', {
    project: 'my-project-id',
    name: 'td-gke-service',
    healthCheck: new MeshHealthCheck(stack, 'HealthCheck', { project: 'my-project-id', name: 'td-gke-health-check' }),
    networkEndpointGroups: [NetworkEndpointGroupRef.fromName('my-project-id', 'us-east1-b', 'service-test-neg')],
    clientTlsPolicy: new ClientTlsPolicy(stack, 'ClientMtls', { project: 'my-project-id', name: 'client-mtls-policy' }),
    subjectAltNames: [TrustDomain.forGkeProject('my-project-id').kubernetesServiceAccount('default', 'demo-server')],
  });
}

/** L3: td-gke-url-map → td-gke-proxy → td-gke-forwarding-rule on port 80. */
function sidecarRouting(stack: TerraformStack, props: Partial<RoutingRuleMapProps> = {}): RoutingRuleMap {
  return new RoutingRuleMap(stack, 'Routing', {
    project: 'my-project-id',
    urlMapName: 'td-gke-url-map',
    proxyName: 'td-gke-proxy',
    forwardingRuleName: 'td-gke-forwarding-rule',
    defaultService: tdGkeService(stack),
    port: 80,
    ...props,
  });
}

/** S15's server-tls-policy. */
function serverTlsPolicy(stack: TerraformStack): ServerTlsPolicy {
  return new ServerTlsPolicy(stack, 'ServerTls', {
    project: 'my-project-id', name: 'server-tls-policy', description: 'tls server policy', clientValidation: ClientValidation.none(),
  });
}

/** L4: td-gke-ig-url-map → td-gke-https-proxy (server-tls-policy) → td-gke-gateway-forwarding-rule on port 8080. */
function ingressRouting(stack: TerraformStack, props: Partial<RoutingRuleMapProps> = {}): RoutingRuleMap {
  return new RoutingRuleMap(stack, 'IngressRouting', {
    project: 'my-project-id',
    urlMapName: 'td-gke-ig-url-map',
    proxyName: 'td-gke-https-proxy',
    forwardingRuleName: 'td-gke-gateway-forwarding-rule',
    defaultService: tdGkeService(stack),
    port: 8080,
    serverTlsPolicy: serverTlsPolicy(stack),
    ...props,
  });
}

/** The output holding the manual S16 attachment of td-gke-https-proxy. */
function attachmentOutput(json: StackJson): { value: string; description: string } {
  const outputs = (json.output ?? {}) as Record<string, { value: string; description: string }>;
  // The warning tells users to read this exact output name.
  const output = outputs['authorization_attachment_td-gke-https-proxy'];
  if (!output) throw new Error(`expected output authorization_attachment_td-gke-https-proxy, found ${Object.keys(outputs).join(', ')}`);
  return output;
}

describe('RoutingRuleMap', () => {
  describe('L3: the seeds\' sidecar routing (td-gke-url-map, td-gke-proxy, td-gke-forwarding-rule)', () => {
    let json: StackJson;
    let routing: RoutingRuleMap;
    beforeAll(() => {
      const stack = googleStack();
      routing = sidecarRouting(stack);
      json = synth(stack);
    });

    it('L3: url map td-gke-url-map sends everything to projects/my-project-id/global/backendServices/td-gke-service', () => {
      expect(onlyResource(json, URL_MAP)).toMatchObject({
        name: 'td-gke-url-map',
        project: 'my-project-id',
        default_service: 'projects/my-project-id/global/backendServices/td-gke-service',
      });
    });

    it('L3: target HTTP proxy td-gke-proxy uses the url map', () => {
      expect(onlyResource(json, HTTP_PROXY)).toMatchObject({
        name: 'td-gke-proxy',
        project: 'my-project-id',
        url_map: 'projects/my-project-id/global/urlMaps/td-gke-url-map',
      });
      expect(resourcesOf(json, HTTPS_PROXY)).toEqual({});
    });

    it('L3: forwarding rule td-gke-forwarding-rule is INTERNAL_SELF_MANAGED on 0.0.0.0 port 80 of network default', () => {
      expect(onlyResource(json, FORWARDING_RULE)).toMatchObject({
        name: 'td-gke-forwarding-rule',
        project: 'my-project-id',
        load_balancing_scheme: 'INTERNAL_SELF_MANAGED',
        ip_address: '0.0.0.0',
        port_range: '80',
        network: 'projects/my-project-id/global/networks/default',
        target: 'projects/my-project-id/global/targetHttpProxies/td-gke-proxy',
      });
    });

    it('S17: url map → backend service, proxy → url map, forwarding rule → proxy dependencies', () => {
      expect(onlyResource(json, URL_MAP).depends_on).toEqual([addressOf(json, 'google_compute_backend_service')]);
      expect(onlyResource(json, HTTP_PROXY).depends_on).toEqual([addressOf(json, URL_MAP)]);
      expect(onlyResource(json, FORWARDING_RULE).depends_on).toEqual([addressOf(json, HTTP_PROXY)]);
    });

    it('L3: exposes the url map, the target proxy and the forwarding rule', () => {
      expect(routing.urlMap.terraformResourceType).toBe(URL_MAP);
      expect(routing.targetProxy.terraformResourceType).toBe(HTTP_PROXY);
      expect(routing.forwardingRule.terraformResourceType).toBe(FORWARDING_RULE);
    });
  });

  describe('L4: the seeds\' ingress gateway routing (td-gke-ig-url-map, td-gke-https-proxy, td-gke-gateway-forwarding-rule)', () => {
    let json: StackJson;
    beforeAll(() => {
      const stack = googleStack();
      ingressRouting(stack);
      json = synth(stack);
    });

    it('L4: url map td-gke-ig-url-map sends everything to td-gke-service', () => {
      expect(onlyResource(json, URL_MAP)).toMatchObject({
        name: 'td-gke-ig-url-map',
        default_service: 'projects/my-project-id/global/backendServices/td-gke-service',
      });
    });

    it('L4/S15: target HTTPS proxy td-gke-https-proxy binds the proxy and terminates TLS with server-tls-policy', () => {
      expect(onlyResource(json, HTTPS_PROXY)).toMatchObject({
        name: 'td-gke-https-proxy',
        project: 'my-project-id',
        proxy_bind: true,
        url_map: 'projects/my-project-id/global/urlMaps/td-gke-ig-url-map',
        server_tls_policy: 'projects/my-project-id/locations/global/serverTlsPolicies/server-tls-policy',
      });
      expect(resourcesOf(json, HTTP_PROXY)).toEqual({});
    });

    it('L4: forwarding rule td-gke-gateway-forwarding-rule is INTERNAL_SELF_MANAGED on 0.0.0.0 port 8080 of network default', () => {
      expect(onlyResource(json, FORWARDING_RULE)).toMatchObject({
        name: 'td-gke-gateway-forwarding-rule',
        load_balancing_scheme: 'INTERNAL_SELF_MANAGED',
        ip_address: '0.0.0.0',
        port_range: '8080',
        network: 'projects/my-project-id/global/networks/default',
        target: 'projects/my-project-id/global/targetHttpsProxies/td-gke-https-proxy',
      });
    });

    it('S17: the HTTPS proxy waits for the server TLS policy and the url map', () => {
      expect(onlyResource(json, HTTPS_PROXY).depends_on).toEqual([
        addressOf(json, 'google_network_security_server_tls_policy'),
        addressOf(json, URL_MAP),
      ]);
    });

    it('L4: without an authorization policy there is no S16 output', () => {
      expect(json.output).toBeUndefined();
    });
  });

  it('L3: another network and address are used in the forwarding rule', () => {
    const stack = googleStack();
    sidecarRouting(stack, { network: 'mesh-vpc', address: '10.0.0.10' });
    expect(onlyResource(synth(stack), FORWARDING_RULE)).toMatchObject({
      network: 'projects/my-project-id/global/networks/mesh-vpc',
      ip_address: '10.0.0.10',
    });
  });

  describe('S16: authz-gateway-policy on td-gke-https-proxy', () => {
    let json: StackJson;
    let stack: TerraformStack;
    beforeAll(() => {
      stack = googleStack();
      ingressRouting(stack, { authorizationPolicy: authzGatewayPolicy(stack), authorizationEnforcedBy: endpointAuthzPolicy(stack) });
      json = synth(stack);
    });

    it('S16: a warning says the policy is not attached because the proxy has no authorization policy field', () => {
      const warnings = warningsUnder(stack);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('S16');
      expect(warnings[0]).toContain('authz-gateway-policy');
      expect(warnings[0]).toContain('has no authorization policy field');
      expect(warnings[0]).toContain('google_compute_target_https_proxy');
      expect(warnings[0]).toContain('"authz-policy"');
      expect(warnings[0]).toContain('output "authorization_attachment_td-gke-https-proxy"');
    });

    it('S16: an output holds the manual attachment to td-gke-https-proxy', () => {
      const output = attachmentOutput(json);
      expect(output.value).toContain('gcloud compute target-https-proxies export td-gke-https-proxy');
      expect(output.value).toContain('authorizationPolicy: projects/my-project-id/locations/global/authorizationPolicies/authz-gateway-policy');
      expect(output.value).toContain('gcloud compute target-https-proxies import td-gke-https-proxy');
      expect(output.description).toContain('authz-gateway-policy');
    });

    it('S16: authz-gateway-policy is still synthesized (never dropped)', () => {
      const names = Object.values(resourcesOf(json, AUTHORIZATION_POLICY)).map((p) => p.name);
      expect(names).toEqual(expect.arrayContaining(['authz-gateway-policy', 'authz-policy']));
      const gatewayPolicy = Object.values(resourcesOf(json, AUTHORIZATION_POLICY)).find((p) => p.name === 'authz-gateway-policy');
      expect(gatewayPolicy).toMatchObject({
        action: 'ALLOW',
        rules: [{ destinations: [{ hosts: ['mesh-gateway'], ports: [8080], methods: ['GET'] }] }],
      });
    });

    it('S16: the target HTTPS proxy JSON has no authorization_policy key', () => {
      expect(onlyResource(json, HTTPS_PROXY)).not.toHaveProperty('authorization_policy');
      expect(JSON.stringify(resourcesOf(json, HTTPS_PROXY))).not.toContain('authorization_policy');
    });
  });

  describe('S16/X2: the enforcing endpoint policy is required and must cover the gateway policy', () => {
    it('S16/X2: authorizationPolicy without authorizationEnforcedBy is rejected', () => {
      const stack = googleStack();
      expect(() => ingressRouting(stack, { authorizationPolicy: authzGatewayPolicy(stack) })).toThrow(new Error(
        'test/IngressRouting: authorizationEnforcedBy is required because authorization policy "authz-gateway-policy" cannot be attached ' +
        'to the target HTTPS proxy "td-gke-https-proxy" by Terraform (got nothing). ' +
        'Pass the endpoint authorization policy that enforces the same hosts at the backends (S16), ' +
        'e.g. an authz-policy whose rule lists hosts ["mesh-gateway"].'));
    });

    it('S16/X2: an enforcing policy without host mesh-gateway is rejected, naming the host', () => {
      const stack = googleStack();
      const enforcedBy = endpointAuthzPolicy(stack, [{
        sources: [{ principals: [DEMO_CLIENT] }],
        destinations: [{ hosts: ['service-test'], ports: [8000], methods: ['GET'] }],
      }]);
      expect(() => ingressRouting(stack, { authorizationPolicy: authzGatewayPolicy(stack), authorizationEnforcedBy: enforcedBy })).toThrow(new Error(
        'test/IngressRouting: authorizationEnforcedBy does not cover host "mesh-gateway" of "authz-gateway-policy" (got "authz-policy"). ' +
        'Add "mesh-gateway" to the hosts of a rule in "authz-policy", so the backends enforce what the gateway cannot (S13, S16).'));
    });

    it('S16/X2: an enforcing policy allowing POST for mesh-gateway is rejected', () => {
      const stack = googleStack();
      const enforcedBy = endpointAuthzPolicy(stack, [{
        sources: [{ principals: [DEMO_CLIENT] }],
        destinations: [{ hosts: ['service-test', 'mesh-gateway'], ports: [8000], methods: ['GET', 'POST'] }],
      }]);
      expect(() => ingressRouting(stack, { authorizationPolicy: authzGatewayPolicy(stack), authorizationEnforcedBy: enforcedBy })).toThrow(new Error(
        'test/IngressRouting: authorizationEnforcedBy allows methods for host "mesh-gateway" that "authz-gateway-policy" denies (got ["POST"]). ' +
        'Limit the methods for "mesh-gateway" in "authz-policy" to ["GET"].'));
    });

    it.each([['*'], ['mesh-*'], ['*-gateway']])('S16/X2: a wildcard host %s allowing POST still counts as allowing POST for mesh-gateway', (pattern) => {
      const stack = googleStack();
      const enforcedBy = endpointAuthzPolicy(stack, [
        { sources: [{ principals: [DEMO_CLIENT] }], destinations: [{ hosts: ['mesh-gateway'], ports: [8000], methods: ['GET'] }] },
        { sources: [{ principals: [DEMO_CLIENT] }], destinations: [{ hosts: [pattern], ports: [8000], methods: ['POST'] }] },
      ]);
      expect(() => ingressRouting(stack, { authorizationPolicy: authzGatewayPolicy(stack), authorizationEnforcedBy: enforcedBy }))
        .toThrow('test/IngressRouting: authorizationEnforcedBy allows methods for host "mesh-gateway" that "authz-gateway-policy" denies (got ["POST"]).');
    });

    it('S16: a wildcard host allowing only GET covers mesh-gateway', () => {
      const stack = googleStack();
      const enforcedBy = endpointAuthzPolicy(stack, [
        { sources: [{ principals: [DEMO_CLIENT] }], destinations: [{ hosts: ['mesh-*'], ports: [8000], methods: ['GET'] }] },
      ]);
      expect(() => ingressRouting(stack, { authorizationPolicy: authzGatewayPolicy(stack), authorizationEnforcedBy: enforcedBy })).not.toThrow();
    });

    it('S16/X2: a DENY policy cannot be the enforcement', () => {
      const stack = googleStack();
      const enforcedBy = new AuthorizationPolicy(stack, 'Deny', {
        project: 'my-project-id', name: 'deny-policy', action: AuthorizationAction.DENY,
        rules: [{ destinations: [{ hosts: ['mesh-gateway'], ports: [8000], methods: ['GET'] }] }],
      });
      expect(() => ingressRouting(stack, { authorizationPolicy: authzGatewayPolicy(stack), authorizationEnforcedBy: enforcedBy })).toThrow(new Error(
        'test/IngressRouting: authorizationEnforcedBy must be an ALLOW policy (got "DENY"). ' +
        'Pass the endpoint policy that allows the gateway\'s traffic (e.g. the seeds\' authz-policy), not a DENY policy.'));
    });
  });

  describe('X2: bad input', () => {
    it.each([[0], [65536]])('L3/X2: port %d is rejected', (port) => {
      const stack = googleStack();
      expect(() => sidecarRouting(stack, { port })).toThrow(new Error(
        `test/Routing: port is not a TCP port (got ${port}). Use an integer from 1 to 65535.`));
    });

    it('L3/X2: a url map name that is not a resource name is rejected', () => {
      const stack = googleStack();
      expect(() => sidecarRouting(stack, { urlMapName: 'td_gke_url_map' })).toThrow(new Error(
        'test/Routing: urlMapName is not a valid Google Cloud resource name (got "td_gke_url_map"). ' +
        'Use 1-63 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.'));
    });

    it('L3/X2: a proxy name that is not a resource name is rejected', () => {
      const stack = googleStack();
      expect(() => sidecarRouting(stack, { proxyName: 'TD-GKE-PROXY' })).toThrow(new Error(
        'test/Routing: proxyName is not a valid Google Cloud resource name (got "TD-GKE-PROXY"). ' +
        'Use 1-63 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.'));
    });
  });

  it('X5: an unresolved port and names are not rejected', () => {
    const stack = googleStack();
    sidecarRouting(stack, {
      port: Token.asNumber(Fn.parseint('80', 10)),
      urlMapName: Token.asString(Fn.lower('TD-GKE-URL-MAP')),
      forwardingRuleName: Token.asString(Fn.lower('TD-GKE-FORWARDING-RULE')),
    });
    const json = synth(stack);
    expect(onlyResource(json, FORWARDING_RULE)).toMatchObject({ port_range: '${parseint("80", 10)}', name: '${lower("TD-GKE-FORWARDING-RULE")}' });
    expect(onlyResource(json, URL_MAP).name).toBe('${lower("TD-GKE-URL-MAP")}');
  });
});
