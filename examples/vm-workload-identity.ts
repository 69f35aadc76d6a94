import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import { ca, vm } from '@zerotrust-gcp/cdktf-mesh-security';
import { App, TerraformStack } from 'cdktf';

const app = new App();
const stack = new TerraformStack(app, 'vm');
new GoogleProvider(stack, 'google', { project: 'my-project-id', region: 'us-east1' });
// Preview: the project must be allowlisted, and quota is billed to it (seed 003: billing/quota_project).
new GoogleBetaProvider(stack, 'google-beta', { project: 'my-project-id', userProjectOverride: true, billingProject: 'my-project-id' });

// W1: a TRUST_DOMAIN pool, a namespace and a managed identity.
const pool = new vm.WorkloadIdentityPool(stack, 'Pool', { projectNumber: '123456789012', name: 'mwlid-pool' });
const identity = pool.addNamespace('Namespace', { name: 'mtls-demo' }).addManagedIdentity('Backend', { name: 'backend' });

// W2: VMs running as this service account receive the identity.
const serviceAccount = new vm.VmServiceAccount(stack, 'ServiceAccount', { accountId: 'mwlid-backend' });
identity.allowVmsWithServiceAccount(serviceAccount);

// W3: the CA hierarchy in the VMs' region; the pool's identities may request certificates from the subordinate pool.
const hierarchy = new ca.CaHierarchy(stack, 'Ca', {
  organization: 'TestCorpLLC',
  rootPoolId: 'mwlid-root-pool',
  rootCaId: 'mwlid-root-ca',
  subordinatePoolId: 'mwlid-sub-pool',
  subordinateCaId: 'mwlid-sub-ca',
  subordinateLocation: 'us-east1',
});
pool.authorizeCertificateRequests(hierarchy.subordinatePool);

// W4: the seed's CONFIGS.json, from typed references.
const partnerMetadata = new vm.PartnerMetadata(stack, 'PartnerMetadata', {
  identity,
  issuingPool: hierarchy.subordinatePool,
  keyAlgorithm: ca.WorkloadKeyAlgorithm.rsa(2048),
});

// W5, W7: a template (no external IP, Shielded VM) and a group that rolls to each new template with a surge.
const template = new vm.WorkloadInstanceTemplate(stack, 'Template', { namePrefix: 'mwlid-backend', serviceAccount, partnerMetadata });
new vm.WorkloadInstanceGroup(stack, 'Group', { template, name: 'mwlid-backend', zone: 'us-east1-b', targetSize: 2 });

// W6: one VM with the same configuration; its partner metadata is updated in place.
new vm.WorkloadInstance(stack, 'Vm', { name: 'mwlid-backend-solo', zone: 'us-east1-b', serviceAccount, partnerMetadata });

// W8: SPIFFE ID, credential files and metadata endpoints as a Terraform output.
new vm.WorkloadCredentialOutputs(stack, 'Credentials', { partnerMetadata });

app.synth();
