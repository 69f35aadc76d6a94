import { IConstruct } from 'constructs';
import type { IGkeCluster } from '../../gke/cluster/gke-cluster';

/**
 * The pods a Service selects and the ports they serve on, as cdk8s-plus Services take a pod selector rather
 * than a Deployment. {@link MeshWorkload} is one; so is any workload a team deploys by other means.
 */
export interface IWorkloadSelector extends IConstruct {
  /** The cluster the pods run in. */
  readonly cluster: IGkeCluster;
  /** Kubernetes namespace of the pods; a Service selecting them must live in it. */
  readonly namespace: string;
  /** Labels that select exactly the workload's pods. */
  readonly podLabels: { [key: string]: string };
  /** The port the application serves on, when it serves. */
  readonly containerPort?: number;
  /** Inbound ports the sidecar intercepts (empty when none). */
  readonly inboundPorts: number[];
}
