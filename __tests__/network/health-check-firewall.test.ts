import { Fn, TerraformStack, Token } from 'cdktf';
import { GkeCluster, GkeClusterAttributes } from '../../lib/gke/cluster/gke-cluster';
import { HealthCheckFirewall } from '../../lib/network/health-check-firewall';
import { googleStack, onlyResource, StackJson, synth } from '../helpers/synth';

const FIREWALL = 'google_compute_firewall';


/** The seeds' cluster, adopted by reference (S2). */
function seedCluster(stack: TerraformStack, id = 'Cluster', attrs: Partial<GkeClusterAttributes> = {}) {
  return GkeCluster.fromClusterAttributes(stack, id, {
    project: 'my-project-id', location: 'us-east1-b', name: 'secure-td-cluster', ...attrs,
  });
}

function firewallOf(json: StackJson): Record<string, unknown> {
  return onlyResource(json, FIREWALL);
}

describe('HealthCheckFirewall', () => {
  describe('L1: the seeds\' fw-allow-health-checks', () => {
    let json: StackJson;
    let firewall: HealthCheckFirewall;
    beforeAll(() => {
      const stack = googleStack();
      firewall = new HealthCheckFirewall(stack, 'Firewall', { clusters: [seedCluster(stack)] });
      json = synth(stack);
    });

    it('L1: fw-allow-health-checks is an INGRESS rule in network default of my-project-id', () => {
      expect(firewallOf(json)).toMatchObject({ name: 'fw-allow-health-checks', project: 'my-project-id', direction: 'INGRESS', network: 'default' });
    });

    it('L1: source ranges are exactly 35.191.0.0/16 and 130.211.0.0/22', () => {
      expect(firewallOf(json).source_ranges).toEqual(['35.191.0.0/16', '130.211.0.0/22']);
    });

    it('L1: it allows tcp only', () => {
      expect(firewallOf(json).allow).toEqual([{ protocol: 'tcp' }]);
      expect(firewallOf(json)).not.toHaveProperty('deny');
    });

    it('S2/L1/X1: it targets the cluster\'s health-check tag allow-health-checks, not the whole network', () => {
      expect(firewallOf(json).target_tags).toEqual(['allow-health-checks']);
      expect(firewallOf(json)).not.toHaveProperty('target_service_accounts');
    });

    it('L1: exposes the google_compute_firewall', () => {
      expect(firewall.resource.terraformResourceType).toBe(FIREWALL);
    });
  });

  it('S2/L1: several clusters sharing a tag give one target tag; different tags are all targeted', () => {
    const stack = googleStack();
    new HealthCheckFirewall(stack, 'Firewall', {
      clusters: [
        seedCluster(stack, 'A'),
        seedCluster(stack, 'B', { name: 'secure-td-cluster-b' }),
        seedCluster(stack, 'C', { name: 'secure-td-cluster-c', healthCheckTag: 'mesh-health-checks' }),
      ],
    });
    expect(firewallOf(synth(stack)).target_tags).toEqual(['allow-health-checks', 'mesh-health-checks']);
  });

  it('L1: the cluster\'s network and another rule name are used', () => {
    const stack = googleStack();
    new HealthCheckFirewall(stack, 'Firewall', { clusters: [seedCluster(stack, 'Cluster', { network: 'mesh-vpc' })], name: 'mesh-allow-health-checks' });
    expect(firewallOf(synth(stack))).toMatchObject({ name: 'mesh-allow-health-checks', network: 'mesh-vpc' });
  });

  describe('X2: bad input', () => {
    it.each([['network', { network: 'other-vpc' }, 'other-vpc'], ['project', { project: 'other-project' }, 'other-project']] as const)(
      'L1/X2: clusters on another %s are rejected', (field, attrs, value) => {
        const stack = googleStack();
        const clusters = [seedCluster(stack), seedCluster(stack, 'Other', { name: 'other-cluster', ...attrs })];
        expect(() => new HealthCheckFirewall(stack, 'Firewall', { clusters })).toThrow(new Error(
          `test/Firewall: clusters[1].${field} differs from the first cluster's ${field} "${field === 'network' ? 'default' : 'my-project-id'}" (got "${value}"). ` +
          'A firewall rule belongs to one network of one project; create one HealthCheckFirewall per network.'));
      });

    it('L1/X2: no clusters is rejected', () => {
      const stack = googleStack();
      expect(() => new HealthCheckFirewall(stack, 'Firewall', { clusters: [] })).toThrow(new Error(
        'test/Firewall: clusters must not be empty (got []). Pass the clusters running the mesh backends.'));
    });

    it('L1/X2: a name that is not a resource name is rejected', () => {
      const stack = googleStack();
      expect(() => new HealthCheckFirewall(stack, 'Firewall', { clusters: [seedCluster(stack)], name: 'fw_allow_health_checks' })).toThrow(new Error(
        'test/Firewall: name is not a valid Google Cloud resource name (got "fw_allow_health_checks"). ' +
        'Use 1-63 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.'));
    });
  });

  it('X5: an unresolved name and project are not rejected', () => {
    const stack = googleStack();
    new HealthCheckFirewall(stack, 'Firewall', {
      clusters: [seedCluster(stack, 'Cluster', { project: Token.asString(Fn.lower('MY-PROJECT-ID')) })],
      name: Token.asString(Fn.lower('FW-ALLOW-HEALTH-CHECKS')),
    });
    expect(firewallOf(synth(stack))).toMatchObject({ project: '${lower("MY-PROJECT-ID")}', name: '${lower("FW-ALLOW-HEALTH-CHECKS")}' });
  });
});
