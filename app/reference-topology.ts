import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ca, core, gke, mesh, network, project as gcpProject } from '@zerotrust-gcp/cdktf-mesh-security';
import { App, TerraformStack } from 'cdktf';
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
  readonly cluster: gke.GkeCluster;
  readonly hierarchy: ca.CaHierarchy;
  readonly meshAccount: gke.MeshServiceAccount;
  readonly healthCheck: mesh.MeshHealthCheck;
  readonly clientMtls: mesh.ClientTlsPolicy;
  readonly gatewayTls: mesh.ServerTlsPolicy;
  readonly endpointAuthz: mesh.AuthorizationPolicy;
  readonly gatewayAuthz: mesh.AuthorizationPolicy;
  /** Routing API only. */
  readonly sidecarMesh?: mesh.Mesh;
  readonly gateway?: mesh.Gateway;
}

function buildGcpStack(app: App, variant: MeshApiVariant, config: TopologyConfig): GcpParts {
  const stack = topologyStack(app, `${variant}-gcp`, config);
  // The one per-stack project setting: every construct below takes its project from this provider.
  new GoogleProvider(stack, 'google', { project: config.projectId, region: config.subordinateLocation });
  new gcpProject.ProjectApis(stack, 'Apis', {});

  const cluster = new gke.GkeCluster(stack, 'Cluster', {
    location: config.zone,
    name: config.clusterName,
    network: config.network,
    subnetwork: config.subnetwork || undefined,
    healthCheckTag: config.healthCheckTag,
    allowDestroy: config.allowDestroy,
  });
  new gke.FleetMembership(stack, 'Fleet', { cluster });
  const clusters: gke.IGkeCluster[] = [cluster];
  if (config.peerClusterName) {
    // S3: seed 000's multi-cluster setup; each cluster's pods may reach the other's nodes.
    const peer = new gke.GkeCluster(stack, 'PeerCluster', {
      location: config.peerClusterZone,
      name: config.peerClusterName,
      network: config.network,
      subnetwork: config.subnetwork || undefined,
      healthCheckTag: config.healthCheckTag,
      allowDestroy: config.allowDestroy,
    });
    new gke.FleetMembership(stack, 'PeerFleet', { cluster: peer });
    new network.CrossClusterFirewall(stack, 'PodToNode', { clusters: [cluster, peer] });
    clusters.push(peer);
  }
  // The nodes are private (T1): Cloud NAT on the clusters' subnet gives them a way out, to pull the demo images from
  // registry.k8s.io and docker.io.
  const vpc = network.Vpc.fromNetworkName(stack, 'Network', { name: config.network });
  const regions = [...new Set(clusters.map((c) => c.region))];
  for (const region of regions) {
    const subnet = network.Subnet.fromSubnetAttributes(stack, `Subnet-${region}`, { network: vpc, name: config.subnetwork || config.network, region });
    new network.CloudNat(stack, `Nat-${region}`, { subnet });
  }

  const hierarchy = new ca.CaHierarchy(stack, 'Ca', {
    organization: config.organization,
    rootPoolId: config.rootPoolId,
    rootCaId: config.rootCaId,
    rootLocation: config.rootLocation,
    subordinatePoolId: config.subordinatePoolId,
    subordinateCaId: config.subordinateCaId,
    subordinateLocation: config.subordinateLocation,
    allowDestroy: config.allowDestroy,
  });
  hierarchy.grantMeshCertificateIssuance(core.IamMember.gkeServiceAgent(config.projectNumber));
  const caAdmin = core.IamMember.of(config.caAdminMember);
  hierarchy.grantCaManager(caAdmin);
  hierarchy.grantCaAdmin(caAdmin);

  const meshAccount = new gke.MeshServiceAccount(stack, 'MeshIdentity', { cluster });
  for (const ksa of [config.serverServiceAccount, config.clientServiceAccount]) {
    meshAccount.allowKubernetesServiceAccount(config.namespace, ksa);
  }

  // L1 / R5: health check and the health checkers' firewall rule aimed at the cluster's health-check tag.
  const healthCheck = new mesh.MeshHealthCheck(stack, 'HealthCheck', { name: 'td-gke-health-check' });
  new network.HealthCheckFirewall(stack, 'HealthCheckFirewall', { clusters });

  // S11, S12: mTLS in both directions with GKE mesh certificates.
  const clientMtls = new mesh.ClientTlsPolicy(stack, 'ClientMtls', { name: 'client-mtls-policy' });
  const serverMtls = new mesh.ServerTlsPolicy(stack, 'ServerMtls', { name: 'server-mtls-policy' });

  // S13: only the client (and the ingress gateway, which runs as the client) may GET the service on 8000.
  const client = mesh.Principal.kubernetesServiceAccount(cluster.trustDomain, config.namespace, config.clientServiceAccount);
  const endpointAuthz = new mesh.AuthorizationPolicy(stack, 'EndpointAuthz', {
    name: 'authz-policy',
    rules: [{
      sources: [{ principals: [client] }],
      destinations: [{ hosts: [SEED.serviceHost, SEED.gatewayHost], ports: [SEED.applicationPort], methods: ['GET'] }],
    }],
  });
  new mesh.EndpointPolicy(stack, 'EndpointPolicy', {
    name: 'ep',
    matchLabels: SEED.payments,
    serverTlsPolicy: serverMtls,
    authorizationPolicy: endpointAuthz,
  });

  // S15, S16: TLS termination and authorization of the ingress gateway.
  const gatewayTls = new mesh.ServerTlsPolicy(stack, 'GatewayTls', {
    name: 'server-tls-policy',
    description: 'tls server policy',
    clientValidation: mesh.ClientValidation.none(),
  });
  const gatewayAuthz = new mesh.AuthorizationPolicy(stack, 'GatewayAuthz', {
    name: 'authz-gateway-policy',
    rules: [{ destinations: [{ hosts: [SEED.gatewayHost], ports: [SEED.gatewayPort], methods: ['GET'] }] }],
  });

  const parts = { stack, cluster, hierarchy, meshAccount, healthCheck, clientMtls, gatewayTls, endpointAuthz, gatewayAuthz };
  if (variant === 'lb-api') return parts;

  // R1, R3: the routing API's mesh and gateway.
  const sidecarMesh = new mesh.Mesh(stack, 'Mesh', { name: 'sidecar-mesh' });
  const gateway = new mesh.Gateway(stack, 'Gateway', {
    name: 'td-gke-gateway',
    gatewayScope: 'gateway-proxy',
    ports: [SEED.gatewayPort],
    serverTlsPolicy: gatewayTls,
    authorizationPolicy: gatewayAuthz,
    authorizationEnforcedBy: endpointAuthz,
  });
  return { ...parts, sidecarMesh, gateway };
}

interface KubernetesParts {
  readonly stack: TerraformStack;
  readonly server: gke.KubernetesServiceAccount;
  readonly negService: mesh.NegService;
}

function buildKubernetesStack(app: App, variant: MeshApiVariant, config: TopologyConfig, gcp: GcpParts): KubernetesParts {
  const stack = topologyStack(app, `${variant}-k8s`, config);
  const { cluster, hierarchy, meshAccount } = gcp;
  new gke.GkeKubernetesProvider(stack, 'Cluster', { cluster });

  // S7: how the cluster issues and trusts mesh certificates. The id "Default" keeps the Terraform addresses the
  // WorkloadCertificateConfig and TrustConfig had before MeshCertificates grouped them (X3).
  const meshCertificates = new gke.MeshCertificates(stack, 'Default', {
    cluster,
    issuingPool: hierarchy.subordinatePool,
    trustAnchors: [hierarchy.rootPool],
  });

  // S8: the workloads' Kubernetes identities, acting as the mesh service account.
  const account = (id: string, name: string) => new gke.KubernetesServiceAccount(stack, id, {
    namespace: config.namespace, name, googleServiceAccount: meshAccount,
  });
  const server = account('ServerServiceAccount', config.serverServiceAccount);
  const client = account('ClientServiceAccount', config.clientServiceAccount);

  // S9: the Envoy sidecar injector; the routing API's sidecars join the mesh, the LB API's select the network.
  const injector = new mesh.SidecarInjector(stack, 'SidecarInjector', {
    projectNumber: config.projectNumber,
    ...(gcp.sidecarMesh ? { mesh: gcp.sidecarMesh } : { network: config.network }),
  });

  // S10: the demo server (proxy metadata app=payments, inbound port 8000) behind a NEG Service, and the client.
  const serverWorkload = new mesh.MeshWorkload(stack, 'Server', {
    cluster,
    meshCertificates,
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
  new mesh.MeshWorkload(stack, 'Client', {
    cluster,
    meshCertificates,
    name: 'busybox',
    namespace: config.namespace,
    serviceAccount: client,
    image: SEED.clientImage,
    command: ['sh', '-c', 'while true; do sleep 3600; done'],
    podLabels: { run: 'client' },
    sidecarInjector: injector,
  });

  // S14: the standalone Envoy ingress gateway, running as the client's service account.
  new mesh.IngressGateway(stack, 'IngressGateway', {
    meshCertificates,
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
  new GoogleProvider(stack, 'google', { project: config.projectId, region: config.subordinateLocation });

  // L2, R5, S11: the backend service on the NEG, with client mTLS pinned to the server's identity.
  const backend = new mesh.MeshBackendService(stack, 'BackendService', {
    name: 'td-gke-service',
    healthCheck: gcp.healthCheck,
    networkEndpointGroups: kubernetes.negService.networkEndpointGroups,
    clientTlsPolicy: gcp.clientMtls,
    serverServiceAccount: kubernetes.server,
  });

  if (variant === 'lb-api') {
    // L3: sidecar routing on port 80.
    new mesh.RoutingRuleMap(stack, 'ServiceRouting', {
      urlMapName: 'td-gke-url-map',
      proxyName: 'td-gke-proxy',
      forwardingRuleName: 'td-gke-forwarding-rule',
      defaultService: backend,
      port: SEED.servicePort,
      network: config.network,
    });
    // L4, S15, S16: the ingress gateway's TLS-terminating routing on 8080.
    new mesh.RoutingRuleMap(stack, 'IngressRouting', {
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
    new mesh.HttpRoute(stack, 'ServiceRoute', {
      name: 'helloworld-http-route', hostnames: [SEED.serviceHost], meshes: [gcp.sidecarMesh!], destination: backend,
    });
    new mesh.HttpRoute(stack, 'GatewayRoute', {
      name: 'td-gke-route', hostnames: [SEED.gatewayHost], gateways: [gcp.gateway!], destination: backend,
    });
  }
  return { stack };
}
