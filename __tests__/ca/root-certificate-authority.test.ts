import { Fn, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { CaKeyAlgorithm, CaPool, CaPoolTier, KeyFamily, RootCertificateAuthority, RootCertificateAuthorityProps } from '../../lib/ca';
import { googleStack as stack, onlyResource, resourcesOf, synth } from '../helpers/synth';

const CA = 'google_privateca_certificate_authority';


function rootPool(s: TerraformStack, poolId = 'td-sec-pool'): CaPool {
  return new CaPool(s, 'RootPool', { project: 'my-project-id', location: 'us-east1', name: poolId, tier: CaPoolTier.ENTERPRISE });
}

function root(s: TerraformStack, extra: Partial<RootCertificateAuthorityProps> = {}): RootCertificateAuthority {
  return new RootCertificateAuthority(s, 'Root', {
    pool: rootPool(s), name: 'pkcs2-ca', organization: 'TestCorpLLC', ...extra,
  });
}

function renderedRoot(extra: Partial<RootCertificateAuthorityProps> = {}): Record<string, unknown> {
  const s = stack();
  root(s, extra);
  return onlyResource(synth(s), CA);
}

describe('RootCertificateAuthority', () => {
  it('S5: root CA is SELF_SIGNED with ec-p256-sha256 in the root pool', () => {
    expect(renderedRoot()).toMatchObject({
      project: 'my-project-id',
      location: 'us-east1',
      pool: 'td-sec-pool',
      certificate_authority_id: 'pkcs2-ca',
      type: 'SELF_SIGNED',
      key_spec: { algorithm: 'EC_P256_SHA256' },
    });
  });

  it('S5: subject is CN=pkcs2-ca, O=TestCorpLLC', () => {
    expect((renderedRoot().config as Record<string, unknown>).subject_config)
      .toEqual({ subject: { common_name: 'pkcs2-ca', organization: 'TestCorpLLC' } });
  });

  it('S5: max chain length 1 (is_ca, max_issuer_path_length 1), signs certificates and CRLs', () => {
    const x509 = (renderedRoot().config as Record<string, unknown>).x509_config as Record<string, unknown>;
    expect(x509.ca_options).toEqual({ is_ca: true, max_issuer_path_length: 1, zero_max_issuer_path_length: false });
    expect((x509.key_usage as Record<string, unknown>).base_key_usage).toEqual({ cert_sign: true, crl_sign: true });
  });

  it('a root is valid for 10 years by default, as gcloud creates it', () => {
    expect(renderedRoot().lifetime).toBe('315360000s');
  });

  it('waits for its pool', () => {
    const s = stack();
    root(s);
    const json = synth(s);
    const poolAddress = Object.keys(resourcesOf(json, 'google_privateca_ca_pool'))[0];
    expect(onlyResource(json, CA).depends_on).toEqual([`google_privateca_ca_pool.${poolAddress}`]);
  });

  it('renders a given common name, key algorithm, lifetime and labels', () => {
    const rendered = renderedRoot({
      commonName: 'TestCorp Mesh Root',
      keyAlgorithm: CaKeyAlgorithm.RSA_PKCS1_4096_SHA256,
      lifetime: '157680000s',
      labels: { team: 'mesh' },
    });
    expect(rendered).toMatchObject({
      key_spec: { algorithm: 'RSA_PKCS1_4096_SHA256' },
      lifetime: '157680000s',
      labels: { team: 'mesh' },
      config: { subject_config: { subject: { common_name: 'TestCorp Mesh Root', organization: 'TestCorpLLC' } } },
    });
  });

  it('maxChainLength 0 marks the zero path length explicit', () => {
    const x509 = (renderedRoot({ maxChainLength: 0 }).config as Record<string, unknown>).x509_config as Record<string, unknown>;
    expect(x509.ca_options).toEqual({ is_ca: true, max_issuer_path_length: 0, zero_max_issuer_path_length: true });
  });

  it.each([[11, '11'], [-1, '-1'], [1.5, '1.5']])('X2: rejects maxChainLength %d', (maxChainLength, got) => {
    expect(() => root(stack(), { maxChainLength }))
      .toThrow(`test/Root: maxChainLength must be an integer from 0 to 10 (got ${got}). Use a value from 0 to 10.`);
  });

  it('X6: by default deletion_protection, no skipped grace period, no deletion with active certificates, prevent_destroy', () => {
    expect(renderedRoot()).toMatchObject({
      deletion_protection: true,
      skip_grace_period: false,
      ignore_active_certificates_on_deletion: false,
      lifecycle: { prevent_destroy: true },
    });
  });

  it('X6: allowDestroy opts out of every protection', () => {
    expect(renderedRoot({ allowDestroy: true })).toMatchObject({
      deletion_protection: false,
      skip_grace_period: true,
      ignore_active_certificates_on_deletion: true,
      lifecycle: { prevent_destroy: false },
    });
  });

  it('generation 2 suffixes the ID but keeps the common name', () => {
    const ca = root(stack(), { generation: 2 });
    expect(ca.name).toBe('pkcs2-ca-g2');
    const s = stack();
    root(s, { generation: 2 });
    expect(onlyResource(synth(s), CA)).toMatchObject({
      certificate_authority_id: 'pkcs2-ca-g2',
      config: { subject_config: { subject: { common_name: 'pkcs2-ca' } } },
    });
  });

  it.each([[0, '0'], [1.5, '1.5'], [1000, '1000']])('X2: rejects generation %d', (generation, got) => {
    expect(() => root(stack(), { generation }))
      .toThrow(`test/Root: generation must be an integer from 1 to 999 (got ${got}). Use a value from 1 to 999.`);
  });

  it('X2: rejects a CA ID CA Service does not accept', () => {
    expect(() => root(stack(), { name: 'pkcs2 ca' })).toThrow(
      'test/Root: name is not a valid CA Service ID (got "pkcs2 ca"). Use 1-63 characters: letters, digits, hyphens and underscores.');
  });

  it('S5: a root CA in the seed\'s pool td_sec_pool is accepted when nothing is issued from it by Terraform', () => {
    const s = stack();
    new RootCertificateAuthority(s, 'Root', { pool: rootPool(s, 'td_sec_pool'), name: 'pkcs2-ca', organization: 'TestCorpLLC' });
    expect(onlyResource(synth(s), CA).pool).toBe('td_sec_pool');
  });

  it('exposes its full name and key family', () => {
    const ca = root(stack());
    expect(ca.resourceName).toBe('projects/my-project-id/locations/us-east1/caPools/td-sec-pool/certificateAuthorities/pkcs2-ca');
    expect(ca.keyFamily).toBe('ECDSA');
    expect(ca.pool.name).toBe('td-sec-pool');
  });

  it('S7: an RSA root has the RSA key family', () => {
    expect(root(stack(), { keyAlgorithm: CaKeyAlgorithm.RSA_PSS_2048_SHA256 }).keyFamily).toBe('RSA');
  });

  it('X5: accepts an unresolved CA ID, generation and max chain length', () => {
    const s = stack();
    const chain = new TerraformVariable(s, 'chain', { type: 'number' });
    root(s, {
      name: Token.asString(Fn.lower('PKCS2-CA')),
      generation: Token.asNumber(Fn.lengthOf(['a', 'b'])),
      maxChainLength: chain.numberValue,
    });
    const rendered = onlyResource(synth(s), CA);
    expect(rendered.certificate_authority_id).toBe('${lower("PKCS2-CA")}-g${length(["a", "b"])}');
    expect(rendered).toMatchObject({
      config: { x509_config: { ca_options: { is_ca: true, max_issuer_path_length: '${var.chain}', zero_max_issuer_path_length: false } } },
    });
  });
});

describe('RootCertificateAuthority.fromCertificateAuthorityAttributes', () => {
  it('S5: adopts an existing root CA without creating a CA or pool', () => {
    const s = stack();
    const pool = CaPool.fromPoolAttributes(s, 'RootPool', { project: 'my-project-id', location: 'us-east1', name: 'td-sec-pool' });
    const adopted = RootCertificateAuthority.fromCertificateAuthorityAttributes(s, 'Root', {
      pool, name: 'pkcs2-ca', keyFamily: KeyFamily.ECDSA,
    });
    expect(adopted.resourceName).toBe('projects/my-project-id/locations/us-east1/caPools/td-sec-pool/certificateAuthorities/pkcs2-ca');
    expect(adopted.name).toBe('pkcs2-ca');
    expect(adopted.keyFamily).toBe('ECDSA');
    expect(adopted.pool).toBe(pool);
    const json = synth(s);
    expect(resourcesOf(json, CA)).toEqual({});
    expect(resourcesOf(json, 'google_privateca_ca_pool')).toEqual({});
  });

  it('X2: rejects an invalid adopted CA ID', () => {
    const s = stack();
    const pool = CaPool.fromPoolAttributes(s, 'RootPool', { project: 'my-project-id', location: 'us-east1', name: 'td-sec-pool' });
    expect(() => RootCertificateAuthority.fromCertificateAuthorityAttributes(s, 'Root', { pool, name: '', keyFamily: KeyFamily.ECDSA }))
      .toThrow('test/Root: name is not a valid CA Service ID (got ""). Use 1-63 characters: letters, digits, hyphens and underscores.');
  });

  it('X5: accepts an unresolved adopted CA ID', () => {
    const s = stack();
    const pool = CaPool.fromPoolAttributes(s, 'RootPool', { project: 'my-project-id', location: 'us-east1', name: 'td-sec-pool' });
    const id = new TerraformVariable(s, 'root_ca_id', { type: 'string' });
    const adopted = RootCertificateAuthority.fromCertificateAuthorityAttributes(s, 'Root', { pool, name: id.stringValue, keyFamily: KeyFamily.ECDSA });
    expect(Token.isUnresolved(adopted.resourceName)).toBe(true);
  });
});
