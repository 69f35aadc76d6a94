import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { Construct } from 'constructs';
import { contentId, waitFor } from '../core/dependencies';
import { invalidInput } from '../core/errors';
import { checkIntegerRange, checkKubernetesLabelName, checkKubernetesObjectName, checkPort, isUnresolved } from '../core/validation';
import { kubernetesNumber } from '../core/kubernetes';
import { IGkeCluster } from '../gke/gke-cluster';
import { KubernetesServiceAccount } from '../gke/kubernetes-service-account';
import { missingCertificatesProblem, missingMeshCertificateObjects } from '../gke/mesh-certificate-registry';
import { NegService, NegServiceOptions } from './neg-service';
import type { SidecarInjector } from './sidecar-injector';

export interface MeshWorkloadProps {
  /** The cluster the workload runs in; its WorkloadCertificateConfig and TrustConfig issue the mesh certificates. */
  readonly cluster: IGkeCluster;

  /** Name of the Deployment and of its container, e.g. `app1`. */
  readonly name: string;

  /**
   * Namespace of the workload; it must be the service account's and have sidecar injection enabled
   * (`SidecarInjector.enableInjection`).
   * @default 'default', the seeds' K8S_NAMESPACE
   */
  readonly namespace?: string;

  /** The Kubernetes service account the pods run as; its SPIFFE ID is the workload's mesh identity (S8). */
  readonly serviceAccount: KubernetesServiceAccount;

  /** Container image of the application. */
  readonly image: string;

  /** @default - the image's entrypoint */
  readonly command?: string[];

  /** @default - the image's arguments */
  readonly args?: string[];

  /**
   * Port the application serves on, e.g. 8000.
   * @default - none: a client that only calls other services
   */
  readonly containerPort?: number;

  /** @default { app: name } */
  readonly podLabels?: { [key: string]: string };

  /** @default 1 */
  readonly replicas?: number;

  /**
   * Labels the sidecar reports to Cloud Service Mesh (`cloud.google.com/proxyMetadata`), which endpoint
   * policies match on, e.g. `{ app: 'payments' }` (S10, S12).
   * @default - none
   */
  readonly proxyMetadata?: { [key: string]: string };

  /**
   * Inbound ports the sidecar intercepts and applies the endpoint's mTLS and authorization policies to
   * (`cloud.google.com/includeInboundPorts`). Pass `[]` to leave inbound traffic unintercepted.
   * @default - [containerPort] when a containerPort is set (X1: inbound traffic goes through the sidecar), else none
   */
  readonly inboundPorts?: number[];

  /**
   * Mount GKE mesh certificates into the sidecar (`cloud.google.com/enableManagedCerts: "true"`), the
   * identity mTLS needs. Requires a WorkloadCertificateConfig and a TrustConfig for the cluster (S18).
   * @default true
   */
  readonly managedCertificates?: boolean;

  /**
   * The injector that adds the Envoy sidecar. When given, the workload's namespace is labelled for injection
   * (`enableInjection`) and the Deployment is created only after that label, so no pod starts without its
   * sidecar (X1).
   * @default - none: enable injection for the namespace yourself, before the workload is deployed
   */
  readonly sidecarInjector?: SidecarInjector;

  /**
   * Mount the Kubernetes API token into the pods. The mesh does not need it: workload identity reaches
   * Google APIs through the GKE metadata server.
   * @default false
   */
  readonly automountServiceAccountToken?: boolean;
}

/**
 * A GKE Deployment whose pods join Cloud Service Mesh through the injected Envoy sidecar (S10), with the
 * seed's pod annotations: `cloud.google.com/proxyMetadata`, `cloud.google.com/includeInboundPorts` and
 * `cloud.google.com/enableManagedCerts`. A client needs only `managedCertificates`; a server also sets
 * `containerPort` and `proxyMetadata`, and is exposed to the mesh with {@link exposeViaNegService}.
 */
export class MeshWorkload extends Construct {
  public readonly cluster: IGkeCluster;
  public readonly name: string;
  public readonly namespace: string;
  public readonly serviceAccount: KubernetesServiceAccount;
  public readonly containerPort?: number;
  public readonly podLabels: { [key: string]: string };
  /** Ports the sidecar intercepts inbound (empty when none). */
  public readonly inboundPorts: number[];
  public readonly managedCertificates: boolean;
  /** The pod annotations the sidecar injector reads. */
  public readonly podAnnotations: { [key: string]: string };
  /** The `kubernetes_deployment_v1` (escape hatch). */
  public readonly resource: DeploymentV1;

  constructor(scope: Construct, id: string, props: MeshWorkloadProps) {
    super(scope, id);
    this.cluster = props.cluster;
    this.name = props.name;
    this.namespace = props.namespace ?? 'default';
    this.serviceAccount = props.serviceAccount;
    this.containerPort = props.containerPort;
    this.managedCertificates = props.managedCertificates ?? true;
    checkKubernetesObjectName(this, 'name', this.name);
    checkKubernetesLabelName(this, 'namespace', this.namespace);
    if (!isUnresolved(this.namespace) && !isUnresolved(props.serviceAccount.namespace) && props.serviceAccount.namespace !== this.namespace) {
      throw invalidInput(this, 'namespace', `differs from the namespace "${props.serviceAccount.namespace}" of service account "${props.serviceAccount.name}"`,
        this.namespace, 'A pod can only run as a service account of its own namespace; create the KubernetesServiceAccount in the workload\'s namespace');
    }
    if (this.containerPort !== undefined) checkPort(this, 'containerPort', this.containerPort);
    const replicas = props.replicas ?? 1;
    checkIntegerRange(this, 'replicas', replicas, 0, 1000);

    this.podLabels = props.podLabels ?? { app: this.name };
    if (Object.keys(this.podLabels).length === 0) {
      throw invalidInput(this, 'podLabels', 'must not be empty', this.podLabels,
        'The Deployment and Services select the pods by these labels; give at least one, e.g. { app: "app1" }');
    }
    this.inboundPorts = props.inboundPorts ?? (this.containerPort !== undefined ? [this.containerPort] : []);
    this.inboundPorts.forEach((port, i) => checkPort(this, `inboundPorts[${i}]`, port));
    if (props.proxyMetadata) {
      Object.keys(props.proxyMetadata).forEach((key) => {
        if (key.length === 0) {
          throw invalidInput(this, 'proxyMetadata', 'has an empty key', props.proxyMetadata,
            'Name each label the endpoint policies match on, e.g. { app: "payments" }');
        }
      });
    }

    this.podAnnotations = {
      ...(props.proxyMetadata && Object.keys(props.proxyMetadata).length > 0
        ? { 'cloud.google.com/proxyMetadata': renderProxyMetadata(props.proxyMetadata) }
        : {}),
      ...(this.managedCertificates ? { 'cloud.google.com/enableManagedCerts': 'true' } : {}),
      ...(this.inboundPorts.length > 0
        ? { 'cloud.google.com/includeInboundPorts': this.inboundPorts.map((port) => kubernetesNumber(port)).join(',') }
        : {}),
    };

    this.resource = new DeploymentV1(this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace, labels: this.podLabels },
      spec: {
        replicas: kubernetesNumber(replicas),
        selector: { matchLabels: this.podLabels },
        template: {
          metadata: {
            labels: this.podLabels,
            annotations: Object.keys(this.podAnnotations).length > 0 ? this.podAnnotations : undefined,
          },
          spec: {
            serviceAccountName: props.serviceAccount.name,
            automountServiceAccountToken: props.automountServiceAccountToken ?? false,
            container: [{
              name: this.name,
              image: props.image,
              command: props.command,
              args: props.args,
              port: this.containerPort !== undefined ? [{ containerPort: this.containerPort, protocol: 'TCP' }] : undefined,
            }],
          },
        },
      },
    });
    waitFor(this.resource, props.serviceAccount);
    if (props.sidecarInjector) waitFor(this.resource, props.sidecarInjector.enableInjection(this.namespace));

    if (this.managedCertificates) {
      this.node.addValidation({
        validate: () => {
          const missing = missingMeshCertificateObjects(this, this.cluster.clusterId);
          return missing.length === 0 ? [] : [missingCertificatesProblem(this, this.cluster.clusterId, missing)];
        },
      });
    }
  }

  /**
   * Exposes the workload to Cloud Service Mesh as a Kubernetes Service with a standalone zonal NEG
   * (`cloud.google.com/neg`), the backend of the mesh's backend service (S10, L2).
   */
  public exposeViaNegService(options: NegServiceOptions): NegService {
    const id = contentId(`NegService-${options.serviceName}`);
    if (this.node.tryFindChild(id)) {
      throw invalidInput(this, 'serviceName', 'is already exposed by this workload', options.serviceName,
        'Expose each Service once; reuse the NegService returned by the first call');
    }
    return new NegService(this, id, { ...options, workload: this });
  }
}

/**
 * The seed's annotation format, `{"app": "payments"}`: keys and values JSON-escaped, `": "` and `, ` separators.
 */
function renderProxyMetadata(metadata: { [key: string]: string }): string {
  return `{${Object.entries(metadata).map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`).join(', ')}}`;
}

