import { IConstruct } from 'constructs';

/**
 * Which clusters of an app have a WorkloadCertificateConfig and a TrustConfig, so a workload that asks
 * for managed certificates can be rejected when one is missing (S18: pods then fail to mount
 * `gke-workload-certificates`).
 */
interface ClusterCertificates {
  workloadCertificateConfig?: IConstruct;
  trustConfig?: IConstruct;
}

const BY_APP = new WeakMap<IConstruct, Map<string, ClusterCertificates>>();

function entry(scope: IConstruct, clusterId: string): ClusterCertificates {
  const root = scope.node.root;
  let clusters = BY_APP.get(root);
  if (!clusters) {
    clusters = new Map();
    BY_APP.set(root, clusters);
  }
  let found = clusters.get(clusterId);
  if (!found) {
    found = {};
    clusters.set(clusterId, found);
  }
  return found;
}

export function registerWorkloadCertificateConfig(scope: IConstruct, clusterId: string): void {
  entry(scope, clusterId).workloadCertificateConfig = scope;
}

export function registerTrustConfig(scope: IConstruct, clusterId: string): void {
  entry(scope, clusterId).trustConfig = scope;
}

/** The mesh-certificate objects missing for a cluster, by kind. */
export function missingMeshCertificateObjects(scope: IConstruct, clusterId: string): string[] {
  const found = BY_APP.get(scope.node.root)?.get(clusterId) ?? {};
  const missing: string[] = [];
  if (!found.workloadCertificateConfig) missing.push('WorkloadCertificateConfig');
  if (!found.trustConfig) missing.push('TrustConfig');
  return missing;
}
