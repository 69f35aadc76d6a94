import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { CaHierarchy, CaPool, KeyFamily, RootCertificateAuthority } from '@zerotrust-gcp/cdktf-mesh-security';
import { App, TerraformStack } from 'cdktf';

const app = new App();
const stack = new TerraformStack(app, 'ca');
new GoogleProvider(stack, 'google', { project: 'my-project-id' });

// A root CA managed elsewhere (another team, another project) is referenced, never modified.
const rootPool = CaPool.fromPoolAttributes(stack, 'CorporateRootPool', {
  project: 'pki-project-id',
  location: 'us-central1',
  poolId: 'corp-root-pool',
});
const corporateRoot = RootCertificateAuthority.fromCertificateAuthorityAttributes(stack, 'CorporateRoot', {
  pool: rootPool,
  certificateAuthorityId: 'corp-root-ca',
  keyFamily: KeyFamily.ECDSA,
});

new CaHierarchy(stack, 'Ca', {
  project: 'my-project-id',
  organization: 'TestCorpLLC',
  existingRoot: corporateRoot,
  subordinatePoolId: 'td-ca-pool',
  subordinateCaId: 'td-ca',
  subordinateLocation: 'us-east1',
});

app.synth();
