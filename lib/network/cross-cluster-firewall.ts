import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { Construct } from 'constructs';
import { invalidInput } from '../core/errors';
import { contentId } from '../core/ids';
import { claimUniqueName } from '../core/unique-names';
import { checkList, checkProps, isUnresolved } from '../core/validation';
import { checkCluster, IGkeCluster } from '../gke/cluster/gke-cluster';

/** Properties of a {@link CrossClusterFirewall}. */
export interface CrossClusterFirewallProps {
  /** Clusters on one VPC network whose pods must reach each other's nodes; at least two. */
  readonly clusters: IGkeCluster[];
}

/** The protocols the seeds open between clusters (S3). */
const PROTOCOLS = ['tcp', 'udp', 'icmp', 'esp', 'ah', 'sctp'];

/**
 * Multi-cluster mesh (S3): for each cluster, a firewall rule `per-CLUSTER-pods` letting its pod CIDR
 * reach the nodes of every other cluster (target tag = their node tag) on tcp, udp, icmp, esp, ah and sctp.
 *
 * @example
 * // per-cluster-a-pods and per-cluster-b-pods: each cluster's pods may reach the other's nodes.
 * new network.CrossClusterFirewall(stack, 'PodToNode', { clusters: [clusterA, clusterB] });
 */
export class CrossClusterFirewall extends Construct {
  /** The `google_compute_firewall` rules, one per cluster in the order given (escape hatch). */
  public readonly rules: ComputeFirewall[];

  constructor(scope: Construct, id: string, props: CrossClusterFirewallProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { clusters }, every cluster of the multi-cluster mesh');
    const clusters = props.clusters;
    checkList(this, 'clusters', clusters, 'Pass every cluster of the multi-cluster mesh, e.g. [cluster, peerCluster]');
    clusters.forEach((cluster, i) => checkCluster(this, `clusters[${i}]`, cluster));
    if (clusters.length < 2) {
      throw invalidInput(this, 'clusters', 'needs at least two clusters', clusters.map((c) => c.name),
        'Pass every cluster of the multi-cluster mesh');
    }
    const { network, project } = clusters[0];
    const other = clusters.find((c) => !isUnresolved(c.network) && c.network !== network);
    if (other) {
      throw invalidInput(this, `clusters (${other.name}).network`, `differs from the first cluster's network "${network}"`, other.network,
        'Pod-to-node firewall rules apply within one VPC network; peer the networks and add rules per network');
    }
    const elsewhere = clusters.find((c) => !isUnresolved(c.project) && !isUnresolved(project) && c.project !== project);
    if (elsewhere) {
      throw invalidInput(this, `clusters (${elsewhere.name}).project`, `differs from the first cluster's project "${project}"`, elsewhere.project,
        'The rules are created in one project, which must own the network; for clusters of several projects on a Shared VPC, ' +
        'create the rules in the host project');
    }
    // A tag shared by two clusters would let one cluster's pods reach every node carrying it, not only the peer's.
    clusters.forEach((cluster, i) => {
      const first = clusters.findIndex((c) => c.nodeTag === cluster.nodeTag);
      if (first < i && !isUnresolved(cluster.nodeTag)) {
        throw invalidInput(this, `clusters (${cluster.name}).nodeTag`, `is also the node tag of cluster "${clusters[first].name}"`, cluster.nodeTag,
          'Give each cluster a tag only its own nodes carry: for an adopted cluster pass nodeTag, e.g. the gke-CLUSTER-HASH-node tag GKE puts on its nodes');
      }
    });
    for (const source of clusters) claimUniqueName(this, `clusters (${source.name})`, 'firewall rule', [project, `per-${source.name}-pods`], `project ${project}`);
    this.rules = clusters.map((source) => new ComputeFirewall(this, contentId(`per-${source.name}-pods`), {
      project,
      name: `per-${source.name}-pods`,
      network,
      direction: 'INGRESS',
      sourceRanges: [source.podCidr],
      targetTags: clusters.filter((c) => c !== source).map((c) => c.nodeTag),
      allow: PROTOCOLS.map((protocol) => ({ protocol })),
    }));
  }
}
