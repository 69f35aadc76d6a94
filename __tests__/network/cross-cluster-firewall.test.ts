import { Fn, TerraformStack, Token } from 'cdktf';
import { GkeCluster, GkeClusterAttributes, IGkeCluster } from '../../lib/gke';
import { CrossClusterFirewall } from '../../lib/network';
import { resourcesOf, synth } from '../helpers/synth';
import { gcpStack } from '../gke/fixtures';

/** The seed's two clusters (seed 000, multi-cluster): pod CIDRs and node tags as `gcloud compute firewall-rules list` shows them. */
function seedClusters(stack: TerraformStack, overridesB: Partial<GkeClusterAttributes> = {}): IGkeCluster[] {
  return [
    GkeCluster.fromClusterAttributes(stack, 'ClusterA', {
      project: 'my-project-id', location: 'us-east1-b', name: 'cluster-a',
      podCidr: '10.4.0.0/14', nodeTag: 'gke-cluster-a-9cd18751-node',
    }),
    GkeCluster.fromClusterAttributes(stack, 'ClusterB', {
      project: 'my-project-id', location: 'us-east1-b', name: 'cluster-b',
      podCidr: '10.8.0.0/14', nodeTag: 'gke-cluster-b-acd14479-node', ...overridesB,
    }),
  ];
}

function ruleNamed(rules: Record<string, Record<string, unknown>>, name: string): Record<string, unknown> {
  const found = Object.values(rules).find((rule) => rule.name === name);
  if (!found) throw new Error(`no firewall rule named ${name}`);
  return found;
}

describe('CrossClusterFirewall', () => {
  describe('S3: the seed\'s per-cluster-a-pods and per-cluster-b-pods rules', () => {
    let rules: Record<string, Record<string, unknown>>;
    beforeAll(() => {
      const stack = gcpStack();
      new CrossClusterFirewall(stack, 'Firewall', { clusters: seedClusters(stack) });
      rules = resourcesOf(synth(stack), 'google_compute_firewall');
    });

    it('S3: exactly one rule per cluster', () => {
      expect(Object.values(rules).map((rule) => rule.name).sort()).toEqual(['per-cluster-a-pods', 'per-cluster-b-pods']);
    });

    it('S3: per-cluster-a-pods lets cluster-a pods (10.4.0.0/14) reach cluster-b nodes', () => {
      expect(ruleNamed(rules, 'per-cluster-a-pods')).toMatchObject({
        project: 'my-project-id',
        network: 'default',
        direction: 'INGRESS',
        source_ranges: ['10.4.0.0/14'],
        target_tags: ['gke-cluster-b-acd14479-node'],
      });
    });

    it('S3: per-cluster-b-pods lets cluster-b pods (10.8.0.0/14) reach cluster-a nodes', () => {
      expect(ruleNamed(rules, 'per-cluster-b-pods')).toMatchObject({
        direction: 'INGRESS',
        source_ranges: ['10.8.0.0/14'],
        target_tags: ['gke-cluster-a-9cd18751-node'],
      });
    });

    it.each(['per-cluster-a-pods', 'per-cluster-b-pods'])('S3: %s allows exactly tcp, udp, icmp, esp, ah, sctp on all ports', (name) => {
      const rule = ruleNamed(rules, name);
      expect(rule.allow).toEqual([
        { protocol: 'tcp' }, { protocol: 'udp' }, { protocol: 'icmp' },
        { protocol: 'esp' }, { protocol: 'ah' }, { protocol: 'sctp' },
      ]);
      expect(rule.deny).toBeUndefined();
    });
  });

  it('S3: a cluster created by the app contributes its pod range as known after apply', () => {
    const stack = gcpStack();
    const created = new GkeCluster(stack, 'ClusterC', { project: 'my-project-id', location: 'us-east1-b', name: 'cluster-c' });
    const [a] = seedClusters(stack);
    new CrossClusterFirewall(stack, 'Firewall', { clusters: [a, created] });
    const rules = resourcesOf(synth(stack), 'google_compute_firewall');
    expect(ruleNamed(rules, 'per-cluster-c-pods').source_ranges).toEqual([
      expect.stringMatching(/^\$\{google_container_cluster\.[A-Za-z0-9_-]+\.cluster_ipv4_cidr\}$/),
    ]);
    expect(ruleNamed(rules, 'per-cluster-a-pods').target_tags).toEqual(['cluster-c-node']);
  });

  it('S3: with three clusters each rule targets the nodes of both other clusters', () => {
    const stack = gcpStack();
    const [a, b] = seedClusters(stack);
    const c = GkeCluster.fromClusterAttributes(stack, 'ClusterC', {
      project: 'my-project-id', location: 'us-east1-c', name: 'cluster-c', podCidr: '10.12.0.0/14', nodeTag: 'gke-cluster-c-node',
    });
    new CrossClusterFirewall(stack, 'Firewall', { clusters: [a, b, c] });
    const rules = resourcesOf(synth(stack), 'google_compute_firewall');
    expect(ruleNamed(rules, 'per-cluster-c-pods')).toMatchObject({
      source_ranges: ['10.12.0.0/14'],
      target_tags: ['gke-cluster-a-9cd18751-node', 'gke-cluster-b-acd14479-node'],
    });
  });

  it('S3/X2: a single cluster is rejected', () => {
    const stack = gcpStack();
    const [a] = seedClusters(stack);
    expect(() => new CrossClusterFirewall(stack, 'Firewall', { clusters: [a] })).toThrow(new Error(
      'test/Firewall: clusters needs at least two clusters (got ["cluster-a"]). Pass every cluster of the multi-cluster mesh.'));
  });

  it('S3/X2: clusters on different VPC networks are rejected', () => {
    const stack = gcpStack();
    const clusters = seedClusters(stack, { network: 'other-vpc' });
    expect(() => new CrossClusterFirewall(stack, 'Firewall', { clusters })).toThrow(new Error(
      'test/Firewall: clusters (cluster-b).network differs from the first cluster\'s network "default" (got "other-vpc"). ' +
      'Pod-to-node firewall rules apply within one VPC network; peer the networks and add rules per network.'));
  });

  it('X5: a network known only at apply time is not rejected', () => {
    const stack = gcpStack();
    const clusters = seedClusters(stack, { network: Token.asString(Fn.lower('X')) });
    new CrossClusterFirewall(stack, 'Firewall', { clusters });
    const json = synth(stack);
    expect(Object.keys(resourcesOf(json, 'google_compute_firewall'))).toHaveLength(2);
  });

  it('X5: an unresolved pod CIDR of an adopted cluster is passed through', () => {
    const stack = gcpStack();
    const [a, b] = seedClusters(stack, { podCidr: Token.asString(Fn.lower('X')) });
    new CrossClusterFirewall(stack, 'Firewall', { clusters: [b, a] });
    const json = synth(stack);
    const rules = resourcesOf(json, 'google_compute_firewall');
    expect(ruleNamed(rules, 'per-cluster-b-pods').source_ranges).toEqual(['${lower("X")}']);
    expect(ruleNamed(rules, 'per-cluster-a-pods').target_tags).toEqual(['gke-cluster-b-acd14479-node']);
  });

  it('X5: cluster names known only at apply time name the rules but never a construct id', () => {
    const stack = gcpStack();
    const a = GkeCluster.fromClusterAttributes(stack, 'A', { location: 'us-east1-b', name: Token.asString(Fn.lower('CLUSTER-A')), podCidr: '10.4.0.0/14', nodeTag: 'gke-a-node' });
    const b = GkeCluster.fromClusterAttributes(stack, 'B', { location: 'us-east1-c', name: Token.asString(Fn.lower('CLUSTER-B')), podCidr: '10.8.0.0/14', nodeTag: 'gke-b-node' });
    new CrossClusterFirewall(stack, 'Firewall', { clusters: [a, b] });
    const rules = Object.values(resourcesOf(synth(stack), 'google_compute_firewall'));
    expect(rules.map((r) => r.name).sort()).toEqual(['per-${lower("CLUSTER-A")}-pods', 'per-${lower("CLUSTER-B")}-pods']);
    expect(stack.node.findAll().map((c) => c.node.id).filter((id) => id.includes('TfToken'))).toEqual([]);
  });
});
