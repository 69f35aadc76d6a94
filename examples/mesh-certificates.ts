import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import {
  CaHierarchy, EcdsaCurve, GkeCluster, GkeKubernetesProvider, IamMember, TrustConfig, WorkloadCertificateConfig,
  WorkloadKeyAlgorithm,
} from '@zerotrust-gcp/cdktf-mesh-security';
import { App, TerraformStack } from 'cdktf';

const app = new App();

// Stack 1: Google Cloud resources.
const gcp = new TerraformStack(app, 'gcp');
new GoogleProvider(gcp, 'google', { project: 'my-project-id' });
const cluster = new GkeCluster(gcp, 'Cluster', { project: 'my-project-id', location: 'us-east1-b', clusterName: 'secure-td-cluster' });
const ca = new CaHierarchy(gcp, 'Ca', {
  project: 'my-project-id',
  organization: 'TestCorpLLC',
  rootPoolId: 'td-sec-pool',
  rootCaId: 'pkcs2-ca',
  subordinatePoolId: 'td-ca-pool',
  subordinateCaId: 'td-ca',
  subordinateLocation: 'us-east1',
});
ca.grantMeshCertificateIssuance(IamMember.gkeServiceAgent('123456789012'));

// Stack 2: Kubernetes objects, deployed once the cluster exists (GkeKubernetesProvider adds the stack dependency).
const k8s = new TerraformStack(app, 'k8s');
new GkeKubernetesProvider(k8s, 'Cluster', { cluster });
new WorkloadCertificateConfig(k8s, 'WorkloadCertificates', {
  cluster,
  issuingPool: ca.subordinatePool,
  keyAlgorithm: WorkloadKeyAlgorithm.ecdsa(EcdsaCurve.P256), // must match the CAs' EC keys
  validityDurationSeconds: 86400,
  rotationWindowPercentage: 50,
});
new TrustConfig(k8s, 'Trust', { cluster, trustAnchors: [ca.rootPool] });

app.synth();
