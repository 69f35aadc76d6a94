import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import {
  CaHierarchy, GkeCluster, GkeKubernetesProvider, IngressGateway, KubernetesServiceAccount, MeshHealthCheck, MeshServiceAccount,
  MeshWorkload, SidecarInjector, TrustConfig, WorkloadCertificateConfig,
} from '@zerotrust-gcp/cdktf-mesh-security';
import { App, TerraformStack } from 'cdktf';

const app = new App();
const project = 'my-project-id';

const gcp = new TerraformStack(app, 'gcp');
new GoogleProvider(gcp, 'google', { project });
const cluster = new GkeCluster(gcp, 'Cluster', { project, location: 'us-east1-b', clusterName: 'secure-td-cluster' });
const ca = new CaHierarchy(gcp, 'Ca', {
  project, organization: 'TestCorpLLC', rootPoolId: 'td-sec-pool', rootCaId: 'pkcs2-ca',
  subordinatePoolId: 'td-ca-pool', subordinateCaId: 'td-ca', subordinateLocation: 'us-east1',
});
const meshAccount = new MeshServiceAccount(gcp, 'MeshIdentity', { cluster });
meshAccount.allowKubernetesServiceAccount('default', 'demo-server');
meshAccount.allowKubernetesServiceAccount('default', 'demo-client');
const healthCheck = new MeshHealthCheck(gcp, 'HealthCheck', { project, name: 'td-gke-health-check' });

const k8s = new TerraformStack(app, 'k8s');
new GkeKubernetesProvider(k8s, 'Cluster', { cluster });
new WorkloadCertificateConfig(k8s, 'WorkloadCertificates', { cluster, issuingPool: ca.subordinatePool });
new TrustConfig(k8s, 'Trust', { cluster, trustAnchors: [ca.rootPool] });
const server = new KubernetesServiceAccount(k8s, 'ServerSa', { name: 'demo-server', googleServiceAccount: meshAccount });
const client = new KubernetesServiceAccount(k8s, 'ClientSa', { name: 'demo-client', googleServiceAccount: meshAccount });

// S9: the Envoy sidecar injector (LB API: sidecars take the configuration of network "default").
const injector = new SidecarInjector(k8s, 'SidecarInjector', { projectNumber: '123456789012' });

// S10: the server, with the seed's proxy metadata and inbound port, exposed through the NEG service-test-neg.
const app1 = new MeshWorkload(k8s, 'Server', {
  cluster,
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
new MeshWorkload(k8s, 'Client', {
  cluster,
  name: 'busybox',
  serviceAccount: client,
  image: 'docker.io/library/busybox:1.36',
  command: ['sh', '-c', 'while true; do sleep 3600; done'],
  podLabels: { run: 'client' },
  sidecarInjector: injector,
});

// S14: the ingress gateway: a standalone Envoy with GKE workload certificates, running as the client.
new IngressGateway(k8s, 'IngressGateway', { cluster, serviceAccount: client, projectNumber: '123456789012' });

app.synth();
