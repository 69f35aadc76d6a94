import { Fn, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { CaHierarchy, CaHierarchyProps, CaKeyAlgorithm, CaPool, KeyFamily, RootCertificateAuthority } from '../../lib/ca';
import { IamMember } from '../../lib/core';
import { googleStack as stack, resourcesOf, StackJson, synth } from '../helpers/synth';

const POOL = 'google_privateca_ca_pool';
const CA = 'google_privateca_certificate_authority';
const POOL_IAM = 'google_privateca_ca_pool_iam_member';
const PROJECT_IAM = 'google_project_iam_member';
const GKE_AGENT = 'serviceAccount:service-123456789012@container-engine-robot.iam.gserviceaccount.com';
const ROOT_CA_NAME = 'projects/my-project-id/locations/us-east1/caPools/td-sec-pool/certificateAuthorities/pkcs2-ca';

/** The seeds' demo values (seed 000), with the root pool renamed td-sec-pool (see the provider limitation below). */
const DEMO: CaHierarchyProps = {
  project: 'my-project-id',
  organization: 'TestCorpLLC',
  rootPoolId: 'td-sec-pool',
  rootCaId: 'pkcs2-ca',
  subordinatePoolId: 'td-ca-pool',
  subordinateCaId: 'td-ca',
  subordinateLocation: 'us-east1',
};


function hierarchy(s: TerraformStack, extra: Partial<CaHierarchyProps> = {}): CaHierarchy {
  return new CaHierarchy(s, 'Ca', { ...DEMO, ...extra });
}

function byName(json: StackJson, type: string, attribute: string, value: unknown): Record<string, unknown> {
  const found = Object.values(resourcesOf(json, type)).filter((r) => r[attribute] === value);
  expect(found).toHaveLength(1);
  return found[0];
}

function addressOf(json: StackJson, type: string, attribute: string, value: unknown): string {
  const all = resourcesOf(json, type);
  const address = Object.keys(all).find((k) => all[k][attribute] === value);
  expect(address).toBeDefined();
  return `${type}.${address}`;
}

function demoJson(extra: Partial<CaHierarchyProps> = {}): StackJson {
  const s = stack();
  hierarchy(s, extra);
  return synth(s);
}

describe('CaHierarchy with the seeds\' demo values', () => {
  const json = demoJson();

  it('S5: creates exactly two pools and two CAs', () => {
    expect(Object.keys(resourcesOf(json, POOL))).toHaveLength(2);
    expect(Object.keys(resourcesOf(json, CA))).toHaveLength(2);
  });

  it('S5: root pool td-sec-pool is ENTERPRISE in us-east1', () => {
    expect(byName(json, POOL, 'name', 'td-sec-pool')).toMatchObject({ project: 'my-project-id', location: 'us-east1', tier: 'ENTERPRISE' });
  });

  it('S5: subordinate pool td-ca-pool is DEVOPS in us-east1', () => {
    expect(byName(json, POOL, 'name', 'td-ca-pool')).toMatchObject({ project: 'my-project-id', location: 'us-east1', tier: 'DEVOPS' });
  });

  it('cloud-foundation-fabric#4106: both pools render publishing options and issuance modes explicitly', () => {
    expect(byName(json, POOL, 'name', 'td-sec-pool')).toMatchObject({
      publishing_options: { publish_ca_cert: true, publish_crl: true, encoding_format: 'PEM' },
      issuance_policy: { allowed_issuance_modes: { allow_config_based_issuance: true, allow_csr_based_issuance: true } },
    });
    expect(byName(json, POOL, 'name', 'td-ca-pool')).toMatchObject({
      publishing_options: { publish_ca_cert: true, publish_crl: false, encoding_format: 'PEM' },
      issuance_policy: { allowed_issuance_modes: { allow_config_based_issuance: true, allow_csr_based_issuance: true } },
    });
  });

  it('S5: root CA is SELF_SIGNED with ec-p256-sha256, CN=pkcs2-ca, O=TestCorpLLC and max chain length 1', () => {
    expect(byName(json, CA, 'certificate_authority_id', 'pkcs2-ca')).toMatchObject({
      project: 'my-project-id',
      location: 'us-east1',
      pool: 'td-sec-pool',
      type: 'SELF_SIGNED',
      key_spec: { algorithm: 'EC_P256_SHA256' },
      config: {
        subject_config: { subject: { common_name: 'pkcs2-ca', organization: 'TestCorpLLC' } },
        x509_config: {
          ca_options: { is_ca: true, max_issuer_path_length: 1 },
          key_usage: { base_key_usage: { cert_sign: true, crl_sign: true } },
        },
      },
    });
  });

  it('S5: subordinate CA td-ca is SUBORDINATE with ec-p256-sha256 in td-ca-pool, issued by the root', () => {
    expect(byName(json, CA, 'certificate_authority_id', 'td-ca')).toMatchObject({
      project: 'my-project-id',
      location: 'us-east1',
      pool: 'td-ca-pool',
      type: 'SUBORDINATE',
      key_spec: { algorithm: 'EC_P256_SHA256' },
      subordinate_config: { certificate_authority: ROOT_CA_NAME },
      config: { subject_config: { subject: { common_name: 'td-ca', organization: 'TestCorpLLC' } } },
    });
  });

  it('S5: subordinate CA uses subordinate_mtls_pathlen_0 (path length 0, cert+CRL signing, server+client auth)', () => {
    const subordinate = byName(json, CA, 'certificate_authority_id', 'td-ca');
    expect((subordinate.config as Record<string, unknown>).x509_config).toEqual({
      ca_options: { is_ca: true, max_issuer_path_length: 0, zero_max_issuer_path_length: true },
      key_usage: {
        base_key_usage: { cert_sign: true, crl_sign: true },
        extended_key_usage: { server_auth: true, client_auth: true },
      },
    });
  });

  it('S5/S17: the subordinate CA is created after the root CA and its own pool', () => {
    expect(byName(json, CA, 'certificate_authority_id', 'td-ca').depends_on).toEqual(expect.arrayContaining([
      addressOf(json, POOL, 'name', 'td-ca-pool'),
      addressOf(json, CA, 'certificate_authority_id', 'pkcs2-ca'),
    ]));
  });

  it('X6: by default both CAs have deletion_protection, keep the grace period, refuse active certificates, prevent_destroy', () => {
    for (const ca of Object.values(resourcesOf(json, CA))) {
      expect(ca).toMatchObject({
        deletion_protection: true,
        skip_grace_period: false,
        ignore_active_certificates_on_deletion: false,
        lifecycle: { prevent_destroy: true },
      });
    }
  });

  it('X6: by default both pools carry prevent_destroy', () => {
    for (const pool of Object.values(resourcesOf(json, POOL))) {
      expect(pool.lifecycle).toEqual({ prevent_destroy: true });
    }
  });
});

describe('CaHierarchy options', () => {
  it('X6: allowDestroy: true lifts every protection of both pools and both CAs', () => {
    const json = demoJson({ allowDestroy: true });
    const cas = Object.values(resourcesOf(json, CA));
    expect(cas).toHaveLength(2);
    for (const ca of cas) {
      expect(ca).toMatchObject({
        deletion_protection: false,
        skip_grace_period: true,
        ignore_active_certificates_on_deletion: true,
        lifecycle: { prevent_destroy: false },
      });
    }
    const pools = Object.values(resourcesOf(json, POOL));
    expect(pools).toHaveLength(2);
    for (const pool of pools) expect(pool.lifecycle).toEqual({ prevent_destroy: false });
  });

  it('S5: the root pool may live in another region than the subordinate pool', () => {
    const json = demoJson({ rootLocation: 'us-central1' });
    expect(byName(json, POOL, 'name', 'td-sec-pool').location).toBe('us-central1');
    expect(byName(json, POOL, 'name', 'td-ca-pool').location).toBe('us-east1');
    expect(byName(json, CA, 'certificate_authority_id', 'td-ca').subordinate_config).toEqual({
      certificate_authority: 'projects/my-project-id/locations/us-central1/caPools/td-sec-pool/certificateAuthorities/pkcs2-ca',
    });
  });

  it('uses the given key algorithm for both CAs', () => {
    const json = demoJson({ keyAlgorithm: CaKeyAlgorithm.RSA_PKCS1_4096_SHA256 });
    for (const ca of Object.values(resourcesOf(json, CA))) expect(ca.key_spec).toEqual({ algorithm: 'RSA_PKCS1_4096_SHA256' });
  });

  it('S7: exposes the pools\' URIs for WorkloadCertificateConfig and TrustConfig', () => {
    const h = hierarchy(stack());
    expect(h.subordinatePool.uri).toBe('//privateca.googleapis.com/projects/my-project-id/locations/us-east1/caPools/td-ca-pool');
    expect(h.rootPool.uri).toBe('//privateca.googleapis.com/projects/my-project-id/locations/us-east1/caPools/td-sec-pool');
    expect(h.rootCa.resourceName).toBe(ROOT_CA_NAME);
    expect(h.subordinateCas.map((ca) => ca.name)).toEqual(['td-ca']);
  });

  it.each(['me-central2', 'europe-west12', 'us-south1', 'australia-southeast2'])(
    'S5: accepts %s, a CA Service region of the seed', (location) => {
      const json = demoJson({ subordinateLocation: location });
      for (const pool of Object.values(resourcesOf(json, POOL))) expect(pool.location).toBe(location);
    });

  it.each(['us-east9', 'mars-central1'])('S5: rejects subordinateLocation %s and lists the allowed regions', (location) => {
    expect(() => hierarchy(stack(), { rootLocation: 'us-east1', subordinateLocation: location })).toThrow(new RegExp(
      `^test/Ca: subordinateLocation is not a CA Service region \\(got "${location}"\\)\\. Use one of: asia-east1, asia-east2, .*, ` +
      'me-central2, .*, us-south1, us-west1, us-west2, us-west3, us-west4\\.$'));
  });

  it('S5: rejects a rootLocation outside the CA Service regions under the field the user set', () => {
    expect(() => hierarchy(stack(), { rootLocation: 'us-east9' }))
      .toThrow(/^test\/Ca: rootLocation is not a CA Service region \(got "us-east9"\)\. Use one of: asia-east1, .*, us-west4\.$/);
  });

  it.each([
    ['rootPoolId', { rootPoolId: undefined }],
    ['rootCaId', { rootCaId: undefined }],
  ] as const)('X2: %s is required without an existing root', (field, extra) => {
    expect(() => hierarchy(stack(), extra)).toThrow(
      `test/Ca: ${field} is required when no existing root is given (got nothing). Set ${field}, or pass ` +
      'existingRoot: RootCertificateAuthority.fromCertificateAuthorityAttributes(...) to adopt a root CA.');
  });

  it('X5: accepts unresolved project and organization', () => {
    const s = stack();
    const project = new TerraformVariable(s, 'project', { type: 'string' });
    hierarchy(s, { project: project.stringValue, organization: Token.asString(Fn.upper('testcorpllc')) });
    const json = synth(s);
    expect(byName(json, CA, 'certificate_authority_id', 'td-ca').subordinate_config).toEqual({
      certificate_authority: 'projects/${var.project}/locations/us-east1/caPools/td-sec-pool/certificateAuthorities/pkcs2-ca',
    });
  });
});

describe('CaHierarchy with an existing root (S5 adoption)', () => {
  function adopt(s: TerraformStack, poolId = 'td-sec-pool'): CaHierarchy {
    const rootPool = CaPool.fromPoolAttributes(s, 'ExistingRootPool', { project: 'my-project-id', location: 'us-east1', name: poolId });
    const existingRoot = RootCertificateAuthority.fromCertificateAuthorityAttributes(s, 'ExistingRoot', {
      pool: rootPool, name: 'pkcs2-ca', keyFamily: KeyFamily.ECDSA,
    });
    return hierarchy(s, { existingRoot, rootPoolId: undefined, rootCaId: undefined });
  }

  it('S5: creates no root pool or root CA and issues the subordinate from the adopted CA', () => {
    const s = stack();
    const h = adopt(s);
    const json = synth(s);
    expect(Object.values(resourcesOf(json, POOL)).map((p) => p.name)).toEqual(['td-ca-pool']);
    const cas = Object.values(resourcesOf(json, CA));
    expect(cas).toHaveLength(1);
    expect(cas[0]).toMatchObject({ type: 'SUBORDINATE', certificate_authority_id: 'td-ca', subordinate_config: { certificate_authority: ROOT_CA_NAME } });
    expect(h.rootPool.resourceName).toBe('projects/my-project-id/locations/us-east1/caPools/td-sec-pool');
  });

  it('S6: grants the GKE service agent auditor on the adopted root pool', () => {
    const s = stack();
    adopt(s).grantMeshCertificateIssuance(IamMember.gkeServiceAgent('123456789012'));
    const json = synth(s);
    expect(byName(json, POOL_IAM, 'role', 'roles/privateca.auditor')).toEqual({
      ca_pool: 'projects/my-project-id/locations/us-east1/caPools/td-sec-pool',
      role: 'roles/privateca.auditor',
      member: GKE_AGENT,
    });
  });

  it('S5 (provider limitation): rejects the seed\'s root pool td_sec_pool as issuer', () => {
    expect(() => adopt(stack(), 'td_sec_pool')).toThrow(
      'test/Ca/SubordinateCa: issuer.pool.name cannot be parsed by terraform-provider-google when it activates a subordinate CA ' +
      '(got "td_sec_pool"). The provider only accepts letters, digits and hyphens in the issuer\'s pool and CA IDs ' +
      '(no underscores), so the apply would fail after creating the CA; issue the subordinate from a pool whose ID has ' +
      'no underscore (e.g. "td-sec-pool" instead of the seed\'s "td_sec_pool").');
  });
});

describe('CaHierarchy and the provider limitation on "_"', () => {
  it('S5: rejects the seed\'s root pool ID td_sec_pool, naming issuer.pool.name, the value and the fix', () => {
    expect(() => hierarchy(stack(), { rootPoolId: 'td_sec_pool' })).toThrow(
      'test/Ca/SubordinateCa: issuer.pool.name cannot be parsed by terraform-provider-google when it activates a subordinate CA ' +
      '(got "td_sec_pool"). The provider only accepts letters, digits and hyphens in the issuer\'s pool and CA IDs ' +
      '(no underscores), so the apply would fail after creating the CA; issue the subordinate from a pool whose ID has ' +
      'no underscore (e.g. "td-sec-pool" instead of the seed\'s "td_sec_pool").');
  });
});

describe('CaHierarchy subordinate generations', () => {
  it('generation 2 gives certificate_authority_id td-ca-g2 and keeps common name td-ca', () => {
    const json = demoJson({ subordinateGenerations: [2] });
    expect(byName(json, CA, 'certificate_authority_id', 'td-ca-g2')).toMatchObject({
      type: 'SUBORDINATE',
      config: { subject_config: { subject: { common_name: 'td-ca', organization: 'TestCorpLLC' } } },
    });
  });

  it('X3: generation 1 is the original CA, so rotating from the default keeps td-ca at its address', () => {
    const addressOf = (extra: Partial<CaHierarchyProps>, id: string) => {
      const s = stack();
      hierarchy(s, extra);
      return Object.entries(resourcesOf(synth(s), CA)).find(([, ca]) => ca.certificate_authority_id === id)?.[0];
    };
    const original = addressOf({}, 'td-ca');
    expect(original).toBeDefined();
    expect(addressOf({ subordinateGenerations: [1, 2] }, 'td-ca')).toBe(original);
    expect(addressOf({ subordinateGenerations: [1, 2] }, 'td-ca-g2')).toBeDefined();
  });

  it.each([[[] as number[], 'must not be empty (got []). Keep at least one subordinate CA generation, e.g. [1].'],
    [[1, 1], 'lists generation 1 twice (got [1,1]). List each generation once, e.g. [1, 2] while rotating from the original CA to generation 2.']])(
    'X2: rejects subordinateGenerations %j', (generations, message) => {
      expect(() => hierarchy(stack(), { subordinateGenerations: generations })).toThrow(`test/Ca: subordinateGenerations ${message}`);
    });

  it('[1, 2] gives two subordinate CAs side by side in td-ca-pool with distinct Terraform addresses', () => {
    const s = stack();
    const h = hierarchy(s, { subordinateGenerations: [1, 2] });
    const json = synth(s);
    const subordinates = Object.entries(resourcesOf(json, CA)).filter(([, ca]) => ca.type === 'SUBORDINATE');
    expect(subordinates.map(([, ca]) => ca.certificate_authority_id).sort()).toEqual(['td-ca', 'td-ca-g2']);
    expect(subordinates.map(([, ca]) => ca.pool)).toEqual(['td-ca-pool', 'td-ca-pool']);
    expect(new Set(subordinates.map(([address]) => address)).size).toBe(2);
    for (const [, ca] of subordinates) {
      expect(ca.subordinate_config).toEqual({ certificate_authority: ROOT_CA_NAME });
      expect((ca.config as Record<string, unknown>).subject_config).toEqual({ subject: { common_name: 'td-ca', organization: 'TestCorpLLC' } });
    }
    expect(h.subordinateCas.map((ca) => ca.name)).toEqual(['td-ca', 'td-ca-g2']);
    expect(Object.values(resourcesOf(json, POOL)).filter((p) => p.name === 'td-ca-pool')).toHaveLength(1);
  });

  it.each([[0, '0'], [1.5, '1.5']])('X2: rejects generation %d', (generation, got) => {
    expect(() => hierarchy(stack(), { subordinateGenerations: [generation] })).toThrow(
      `test/Ca: subordinateGenerations[0] must be an integer from 1 to 999 (got ${got}). Use a value from 1 to 999.`);
  });
});

describe('CaHierarchy IAM (S6)', () => {
  it('S6: grantMeshCertificateIssuance gives the GKE service agent auditor on the root pool and certificateManager on the subordinate pool', () => {
    const s = stack();
    const bindings = hierarchy(s).grantMeshCertificateIssuance(IamMember.gkeServiceAgent('123456789012'));
    expect(bindings).toHaveLength(2);
    const json = synth(s);
    expect(Object.keys(resourcesOf(json, POOL_IAM))).toHaveLength(2);
    expect(byName(json, POOL_IAM, 'role', 'roles/privateca.auditor')).toEqual({
      ca_pool: 'projects/my-project-id/locations/us-east1/caPools/td-sec-pool',
      role: 'roles/privateca.auditor',
      member: GKE_AGENT,
      depends_on: [addressOf(json, POOL, 'name', 'td-sec-pool')],
    });
    expect(byName(json, POOL_IAM, 'role', 'roles/privateca.certificateManager')).toEqual({
      ca_pool: 'projects/my-project-id/locations/us-east1/caPools/td-ca-pool',
      role: 'roles/privateca.certificateManager',
      member: GKE_AGENT,
      depends_on: [addressOf(json, POOL, 'name', 'td-ca-pool')],
    });
  });

  it('S6: grantCaManager and grantCaAdmin bind roles/privateca.caManager and roles/privateca.admin on the project', () => {
    const s = stack();
    const h = hierarchy(s);
    h.grantCaManager(IamMember.user('alice@example.com'));
    h.grantCaAdmin(IamMember.user('alice@example.com'));
    const json = synth(s);
    expect(Object.values(resourcesOf(json, PROJECT_IAM)).sort((a, b) => String(a.role).localeCompare(String(b.role)))).toEqual([
      { project: 'my-project-id', role: 'roles/privateca.admin', member: 'user:alice@example.com' },
      { project: 'my-project-id', role: 'roles/privateca.caManager', member: 'user:alice@example.com' },
    ]);
  });

  it('S6: granting the same roles twice yields one binding each', () => {
    const s = stack();
    const h = hierarchy(s);
    const agent = IamMember.gkeServiceAgent('123456789012');
    const first = h.grantMeshCertificateIssuance(agent);
    const second = h.grantMeshCertificateIssuance(IamMember.gkeServiceAgent('123456789012'));
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toBe(first[1]);
    expect(h.grantCaManager(IamMember.user('alice@example.com'))).toBe(h.grantCaManager(IamMember.user('alice@example.com')));
    h.grantCaAdmin(IamMember.user('alice@example.com'));
    h.grantCaAdmin(IamMember.user('alice@example.com'));
    const json = synth(s);
    expect(Object.keys(resourcesOf(json, POOL_IAM))).toHaveLength(2);
    expect(Object.keys(resourcesOf(json, PROJECT_IAM))).toHaveLength(2);
  });

  it('S6: grants to different members do not collide', () => {
    const s = stack();
    const h = hierarchy(s);
    h.grantCaManager(IamMember.user('alice@example.com'));
    h.grantCaManager(IamMember.group('ca-admins@example.com'));
    const members = Object.values(resourcesOf(synth(s), PROJECT_IAM)).map((b) => b.member).sort();
    expect(members).toEqual(['group:ca-admins@example.com', 'user:alice@example.com']);
  });

  it('X2: grantMeshCertificateIssuance rejects a member without type prefix', () => {
    expect(() => hierarchy(stack()).grantMeshCertificateIssuance(IamMember.of('alice@example.com'))).toThrow(
      'test/Ca/RootPool: member is not an IAM member (got "alice@example.com"). Use the type:value form, e.g. ' +
      'IamMember.user("alice@example.com"), IamMember.serviceAccount("sa@project.iam.gserviceaccount.com") or IamMember.of("domain:example.com").');
  });

  it('X2: grantCaManager and grantCaAdmin reject a member without type prefix', () => {
    const h = hierarchy(stack());
    const message = 'test/Ca: member is not an IAM member (got "alice@example.com"). Use the type:value form, e.g. ' +
      'IamMember.user("alice@example.com"), IamMember.serviceAccount("sa@project.iam.gserviceaccount.com") or IamMember.of("domain:example.com").';
    expect(() => h.grantCaManager(IamMember.of('alice@example.com'))).toThrow(message);
    expect(() => h.grantCaAdmin(IamMember.of('alice@example.com'))).toThrow(message);
  });
});
