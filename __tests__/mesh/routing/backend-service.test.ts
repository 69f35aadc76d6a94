import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { App, Fn, TerraformStack, Testing, Token } from 'cdktf';
import { SpiffeId } from '../../../lib/core/spiffe';
import { GkeCluster } from '../../../lib/gke/cluster/gke-cluster';
import { KubernetesServiceAccount } from '../../../lib/gke/in-cluster/kubernetes-service-account';
import { MeshServiceAccount } from '../../../lib/gke/cluster/mesh-service-account';
import { MeshBackendService, MeshBackendServiceProps } from '../../../lib/mesh/routing/backend-service';
import { ClientTlsPolicy } from '../../../lib/mesh/policy/client-tls-policy';
import { MeshHealthCheck } from '../../../lib/mesh/routing/health-check';
import { NetworkEndpointGroupRef } from '../../../lib/mesh/routing/network-endpoint-group';
import { addressOf, warningsUnder } from '../../gke/fixtures';
import { googleStack, onlyResource, StackJson, synth } from '../../helpers/synth';

const BACKEND_SERVICE = 'google_compute_backend_service';


/** The seeds' NEG `service-test-neg` in zone us-east1-b (S10). */
const SERVICE_TEST_NEG = NetworkEndpointGroupRef.fromName('my-project-id', 'us-east1-b', 'service-test-neg');

/** L1's health check and S11's client-mtls-policy in `stack`. */
function seedPolicies(stack: TerraformStack): { healthCheck: MeshHealthCheck; clientTlsPolicy: ClientTlsPolicy } {
  return {
    healthCheck: new MeshHealthCheck(stack, 'HealthCheck', { project: 'my-project-id', name: 'td-gke-health-check' }),
    clientTlsPolicy: new ClientTlsPolicy(stack, 'ClientMtls', { project: 'my-project-id', name: 'client-mtls-policy' }),
  };
}

/**
 * The seeds' demo-server KSA in a Kubernetes stack of the same app, acting as the mesh Google service account of
 * cluster secure-td-cluster in my-project-id (S8).
 */
function demoServerAccount(app: App, gcp: TerraformStack): KubernetesServiceAccount {
  const k8s = new TerraformStack(app, 'k8s');
  new KubernetesProvider(k8s, 'kubernetes', {});
  const cluster = GkeCluster.fromClusterAttributes(gcp, 'Cluster', {
    project: 'my-project-id', location: 'us-east1-b', name: 'secure-td-cluster',
  });
  const account = new MeshServiceAccount(gcp, 'MeshSa', { cluster });
  return new KubernetesServiceAccount(k8s, 'DemoServer', { name: 'demo-server', googleServiceAccount: account });
}

function backendService(stack: TerraformStack, props: Partial<MeshBackendServiceProps> & Pick<MeshBackendServiceProps, 'healthCheck'>): MeshBackendService {
  return new MeshBackendService(stack, 'Backend', {
    project: 'my-project-id',
    name: 'td-gke-service',
    networkEndpointGroups: [SERVICE_TEST_NEG],
    ...props,
  });
}

function backendOf(json: StackJson): Record<string, unknown> {
  return onlyResource(json, BACKEND_SERVICE);
}

describe('MeshBackendService', () => {
  describe('L2/S11: the seeds\' td-gke-service with client-mtls-policy and the demo-server identity', () => {
    let json: StackJson;
    let gcp: TerraformStack;
    let backend: MeshBackendService;
    beforeAll(() => {
      const app = Testing.app();
      gcp = googleStack(new TerraformStack(app, 'gcp'));
      const { healthCheck, clientTlsPolicy } = seedPolicies(gcp);
      backend = backendService(gcp, { healthCheck, clientTlsPolicy, serverServiceAccount: demoServerAccount(app, gcp) });
      json = synth(gcp);
    });

    it('L2: td-gke-service is a global INTERNAL_SELF_MANAGED backend service', () => {
      expect(backendOf(json)).toMatchObject({ name: 'td-gke-service', project: 'my-project-id', load_balancing_scheme: 'INTERNAL_SELF_MANAGED' });
    });

    it('L2: it uses projects/my-project-id/global/healthChecks/td-gke-health-check', () => {
      expect(backendOf(json).health_checks).toEqual(['projects/my-project-id/global/healthChecks/td-gke-health-check']);
    });

    it('L2: its backend is the NEG service-test-neg in us-east1-b, RATE with max 5 per endpoint', () => {
      expect(backendOf(json).backend).toEqual([{
        group: 'projects/my-project-id/zones/us-east1-b/networkEndpointGroups/service-test-neg',
        balancing_mode: 'RATE',
        max_rate_per_endpoint: 5,
      }]);
    });

    it('S11: security_settings attach client-mtls-policy and require the demo-server SPIFFE ID', () => {
      expect(backendOf(json).security_settings).toEqual({
        client_tls_policy: 'projects/my-project-id/locations/global/clientTlsPolicies/client-mtls-policy',
        subject_alt_names: ['spiffe://my-project-id.svc.id.goog/ns/default/sa/demo-server'],
      });
    });

    it('S17: the backend service depends on the health check and the client TLS policy', () => {
      expect(backendOf(json).depends_on).toEqual([
        addressOf(json, 'google_compute_health_check'),
        addressOf(json, 'google_network_security_client_tls_policy'),
      ]);
    });

    it('S11: no warning when the server identity is pinned', () => {
      expect(warningsUnder(gcp)).toEqual([]);
    });

    it('S8: the Kubernetes service account of the other stack is read as a plain SPIFFE ID: no remote state', () => {
      expect(json.data?.terraform_remote_state).toBeUndefined();
      expect(JSON.stringify(json)).not.toContain('terraform_remote_state');
    });

    it('L3: backendServiceName is projects/my-project-id/global/backendServices/td-gke-service', () => {
      expect(backend.resourceName).toBe('projects/my-project-id/global/backendServices/td-gke-service');
      expect(backend.project).toBe('my-project-id');
      expect(backend.name).toBe('td-gke-service');
      expect(backend.resource.terraformResourceType).toBe(BACKEND_SERVICE);
    });
  });

  it('S11: subjectAltNames are appended to the server account\'s SPIFFE ID', () => {
    const app = Testing.app();
    const gcp = googleStack(new TerraformStack(app, 'gcp'));
    const { healthCheck, clientTlsPolicy } = seedPolicies(gcp);
    backendService(gcp, {
      healthCheck,
      clientTlsPolicy,
      serverServiceAccount: demoServerAccount(app, gcp),
      subjectAltNames: [SpiffeId.of('spiffe://my-project-id.svc.id.goog/ns/default/sa/demo-server-canary')],
    });
    expect((backendOf(synth(gcp)).security_settings as Record<string, unknown>).subject_alt_names).toEqual([
      'spiffe://my-project-id.svc.id.goog/ns/default/sa/demo-server',
      'spiffe://my-project-id.svc.id.goog/ns/default/sa/demo-server-canary',
    ]);
  });

  it('S11/X1: a client TLS policy without a server identity warns but synthesizes', () => {
    const stack = googleStack();
    const { healthCheck, clientTlsPolicy } = seedPolicies(stack);
    backendService(stack, { healthCheck, clientTlsPolicy });
    const json = synth(stack);
    expect(backendOf(json).security_settings).toEqual({
      client_tls_policy: 'projects/my-project-id/locations/global/clientTlsPolicies/client-mtls-policy',
    });
    expect(warningsUnder(stack)).toEqual([
      'Backend service "td-gke-service" accepts any mesh identity as server: ' +
      'set serverServiceAccount (or subjectAltNames) so clients verify they reached the right workload (S11).',
    ]);
  });

  it('X1: allowPlaintext renders no security_settings', () => {
    const stack = googleStack();
    const { healthCheck } = seedPolicies(stack);
    backendService(stack, { healthCheck, allowPlaintext: true });
    const json = synth(stack);
    expect(backendOf(json)).not.toHaveProperty('security_settings');
    expect(backendOf(json).load_balancing_scheme).toBe('INTERNAL_SELF_MANAGED');
  });

  it('L2/S17: a health check and client TLS policy in another stack make a stack dependency, not a remote state', () => {
    const app = Testing.app();
    const policies = googleStack(new TerraformStack(app, 'policies'));
    const services = googleStack(new TerraformStack(app, 'services'));
    const { healthCheck, clientTlsPolicy } = seedPolicies(policies);
    backendService(services, { healthCheck, clientTlsPolicy, subjectAltNames: [SpiffeId.of('spiffe://my-project-id.svc.id.goog/ns/default/sa/demo-server')] });
    const json = synth(services);
    expect(services.dependencies).toEqual([policies]);
    expect(backendOf(json)).not.toHaveProperty('depends_on');
    expect(backendOf(json).health_checks).toEqual(['projects/my-project-id/global/healthChecks/td-gke-health-check']);
    expect(JSON.stringify(json)).not.toContain('terraform_remote_state');
  });

  describe('X2: bad input', () => {
    it('S11/X1/X2: a backend without clientTlsPolicy and without allowPlaintext is rejected', () => {
      const stack = googleStack();
      const { healthCheck } = seedPolicies(stack);
      expect(() => backendService(stack, { healthCheck })).toThrow(new Error(
        'test/Backend: clientTlsPolicy is required (got nothing). ' +
        'Secure calls to this service with a ClientTlsPolicy (S11), or set allowPlaintext: true to send plaintext explicitly.'));
    });

    it('L2/X2: no network endpoint groups is rejected', () => {
      const stack = googleStack();
      const { healthCheck, clientTlsPolicy } = seedPolicies(stack);
      expect(() => backendService(stack, { healthCheck, clientTlsPolicy, networkEndpointGroups: [] })).toThrow(new Error(
        'test/Backend: networkEndpointGroups must not be empty (got []). ' +
        'Pass the NEGs GKE creates for the service, e.g. negService.networkEndpointGroups.'));
    });

    it.each([[0], [2.5]])('L2/X2: maxRatePerEndpoint %d is rejected with RATE', (rate) => {
      const stack = googleStack();
      const { healthCheck, clientTlsPolicy } = seedPolicies(stack);
      expect(() => backendService(stack, { healthCheck, clientTlsPolicy, maxRatePerEndpoint: rate })).toThrow(new Error(
        `test/Backend: maxRatePerEndpoint must be an integer from 1 to 1000000 (got ${rate}). Use a value from 1 to 1000000.`));
    });

    it('S11/X2: a malformed subject alternative name is rejected', () => {
      const stack = googleStack();
      const { healthCheck, clientTlsPolicy } = seedPolicies(stack);
      expect(() => backendService(stack, {
        healthCheck, clientTlsPolicy, subjectAltNames: [SpiffeId.of('spiffe://my-project-id.svc.id.goog/ns//sa/x')],
      })).toThrow(new Error(
        'test/Backend: subjectAltNames[0] is not a valid SPIFFE ID: it has an empty path segment (got "spiffe://my-project-id.svc.id.goog/ns//sa/x"). ' +
        'Use spiffe://TRUST_DOMAIN/ns/NAMESPACE/sa/SERVICE_ACCOUNT, e.g. SpiffeId.forKubernetesServiceAccount("my-project.svc.id.goog", "default", "client").'));
    });

    it('L2/X2: a name that is not a resource name is rejected', () => {
      const stack = googleStack();
      const { healthCheck, clientTlsPolicy } = seedPolicies(stack);
      expect(() => backendService(stack, { healthCheck, clientTlsPolicy, name: 'td-gke-service-' })).toThrow(new Error(
        'test/Backend: name is not a valid Google Cloud resource name (got "td-gke-service-"). ' +
        'Use 1-63 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.'));
    });
  });

  it('X5: an unresolved name, max rate and subject alternative name are not rejected', () => {
    const stack = googleStack();
    const { healthCheck, clientTlsPolicy } = seedPolicies(stack);
    backendService(stack, {
      healthCheck,
      clientTlsPolicy,
      name: Token.asString(Fn.lower('TD-GKE-SERVICE')),
      maxRatePerEndpoint: Token.asNumber(Fn.parseint('5', 10)),
      subjectAltNames: [SpiffeId.of(Token.asString(Fn.lower('SPIFFE://MY-PROJECT-ID.SVC.ID.GOOG/NS/DEFAULT/SA/DEMO-SERVER')))],
    });
    expect(backendOf(synth(stack))).toMatchObject({
      name: '${lower("TD-GKE-SERVICE")}',
      backend: [{ max_rate_per_endpoint: '${parseint("5", 10)}' }],
      security_settings: { subject_alt_names: ['${lower("SPIFFE://MY-PROJECT-ID.SVC.ID.GOOG/NS/DEFAULT/SA/DEMO-SERVER")}'] },
    });
  });
});
