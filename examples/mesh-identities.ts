import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { gke } from '@zerotrust-gcp/cdktf-mesh-security';
import { App, TerraformStack } from 'cdktf';

const app = new App();
const gcp = new TerraformStack(app, 'gcp');
new GoogleProvider(gcp, 'google', { project: 'my-project-id' });
const cluster = new gke.GkeCluster(gcp, 'Cluster', { location: 'us-east1-b', name: 'secure-td-cluster' });

// A dedicated Google service account holding roles/trafficdirector.client only.
const meshAccount = new gke.MeshServiceAccount(gcp, 'MeshIdentity', { cluster });
meshAccount.allowKubernetesServiceAccount('default', 'demo-server');
meshAccount.allowKubernetesServiceAccount('default', 'demo-client');

// The Kubernetes service accounts, annotated with iam.gke.io/gcp-service-account.
const k8s = new TerraformStack(app, 'k8s');
new gke.GkeKubernetesProvider(k8s, 'Cluster', { cluster });
const server = new gke.KubernetesServiceAccount(k8s, 'Server', { name: 'demo-server', googleServiceAccount: meshAccount });
new gke.KubernetesServiceAccount(k8s, 'Client', { name: 'demo-client', googleServiceAccount: meshAccount });

// spiffe://my-project-id.svc.id.goog/ns/default/sa/demo-server: the identity its pods' mesh certificates carry.
export const serverIdentity = server.spiffeId.uri;

app.synth();
