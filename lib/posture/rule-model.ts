/**
 * Rules as the engine runs them.
 * @internal
 */
import type { CheckContext } from './context';
import type { PostureRuleInfo } from './rule';
import type { TfResource } from './tf-model';

/** What a rule reports about one resource. @internal */
export interface RuleHit {
  readonly resource: TfResource;
  /** Attribute path, e.g. `private_cluster_config.enable_private_nodes`. */
  readonly field: string;
  /** What is wrong, e.g. `is not true, so every node gets a public IP address`. */
  readonly problem: string;
  /** The value as `(got …)` shows it. */
  readonly value: string;
  /** The fix for this resource; the rule's general fix when absent. */
  readonly fix?: string;
}

/** A rule: its description and its check. @internal */
export interface PostureRule extends PostureRuleInfo {
  check(ctx: CheckContext): RuleHit[];
}

/** Where the reasons come from, named so a reader can find them (the seeds of the product). @internal */
export const SOURCES = {
  clusterTrust: 'Google Cloud, "GKE cluster trust" (control plane, nodes, etcd, certificate rotation)',
  egress: 'Google Cloud, "Best practices for using Anthos Service Mesh egress gateways on GKE clusters"',
  serviceSecurityLb: 'Google Cloud, "Set up service security with Envoy and the load balancing APIs (legacy)"',
  serviceSecurity: 'Google Cloud, "Set up service security with Envoy" (service routing APIs)',
  vmWorkloadIdentity: 'Google Cloud, "Authenticate workloads to other workloads over mTLS" (managed workload identity for Compute Engine)',
} as const;
