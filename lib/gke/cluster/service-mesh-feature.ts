import { GkeHubFeature } from '@cdktf/provider-google/lib/gke-hub-feature';
import { GkeHubFeatureMembership } from '@cdktf/provider-google/lib/gke-hub-feature-membership';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { invalidInput } from '../../core/errors';
import { contentId } from '../../core/ids';
import { projectOf } from '../../core/project';
import { claimUniqueName } from '../../core/unique-names';
import { checkInstance, checkList, checkOneOf, checkProps, isUnresolved } from '../../core/validation';
import { waitForApi } from '../../network/api-dependency';
import { FleetMembership } from './fleet-membership';

/** Who runs the mesh's control plane and data plane on a membership. */
export enum MeshManagement {
  /**
   * Google provisions and upgrades the control plane, the Istio CRDs, the CNI and the injected proxies: the Terraform
   * form of `gcloud container fleet mesh update --management automatic`, with no `istioctl` or `asmcli` step.
   */
  AUTOMATIC = 'MANAGEMENT_AUTOMATIC',
  /** The mesh is installed in the cluster by other means (`asmcli`, Helm); the fleet only tracks it. */
  MANUAL = 'MANAGEMENT_MANUAL',
}

/** Properties of a {@link ServiceMeshFeature}. */
export interface ServiceMeshFeatureProps {
  /**
   * The fleet host project.
   * @default - the project of the stack's Google provider
   */
  readonly project?: string;

  /**
   * Clusters to run the mesh on, by fleet membership (more with {@link ServiceMeshFeature.addMembership}).
   * @default - none
   */
  readonly memberships?: FleetMembership[];

  /**
   * Who runs the control plane on the members.
   * @default MeshManagement.AUTOMATIC
   */
  readonly management?: MeshManagement;
}

/**
 * Cloud Service Mesh on the fleet: the `servicemesh` feature of the fleet host project and, per member cluster, a
 * feature membership with `mesh.management = MANAGEMENT_AUTOMATIC` — the Istio control plane the egress gateways of
 * seed 001 assume (E9–E16), installed by Terraform instead of `istioctl`. Both resources are in the GA provider
 * (terraform-provider-google 6.50: `google_gke_hub_feature`, `google_gke_hub_feature_membership.mesh.management`).
 *
 * Google installs the control plane and the `networking.istio.io` / `security.istio.io` CRDs after `apply`, within
 * minutes; until then a Kubernetes stack whose `kubernetes_manifest` resources use those kinds cannot even plan
 * (the provider reads the CRD's schema at plan time, hashicorp/terraform-provider-kubernetes#1775). Deploy the
 * Kubernetes stack after this one (a stack dependency) and once `gcloud container fleet mesh describe` reports the
 * membership's control plane ACTIVE; the output `…_mesh_status_command` prints that command.
 *
 * When a ProjectApis of the stack enables `mesh.googleapis.com`, the feature waits for it.
 */
export class ServiceMeshFeature extends Construct {
  /** The fleet feature's name. */
  public static readonly FEATURE_NAME = 'servicemesh';

  /** The fleet host project. */
  public readonly project: string;
  /** Who runs the control plane on the members. */
  public readonly management: MeshManagement;
  /** The `google_gke_hub_feature` (escape hatch). */
  public readonly resource: GkeHubFeature;
  /** The `google_gke_hub_feature_membership` of each member. */
  public readonly membershipResources: GkeHubFeatureMembership[] = [];

  constructor(scope: Construct, id: string, props: ServiceMeshFeatureProps = {}) {
    super(scope, id);
    checkProps(this, props, 'Pass { memberships }, the fleet memberships of the clusters to run the mesh on');
    this.project = projectOf(this, props.project);
    this.management = props.management ?? MeshManagement.AUTOMATIC;
    checkOneOf(this, 'management', this.management, Object.values(MeshManagement), 'a mesh management mode');
    const memberships = props.memberships ?? [];
    const fix = 'Pass fleet memberships: new FleetMembership(scope, id, { cluster })';
    const known = checkList(this, 'memberships', memberships, fix);
    if (known) memberships.forEach((membership, i) => checkInstance(this, `memberships[${i}]`, membership, FleetMembership, fix));
    // A project has one feature of each name (GKE Hub API).
    claimUniqueName(this, 'project', 'fleet feature', [this.project, ServiceMeshFeature.FEATURE_NAME], `project ${this.project}`);

    this.resource = new GkeHubFeature(this, 'Resource', {
      project: this.project,
      name: ServiceMeshFeature.FEATURE_NAME,
      location: 'global',
    });
    waitForApi(this.resource, this.project, 'mesh.googleapis.com');
    if (known) memberships.forEach((membership, i) => this.addMember(membership, `memberships[${i}]`));

    const prefix = this.node.id.replace(/[^A-Za-z0-9_]/g, '_');
    new TerraformOutput(this, 'Output-mesh_status_command', {
      value: `gcloud container fleet mesh describe --project ${this.project}`,
      description: 'Shows each membership\'s mesh control plane state; deploy Kubernetes objects using Istio kinds once it is ACTIVE',
    }).overrideLogicalId(`${prefix}_mesh_status_command`);
  }

  /**
   * Runs the mesh on another member cluster; adding a membership twice returns the first binding.
   * @param membership the cluster's fleet membership, in this feature's project
   */
  public addMembership(membership: FleetMembership): GkeHubFeatureMembership {
    return this.addMember(membership, 'membership');
  }

  private addMember(membership: FleetMembership, field: string): GkeHubFeatureMembership {
    checkInstance(this, field, membership, FleetMembership, 'Pass a fleet membership: new FleetMembership(scope, id, { cluster })');
    if (!isUnresolved(membership.project) && !isUnresolved(this.project) && membership.project !== this.project) {
      throw invalidInput(this, field, `is registered in project "${membership.project}", not the fleet host project "${this.project}"`,
        membership.name, 'Register the cluster to this fleet (FleetMembership in the fleet host project), or create the feature in its project');
    }
    const id = contentId(`Membership-${membership.location}-${membership.name}`);
    const existing = this.node.tryFindChild(id) as GkeHubFeatureMembership | undefined;
    if (existing) return existing;
    const resource = new GkeHubFeatureMembership(this, id, {
      project: this.project,
      location: 'global',
      feature: this.resource.name,
      // By the membership resource's ID, so the binding is created after the membership.
      membership: membership.resource.membershipId,
      membershipLocation: membership.location,
      mesh: { management: this.management },
    });
    waitForApi(resource, this.project, 'mesh.googleapis.com');
    this.membershipResources.push(resource);
    return resource;
  }
}
