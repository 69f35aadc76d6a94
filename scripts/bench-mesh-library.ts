import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ca, gke, mesh } from '@zerotrust-gcp/cdktf-mesh-security';
import { App, TerraformStack } from 'cdktf';

/**
 * `npm run bench`: BENCH_SERVICES mesh services built with the library's public API, each with its authorization
 * and endpoint policy, Kubernetes service account, workload, NEG Service, backend service and route. Google Cloud
 * resources and Kubernetes objects live in separate stacks; scripts/bench-mesh-plain.ts builds the same resources
 * straight from the provider bindings.
 */
const services = Number(process.env.BENCH_SERVICES ?? 10);
const app = new App();

const gcp = new TerraformStack(app, 'gcp');
new GoogleProvider(gcp, 'google', { project: 'my-project-id', region: 'us-east1' });
const cluster = new gke.GkeCluster(gcp, 'Cluster', { location: 'us-east1-b', name: 'secure-td-cluster' });
const hierarchy = new ca.CaHierarchy(gcp, 'Ca', {
  organization: 'TestCorpLLC', rootPoolId: 'td-sec-pool', rootCaId: 'pkcs2-ca',
  subordinatePoolId: 'td-ca-pool', subordinateCaId: 'td-ca', subordinateLocation: 'us-east1',
});
const meshAccount = new gke.MeshServiceAccount(gcp, 'MeshIdentity', { cluster });
// A dedicated port: health checks to the serving port would be rejected by the endpoints' mTLS (S10).
const healthCheck = new mesh.MeshHealthCheck(gcp, 'HealthCheck', { name: 'td-gke-health-check', port: 8081 });
const serverMtls = new mesh.ServerTlsPolicy(gcp, 'ServerMtls', { name: 'server-mtls-policy' });
const clientMtls = new mesh.ClientTlsPolicy(gcp, 'ClientMtls', { name: 'client-mtls-policy' });
const sidecarMesh = new mesh.Mesh(gcp, 'Mesh', { name: 'sidecar-mesh' });
const caller = mesh.Principal.kubernetesServiceAccount(cluster.trustDomain, 'default', 'demo-client');

const k8s = new TerraformStack(app, 'k8s');
new gke.GkeKubernetesProvider(k8s, 'Cluster', { cluster });
const meshCertificates = new gke.MeshCertificates(k8s, 'MeshCertificates', {
  cluster, issuingPool: hierarchy.subordinatePool, trustAnchors: [hierarchy.rootPool],
});

const traffic = new TerraformStack(app, 'traffic');
new GoogleProvider(traffic, 'google', { project: 'my-project-id', region: 'us-east1' });

for (let i = 0; i < services; i++) {
  const name = `svc-${i}`;
  const authorizationPolicy = new mesh.AuthorizationPolicy(gcp, `${name}-authz`, {
    name: `${name}-authz`,
    rules: [{ sources: [{ principals: [caller] }], destinations: [{ hosts: [name], ports: [8000], methods: ['GET'] }] }],
  });
  new mesh.EndpointPolicy(gcp, `${name}-ep`, {
    name: `${name}-ep`, matchLabels: { app: name }, serverTlsPolicy: serverMtls, authorizationPolicy,
  });

  const serviceAccount = new gke.KubernetesServiceAccount(k8s, `${name}-sa`, { name, googleServiceAccount: meshAccount });
  const workload = new mesh.MeshWorkload(k8s, name, {
    cluster,
    meshCertificates,
    name,
    serviceAccount,
    image: 'registry.k8s.io/e2e-test-images/agnhost:2.39',
    args: ['serve-hostname', '--http=true', '--udp=false', '--port=8000'],
    containerPort: 8000,
    proxyMetadata: { app: name },
  });
  const negService = workload.exposeViaNegService({ serviceName: name, port: 80, negName: `${name}-neg`, healthCheck });

  const backend = new mesh.MeshBackendService(traffic, `${name}-backend`, {
    name,
    healthCheck,
    networkEndpointGroups: negService.networkEndpointGroups,
    clientTlsPolicy: clientMtls,
    serverServiceAccount: serviceAccount,
  });
  new mesh.HttpRoute(traffic, `${name}-route`, { name: `${name}-route`, hostnames: [name], meshes: [sidecarMesh], destination: backend });
}

app.synth();
