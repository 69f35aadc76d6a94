import { createHash } from 'crypto';
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { Construct } from 'constructs';
import { waitFor } from '../../core/dependencies';
import { invalidInput } from '../../core/errors';
import {
  checkInstance, checkIntegerRange, checkKubernetesServiceName, checkPort, checkProjectNumber, checkProps, checkResourceName, isUnresolved,
} from '../../core/validation';
import { KubernetesServiceAccount } from '../../gke/in-cluster/kubernetes-service-account';
import { checkMeshCertificates, IMeshCertificates } from '../../gke/in-cluster/mesh-certificates';
import { restrictedSecurityContext, workloadCertificatesMount, workloadCertificatesVolume } from '../../kubernetes/pod-parts';
import { kubernetesNumber } from '../../kubernetes/values';
import { checkGateway, IGateway } from '../routing/gateway';
import { checkEnvoyImage, DEFAULT_ENVOY_IMAGE, ENVOY_ADMIN_PORT, ENVOY_UID } from './envoy';
import { checkWorkloadNamespace, claimKubernetesName } from './workload-namespace';

const BOOTSTRAP_DIR = '/etc/envoy';
const BOOTSTRAP_FILE = 'bootstrap.json';
/**
 * Node-metadata key carrying the routing API gateway scope. Unverified: no Google sample for a standalone
 * Envoy gateway was available; TD's CSDS client shows the mesh counterpart `TRAFFICDIRECTOR_MESH_SCOPE_NAME`.
 */
const SCOPE_METADATA_KEY = 'TRAFFICDIRECTOR_SCOPE_NAME';

/** Properties of an {@link IngressGateway}. */
export interface IngressGatewayProps {
  /**
   * The mesh certificates of the cluster the gateway runs in: the gateway serves TLS with its workload
   * certificate (S14, S18).
   */
  readonly meshCertificates: IMeshCertificates;

  /**
   * Identity of the gateway pods. The seed runs the gateway as the client KSA, the identity the server's
   * authorization policy allows (S13, S14).
   */
  readonly serviceAccount: KubernetesServiceAccount;

  /** Number of the project that holds the Cloud Service Mesh configuration. */
  readonly projectNumber: string;

  /**
   * VPC network whose Cloud Service Mesh configuration the proxies take (`TRAFFICDIRECTOR_NETWORK_NAME` in the bootstrap).
   * @default 'default', as the seed's `sed s/NETWORK_PLACEHOLDER/default/`
   */
  readonly network?: string;

  /** Name of the Deployment and of the in-cluster Service clients call. @default 'mesh-gateway' */
  readonly name?: string;

  /**
   * Namespace of the Deployment, ConfigMap and Service.
   * @default 'default'; it must be the service account's namespace
   */
  readonly namespace?: string;

  /** Port clients call on the Service. @default 443 */
  readonly servicePort?: number;

  /**
   * Port Envoy listens on: the forwarding rule's port (L4) or one of the Gateway's ports (R3).
   * @default 8080
   */
  readonly listenPort?: number;

  /**
   * Routing API gateway whose configuration the proxies take (R3); its scope goes into the bootstrap.
   * @default - none: the load-balancing API (target HTTPS proxy with proxyBind, L4)
   */
  readonly gateway?: IGateway;

  /**
   * Envoy image; a `vX.Y.Z` tag below 1.20.0 is rejected (xDS v3, seed 000).
   * @default 'docker.io/envoyproxy/envoy:v1.34.1'
   */
  readonly envoyImage?: string;

  /**
   * Number of gateway pods.
   * @default 2, so one pod can restart without an outage
   */
  readonly replicas?: number;
}

/**
 * The mesh ingress gateway of seed 000 (S14): standalone Envoy proxies configured by Cloud Service Mesh,
 * terminating TLS with the GKE mesh certificates, behind an in-cluster ClusterIP Service (`mesh-gateway`,
 * 443 → 8080). Sidecar injection is turned off for its pods, so only one Envoy handles each request.
 *
 * @example
 * // The seed runs the gateway as the client's service account, which the server's authorization policy allows.
 * new mesh.IngressGateway(k8s, 'IngressGateway', { meshCertificates, serviceAccount: client, projectNumber: '123456789012' });
 */
export class IngressGateway extends Construct {
  /** Name of the Deployment and of the in-cluster Service, e.g. `mesh-gateway`. */
  public readonly name: string;
  /** Namespace of the gateway's objects. */
  public readonly namespace: string;
  /** Port clients call on the Service, e.g. 443. */
  public readonly servicePort: number;
  /** Port Envoy listens on, e.g. 8080. */
  public readonly listenPort: number;
  /** The Envoy bootstrap (JSON) in ConfigMap `NAME-bootstrap`. */
  public readonly bootstrap: string;
  /** The `kubernetes_config_map_v1` holding the bootstrap. */
  public readonly bootstrapConfigMap: ConfigMapV1;
  /** The `kubernetes_deployment_v1` (escape hatch). */
  public readonly deployment: DeploymentV1;
  /** The in-cluster `kubernetes_service_v1` clients call. */
  public readonly service: ServiceV1;

  constructor(scope: Construct, id: string, props: IngressGatewayProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { meshCertificates, serviceAccount, projectNumber }');
    checkProjectNumber(this, 'projectNumber', props.projectNumber);
    checkInstance(this, 'serviceAccount', props.serviceAccount, KubernetesServiceAccount,
      'Pass the KubernetesServiceAccount the gateway runs as; the seed uses the client\'s (S14)');
    checkMeshCertificates(this, 'meshCertificates', props.meshCertificates);
    if (props.gateway !== undefined) checkGateway(this, 'gateway', props.gateway);
    const network = props.network ?? 'default';
    checkResourceName(this, 'network', network);
    this.name = props.name ?? 'mesh-gateway';
    checkKubernetesServiceName(this, 'name', this.name);
    this.namespace = props.namespace ?? 'default';
    const account = props.serviceAccount;
    checkWorkloadNamespace(this, this.namespace, account);
    claimKubernetesName(this, 'name', 'Deployment', this.namespace, this.name);
    claimKubernetesName(this, 'name', 'Service', this.namespace, this.name);
    this.servicePort = props.servicePort ?? 443;
    checkPort(this, 'servicePort', this.servicePort);
    this.listenPort = props.listenPort ?? 8080;
    checkPort(this, 'listenPort', this.listenPort);
    if (props.gateway && !isUnresolved(this.listenPort) && !props.gateway.ports.some((port) => isUnresolved(port) || port === this.listenPort)) {
      throw invalidInput(this, 'listenPort', `is not a port of gateway "${props.gateway.name}" (${props.gateway.ports.join(', ')})`, this.listenPort,
        'Cloud Service Mesh programs listeners only on the Gateway\'s ports; set listenPort to one of them or add it to the Gateway');
    }
    const envoyImage = props.envoyImage ?? DEFAULT_ENVOY_IMAGE;
    checkEnvoyImage(this, 'envoyImage', envoyImage);
    const replicas = props.replicas ?? 2;
    checkIntegerRange(this, 'replicas', replicas, 0, 100);

    this.bootstrap = JSON.stringify(envoyBootstrap(props.projectNumber, network, props.gateway?.gatewayScope), null, 2);
    this.bootstrapConfigMap = new ConfigMapV1(this, 'Bootstrap', {
      metadata: { name: `${this.name}-bootstrap`, namespace: this.namespace },
      data: { [BOOTSTRAP_FILE]: this.bootstrap },
    });

    const labels = { app: this.name };
    this.deployment = new DeploymentV1(this, 'Deployment', {
      metadata: { name: this.name, namespace: this.namespace, labels },
      spec: {
        replicas: kubernetesNumber(replicas),
        selector: { matchLabels: labels },
        template: {
          metadata: {
            labels,
            annotations: {
              // S14: the gateway is itself the Envoy; an injected sidecar would handle each request twice.
              'sidecar.istio.io/inject': 'false',
              // Envoy reads its bootstrap only at start; a changed bootstrap rolls the pods. (A value known only at
              // apply time enters the hash as its stable token text, so only its source, not its value, counts.)
              'checksum/bootstrap': createHash('sha256').update(this.bootstrap).digest('hex'),
            },
          },
          spec: {
            serviceAccountName: account.name,
            // Workload identity reaches Google through the GKE metadata server; the Kubernetes API is not needed.
            automountServiceAccountToken: false,
            container: [{
              name: 'envoy',
              image: envoyImage,
              imagePullPolicy: 'IfNotPresent',
              args: [
                '-c', `${BOOTSTRAP_DIR}/${BOOTSTRAP_FILE}`,
                // Kubernetes expands $(POD_NAME) from the env below; the flag overrides the bootstrap's node id, so
                // every replica gets its own `projects/P/networks/N/nodes/POD` id, as Traffic Director requires.
                '--service-node', `projects/${props.projectNumber}/networks/${network}/nodes/$(POD_NAME)`,
              ],
              env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
              port: [{ name: 'https', containerPort: this.listenPort, protocol: 'TCP' }],
              // The listener exists only once Cloud Service Mesh has configured the proxy.
              readinessProbe: { tcpSocket: [{ port: kubernetesNumber(this.listenPort) }], periodSeconds: 5 },
              resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '2', memory: '1Gi' } },
              securityContext: restrictedSecurityContext(ENVOY_UID),
              volumeMount: [
                { name: 'bootstrap', mountPath: BOOTSTRAP_DIR, readOnly: true },
                workloadCertificatesMount(),
              ],
            }],
            volume: [
              { name: 'bootstrap', configMap: { name: `${this.name}-bootstrap` } },
              // S14: the GKE mesh certificates (CA Service-signed SPIFFE certificate and key) the gateway serves TLS with.
              workloadCertificatesVolume(),
            ],
          },
        },
      },
      dependsOn: [this.bootstrapConfigMap],
      // Pods stay unready until the Google Cloud side (forwarding rule or Gateway) exists, which may be deployed later.
      waitForRollout: false,
    });

    waitFor(this.deployment, account);

    this.service = new ServiceV1(this, 'Service', {
      metadata: { name: this.name, namespace: this.namespace, labels },
      spec: {
        type: 'ClusterIP',
        selector: labels,
        port: [{ name: 'https', port: this.servicePort, targetPort: kubernetesNumber(this.listenPort), protocol: 'TCP' }],
      },
    });
  }
}

/**
 * Envoy bootstrap for Traffic Director over xDS v3: ADS over Google gRPC to trafficdirector.googleapis.com with
 * TLS and the GCE (workload identity) token, node metadata naming the project and network and, with a Gateway,
 * its scope. The node id comes from `--service-node`.
 */
function envoyBootstrap(projectNumber: string, network: string, scope: string | undefined) {
  const xds = { ads: {}, resource_api_version: 'V3' };
  return {
    node: {
      cluster: 'cluster',
      metadata: {
        TRAFFICDIRECTOR_GCP_PROJECT_NUMBER: projectNumber,
        TRAFFICDIRECTOR_NETWORK_NAME: network,
        ...(scope !== undefined ? { [SCOPE_METADATA_KEY]: scope } : {}),
      },
    },
    dynamic_resources: {
      lds_config: xds,
      cds_config: xds,
      ads_config: {
        api_type: 'GRPC',
        transport_api_version: 'V3',
        grpc_services: [{
          google_grpc: {
            target_uri: 'trafficdirector.googleapis.com:443',
            stat_prefix: 'trafficdirector',
            channel_credentials: { ssl_credentials: { root_certs: { filename: '/etc/ssl/certs/ca-certificates.crt' } } },
            call_credentials: [{ google_compute_engine: {} }],
          },
        }],
      },
    },
    // Bound to loopback: the admin API can reconfigure and stop Envoy.
    admin: { address: { socket_address: { address: '127.0.0.1', port_value: ENVOY_ADMIN_PORT } } },
  };
}

