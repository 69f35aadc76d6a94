import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ca, gke, mesh } from '@zerotrust-gcp/cdktf-mesh-security';
import { App, TerraformStack } from 'cdktf';

const app = new App();

const gcp = new TerraformStack(app, 'gcp');
new GoogleProvider(gcp, 'google', { project: 'my-project-id' });
const cluster = new gke.GkeCluster(gcp, 'Cluster', { location: 'us-east1-b', name: 'secure-td-cluster' });
const hierarchy = new ca.CaHierarchy(gcp, 'Ca', {
  organization: 'TestCorpLLC', rootPoolId: 'td-sec-pool', rootCaId: 'pkcs2-ca',
  subordinatePoolId: 'td-ca-pool', subordinateCaId: 'td-ca', subordinateLocation: 'us-east1',
});
const meshAccount = new gke.MeshServiceAccount(gcp, 'MeshIdentity', { cluster });
meshAccount.allowKubernetesServiceAccount('default', 'demo-server');
meshAccount.allowKubernetesServiceAccount('default', 'demo-client');
const healthCheck = new mesh.MeshHealthCheck(gcp, 'HealthCheck', { name: 'td-gke-health-check' });

const k8s = new TerraformStack(app, 'k8s');
new gke.GkeKubernetesProvider(k8s, 'Cluster', { cluster });
// S7: workloads that mount mesh certificates take the cluster's MeshCertificates.
const meshCertificates = new gke.MeshCertificates(k8s, 'MeshCertificates', {
  cluster, issuingPool: hierarchy.subordinatePool, trustAnchors: [hierarchy.rootPool],
});
const server = new gke.KubernetesServiceAccount(k8s, 'ServerSa', { name: 'demo-server', googleServiceAccount: meshAccount });
const client = new gke.KubernetesServiceAccount(k8s, 'ClientSa', { name: 'demo-client', googleServiceAccount: meshAccount });

// S9: the Envoy sidecar injector (LB API: sidecars take the configuration of network "default").
const injector = new mesh.SidecarInjector(k8s, 'SidecarInjector', { projectNumber: '123456789012' });

// S10: the server, with the seed's proxy metadata and inbound port, exposed through the NEG service-test-neg.
const app1 = new mesh.MeshWorkload(k8s, 'Server', {
  cluster,
  meshCertificates,
  name: 'app1',
  serviceAccount: server,
  image: 'registry.k8s.io/e2e-test-images/agnhost:2.39',
  args: ['serve-hostname', '--http=true', '--udp=false', '--port=8000'],
  containerPort: 8000,
  proxyMetadata: { app: 'payments' },
  sidecarInjector: injector,
});
app1.exposeViaNegService({ serviceName: 'service-test', port: 80, negName: 'service-test-neg', healthCheck });

// S10: the client carries only enableManagedCerts.
new mesh.MeshWorkload(k8s, 'Client', {
  cluster,
  meshCertificates,
  name: 'busybox',
  serviceAccount: client,
  image: 'docker.io/library/busybox:1.36',
  command: ['sh', '-c', 'while true; do sleep 3600; done'],
  podLabels: { run: 'client' },
  sidecarInjector: injector,
});

// S14: the ingress gateway: a standalone Envoy with GKE workload certificates, running as the client.
new mesh.IngressGateway(k8s, 'IngressGateway', { meshCertificates, serviceAccount: client, projectNumber: '123456789012' });

app.synth();
