import { Fn, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { CaKeyAlgorithm, CaPool, CaPoolEncodingFormat, CaPoolTier, KeyFamily, RootCertificateAuthority } from '../../lib/ca';
import { IamMember } from '../../lib/core';
import { googleStack as stack, onlyResource, resourcesOf, StackJson, synth, testStack } from '../helpers/synth';

const POOL = 'google_privateca_ca_pool';
const POOL_IAM = 'google_privateca_ca_pool_iam_member';
const GKE_AGENT = 'serviceAccount:service-123456789012@container-engine-robot.iam.gserviceaccount.com';


function enterprisePool(scope: TerraformStack, extra: Partial<ConstructorParameters<typeof CaPool>[2]> = {}): CaPool {
  return new CaPool(scope, 'Pool', { project: 'my-project-id', location: 'us-east1', name: 'td-sec-pool', tier: CaPoolTier.ENTERPRISE, ...extra });
}

function devopsPool(scope: TerraformStack, extra: Partial<ConstructorParameters<typeof CaPool>[2]> = {}): CaPool {
  return new CaPool(scope, 'Pool', { project: 'my-project-id', location: 'us-east1', name: 'td-ca-pool', tier: CaPoolTier.DEVOPS, ...extra });
}

function pool(json: StackJson): Record<string, unknown> {
  return onlyResource(json, POOL);
}

describe('CaPool', () => {
  it('S5: renders an ENTERPRISE root pool like `gcloud privateca pools create --tier enterprise`', () => {
    const s = stack();
    enterprisePool(s);
    expect(pool(synth(s))).toMatchObject({
      project: 'my-project-id',
      location: 'us-east1',
      name: 'td-sec-pool',
      tier: 'ENTERPRISE',
    });
  });

  it('S5: renders a DEVOPS subordinate pool in us-east1', () => {
    const s = stack();
    devopsPool(s);
    expect(pool(synth(s))).toMatchObject({ location: 'us-east1', name: 'td-ca-pool', tier: 'DEVOPS' });
  });

  it('cloud-foundation-fabric#4106: ENTERPRISE publishing options are explicit (CA cert and CRL, PEM)', () => {
    const s = stack();
    enterprisePool(s);
    expect(pool(synth(s)).publishing_options).toEqual({ publish_ca_cert: true, publish_crl: true, encoding_format: 'PEM' });
  });

  it('cloud-foundation-fabric#4106: DEVOPS publishing options are explicit (CA cert, no CRL, PEM)', () => {
    const s = stack();
    devopsPool(s);
    expect(pool(synth(s)).publishing_options).toEqual({ publish_ca_cert: true, publish_crl: false, encoding_format: 'PEM' });
  });

  it('cloud-foundation-fabric#4106 / S5: issuance modes are explicit and config-based issuance stays allowed for GKE', () => {
    const s = stack();
    devopsPool(s);
    expect((pool(synth(s)).issuance_policy as Record<string, unknown>).allowed_issuance_modes)
      .toEqual({ allow_config_based_issuance: true, allow_csr_based_issuance: true });
  });

  it('S5: rejects publishCrl on a DEVOPS pool', () => {
    expect(() => devopsPool(stack(), { publishCrl: true })).toThrow(
      'test/Pool: publishCrl cannot be true for a DEVOPS pool (got true). ' +
      'DevOps-tier pools do not publish CRLs; remove publishCrl or use CaPoolTier.ENTERPRISE.');
  });

  it('renders the explicit publishing and issuance options it is given', () => {
    const s = stack();
    enterprisePool(s, {
      publishCaCert: false,
      publishCrl: false,
      encodingFormat: CaPoolEncodingFormat.DER,
      allowCsrBasedIssuance: false,
      maximumCertificateLifetime: '86400s',
      labels: { team: 'mesh' },
    });
    const rendered = pool(synth(s));
    expect(rendered.publishing_options).toEqual({ publish_ca_cert: false, publish_crl: false, encoding_format: 'DER' });
    expect(rendered.issuance_policy).toMatchObject({
      maximum_lifetime: '86400s',
      allowed_issuance_modes: { allow_config_based_issuance: true, allow_csr_based_issuance: false },
    });
    expect(rendered.labels).toEqual({ team: 'mesh' });
  });

  it('X6: a pool carries lifecycle.prevent_destroy by default', () => {
    const s = stack();
    enterprisePool(s);
    expect(pool(synth(s)).lifecycle).toEqual({ prevent_destroy: true });
  });

  it('X6: allowDestroy lifts prevent_destroy', () => {
    const s = stack();
    enterprisePool(s, { allowDestroy: true });
    expect(pool(synth(s)).lifecycle).toEqual({ prevent_destroy: false });
  });

  it('S7: exposes the pool name and the URI WorkloadCertificateConfig and TrustConfig use', () => {
    const p = devopsPool(stack());
    expect(p.resourceName).toBe('projects/my-project-id/locations/us-east1/caPools/td-ca-pool');
    expect(p.uri).toBe('//privateca.googleapis.com/projects/my-project-id/locations/us-east1/caPools/td-ca-pool');
  });

  it('S5: rejects a location outside the seed\'s CA Service regions, listing them', () => {
    expect(() => devopsPool(stack(), { location: 'us-east9' })).toThrow(
      'test/Pool: location is not a CA Service region (got "us-east9"). Use one of: asia-east1, asia-east2, ' +
      'asia-northeast1, asia-northeast2, asia-northeast3, asia-south1, asia-south2, asia-southeast1, asia-southeast2, ' +
      'australia-southeast1, australia-southeast2, europe-central2, europe-north1, europe-southwest1, europe-west1, ' +
      'europe-west2, europe-west3, europe-west4, europe-west6, europe-west8, europe-west9, europe-west10, ' +
      'europe-west12, me-central1, me-central2, me-west1, northamerica-northeast1, northamerica-northeast2, ' +
      'southamerica-east1, southamerica-west1, us-central1, us-east1, us-east4, us-east5, us-south1, us-west1, ' +
      'us-west2, us-west3, us-west4.');
    expect(() => devopsPool(stack(), { location: 'mars-central1' }))
      .toThrow(/^test\/Pool: location is not a CA Service region \(got "mars-central1"\)\. Use one of: asia-east1, .*, us-west4\.$/);
  });

  it.each(['me-central2', 'europe-west12', 'us-south1', 'asia-northeast3', 'southamerica-west1'])(
    'S5: accepts %s from the seed\'s table of CA Service regions', (location) => {
      const s = stack();
      devopsPool(s, { location });
      expect(pool(synth(s)).location).toBe(location);
    });

  it('S5: accepts the seed\'s underscore pool ID td_sec_pool (CA Service allows underscores)', () => {
    const s = stack();
    enterprisePool(s, { name: 'td_sec_pool' });
    expect(pool(synth(s)).name).toBe('td_sec_pool');
  });

  it('X2: rejects a pool ID CA Service does not accept', () => {
    expect(() => enterprisePool(stack(), { name: 'td.sec.pool' })).toThrow(
      'test/Pool: name is not a valid CA Service ID (got "td.sec.pool"). Use 1-63 characters: letters, digits, hyphens and underscores.');
  });

  it('X2: rejects a project display name', () => {
    expect(() => enterprisePool(stack(), { project: 'My Project' })).toThrow(
      'test/Pool: project is not a valid project ID (got "My Project"). Use the project ID (6-30 characters: ' +
      'lowercase letters, digits and hyphens, starting with a letter), not its display name or number.');
  });

  it('X5: accepts unresolved project, location and pool ID', () => {
    const s = stack();
    const location = new TerraformVariable(s, 'location', { type: 'string' });
    new CaPool(s, 'Pool', {
      project: Token.asString(Fn.lower('MY-PROJECT-ID')),
      location: location.stringValue,
      name: Token.asString(Fn.lower('TD-CA-POOL')),
      tier: CaPoolTier.DEVOPS,
    });
    expect(pool(synth(s))).toMatchObject({
      project: '${lower("MY-PROJECT-ID")}',
      location: '${var.location}',
      name: '${lower("TD-CA-POOL")}',
    });
  });
});

describe('CaPool grants', () => {
  it.each([
    ['grantAuditor', 'roles/privateca.auditor'],
    ['grantCertificateManager', 'roles/privateca.certificateManager'],
    ['grantCertificateRequester', 'roles/privateca.certificateRequester'],
    ['grantWorkloadCertificateRequester', 'roles/privateca.workloadCertificateRequester'],
  ] as const)('%s binds %s on the pool, after the pool exists', (method, role) => {
    const s = stack();
    const p = devopsPool(s);
    p[method](IamMember.serviceAccount('mesh-vm@my-project-id.iam.gserviceaccount.com'));
    const json = synth(s);
    const poolAddress = Object.keys(resourcesOf(json, POOL))[0];
    expect(onlyResource(json, POOL_IAM)).toEqual({
      ca_pool: 'projects/my-project-id/locations/us-east1/caPools/td-ca-pool',
      role,
      member: 'serviceAccount:mesh-vm@my-project-id.iam.gserviceaccount.com',
      depends_on: [`google_privateca_ca_pool.${poolAddress}`],
    });
  });

  it('grant with any role is idempotent: the same role and member twice yield one binding', () => {
    const s = stack();
    const p = devopsPool(s);
    const first = p.grant(IamMember.gkeServiceAgent('123456789012'), 'roles/privateca.certificateManager');
    const second = p.grantCertificateManager(IamMember.gkeServiceAgent('123456789012'));
    expect(second).toBe(first);
    expect(Object.keys(resourcesOf(synth(s), POOL_IAM))).toHaveLength(1);
  });

  it('different roles or members give separate bindings', () => {
    const s = stack();
    const p = devopsPool(s);
    p.grantAuditor(IamMember.gkeServiceAgent('123456789012'));
    p.grantCertificateManager(IamMember.gkeServiceAgent('123456789012'));
    p.grantCertificateManager(IamMember.user('alice@example.com'));
    const bindings = Object.values(resourcesOf(synth(s), POOL_IAM)).map((b) => `${b.role} ${b.member}`).sort();
    expect(bindings).toEqual([
      `roles/privateca.auditor ${GKE_AGENT}`,
      `roles/privateca.certificateManager ${GKE_AGENT}`,
      'roles/privateca.certificateManager user:alice@example.com',
    ]);
  });

  it('X2: rejects an invalid member on the pool\'s path', () => {
    expect(() => devopsPool(stack()).grantCertificateRequester(IamMember.of('alice@example.com'))).toThrow(
      'test/Pool: member is not an IAM member (got "alice@example.com"). Use the type:value form, e.g. ' +
      'IamMember.user("alice@example.com"), IamMember.serviceAccount("sa@project.iam.gserviceaccount.com") or IamMember.of("domain:example.com").');
  });
});

describe('CaPool.fromPoolAttributes', () => {
  it('S5: adopts a pool without creating one, and grants on it by name', () => {
    const s = stack();
    const adopted = CaPool.fromPoolAttributes(s, 'Adopted', { project: 'my-project-id', location: 'us-east1', name: 'td-sec-pool' });
    adopted.grantCertificateRequester(IamMember.user('alice@example.com'));
    adopted.grantWorkloadCertificateRequester(IamMember.user('alice@example.com'));
    const json = synth(s);
    expect(resourcesOf(json, POOL)).toEqual({});
    const bindings = Object.values(resourcesOf(json, POOL_IAM));
    expect(bindings.map((b) => b.role).sort()).toEqual(['roles/privateca.certificateRequester', 'roles/privateca.workloadCertificateRequester']);
    for (const binding of bindings) {
      expect(binding).toEqual(expect.objectContaining({
        ca_pool: 'projects/my-project-id/locations/us-east1/caPools/td-sec-pool',
        member: 'user:alice@example.com',
      }));
      expect(binding.depends_on).toBeUndefined();
    }
  });

  it('S7: an adopted pool exposes its name and URI', () => {
    const adopted = CaPool.fromPoolAttributes(stack(), 'Adopted', { project: 'my-project-id', location: 'us-east1', name: 'td_sec_pool' });
    expect(adopted.resourceName).toBe('projects/my-project-id/locations/us-east1/caPools/td_sec_pool');
    expect(adopted.uri).toBe('//privateca.googleapis.com/projects/my-project-id/locations/us-east1/caPools/td_sec_pool');
  });

  it('S5: rejects an adopted pool outside the CA Service regions', () => {
    expect(() => CaPool.fromPoolAttributes(stack(), 'Adopted', { project: 'my-project-id', location: 'us-east9', name: 'td-sec-pool' }))
      .toThrow(/^test\/Adopted: location is not a CA Service region \(got "us-east9"\)\. Use one of: asia-east1, .*, us-west4\.$/);
  });

  it('S7: carries the key family and root role given for an adopted pool', () => {
    const adopted = CaPool.fromPoolAttributes(stack(), 'Adopted', {
      project: 'my-project-id', location: 'us-east1', name: 'td-sec-pool', keyFamily: KeyFamily.RSA, holdsRootCa: true,
    });
    expect({ keyFamily: adopted.keyFamily, holdsRootCa: adopted.holdsRootCa }).toEqual({ keyFamily: 'RSA', holdsRootCa: true });
  });

  it('S7: an adopted pool without keyFamily has an unknown key family, never a guessed one', () => {
    const adopted = CaPool.fromPoolAttributes(stack(), 'Adopted', { project: 'my-project-id', location: 'us-east1', name: 'td-sec-pool' });
    expect({ keyFamily: adopted.keyFamily, holdsRootCa: adopted.holdsRootCa }).toEqual({ keyFamily: undefined, holdsRootCa: false });
  });
});

describe('CaPool key family (typed reference, S7)', () => {
  it('S7: takes the key family and root role of the CAs created in the pool', () => {
    const s = stack();
    const p = enterprisePool(s);
    expect(p.keyFamily).toBeUndefined();
    new RootCertificateAuthority(s, 'Root', { pool: p, name: 'pkcs2-ca', organization: 'TestCorpLLC' });
    expect({ keyFamily: p.keyFamily, holdsRootCa: p.holdsRootCa }).toEqual({ keyFamily: 'ECDSA', holdsRootCa: true });
  });

  it('S7: a pool whose CAs mix key families fails synth with both named', () => {
    const s = stack();
    const p = enterprisePool(s);
    new RootCertificateAuthority(s, 'Root', { pool: p, name: 'pkcs2-ca', organization: 'TestCorpLLC' });
    new RootCertificateAuthority(s, 'RsaRoot', { pool: p, name: 'rsa-ca', organization: 'TestCorpLLC', keyAlgorithm: CaKeyAlgorithm.RSA_PKCS1_2048_SHA256 });
    expect(() => synth(s)).toThrow('test/Pool: certificate authorities mix ECDSA and RSA keys in pool "td-sec-pool" (got "rsa-ca"). '
      + 'Keep the CAs of one pool in one key family, or workloads whose key family differs from the issuing CA get certificates that TLS stacks '
      + 'reject (seed 000, troubleshooting); create a second pool for the other family.');
  });

  it('X5: a member known only at apply time is granted, not rejected', () => {
    const stack = testStack();
    new GoogleProvider(stack, 'google', {});
    const pool = new CaPool(stack, 'Pool', { project: 'my-project-id', location: 'us-east1', name: 'td-ca-pool', tier: CaPoolTier.DEVOPS });
    const number = new TerraformVariable(stack, 'project_number', { type: 'string' });
    pool.grantCertificateManager(IamMember.gkeServiceAgent(number.stringValue));
    const binding = onlyResource(synth(stack), 'google_privateca_ca_pool_iam_member');
    expect(binding.role).toBe('roles/privateca.certificateManager');
    expect(binding.member).toBe('serviceAccount:service-${var.project_number}@container-engine-robot.iam.gserviceaccount.com');
  });
});
