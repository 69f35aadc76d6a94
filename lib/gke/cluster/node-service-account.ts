import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { Construct } from 'constructs';
import { waitFor } from '../../core/dependencies';
import { grantOnProject } from '../../core/iam-grant';
import { IamMember } from '../../core/iam-member';
import { projectOf } from '../../core/project';
import { claimUniqueName } from '../../core/unique-names';
import { checkPattern, checkProps } from '../../core/validation';

/** Properties of a {@link NodeServiceAccount}. */
export interface NodeServiceAccountProps {
  /**
   * The project the account is created in, and where its roles are granted.
   * @default - the project of the stack's Google provider
   */
  readonly project?: string;
  /** Account ID, 6-30 characters, e.g. `gke-nodes` or `gateway-nodes`. */
  readonly accountId: string;
  /**
   * Display name of the service account.
   * @default "GKE nodes"
   */
  readonly displayName?: string;
}

/**
 * The roles a GKE node needs and no more (GKE hardening guide, "Use least privilege service accounts for your nodes";
 * SPEC E6): write logs and metrics, read monitoring data for autoscaling, write resource metadata, and pull images
 * from Artifact Registry.
 */
const NODE_ROLES = [
  'roles/logging.logWriter',
  'roles/monitoring.metricWriter',
  'roles/monitoring.viewer',
  'roles/stackdriver.resourceMetadata.writer',
  'roles/artifactregistry.reader',
];

/**
 * A dedicated Google service account for GKE nodes (T1, E6), in place of the Compute Engine default account, which
 * holds the project-wide Editor role: nodes are the first thing an attacker who escapes a container reaches.
 * Workloads never use it — `GKE_METADATA` hides it from pods, which act as their own accounts through workload identity.
 */
export class NodeServiceAccount extends Construct {
  /** The roles granted on the project, for review. */
  public static readonly ROLES: string[] = [...NODE_ROLES];

  /** The project of the account and of its role grants. */
  public readonly project: string;
  /** The account's email, as node pools take it. */
  public readonly email: string;
  /** The `google_service_account` (escape hatch). */
  public readonly resource: ServiceAccount;
  /** The project IAM grants, one per role. */
  public readonly grants: ProjectIamMember[];

  constructor(scope: Construct, id: string, props: NodeServiceAccountProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { accountId }, e.g. { accountId: "gke-nodes" }');
    this.project = projectOf(this, props.project);
    // Service account IDs (IAM API): 6-30 characters, lowercase letters, digits and hyphens, starting with a letter.
    checkPattern(this, 'accountId', props.accountId, /^[a-z]([-a-z0-9]{4,28}[a-z0-9])$/, 'is not a valid service account ID',
      'Use 6-30 lowercase letters, digits and hyphens, starting with a letter');
    claimUniqueName(this, 'accountId', 'service account', [this.project, props.accountId], `project ${this.project}`);
    this.resource = new ServiceAccount(this, 'Resource', {
      project: this.project,
      accountId: props.accountId,
      displayName: props.displayName ?? 'GKE nodes',
      description: 'Least-privilege identity of GKE nodes: logs, metrics, resource metadata and image pulls only.',
    });
    this.email = `${props.accountId}@${this.project}.iam.gserviceaccount.com`;
    this.grants = NODE_ROLES.map((role) => {
      const grant = grantOnProject(this, this.project, role, IamMember.serviceAccount(this.email));
      waitFor(grant, this.resource);
      return grant;
    });
  }
}
