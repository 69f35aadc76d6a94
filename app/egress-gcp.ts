import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { gke, network, project as gcpProject } from '@zerotrust-gcp/cdktf-mesh-security';
import { App, TerraformResource } from 'cdktf';
import { EgressGcpParts, EgressTopologyConfig } from './egress-config';
import { topologyStack } from './stacks';

/** The stack's name. */
export const EGRESS_GCP_STACK_NAME = 'egress-gcp';

/** The egress tutorial's names for the subnet's secondary ranges (`--secondary-range pods=…,services=…`). */
const POD_RANGE = 'pods';
const SERVICE_RANGE = 'services';
/** The dedicated gateway pool; GKE labels its nodes `cloud.google.com/gke-nodepool: gateway`, which the gateway selects. */
const GATEWAY_POOL = 'gateway';
/** `dedicated=gateway:NoSchedule` (E6): only pods tolerating it — the egress gateway — run on the gateway nodes. */
const GATEWAY_TAINT = { key: 'dedicated', value: 'gateway', effect: gke.TaintEffect.NO_SCHEDULE };

/**
 * The Google Cloud side of seed 001 (egress gateways with defence in depth) as the stack `egress-gcp`: the APIs, a
 * custom-mode VPC with the cluster's subnet and its pod and Service ranges (E1) and Private Google Access (E3), Cloud
 * NAT with an explicit minimum of ports per VM (E2), private DNS zones for Google APIs and registries (E3), the
 * private VPC-native cluster (E1) with a workload pool and a tainted gateway pool, each with a node service account of
 * its own (E6), the firewall that lets only the gateway nodes out (E7), and the fleet membership with managed Cloud
 * Service Mesh, whose Istio CRDs the Kubernetes stack (app/egress-k8s.ts) needs.
 */
export function buildEgressGcpStack(app: App, config: EgressTopologyConfig): EgressGcpParts {
  const stack = topologyStack(app, EGRESS_GCP_STACK_NAME, config);
  new GoogleProvider(stack, 'google', { project: config.projectId, region: config.region });
  new gcpProject.ProjectApis(stack, 'Apis', {
    services: [
      'compute.googleapis.com',
      'container.googleapis.com',
      'dns.googleapis.com',
      'gkehub.googleapis.com',
      'mesh.googleapis.com',
      'iam.googleapis.com',
      'cloudresourcemanager.googleapis.com',
    ],
  });

  // E1, E3: custom-mode network; the subnet's named secondary ranges become the cluster's pod and Service ranges.
  const vpc = new network.Vpc(stack, 'Network', { name: config.networkName });
  const subnet = vpc.addSubnet('Subnet', {
    name: config.subnetName,
    region: config.region,
    cidr: config.subnetCidr,
    secondaryRanges: [{ rangeName: POD_RANGE, cidr: config.podCidr }, { rangeName: SERVICE_RANGE, cidr: config.serviceCidr }],
    privateGoogleAccess: true,
  });
  // E2: the tutorial's nat-router / nat-config, with the ports per VM sized for the gateway.
  new network.CloudNat(stack, 'Nat', { subnet, routerName: 'nat-router', name: 'nat-config', minPortsPerVm: config.natMinPortsPerVm });
  // E3: private.googleapis.com; GoogleApisVip.RESTRICTED inside a VPC Service Controls perimeter.
  const googleApis = new network.PrivateGoogleApis(stack, 'GoogleApis', { network: vpc, vip: network.GoogleApisVip.PRIVATE });

  // E1: private nodes, Dataplane V2, workload identity, RAPID and mesh certificates are GkeCluster's defaults; its own
  // pool (CLUSTER-pool) runs the workloads as the dedicated account CLUSTER-nodes (E6).
  const cluster = new gke.GkeCluster(stack, 'Cluster', {
    location: config.zone,
    name: config.clusterName,
    network: vpc.name,
    subnetwork: subnet.subnetworkId,
    podRangeName: POD_RANGE,
    serviceRangeName: SERVICE_RANGE,
    controlPlaneCidr: config.controlPlaneCidr,
    releaseChannel: gke.ReleaseChannel.RAPID,
    allowDestroy: config.allowDestroy,
  });
  // E6: the gateway pool runs as an account of its own, so the firewall can single it out (E7).
  const gatewayNodes = new gke.NodeServiceAccount(stack, 'GatewayNodeIdentity', {
    accountId: `${config.clusterName.slice(0, 22).replace(/-+$/, '')}-gateway`,
    displayName: 'GKE egress gateway nodes',
  });
  const gatewayPool = cluster.addNodePool('GatewayPool', {
    name: GATEWAY_POOL,
    serviceAccount: gatewayNodes.email,
    labels: { dedicated: 'gateway' },
    taints: [GATEWAY_TAINT],
  });
  // NodePool waits only for the cluster's own node account: the gateway pool must also come after its account and roles.
  dependOn(gatewayPool.resource, [gatewayNodes.resource, ...gatewayNodes.grants]);

  // E7: deny all egress, except the gateway nodes to the web, and what the cluster needs to run.
  new network.EgressFirewall(stack, 'Firewall', {
    subnet,
    gatewayPool,
    workloadPools: [cluster.nodePool],
    controlPlaneCidr: config.controlPlaneCidr,
    googleApisVip: googleApis.vip,
  });

  // The Istio control plane and CRDs the Kubernetes stack's egress objects need (E9–E16), managed by Google.
  const membership = new gke.FleetMembership(stack, 'Fleet', { cluster });
  new gke.ServiceMeshFeature(stack, 'ServiceMesh', { memberships: [membership] });

  return { stack, cluster, gatewayPool, googleApisVip: googleApis.vip };
}

/** Adds `producers` to `consumer.depends_on` as bare `TYPE.NAME` references, the form Terraform requires there. */
function dependOn(consumer: TerraformResource, producers: TerraformResource[]): void {
  const references = producers.map((p) => `${p.terraformResourceType}.${p.friendlyUniqueId}`);
  consumer.dependsOn = [...(consumer.dependsOn ?? []), ...references];
}
