import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import {
  CaHierarchy, ClientTlsPolicy, EndpointPolicy, GkeCluster, IamMember, ProjectApis, ServerTlsPolicy,
} from '@zerotrust-gcp/cdktf-mesh-security';
import { App, TerraformStack } from 'cdktf';

const app = new App();
const stack = new TerraformStack(app, 'mesh-security');
new GoogleProvider(stack, 'google', { project: 'my-project-id', region: 'us-east1' });
new ProjectApis(stack, 'Apis', { project: 'my-project-id' });

const cluster = new GkeCluster(stack, 'Cluster', {
  project: 'my-project-id',
  location: 'us-east1-b',
  clusterName: 'secure-td-cluster',
});
const ca = new CaHierarchy(stack, 'Ca', {
  project: 'my-project-id',
  organization: 'TestCorpLLC',
  rootPoolId: 'td-sec-pool',
  rootCaId: 'pkcs2-ca',
  subordinatePoolId: 'td-ca-pool',
  subordinateCaId: 'td-ca',
  subordinateLocation: cluster.region,
});
ca.grantMeshCertificateIssuance(IamMember.gkeServiceAgent('123456789012'));

// Strict mTLS for every pod whose proxy metadata says app=payments; clients present mesh certificates too.
const serverMtls = new ServerTlsPolicy(stack, 'ServerMtls', { project: 'my-project-id', name: 'server-mtls-policy' });
new ClientTlsPolicy(stack, 'ClientMtls', { project: 'my-project-id', name: 'client-mtls-policy' });
new EndpointPolicy(stack, 'Payments', {
  project: 'my-project-id',
  name: 'ep',
  matchLabels: { app: 'payments' },
  serverTlsPolicy: serverMtls,
});

app.synth();
