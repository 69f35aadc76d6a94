import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import {
  ClientTlsPolicy, GkeCluster, HealthCheckFirewall, MeshBackendService, MeshHealthCheck, NetworkEndpointGroupRef, SpiffeId,
} from '@zerotrust-gcp/cdktf-mesh-security';
import { App, TerraformStack } from 'cdktf';

const app = new App();
const stack = new TerraformStack(app, 'backend');
new GoogleProvider(stack, 'google', { project: 'my-project-id' });
const project = 'my-project-id';
const cluster = GkeCluster.fromClusterAttributes(stack, 'Cluster', { project, location: 'us-east1-b', clusterName: 'secure-td-cluster' });

// L1: health check on the serving port, and the health checkers' firewall rule aimed at the cluster's tag.
const healthCheck = new MeshHealthCheck(stack, 'HealthCheck', { project, name: 'td-gke-health-check' });
new HealthCheckFirewall(stack, 'HealthCheckFirewall', { clusters: [cluster] });

// L2 + S11: the NEG GKE created for service-test, called over mTLS; clients insist on the server's SPIFFE ID.
new MeshBackendService(stack, 'Backend', {
  project,
  name: 'td-gke-service',
  healthCheck,
  networkEndpointGroups: [NetworkEndpointGroupRef.fromName(project, 'us-east1-b', 'service-test-neg')],
  clientTlsPolicy: new ClientTlsPolicy(stack, 'ClientMtls', { project, name: 'client-mtls-policy' }),
  subjectAltNames: [SpiffeId.forKubernetesServiceAccount('my-project-id.svc.id.goog', 'default', 'demo-server')],
});

app.synth();
