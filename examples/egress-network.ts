import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { gke, network, project } from '@zerotrust-gcp/cdktf-mesh-security';
import { App, TerraformStack } from 'cdktf';

const app = new App();
const stack = new TerraformStack(app, 'egress-network');
new GoogleProvider(stack, 'google', { project: 'my-project-id', region: 'us-central1' });
new project.ProjectApis(stack, 'Apis', {
  services: ['compute.googleapis.com', 'container.googleapis.com', 'dns.googleapis.com', 'gkehub.googleapis.com', 'mesh.googleapis.com'],
});

// E1, E3: a custom-mode network; the subnet's named secondary ranges hold the pods and Services; Private Google Access on.
const vpc = new network.Vpc(stack, 'Network', { name: 'vpc-network' });
const subnet = vpc.addSubnet('Subnet', {
  name: 'subnet-gke',
  region: 'us-central1',
  cidr: '10.0.0.0/24',
  secondaryRanges: [
    { rangeName: 'pods', cidr: '10.1.0.0/16' },
    { rangeName: 'services', cidr: '10.2.0.0/20' },
  ],
});

// E2: the only way out, with ports per VM sized for the gateway's concurrent connections.
new network.CloudNat(stack, 'Nat', { subnet, minPortsPerVm: 2048 });

// E3: googleapis.com, gcr.io and pkg.dev resolve to private.googleapis.com (RESTRICTED inside a VPC-SC perimeter).
const googleApis = new network.PrivateGoogleApis(stack, 'GoogleApis', { network: vpc, vip: network.GoogleApisVip.PRIVATE });

// E1: private nodes, Dataplane V2, workload identity and RAPID are the cluster's defaults.
const cluster = new gke.GkeCluster(stack, 'Cluster', {
  location: 'us-central1-a',
  name: 'cluster1',
  network: vpc.name,
  subnetwork: subnet.subnetworkId,
  podRangeName: 'pods',
  serviceRangeName: 'services',
  controlPlaneCidr: '10.5.0.0/28',
});

// E6: the egress gateway's own pool and service account; the taint keeps every other pod off it.
const gatewayNodes = new gke.NodeServiceAccount(stack, 'GatewayNodes', { accountId: 'sa-gateway-nodes' });
const gatewayPool = cluster.addNodePool('GatewayPool', {
  name: 'gateway',
  nodeCount: 1,
  serviceAccount: gatewayNodes.email,
  labels: { dedicated: 'gateway' },
  taints: [{ key: 'dedicated', value: 'gateway', effect: gke.TaintEffect.NO_SCHEDULE }],
});

// E7: deny all egress; only the gateway nodes reach the web; the cluster keeps its control plane, peers and Google APIs.
new network.EgressFirewall(stack, 'Firewall', {
  subnet,
  gatewayPool,
  workloadPools: [cluster.nodePool],
  controlPlaneCidr: '10.5.0.0/28',
  googleApisVip: googleApis.vip,
});

// Managed Cloud Service Mesh: Google runs the control plane and installs the Istio CRDs the egress gateway's objects need.
const membership = new gke.FleetMembership(stack, 'Fleet', { cluster });
new gke.ServiceMeshFeature(stack, 'ServiceMesh', { memberships: [membership] });

app.synth();
