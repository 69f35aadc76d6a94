import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { SpiffeId, TrustDomain } from '../../core/spiffe';
import { claimUniqueName } from '../../core/unique-names';
import { checkInstance, checkKubernetesLabelName, checkKubernetesObjectName, checkProps } from '../../core/validation';
import { MeshServiceAccount } from '../cluster/mesh-service-account';

/** Properties of a {@link KubernetesServiceAccount}. */
export interface KubernetesServiceAccountProps {
  /**
   * Namespace of the service account; with the name it forms the workloads' SPIFFE ID
   * `spiffe://PROJECT_ID.svc.id.goog/ns/NAMESPACE/sa/NAME`.
   * @default 'default', the seeds' K8S_NAMESPACE
   */
  readonly namespace?: string;
  /** e.g. the seeds' DEMO_SERVER_KSA or DEMO_CLIENT_KSA. */
  readonly name: string;
  /** The Google service account the pods act as; only its email is read, so it may live in another stack. */
  readonly googleServiceAccount: MeshServiceAccount;
}

/**
 * A Kubernetes service account of mesh workloads (S8), annotated with `iam.gke.io/gcp-service-account` so
 * its pods act as the mesh's Google service account. Allow it on the Google side with
 * `MeshServiceAccount.allowKubernetesServiceAccount(namespace, name)`.
 */
export class KubernetesServiceAccount extends Construct {
  /** Namespace of the service account. */
  public readonly namespace: string;
  /** Name of the service account, as pods name it in `serviceAccountName`. */
  public readonly name: string;
  /** The `kubernetes_service_account_v1` (escape hatch). */
  public readonly resource: ServiceAccountV1;
  private readonly trustDomain: TrustDomain;

  constructor(scope: Construct, id: string, props: KubernetesServiceAccountProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { name, googleServiceAccount }, e.g. { name: "demo-server", googleServiceAccount: meshAccount }');
    checkInstance(this, 'googleServiceAccount', props.googleServiceAccount, MeshServiceAccount,
      'Pass the MeshServiceAccount the pods act as, e.g. new MeshServiceAccount(gcpStack, "MeshIdentity", { cluster })');
    this.namespace = props.namespace ?? 'default';
    this.name = props.name;
    this.trustDomain = props.googleServiceAccount.trustDomain;
    checkKubernetesLabelName(this, 'namespace', this.namespace);
    checkKubernetesObjectName(this, 'name', this.name);
    claimUniqueName(this, 'name', 'Kubernetes service account', [TerraformStack.of(this).node.path, this.namespace, this.name],
      `namespace ${this.namespace} of the cluster of stack ${TerraformStack.of(this).node.path}`);
    this.resource = new ServiceAccountV1(this, 'Resource', {
      metadata: {
        name: this.name,
        namespace: this.namespace,
        annotations: { 'iam.gke.io/gcp-service-account': props.googleServiceAccount.email },
      },
    });
  }

  /** The SPIFFE ID GKE mesh certificates give pods running as this account (S11, S13). */
  public get spiffeId(): SpiffeId {
    return this.trustDomain.kubernetesServiceAccount(this.namespace, this.name);
  }
}
