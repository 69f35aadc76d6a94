import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ca, core, project } from '@zerotrust-gcp/cdktf-mesh-security';
import { App, TerraformStack } from 'cdktf';

const app = new App();
const stack = new TerraformStack(app, 'ca');
// Every construct of the stack takes its project from this provider unless given one.
new GoogleProvider(stack, 'google', { project: 'my-project-id' });
new project.ProjectApis(stack, 'Apis', {});

// Root pool (ENTERPRISE) + self-signed root, subordinate pool (DEVOPS) + subordinate issuing workload certificates.
const hierarchy = new ca.CaHierarchy(stack, 'Ca', {
  organization: 'TestCorpLLC',
  rootPoolId: 'td-sec-pool',
  rootCaId: 'pkcs2-ca',
  subordinatePoolId: 'td-ca-pool',
  subordinateCaId: 'td-ca',
  subordinateLocation: 'us-east1',
});

// Let GKE issue mesh certificates: auditor on the root pool, certificateManager on the subordinate pool.
hierarchy.grantMeshCertificateIssuance(core.IamMember.gkeServiceAgent('123456789012'));
hierarchy.grantCaManager(core.IamMember.group('platform-admins@example.com'));
hierarchy.grantCaAdmin(core.IamMember.group('platform-admins@example.com'));

app.synth();
