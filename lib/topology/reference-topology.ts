import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { CaHierarchy } from '../ca/ca-hierarchy';
import { IamMember } from '../core/iam-member';
import { CrossClusterFirewall } from '../gke/cross-cluster-firewall';
import { FleetMembership } from '../gke/fleet-membership';
import { GkeCluster } from '../gke/gke-cluster';
import { GkeKubernetesProvider } from '../gke/gke-kubernetes-provider';
import { KubernetesServiceAccount } from '../gke/kubernetes-service-account';
import { MeshServiceAccount } from '../gke/mesh-service-account';
import { TrustConfig } from '../gke/trust-config';
import { WorkloadCertificateConfig } from '../gke/workload-certificate-config';
import { AuthorizationPolicy } from '../mesh/authorization-policy';
import { MeshBackendService } from '../mesh/backend-service';
import { ClientTlsPolicy } from '../mesh/client-tls-policy';
import { EndpointPolicy } from '../mesh/endpoint-policy';
import { Gateway } from '../mesh/gateway';
import { MeshHealthCheck } from '../mesh/health-check';
import { HealthCheckFirewall } from '../mesh/health-check-firewall';
import { HttpRoute } from '../mesh/http-route';
import { IngressGateway } from '../mesh/ingress-gateway';
import { Mesh } from '../mesh/mesh';
import { MeshWorkload } from '../mesh/mesh-workload';
import { NegService } from '../mesh/neg-service';
import { Principal } from '../mesh/principal';
import { RoutingRuleMap } from '../mesh/routing-rule-map';
import { ClientValidation, ServerTlsPolicy } from '../mesh/server-tls-policy';
import { SidecarInjector } from '../mesh/sidecar-injector';
import { ProjectApis } from '../project/project-apis';
import { MeshApiVariant, TopologyConfig } from './config';
import { topologyStack } from './stacks';

/** Names and values the seeds give the demo (seeds 000 and 002). */
const SEED = {
  serviceHost: 'service-test',
  servicePort: 80,
  applicationPort: 8000,
  negName: 'service-test-neg',
  gatewayHost: 'mesh-gateway',
  gatewayPort: 8080,
  payments: { app: 'payments' },
  // The seeds' service_sample.yaml runs serve_hostname on port 8000; agnhost is its maintained successor.
  serverImage: 'registry.k8s.io/e2e-test-images/agnhost:2.39',
  clientImage: 'docker.io/library/busybox:1.36',
} as const;

/** The stacks of one API variant, in deploy order. */
export interface VariantStacks {
  readonly variant: MeshApiVariant;
  /** Google Cloud resources the cluster and the workloads need: APIs, cluster, CAs, IAM, mesh policies. */
  readonly gcp: TerraformStack;
  /** Kubernetes objects, applied once the cluster exists. */
  readonly kubernetes: TerraformStack;
  /** Backend service and routing, applied once GKE has created the NEG of the demo Service. */
  readonly traffic: TerraformStack;
}

/**
 * Builds the reference topology of seeds 000 and 002 into `app`: for every configured variant, a GCP stack,
 * a Kubernetes stack and a traffic stack, each depending on the previous one.
 */
export function buildReferenceTopology(app: App, config: TopologyConfig): VariantStacks[] {
  return config.variants.map((variant) => {
    const gcp = buildGcpStack(app, variant, config);
    const kubernetes = buildKubernetesStack(app, variant, config, gcp);
    const traffic = buildTrafficStack(app, variant, config, gcp, kubernetes);
    return { variant, gcp: gcp.stack, kubernetes: kubernetes.stack, traffic: traffic.stack };
  });
}

interface GcpParts {
  readonly stack: TerraformStack;
  readonly cluster: GkeCluster;
  readonly ca: CaHierarchy;
  readonly meshAccount: MeshServiceAccount;
  readonly healthCheck: MeshHealthCheck;
  readonly clientMtls: ClientTlsPolicy;
  readonly gatewayTls: ServerTlsPolicy;
  readonly endpointAuthz: AuthorizationPolicy;
  readonly gatewayAuthz: AuthorizationPolicy;
  /** Routing API only. */
  readonly mesh?: Mesh;
  readonly gateway?: Gateway;
}

function buildGcpStack(app: App, variant: MeshApiVariant, config: TopologyConfig): GcpParts {
  const stack = topologyStack(app, `${variant}-gcp`, config);
  const project = config.projectId;
  new GoogleProvider(stack, 'google', { project, region: config.subordinateLocation });
  new ProjectApis(stack, 'Apis', { project });

  const cluster = new GkeCluster(stack, 'Cluster', {
    project,
    location: config.zone,
    clusterName: config.clusterName,
    network: config.network,
    healthCheckTag: config.healthCheckTag,
    allowDestroy: config.allowDestroy,
  });
  new FleetMembership(stack, 'Fleet', { cluster });
  const clusters = [cluster];
  if (config.peerClusterName) {
    // S3: seed 000's multi-cluster setup; each cluster's pods may reach the other's nodes.
    const peer = new GkeCluster(stack, 'PeerCluster', {
      project,
      location: config.peerClusterZone,
      clusterName: config.peerClusterName,
      network: config.network,
      healthCheckTag: config.healthCheckTag,
      allowDestroy: config.allowDestroy,
    });
    new FleetMembership(stack, 'PeerFleet', { cluster: peer });
    new CrossClusterFirewall(stack, 'PodToNode', { clusters: [cluster, peer] });
    clusters.push(peer);
  }

  const ca = new CaHierarchy(stack, 'Ca', {
    project,
    organization: config.organization,
    rootPoolId: config.rootPoolId,
    rootCaId: config.rootCaId,
    rootLocation: config.rootLocation,
    subordinatePoolId: config.subordinatePoolId,
    subordinateCaId: config.subordinateCaId,
    subordinateLocation: config.subordinateLocation,
    allowDestroy: config.allowDestroy,
  });
  ca.grantMeshCertificateIssuance(IamMember.gkeServiceAgent(config.projectNumber));
  const caAdmin = IamMember.of(config.caAdminMember);
  ca.grantCaManager(caAdmin);
  ca.grantCaAdmin(caAdmin);

  const meshAccount = new MeshServiceAccount(stack, 'MeshIdentity', { cluster });
  for (const ksa of [config.serverServiceAccount, config.clientServiceAccount]) {
    meshAccount.allowKubernetesServiceAccount(config.namespace, ksa);
  }

  // L1 / R5: health check and the health checkers' firewall rule aimed at the cluster's health-check tag.
  const healthCheck = new MeshHealthCheck(stack, 'HealthCheck', { project, name: 'td-gke-health-check' });
  new HealthCheckFirewall(stack, 'HealthCheckFirewall', { clusters });

  // S11, S12: mTLS in both directions with GKE mesh certificates.
  const clientMtls = new ClientTlsPolicy(stack, 'ClientMtls', { project, name: 'client-mtls-policy' });
  const serverMtls = new ServerTlsPolicy(stack, 'ServerMtls', { project, name: 'server-mtls-policy' });

  // S13: only the client (and the ingress gateway, which runs as the client) may GET the service on 8000.
  const client = Principal.kubernetesServiceAccount(cluster.trustDomain, config.namespace, config.clientServiceAccount);
  const endpointAuthz = new AuthorizationPolicy(stack, 'EndpointAuthz', {
    project,
    name: 'authz-policy',
    rules: [{
      sources: [{ principals: [client] }],
      destinations: [{ hosts: [SEED.serviceHost, SEED.gatewayHost], ports: [SEED.applicationPort], methods: ['GET'] }],
    }],
  });
  new EndpointPolicy(stack, 'EndpointPolicy', {
    project,
    name: 'ep',
    matchLabels: SEED.payments,
    serverTlsPolicy: serverMtls,
    authorizationPolicy: endpointAuthz,
  });

  // S15, S16: TLS termination and authorization of the ingress gateway.
  const gatewayTls = new ServerTlsPolicy(stack, 'GatewayTls', {
    project,
    name: 'server-tls-policy',
    description: 'tls server policy',
    clientValidation: ClientValidation.none(),
  });
  const gatewayAuthz = new AuthorizationPolicy(stack, 'GatewayAuthz', {
    project,
    name: 'authz-gateway-policy',
    rules: [{ destinations: [{ hosts: [SEED.gatewayHost], ports: [SEED.gatewayPort], methods: ['GET'] }] }],
  });

  const parts = { stack, cluster, ca, meshAccount, healthCheck, clientMtls, gatewayTls, endpointAuthz, gatewayAuthz };
  if (variant === 'lb-api') return parts;

  // R1, R3: the routing API's mesh and gateway.
  const mesh = new Mesh(stack, 'Mesh', { project, name: 'sidecar-mesh' });
  const gateway = new Gateway(stack, 'Gateway', {
    project,
    name: 'td-gke-gateway',
    scope: 'gateway-proxy',
    ports: [SEED.gatewayPort],
    serverTlsPolicy: gatewayTls,
    authorizationPolicy: gatewayAuthz,
    authorizationEnforcedBy: endpointAuthz,
  });
  return { ...parts, mesh, gateway };
}

interface KubernetesParts {
  readonly stack: TerraformStack;
  readonly server: KubernetesServiceAccount;
  readonly negService: NegService;
}

function buildKubernetesStack(app: App, variant: MeshApiVariant, config: TopologyConfig, gcp: GcpParts): KubernetesParts {
  const stack = topologyStack(app, `${variant}-k8s`, config);
  const { cluster, ca, meshAccount } = gcp;
  new GkeKubernetesProvider(stack, 'Cluster', { cluster });

  // S7: how the cluster issues and trusts mesh certificates.
  new WorkloadCertificateConfig(stack, 'WorkloadCertificates', { cluster, issuingPool: ca.subordinatePool });
  new TrustConfig(stack, 'Trust', { cluster, trustAnchors: [ca.rootPool] });

  // S8: the workloads' Kubernetes identities, acting as the mesh service account.
  const account = (id: string, name: string) => new KubernetesServiceAccount(stack, id, {
    namespace: config.namespace, name, googleServiceAccount: meshAccount,
  });
  const server = account('ServerServiceAccount', config.serverServiceAccount);
  const client = account('ClientServiceAccount', config.clientServiceAccount);

  // S9: the Envoy sidecar injector; the routing API's sidecars join the mesh, the LB API's select the network.
  const injector = new SidecarInjector(stack, 'SidecarInjector', {
    projectNumber: config.projectNumber,
    ...(gcp.mesh ? { mesh: gcp.mesh } : { network: config.network }),
  });

  // S10: the demo server (proxy metadata app=payments, inbound port 8000) behind a NEG Service, and the client.
  const serverWorkload = new MeshWorkload(stack, 'Server', {
    cluster,
    name: 'app1',
    namespace: config.namespace,
    serviceAccount: server,
    image: SEED.serverImage,
    args: ['serve-hostname', '--http=true', '--udp=false', `--port=${SEED.applicationPort}`],
    containerPort: SEED.applicationPort,
    podLabels: { run: 'app1' },
    proxyMetadata: SEED.payments,
    inboundPorts: [SEED.applicationPort],
    sidecarInjector: injector,
  });
  const negService = serverWorkload.exposeViaNegService({
    serviceName: SEED.serviceHost,
    port: SEED.servicePort,
    negName: SEED.negName,
    healthCheck: gcp.healthCheck,
  });
  new MeshWorkload(stack, 'Client', {
    cluster,
    name: 'busybox',
    namespace: config.namespace,
    serviceAccount: client,
    image: SEED.clientImage,
    command: ['sh', '-c', 'while true; do sleep 3600; done'],
    podLabels: { run: 'client' },
    sidecarInjector: injector,
  });

  // S14: the standalone Envoy ingress gateway, running as the client's service account.
  new IngressGateway(stack, 'IngressGateway', {
    cluster,
    serviceAccount: client,
    projectNumber: config.projectNumber,
    network: config.network,
    name: SEED.gatewayHost,
    namespace: config.namespace,
    listenPort: SEED.gatewayPort,
    gateway: gcp.gateway,
  });
  return { stack, server, negService };
}

function buildTrafficStack(app: App, variant: MeshApiVariant, config: TopologyConfig, gcp: GcpParts,
  kubernetes: KubernetesParts): { stack: TerraformStack } {
  const stack = topologyStack(app, `${variant}-traffic`, config);
  const project = config.projectId;
  new GoogleProvider(stack, 'google', { project, region: config.subordinateLocation });

  // L2, R5, S11: the backend service on the NEG, with client mTLS pinned to the server's identity.
  const backend = new MeshBackendService(stack, 'BackendService', {
    project,
    name: 'td-gke-service',
    healthCheck: gcp.healthCheck,
    networkEndpointGroups: kubernetes.negService.networkEndpointGroups,
    clientTlsPolicy: gcp.clientMtls,
    serverServiceAccount: kubernetes.server,
  });

  if (variant === 'lb-api') {
    // L3: sidecar routing on port 80.
    new RoutingRuleMap(stack, 'ServiceRouting', {
      project,
      urlMapName: 'td-gke-url-map',
      proxyName: 'td-gke-proxy',
      forwardingRuleName: 'td-gke-forwarding-rule',
      defaultService: backend,
      port: SEED.servicePort,
      network: config.network,
    });
    // L4, S15, S16: the ingress gateway's TLS-terminating routing on 8080.
    new RoutingRuleMap(stack, 'IngressRouting', {
      project,
      urlMapName: 'td-gke-ig-url-map',
      proxyName: 'td-gke-https-proxy',
      forwardingRuleName: 'td-gke-gateway-forwarding-rule',
      defaultService: backend,
      port: SEED.gatewayPort,
      network: config.network,
      serverTlsPolicy: gcp.gatewayTls,
      authorizationPolicy: gcp.gatewayAuthz,
      authorizationEnforcedBy: gcp.endpointAuthz,
    });
  } else {
    // R2, R4: routes of the mesh and of the gateway.
    new HttpRoute(stack, 'ServiceRoute', {
      project, name: 'helloworld-http-route', hostnames: [SEED.serviceHost], meshes: [gcp.mesh!], destination: backend,
    });
    new HttpRoute(stack, 'GatewayRoute', {
      project, name: 'td-gke-route', hostnames: [SEED.gatewayHost], gateways: [gcp.gateway!], destination: backend,
    });
  }
  return { stack };
}
