import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { core, gke, mesh, network } from '@zerotrust-gcp/cdktf-mesh-security';
import { App, TerraformStack } from 'cdktf';

const app = new App();
const stack = new TerraformStack(app, 'backend');
new GoogleProvider(stack, 'google', { project: 'my-project-id' });
const cluster = gke.GkeCluster.fromClusterAttributes(stack, 'Cluster', { location: 'us-east1-b', name: 'secure-td-cluster' });

// L1: health check on the serving port, and the health checkers' firewall rule aimed at the cluster's tag.
const healthCheck = new mesh.MeshHealthCheck(stack, 'HealthCheck', { name: 'td-gke-health-check' });
new network.HealthCheckFirewall(stack, 'HealthCheckFirewall', { clusters: [cluster] });

// L2 + S11: the NEG GKE created for service-test, called over mTLS; clients insist on the server's SPIFFE ID.
new mesh.MeshBackendService(stack, 'Backend', {
  name: 'td-gke-service',
  healthCheck,
  networkEndpointGroups: [mesh.NetworkEndpointGroupRef.fromName('my-project-id', 'us-east1-b', 'service-test-neg')],
  clientTlsPolicy: new mesh.ClientTlsPolicy(stack, 'ClientMtls', { name: 'client-mtls-policy' }),
  subjectAltNames: [core.SpiffeId.forKubernetesServiceAccount('my-project-id.svc.id.goog', 'default', 'demo-server')],
});

app.synth();
