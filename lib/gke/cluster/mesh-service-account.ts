import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { Construct } from 'constructs';
import { waitFor } from '../../core/dependencies';
import { invalidInput } from '../../core/errors';
import { grantOnce, grantOnProject } from '../../core/iam-grant';
import { IamMember } from '../../core/iam-member';
import { TrustDomain } from '../../core/spiffe';
import { claimUniqueName } from '../../core/unique-names';
import { checkKubernetesLabelName, checkKubernetesObjectName, checkProps, checkServiceAccountEmail, checkString, isUnresolved } from '../../core/validation';
import { checkCluster, IGkeCluster } from './gke-cluster';

/** Properties of a {@link MeshServiceAccount}. */
export interface MeshServiceAccountProps {
  /** The cluster whose workloads use this account (its workload pool `PROJECT_ID.svc.id.goog`). */
  readonly cluster: IGkeCluster;

  /**
   * ID of a dedicated Google service account to create for the mesh workloads. A dedicated account
   * holds only `roles/trafficdirector.client` (X1).
   * @default 'mesh-workloads', unless existingServiceAccountEmail is given
   */
  readonly accountId?: string;

  /**
   * Use an existing Google service account instead, e.g. the Compute Engine default account as the seeds do.
   * @default - a dedicated account is created
   */
  readonly existingServiceAccountEmail?: string;
}

/**
 * The Google identity of mesh workloads (S8): a service account with `roles/trafficdirector.client`, which
 * Envoy needs to fetch its configuration, impersonated by Kubernetes service accounts through workload identity.
 */
export class MeshServiceAccount extends Construct {
  /** The account's email, as the Kubernetes service accounts' `iam.gke.io/gcp-service-account` annotation names it (S8). */
  public readonly email: string;
  /** The project where `roles/trafficdirector.client` is granted: the cluster's. */
  public readonly project: string;
  /** Trust domain of the cluster whose workloads use this account. */
  public readonly trustDomain: TrustDomain;
  /** The created `google_service_account`, when one is created. */
  public readonly resource?: ServiceAccount;
  private readonly cluster: IGkeCluster;

  constructor(scope: Construct, id: string, props: MeshServiceAccountProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { cluster }, the cluster whose workloads use the account');
    checkCluster(this, 'cluster', props.cluster);
    this.cluster = props.cluster;
    this.project = props.cluster.project;
    this.trustDomain = props.cluster.trustDomain;
    if (props.existingServiceAccountEmail && props.accountId) {
      throw invalidInput(this, 'accountId', 'cannot be combined with existingServiceAccountEmail', props.accountId,
        'Either create a dedicated account (accountId) or adopt one (existingServiceAccountEmail)');
    }
    if (props.existingServiceAccountEmail !== undefined && props.existingServiceAccountEmail !== null) {
      const email = props.existingServiceAccountEmail;
      checkServiceAccountEmail(this, 'existingServiceAccountEmail', email);
      this.email = email;
    } else {
      const accountId = props.accountId ?? 'mesh-workloads';
      checkString(this, 'accountId', accountId, 'Use 6-30 lowercase letters, digits and hyphens, starting with a letter');
      if (!isUnresolved(accountId) && !/^[a-z]([-a-z0-9]{4,28}[a-z0-9])$/.test(accountId)) {
        throw invalidInput(this, 'accountId', 'is not a valid service account ID', accountId,
          'Use 6-30 lowercase letters, digits and hyphens, starting with a letter');
      }
      claimUniqueName(this, 'accountId', 'service account', [this.project, accountId], `project ${this.project}`);
      this.resource = new ServiceAccount(this, 'Resource', {
        project: this.project,
        accountId,
        displayName: 'Cloud Service Mesh workloads',
        description: 'Identity of Envoy-injected GKE workloads; holds roles/trafficdirector.client only.',
      });
      this.email = `${accountId}@${this.project}.iam.gserviceaccount.com`;
    }
    const clientGrant = grantOnProject(this, this.project, 'roles/trafficdirector.client', IamMember.serviceAccount(this.email));
    if (this.resource) waitFor(clientGrant, this.resource);
  }

  /**
   * Lets the Kubernetes service account `namespace/name` act as this account (S8):
   * `roles/iam.workloadIdentityUser` for `serviceAccount:PROJECT_ID.svc.id.goog[NAMESPACE/NAME]`. The binding
   * waits for the cluster, because the workload pool exists only once a workload-identity cluster does.
   */
  public allowKubernetesServiceAccount(namespace: string, name: string): ServiceAccountIamMember {
    checkKubernetesLabelName(this, 'namespace', namespace);
    checkKubernetesObjectName(this, 'name', name);
    const member = IamMember.kubernetesServiceAccount(this.cluster.workloadPool, namespace, name);
    const role = 'roles/iam.workloadIdentityUser';
    return grantOnce(this, role, member, (id) => {
      const binding = new ServiceAccountIamMember(this, id, {
        serviceAccountId: `projects/${this.project}/serviceAccounts/${this.email}`,
        role,
        member: member.member,
      });
      waitFor(binding, this.cluster);
      if (this.resource) waitFor(binding, this.resource);
      return binding;
    });
  }
}
