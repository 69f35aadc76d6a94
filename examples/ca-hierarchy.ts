import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { CaHierarchy, IamMember, ProjectApis } from '@zerotrust-gcp/cdktf-mesh-security';
import { App, TerraformStack } from 'cdktf';

const app = new App();
const stack = new TerraformStack(app, 'ca');
new GoogleProvider(stack, 'google', { project: 'my-project-id' });
new ProjectApis(stack, 'Apis', { project: 'my-project-id' });

// Root pool (ENTERPRISE) + self-signed root, subordinate pool (DEVOPS) + subordinate issuing workload certificates.
const ca = new CaHierarchy(stack, 'Ca', {
  project: 'my-project-id',
  organization: 'TestCorpLLC',
  rootPoolId: 'td-sec-pool',
  rootCaId: 'pkcs2-ca',
  subordinatePoolId: 'td-ca-pool',
  subordinateCaId: 'td-ca',
  subordinateLocation: 'us-east1',
});

// Let GKE issue mesh certificates: auditor on the root pool, certificateManager on the subordinate pool.
ca.grantMeshCertificateIssuance(IamMember.gkeServiceAgent('123456789012'));
ca.grantCaManager(IamMember.group('platform-admins@example.com'));
ca.grantCaAdmin(IamMember.group('platform-admins@example.com'));

app.synth();
