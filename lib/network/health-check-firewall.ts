import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { Construct } from 'constructs';
import { invalidInput } from '../core/errors';
import { claimUniqueName } from '../core/unique-names';
import { checkNotEmpty, checkProps, checkResourceName, isUnresolved } from '../core/validation';
import { checkCluster, IGkeCluster } from '../gke/cluster/gke-cluster';

/** Properties of a {@link HealthCheckFirewall}. */
export interface HealthCheckFirewallProps {
  /** Clusters whose nodes receive health checks; the rule targets their health-check tag (S2). */
  readonly clusters: IGkeCluster[];
  /**
   * Name of the firewall rule.
   * @default 'fw-allow-health-checks' (L1)
   */
  readonly name?: string;
}

/** Google's health checker ranges (L1). */
export const HEALTH_CHECKER_RANGES = ['35.191.0.0/16', '130.211.0.0/22'];

/**
 * Lets Google Cloud health checkers (35.191.0.0/16, 130.211.0.0/22) reach the mesh nodes on TCP (L1):
 * the seeds' `fw-allow-health-checks`, aimed at the clusters' health-check network tag rather than the
 * whole network (X1).
 */
export class HealthCheckFirewall extends Construct {
  /** The `google_compute_firewall` (escape hatch). */
  public readonly resource: ComputeFirewall;

  constructor(scope: Construct, id: string, props: HealthCheckFirewallProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { clusters }, the clusters running the mesh backends');
    checkNotEmpty(this, 'clusters', props.clusters, 'Pass the clusters running the mesh backends');
    props.clusters.forEach((cluster, i) => checkCluster(this, `clusters[${i}]`, cluster));
    const [first] = props.clusters;
    props.clusters.forEach((cluster, i) => {
      for (const field of ['project', 'network'] as const) {
        if (!isUnresolved(cluster[field]) && cluster[field] !== first[field]) {
          throw invalidInput(this, `clusters[${i}].${field}`, `differs from the first cluster's ${field} "${first[field]}"`, cluster[field],
            'A firewall rule belongs to one network of one project; create one HealthCheckFirewall per network');
        }
      }
    });
    const name = props.name ?? 'fw-allow-health-checks';
    checkResourceName(this, 'name', name);
    claimUniqueName(this, 'name', 'firewall rule', [first.project, name], `project ${first.project}`);
    this.resource = new ComputeFirewall(this, 'Resource', {
      project: first.project,
      name,
      network: first.network,
      direction: 'INGRESS',
      sourceRanges: HEALTH_CHECKER_RANGES,
      targetTags: [...new Set(props.clusters.map((c) => c.healthCheckTag))],
      allow: [{ protocol: 'tcp' }],
    });
  }
}
