import { GkeHubMembership } from '@cdktf/provider-google/lib/gke-hub-membership';
import { Construct } from 'constructs';
import { waitFor } from '../core/dependencies';
import { checkResourceName } from '../core/validation';
import { IGkeCluster } from './gke-cluster';

export interface FleetMembershipProps {
  /** The cluster to register. */
  readonly cluster: IGkeCluster;
  /** @default - the cluster name, as `gcloud container fleet memberships register CLUSTER_NAME` does */
  readonly membershipId?: string;
  /** @default 'global' */
  readonly location?: string;
}

/**
 * Registers a GKE cluster to the project's fleet with workload identity (S4), the Terraform form of
 * `gcloud container fleet memberships register … --enable-workload-identity`. GKE clusters need no
 * Connect agent manifest when registered this way.
 */
export class FleetMembership extends Construct {
  public readonly membershipId: string;
  /** The fleet's workload identity pool, `PROJECT_ID.svc.id.goog` (S4). */
  public readonly workloadIdentityPool: string;
  public readonly resource: GkeHubMembership;

  constructor(scope: Construct, id: string, props: FleetMembershipProps) {
    super(scope, id);
    this.membershipId = props.membershipId ?? props.cluster.clusterName;
    checkResourceName(this, 'membershipId', this.membershipId);
    this.workloadIdentityPool = props.cluster.workloadPool;
    this.resource = new GkeHubMembership(this, 'Resource', {
      project: props.cluster.project,
      location: props.location ?? 'global',
      membershipId: this.membershipId,
      // Built from the cluster ID, the form the API returns; a self link here is rewritten by the API
      // and forces a replacement on every plan (terraform-google-kubernetes-engine#1664).
      endpoint: { gkeCluster: { resourceLink: `//container.googleapis.com/${props.cluster.clusterId}` } },
      authority: { issuer: `https://container.googleapis.com/v1/${props.cluster.clusterId}` },
    });
    waitFor(this.resource, props.cluster);
  }
}
