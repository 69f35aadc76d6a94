import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ca, core, gke, mesh, project } from '@zerotrust-gcp/cdktf-mesh-security';
import { App, TerraformStack } from 'cdktf';

const app = new App();
const stack = new TerraformStack(app, 'mesh-security');
// The stack's project: every construct below takes it from this provider.
new GoogleProvider(stack, 'google', { project: 'my-project-id', region: 'us-east1' });
new project.ProjectApis(stack, 'Apis', {});

const cluster = new gke.GkeCluster(stack, 'Cluster', { location: 'us-east1-b', name: 'secure-td-cluster' });
const hierarchy = new ca.CaHierarchy(stack, 'Ca', {
  organization: 'TestCorpLLC',
  rootPoolId: 'td-sec-pool',
  rootCaId: 'pkcs2-ca',
  subordinatePoolId: 'td-ca-pool',
  subordinateCaId: 'td-ca',
  subordinateLocation: cluster.region,
});
hierarchy.grantMeshCertificateIssuance(core.IamMember.gkeServiceAgent('123456789012'));

// Strict mTLS for every pod whose proxy metadata says app=payments; clients present mesh certificates too.
const serverMtls = new mesh.ServerTlsPolicy(stack, 'ServerMtls', { name: 'server-mtls-policy' });
new mesh.ClientTlsPolicy(stack, 'ClientMtls', { name: 'client-mtls-policy' });
// Deny by default: only the checkout service account may GET payments on 8000.
const authz = new mesh.AuthorizationPolicy(stack, 'PaymentsAuthz', { name: 'payments-authz' });
authz.addRule({
  sources: [{ principals: [mesh.Principal.kubernetesServiceAccount(cluster.trustDomain, 'default', 'checkout')] }],
  destinations: [{ hosts: ['payments'], ports: [8000], methods: ['GET'] }],
});
new mesh.EndpointPolicy(stack, 'Payments', {
  name: 'ep',
  matchLabels: { app: 'payments' },
  serverTlsPolicy: serverMtls,
  authorizationPolicy: authz,
});

app.synth();
