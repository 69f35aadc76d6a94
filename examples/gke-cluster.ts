import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { CrossClusterFirewall, FleetMembership, GkeCluster } from '@zerotrust-gcp/cdktf-mesh-security';
import { App, TerraformStack } from 'cdktf';

const app = new App();
const stack = new TerraformStack(app, 'clusters');
new GoogleProvider(stack, 'google', { project: 'my-project-id' });

// Mesh certificates, workload identity (my-project-id.svc.id.goog), GKE_METADATA, VPC-native, RAPID channel.
const clusterA = new GkeCluster(stack, 'ClusterA', {
  project: 'my-project-id',
  location: 'us-east1-b',
  clusterName: 'cluster-a',
  podCidr: '10.4.0.0/14',
});
new FleetMembership(stack, 'FleetA', { cluster: clusterA });

// A cluster created elsewhere joins the mesh by reference.
const clusterB = GkeCluster.fromClusterAttributes(stack, 'ClusterB', {
  project: 'my-project-id',
  location: 'us-east1-c',
  clusterName: 'cluster-b',
  nodeTag: 'gke-cluster-b-acd14479-node',
  podCidr: '10.8.0.0/14',
});

// per-cluster-a-pods and per-cluster-b-pods: each cluster's pods may reach the other's nodes.
new CrossClusterFirewall(stack, 'PodToNode', { clusters: [clusterA, clusterB] });

app.synth();
