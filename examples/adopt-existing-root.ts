import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ca } from '@zerotrust-gcp/cdktf-mesh-security';
import { App, TerraformStack } from 'cdktf';

const app = new App();
const stack = new TerraformStack(app, 'ca');
new GoogleProvider(stack, 'google', { project: 'my-project-id' });

// A root CA managed elsewhere (another team, another project) is referenced, never modified.
const rootPool = ca.CaPool.fromPoolAttributes(stack, 'CorporateRootPool', {
  project: 'pki-project-id',
  location: 'us-central1',
  name: 'corp-root-pool',
  keyFamily: ca.KeyFamily.ECDSA,
});
const corporateRoot = ca.RootCertificateAuthority.fromCertificateAuthorityAttributes(stack, 'CorporateRoot', {
  pool: rootPool,
  name: 'corp-root-ca',
  keyFamily: ca.KeyFamily.ECDSA,
});

// The subordinate pool and CA go in this project (the stack's Google provider names it).
new ca.CaHierarchy(stack, 'Ca', {
  organization: 'TestCorpLLC',
  existingRoot: corporateRoot,
  subordinatePoolId: 'td-ca-pool',
  subordinateCaId: 'td-ca',
  subordinateLocation: 'us-east1',
});

app.synth();
