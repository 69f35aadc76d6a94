import { Fn, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { CaCertificateProfile, CaKeyAlgorithm, CaPool, CaPoolTier, ICertificateAuthority, KeyFamily, RootCertificateAuthority, SubordinateCertificateAuthority, SubordinateCertificateAuthorityProps } from '../../lib/ca';
import { googleStack as stack, resourcesOf, StackJson, synth } from '../helpers/synth';

const CA = 'google_privateca_certificate_authority';
const PROVIDER_FIX = 'The provider only accepts letters, digits and hyphens in the issuer\'s pool and CA IDs (no underscores), ' +
  'so the apply would fail after creating the CA; issue the subordinate from a pool whose ID has no underscore ' +
  '(e.g. "td-sec-pool" instead of the seed\'s "td_sec_pool").';


function subPool(s: TerraformStack, poolId = 'td-ca-pool'): CaPool {
  return new CaPool(s, 'SubPool', { project: 'my-project-id', location: 'us-east1', name: poolId, tier: CaPoolTier.DEVOPS });
}

function createdRoot(s: TerraformStack): RootCertificateAuthority {
  const pool = new CaPool(s, 'RootPool', { project: 'my-project-id', location: 'us-east1', name: 'td-sec-pool', tier: CaPoolTier.ENTERPRISE });
  return new RootCertificateAuthority(s, 'Root', { pool, name: 'pkcs2-ca', organization: 'TestCorpLLC' });
}

function adoptedRoot(s: TerraformStack, poolId = 'td-sec-pool', certificateAuthorityId = 'pkcs2-ca', project = 'my-project-id'): ICertificateAuthority {
  const pool = CaPool.fromPoolAttributes(s, 'RootPool', { project, location: 'us-east1', name: poolId });
  return RootCertificateAuthority.fromCertificateAuthorityAttributes(s, 'Root', { pool, name: certificateAuthorityId, keyFamily: KeyFamily.ECDSA });
}

function sub(s: TerraformStack, issuer: ICertificateAuthority, extra: Partial<SubordinateCertificateAuthorityProps> = {}): SubordinateCertificateAuthority {
  return new SubordinateCertificateAuthority(s, 'Sub', {
    pool: subPool(s), issuer, name: 'td-ca', organization: 'TestCorpLLC', ...extra,
  });
}

/** The subordinate CA (type SUBORDINATE) of a synthesized stack. */
function subordinateOf(json: StackJson): Record<string, unknown> {
  const all = Object.values(resourcesOf(json, CA)).filter((ca) => ca.type === 'SUBORDINATE');
  expect(all).toHaveLength(1);
  return all[0];
}

function renderedSub(extra: Partial<SubordinateCertificateAuthorityProps> = {}): Record<string, unknown> {
  const s = stack();
  sub(s, createdRoot(s), extra);
  return subordinateOf(synth(s));
}

describe('SubordinateCertificateAuthority', () => {
  it('S5: subordinate CA is SUBORDINATE with ec-p256-sha256 in the DEVOPS pool, subject CN=td-ca, O=TestCorpLLC', () => {
    expect(renderedSub()).toMatchObject({
      project: 'my-project-id',
      location: 'us-east1',
      pool: 'td-ca-pool',
      certificate_authority_id: 'td-ca',
      type: 'SUBORDINATE',
      key_spec: { algorithm: 'EC_P256_SHA256' },
      config: { subject_config: { subject: { common_name: 'td-ca', organization: 'TestCorpLLC' } } },
    });
  });

  it('S5: subordinate CA is issued by the root CA', () => {
    expect(renderedSub().subordinate_config).toEqual({
      certificate_authority: 'projects/my-project-id/locations/us-east1/caPools/td-sec-pool/certificateAuthorities/pkcs2-ca',
    });
  });

  it('S5: preset profile subordinate_mtls_pathlen_0: CA with path length 0, cert and CRL signing, server and client auth', () => {
    expect((renderedSub().config as Record<string, unknown>).x509_config).toEqual({
      ca_options: { is_ca: true, max_issuer_path_length: 0, zero_max_issuer_path_length: true },
      key_usage: {
        base_key_usage: { cert_sign: true, crl_sign: true },
        extended_key_usage: { server_auth: true, client_auth: true },
      },
    });
  });

  it('renders a given profile: CaCertificateProfile.root(2) has no mTLS extended key usage', () => {
    expect((renderedSub({ profile: CaCertificateProfile.root(2) }).config as Record<string, unknown>).x509_config).toEqual({
      ca_options: { is_ca: true, max_issuer_path_length: 2, zero_max_issuer_path_length: false },
      key_usage: { base_key_usage: { cert_sign: true, crl_sign: true }, extended_key_usage: {} },
    });
  });

  it('a subordinate is valid for 3 years by default, as gcloud creates it', () => {
    expect(renderedSub().lifetime).toBe('94608000s');
  });

  it('waits for its pool and for a root CA created in the same stack', () => {
    const s = stack();
    sub(s, createdRoot(s));
    const json = synth(s);
    const pools = resourcesOf(json, 'google_privateca_ca_pool');
    const subPoolAddress = Object.keys(pools).find((k) => pools[k].name === 'td-ca-pool');
    const cas = resourcesOf(json, CA);
    const rootAddress = Object.keys(cas).find((k) => cas[k].type === 'SELF_SIGNED');
    expect(subordinateOf(json).depends_on).toEqual([
      `google_privateca_ca_pool.${subPoolAddress}`,
      `google_privateca_certificate_authority.${rootAddress}`,
    ]);
  });

  it('S5: issues from an adopted root by its name, without creating it', () => {
    const s = stack();
    sub(s, adoptedRoot(s));
    const json = synth(s);
    expect(Object.keys(resourcesOf(json, CA))).toHaveLength(1);
    expect(subordinateOf(json).subordinate_config).toEqual({
      certificate_authority: 'projects/my-project-id/locations/us-east1/caPools/td-sec-pool/certificateAuthorities/pkcs2-ca',
    });
  });

  it('S5 (provider limitation): rejects an issuer pool ID with "_" such as the seed\'s td_sec_pool', () => {
    const s = stack();
    expect(() => sub(s, adoptedRoot(s, 'td_sec_pool'))).toThrow(
      'test/Sub: issuer.pool.name cannot be parsed by terraform-provider-google when it activates a subordinate CA ' +
      `(got "td_sec_pool"). ${PROVIDER_FIX}`);
  });

  it('S5 (provider limitation): rejects an issuer CA ID with "_"', () => {
    const s = stack();
    expect(() => sub(s, adoptedRoot(s, 'td-sec-pool', 'pkcs2_ca'))).toThrow(
      'test/Sub: issuer.name cannot be parsed by terraform-provider-google when it activates a ' +
      `subordinate CA (got "pkcs2_ca"). ${PROVIDER_FIX}`);
  });

  it('S5 (provider limitation): rejects a domain-scoped issuer project', () => {
    const s = stack();
    expect(() => sub(s, adoptedRoot(s, 'td-sec-pool', 'pkcs2-ca', 'example.com:my-project'))).toThrow(
      'test/Sub: issuer.pool.project cannot be parsed by terraform-provider-google when it activates a subordinate CA ' +
      `(got "example.com:my-project"). ${PROVIDER_FIX}`);
  });

  it('S5: the subordinate\'s own pool may contain "_" (only the issuer name is parsed)', () => {
    const s = stack();
    new SubordinateCertificateAuthority(s, 'Sub', {
      pool: subPool(s, 'td_ca_pool'), issuer: adoptedRoot(s), name: 'td-ca', organization: 'TestCorpLLC',
    });
    expect(subordinateOf(synth(s)).pool).toBe('td_ca_pool');
  });

  it('X5: accepts an unresolved issuer pool ID', () => {
    const s = stack();
    const rootPoolId = new TerraformVariable(s, 'root_pool_id', { type: 'string' });
    sub(s, adoptedRoot(s, rootPoolId.stringValue));
    expect(subordinateOf(synth(s)).subordinate_config).toEqual({
      certificate_authority: 'projects/my-project-id/locations/us-east1/caPools/${var.root_pool_id}/certificateAuthorities/pkcs2-ca',
    });
  });

  it('X5: accepts an unresolved issuer CA ID and subordinate CA ID', () => {
    const s = stack();
    sub(s, adoptedRoot(s, 'td-sec-pool', Token.asString(Fn.lower('PKCS2_CA'))), { name: Token.asString(Fn.lower('TD-CA')) });
    expect(subordinateOf(synth(s)).certificate_authority_id).toBe('${lower("TD-CA")}');
  });

  it('generation 2 gives td-ca-g2 and keeps the common name td-ca', () => {
    expect(renderedSub({ generation: 2 })).toMatchObject({
      certificate_authority_id: 'td-ca-g2',
      config: { subject_config: { subject: { common_name: 'td-ca' } } },
    });
  });

  it.each([[0, '0'], [1.5, '1.5']])('X2: rejects generation %d', (generation, got) => {
    const s = stack();
    expect(() => sub(s, createdRoot(s), { generation }))
      .toThrow(`test/Sub: generation must be an integer from 1 to 999 (got ${got}). Use a value from 1 to 999.`);
  });

  it('X6: by default deletion_protection, no skipped grace period, no deletion with active certificates, prevent_destroy', () => {
    expect(renderedSub()).toMatchObject({
      deletion_protection: true,
      skip_grace_period: false,
      ignore_active_certificates_on_deletion: false,
      lifecycle: { prevent_destroy: true },
    });
  });

  it('X6: allowDestroy opts out of every protection', () => {
    expect(renderedSub({ allowDestroy: true })).toMatchObject({
      deletion_protection: false,
      skip_grace_period: true,
      ignore_active_certificates_on_deletion: true,
      lifecycle: { prevent_destroy: false },
    });
  });

  it('S7: gives its pool its key family (a subordinate, so no root CA)', () => {
    const s = stack();
    const ca = sub(s, createdRoot(s), { keyAlgorithm: CaKeyAlgorithm.EC_P384_SHA384 });
    expect({ keyFamily: ca.pool.keyFamily, holdsRootCa: ca.pool.holdsRootCa }).toEqual({ keyFamily: 'ECDSA', holdsRootCa: false });
    expect(ca.issuer.name).toBe('pkcs2-ca');
  });
});
