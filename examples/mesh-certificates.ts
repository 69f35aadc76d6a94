import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ca, core, gke } from '@zerotrust-gcp/cdktf-mesh-security';
import { App, TerraformStack } from 'cdktf';

const app = new App();

// Stack 1: Google Cloud resources.
const gcp = new TerraformStack(app, 'gcp');
new GoogleProvider(gcp, 'google', { project: 'my-project-id' });
const cluster = new gke.GkeCluster(gcp, 'Cluster', { location: 'us-east1-b', name: 'secure-td-cluster' });
const hierarchy = new ca.CaHierarchy(gcp, 'Ca', {
  organization: 'TestCorpLLC',
  rootPoolId: 'td-sec-pool',
  rootCaId: 'pkcs2-ca',
  subordinatePoolId: 'td-ca-pool',
  subordinateCaId: 'td-ca',
  subordinateLocation: 'us-east1',
});
hierarchy.grantMeshCertificateIssuance(core.IamMember.gkeServiceAgent('123456789012'));

// Stack 2: Kubernetes objects, deployed once the cluster exists (GkeKubernetesProvider adds the stack dependency).
const k8s = new TerraformStack(app, 'k8s');
new gke.GkeKubernetesProvider(k8s, 'Cluster', { cluster });
// The cluster's WorkloadCertificateConfig and TrustConfig, both named "default".
new gke.MeshCertificates(k8s, 'MeshCertificates', {
  cluster,
  issuingPool: hierarchy.subordinatePool,
  trustAnchors: [hierarchy.rootPool],
  keyAlgorithm: ca.WorkloadKeyAlgorithm.ecdsa(ca.EcdsaCurve.P256), // must match the CAs' EC keys
  validityDurationSeconds: 86400,
  rotationWindowPercentage: 50,
});

app.synth();
