import { GkeHubMembership } from '@cdktf/provider-google/lib/gke-hub-membership';
import { Construct } from 'constructs';
import { waitFor } from '../../core/dependencies';
import { claimUniqueName } from '../../core/unique-names';
import { checkProps, checkResourceName } from '../../core/validation';
import { checkCluster, IGkeCluster } from './gke-cluster';

/** Properties of a {@link FleetMembership}. */
export interface FleetMembershipProps {
  /** The cluster to register. */
  readonly cluster: IGkeCluster;
  /** The membership ID. @default - the cluster name, as `gcloud container fleet memberships register CLUSTER_NAME` does */
  readonly name?: string;
  /**
   * Location of the membership (`location`).
   * @default 'global'
   */
  readonly location?: string;
}

/**
 * Registers a GKE cluster to the project's fleet with workload identity (S4), the Terraform form of
 * `gcloud container fleet memberships register … --enable-workload-identity`. GKE clusters need no
 * Connect agent manifest when registered this way.
 */
export class FleetMembership extends Construct {
  /** The membership ID. */
  public readonly name: string;
  /** The fleet host project: the cluster's project. */
  public readonly project: string;
  /** Location of the membership, e.g. `global`. */
  public readonly location: string;
  /** The fleet's workload identity pool, `PROJECT_ID.svc.id.goog` (S4). */
  public readonly workloadIdentityPool: string;
  /** The `google_gke_hub_membership` (escape hatch). */
  public readonly resource: GkeHubMembership;

  constructor(scope: Construct, id: string, props: FleetMembershipProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { cluster }, the cluster to register');
    checkCluster(this, 'cluster', props.cluster);
    this.name = props.name ?? props.cluster.name;
    checkResourceName(this, 'name', this.name);
    this.project = props.cluster.project;
    this.location = props.location ?? 'global';
    checkResourceName(this, 'location', this.location);
    this.workloadIdentityPool = props.cluster.workloadPool;
    claimUniqueName(this, 'name', 'fleet membership', [this.project, this.location, this.name], `project ${this.project}, location ${this.location}`);
    this.resource = new GkeHubMembership(this, 'Resource', {
      project: this.project,
      location: this.location,
      membershipId: this.name,
      // Built from the cluster ID, the form the API returns; a self link here is rewritten by the API
      // and forces a replacement on every plan (terraform-google-kubernetes-engine#1664).
      endpoint: { gkeCluster: { resourceLink: `//container.googleapis.com/${props.cluster.resourceName}` } },
      authority: { issuer: `https://container.googleapis.com/v1/${props.cluster.resourceName}` },
    });
    waitFor(this.resource, props.cluster);
  }

  /** `projects/P/locations/L/memberships/NAME`. */
  public get resourceName(): string {
    return `projects/${this.project}/locations/${this.location}/memberships/${this.name}`;
  }
}
