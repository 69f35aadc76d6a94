import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { gke, network } from '@zerotrust-gcp/cdktf-mesh-security';
import { App, TerraformStack } from 'cdktf';

const app = new App();
const stack = new TerraformStack(app, 'clusters');
new GoogleProvider(stack, 'google', { project: 'my-project-id' });

// Mesh certificates, workload identity (my-project-id.svc.id.goog), GKE_METADATA, VPC-native, RAPID channel.
const clusterA = new gke.GkeCluster(stack, 'ClusterA', {
  location: 'us-east1-b',
  name: 'cluster-a',
  podCidr: '10.4.0.0/14',
});
new gke.FleetMembership(stack, 'FleetA', { cluster: clusterA });

// A second pool with its own nodes, kept for one kind of workload by a taint.
clusterA.addNodePool('BatchPool', {
  name: 'batch',
  nodeCount: 1,
  labels: { pool: 'batch' },
  taints: [{ key: 'dedicated', value: 'batch', effect: gke.TaintEffect.NO_SCHEDULE }],
});

// A cluster created elsewhere joins the mesh by reference.
const clusterB = gke.GkeCluster.fromClusterAttributes(stack, 'ClusterB', {
  location: 'us-east1-c',
  name: 'cluster-b',
  nodeTag: 'gke-cluster-b-acd14479-node',
  podCidr: '10.8.0.0/14',
});

// per-cluster-a-pods and per-cluster-b-pods: each cluster's pods may reach the other's nodes.
new network.CrossClusterFirewall(stack, 'PodToNode', { clusters: [clusterA, clusterB] });

app.synth();
