import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { waitFor } from '../../core/dependencies';
import { invalidInput } from '../../core/errors';
import { contentId } from '../../core/ids';
import {
  checkBoolean, checkInstance, checkIntegerRange, checkKubernetesObjectName, checkKubernetesServiceName, checkList, checkOptionalBoolean, checkPorts, checkPort, checkProps, checkString,
  checkStringMap, isUnresolved,
} from '../../core/validation';
import { checkCluster, IGkeCluster } from '../../gke/cluster/gke-cluster';
import { KubernetesServiceAccount } from '../../gke/in-cluster/kubernetes-service-account';
import { checkMeshCertificates, IMeshCertificates } from '../../gke/in-cluster/mesh-certificates';
import { kubernetesNumber } from '../../kubernetes/values';
import { checkWorkloadNamespace, claimKubernetesName } from './workload-namespace';
import { NegService, NegServiceOptions } from './neg-service';
import { SidecarInjector } from './sidecar-injector';
import { IWorkloadSelector } from './workload-selector';

/** Properties of a {@link MeshWorkload}. */
export interface MeshWorkloadProps {
  /** The cluster the workload runs in. */
  readonly cluster: IGkeCluster;

  /**
   * The cluster's mesh certificates (its WorkloadCertificateConfig and TrustConfig), which issue the workload's
   * certificate. Required with managedCertificates (S18).
   * @default - none; required unless managedCertificates is false
   */
  readonly meshCertificates?: IMeshCertificates;

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

  /**
   * Command of the application container (the image's entrypoint is replaced).
   * @default - the image's entrypoint
   */
  readonly command?: string[];

  /**
   * Arguments of the application container.
   * @default - the image's arguments
   */
  readonly args?: string[];

  /**
   * Port the application serves on, e.g. 8000.
   * @default - none: a client that only calls other services
   */
  readonly containerPort?: number;

  /**
   * Labels of the pods; the Deployment and Services select the pods by them, so they must pick out this workload only.
   * @default { app: name }
   */
  readonly podLabels?: { [key: string]: string };

  /**
   * Number of pods of the Deployment.
   * @default 1
   */
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
   * identity mTLS needs. Requires meshCertificates (S18).
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
 *
 * @example
 * const server = new mesh.MeshWorkload(k8s, 'Server', {
 *   cluster,
 *   meshCertificates,
 *   name: 'app1',
 *   serviceAccount,
 *   image: 'registry.k8s.io/e2e-test-images/agnhost:2.39',
 *   args: ['serve-hostname', '--http=true', '--udp=false', '--port=8000'],
 *   containerPort: 8000,
 *   proxyMetadata: { app: 'payments' },
 *   sidecarInjector,
 * });
 * server.exposeViaNegService({ serviceName: 'service-test', port: 80, negName: 'service-test-neg', healthCheck });
 */
export class MeshWorkload extends Construct implements IWorkloadSelector {
  public readonly cluster: IGkeCluster;
  /** Name of the Deployment and of its application container. */
  public readonly name: string;
  public readonly namespace: string;
  /** The Kubernetes service account the pods run as: their mesh identity. */
  public readonly serviceAccount: KubernetesServiceAccount;
  public readonly containerPort?: number;
  public readonly podLabels: { [key: string]: string };
  /** Ports the sidecar intercepts inbound (empty when none). */
  public readonly inboundPorts: number[];
  /** Whether the sidecar mounts GKE mesh certificates (`cloud.google.com/enableManagedCerts`). */
  public readonly managedCertificates: boolean;
  /** The pod annotations the sidecar injector reads. */
  public readonly podAnnotations: { [key: string]: string };
  /** The `kubernetes_deployment_v1` (escape hatch). */
  public readonly resource: DeploymentV1;

  constructor(scope: Construct, id: string, props: MeshWorkloadProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { cluster, meshCertificates, name, serviceAccount, image }');
    checkCluster(this, 'cluster', props.cluster);
    this.cluster = props.cluster;
    this.name = props.name;
    this.namespace = props.namespace ?? 'default';
    checkInstance(this, 'serviceAccount', props.serviceAccount, KubernetesServiceAccount,
      'Pass the KubernetesServiceAccount the pods run as (S8), e.g. new KubernetesServiceAccount(k8sStack, "Server", { name: "demo-server", googleServiceAccount })');
    this.serviceAccount = props.serviceAccount;
    this.containerPort = props.containerPort;
    this.managedCertificates = props.managedCertificates ?? true;
    checkBoolean(this, 'managedCertificates', this.managedCertificates);
    checkOptionalBoolean(this, 'automountServiceAccountToken', props.automountServiceAccountToken);
    checkKubernetesObjectName(this, 'name', this.name);
    checkWorkloadNamespace(this, this.namespace, props.serviceAccount);
    claimKubernetesName(this, 'name', 'Deployment', this.namespace, this.name);
    if (this.managedCertificates) checkMeshCertificates(this, 'meshCertificates', props.meshCertificates, props.cluster);
    checkString(this, 'image', props.image, 'Use a container image reference such as "registry.k8s.io/e2e-test-images/agnhost:2.39"');
    for (const field of ['command', 'args'] as const) {
      const value = props[field];
      if (value !== undefined && checkList(this, field, value, `List the ${field} as strings`)) {
        value.forEach((item, i) => checkString(this, `${field}[${i}]`, item, `List the ${field} as strings`));
      }
    }
    if (this.containerPort !== undefined) checkPort(this, 'containerPort', this.containerPort);
    const replicas = props.replicas ?? 1;
    checkIntegerRange(this, 'replicas', replicas, 0, 1000);

    this.podLabels = props.podLabels ?? { app: this.name };
    const labelsFix = 'The Deployment and Services select the pods by these labels; give at least one, e.g. { app: "app1" }';
    if (checkStringMap(this, 'podLabels', this.podLabels, labelsFix) && Object.keys(this.podLabels).length === 0) {
      throw invalidInput(this, 'podLabels', 'must not be empty', this.podLabels, labelsFix);
    }
    this.inboundPorts = props.inboundPorts ?? (this.containerPort !== undefined ? [this.containerPort] : []);
    checkPorts(this, 'inboundPorts', this.inboundPorts, 'List the ports the sidecar intercepts, e.g. [8000], or [] for none');
    if (props.proxyMetadata !== undefined) {
      const fix = 'Name each label the endpoint policies match on, e.g. { app: "payments" }';
      if (checkStringMap(this, 'proxyMetadata', props.proxyMetadata, fix) && Object.keys(props.proxyMetadata).some((key) => key.length === 0)) {
        throw invalidInput(this, 'proxyMetadata', 'has an empty key', props.proxyMetadata, fix);
      }
    }
    if (props.sidecarInjector !== undefined) {
      checkInstance(this, 'sidecarInjector', props.sidecarInjector, SidecarInjector, 'Pass the SidecarInjector of the cluster, or leave sidecarInjector out');
    }

    this.podAnnotations = {
      ...(props.proxyMetadata && Object.keys(props.proxyMetadata).length > 0
        ? { 'cloud.google.com/proxyMetadata': renderProxyMetadata(props.proxyMetadata) }
        : {}),
      ...(this.managedCertificates ? { 'cloud.google.com/enableManagedCerts': 'true' } : {}),
      ...(isUnresolved(this.inboundPorts)
        ? { 'cloud.google.com/includeInboundPorts': Fn.join(',', this.inboundPorts as unknown as string[]) }
        : this.inboundPorts.length > 0
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
  }

  /**
   * Exposes the workload to Cloud Service Mesh as a Kubernetes Service with a standalone zonal NEG
   * (`cloud.google.com/neg`), the backend of the mesh's backend service (S10, L2).
   */
  public exposeViaNegService(options: NegServiceOptions): NegService {
    checkProps(this, options, 'Pass { serviceName, port, negName }, e.g. { serviceName: "service-test", port: 80, negName: "service-test-neg" }');
    checkKubernetesServiceName(this, 'serviceName', options.serviceName);
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

