import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { egress, gke, network } from '@zerotrust-gcp/cdktf-mesh-security';
import { App, TerraformStack } from 'cdktf';

const app = new App();

// The Google Cloud side: a private cluster and its dedicated, tainted gateway pool (E1, E6).
const gcp = new TerraformStack(app, 'gcp');
new GoogleProvider(gcp, 'google', { project: 'my-project-id' });
const cluster = new gke.GkeCluster(gcp, 'Cluster', { location: 'us-central1-a', name: 'cluster1', controlPlaneCidr: '10.5.0.0/28' });
const gatewayPool = cluster.addNodePool('Gateway', {
  name: 'gateway',
  taints: [{ key: 'dedicated', value: 'gateway', effect: gke.TaintEffect.NO_SCHEDULE }],
  labels: { dedicated: 'gateway' },
});

// The mesh and Kubernetes side, deployed once managed Cloud Service Mesh runs on the cluster.
const k8s = new TerraformStack(app, 'k8s');
new gke.GkeKubernetesProvider(k8s, 'Cluster', { cluster });
new egress.MeshDefaults(k8s, 'MeshDefaults');
const gateway = new egress.EgressGateway(k8s, 'EgressGateway', { nodePool: gatewayPool, googleApisVip: network.GoogleApisVip.PRIVATE });
const teamX = gateway.addTeamNamespace('TeamX', { name: 'team-x', group: 'team-x@example.com' });
const teamY = gateway.addTeamNamespace('TeamY', { name: 'team-y', group: 'team-y@example.com' });

// The seed's example: team-x may call example.com; team-y may call httpbin.org, path /status/418 only.
gateway.allow(teamX, 'example.com');
gateway.allow(teamY, 'httpbin.org', { paths: ['/status/418'] });

// A wildcard whose hosts one server set serves, and a host whose clients insist on their own TLS (no identity checks).
gateway.addDestination({ host: '*.wikipedia.org', servedBy: 'www.wikipedia.org' }).allow(teamX, { methods: ['GET'] });
gateway.addDestination({ host: 'legacy.example.org', tls: egress.EgressTls.PASSTHROUGH }).allow(teamY);

new egress.NetworkAdminAccess(k8s, 'NetworkAdmins', { group: 'network-admins@example.com', gateway });

app.synth();
