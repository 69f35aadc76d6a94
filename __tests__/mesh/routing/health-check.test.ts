import { Fn, TerraformStack, Token } from 'cdktf';
import { MeshHealthCheck, MeshHealthCheckProps } from '../../../lib/mesh/routing/health-check';
import { googleStack, onlyResource, StackJson, synth } from '../../helpers/synth';

const HEALTH_CHECK = 'google_compute_health_check';


function healthCheck(stack: TerraformStack, props: Partial<MeshHealthCheckProps> = {}): MeshHealthCheck {
  return new MeshHealthCheck(stack, 'HealthCheck', { project: 'my-project-id', name: 'td-gke-health-check', ...props });
}

function healthCheckOf(json: StackJson): Record<string, unknown> {
  return onlyResource(json, HEALTH_CHECK);
}

describe('MeshHealthCheck', () => {
  describe('L1: the seeds\' td-gke-health-check (--use-serving-port)', () => {
    let json: StackJson;
    let check: MeshHealthCheck;
    beforeAll(() => {
      const stack = googleStack();
      check = healthCheck(stack);
      json = synth(stack);
    });

    it('L1: td-gke-health-check is an HTTP health check on the serving port (USE_SERVING_PORT)', () => {
      expect(healthCheckOf(json).http_health_check).toEqual({ port_specification: 'USE_SERVING_PORT', request_path: '/' });
    });

    it('L1: name and project', () => {
      expect(healthCheckOf(json)).toMatchObject({ name: 'td-gke-health-check', project: 'my-project-id' });
    });

    it('L2: healthCheckName is projects/my-project-id/global/healthChecks/td-gke-health-check', () => {
      expect(check.resourceName).toBe('projects/my-project-id/global/healthChecks/td-gke-health-check');
      expect(check.name).toBe('td-gke-health-check');
      expect(check.port).toBeUndefined();
      expect(check.resource.terraformResourceType).toBe(HEALTH_CHECK);
    });
  });

  it('S10/L1: an explicit port renders USE_FIXED_PORT and the port', () => {
    const stack = googleStack();
    const check = healthCheck(stack, { port: 15021 });
    expect(healthCheckOf(synth(stack)).http_health_check).toEqual({ port_specification: 'USE_FIXED_PORT', port: 15021, request_path: '/' });
    expect(check.port).toBe(15021);
  });

  it('L1: a request path is passed through', () => {
    const stack = googleStack();
    healthCheck(stack, { requestPath: '/healthz' });
    expect(healthCheckOf(synth(stack)).http_health_check).toEqual({ port_specification: 'USE_SERVING_PORT', request_path: '/healthz' });
  });

  describe('X2: bad input', () => {
    it.each([[0], [65536], [8000.5]])('L1/X2: health-check port %d is rejected', (port) => {
      const stack = googleStack();
      expect(() => healthCheck(stack, { port })).toThrow(new Error(
        `test/HealthCheck: port is not a TCP port (got ${port}). Use an integer from 1 to 65535.`));
    });

    it('L1/X2: a name that is not a resource name is rejected', () => {
      const stack = googleStack();
      expect(() => healthCheck(stack, { name: 'td_gke_health_check' })).toThrow(new Error(
        'test/HealthCheck: name is not a valid Google Cloud resource name (got "td_gke_health_check"). ' +
        'Use 1-63 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.'));
    });

    it('L1/X2: a project that is not a project ID is rejected', () => {
      const stack = googleStack();
      expect(() => healthCheck(stack, { project: 'MY-PROJECT-ID' })).toThrow(new Error(
        'test/HealthCheck: project is not a valid project ID (got "MY-PROJECT-ID"). ' +
        'Use the project ID (6-30 characters: lowercase letters, digits and hyphens, starting with a letter), not its display name or number.'));
    });
  });

  it('X5: an unresolved port, name and project are not rejected', () => {
    const stack = googleStack();
    healthCheck(stack, {
      project: Token.asString(Fn.lower('MY-PROJECT-ID')),
      name: Token.asString(Fn.lower('TD-GKE-HEALTH-CHECK')),
      port: Token.asNumber(Fn.parseint('15021', 10)),
    });
    expect(healthCheckOf(synth(stack))).toMatchObject({
      project: '${lower("MY-PROJECT-ID")}',
      name: '${lower("TD-GKE-HEALTH-CHECK")}',
      http_health_check: { port_specification: 'USE_FIXED_PORT', port: '${parseint("15021", 10)}' },
    });
  });
});
