import { IConstruct } from 'constructs';
import { formatProblem } from '../core/errors';

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

/** The S18 message for a construct that mounts mesh certificates on a cluster lacking the objects that issue them. */
export function missingCertificatesProblem(scope: IConstruct, clusterId: string, missing: string[]): string {
    return formatProblem(scope, 'cluster', `has no ${missing.join(' and no ')} in this app, which GKE needs to issue mesh certificates`, clusterId,
      `Create ${missing.map((kind) => `a ${kind}`).join(' and ')} for that cluster in its Kubernetes stack ` +
      `(e.g. new ${missing[0]}(stack, id, { cluster, ... })); without them pods never start: mounting gke-workload-certificates ` +
      'fails with "caPEM is nil (check active WorkloadCertificateConfig)" (seed 000, troubleshooting)');
}
