import { AnnotationMetadataEntryType, TerraformOutput, TerraformVariable, Testing } from 'cdktf';
import { CaPool, CaPoolTier, EcdsaCurve, WorkloadKeyAlgorithm } from '../../lib/ca';
import { SpiffeId, TrustDomain } from '../../lib/core';
import {
  CertificateIssuance, IManagedIdentity, IWorkloadIdentityPool, PartnerMetadata, WorkloadIdentityNamespace, WorkloadIdentityPool, WorkloadIdentityPoolMode,
} from '../../lib/vm';
import { Demo, demo, demoMetadata, only, PROJECT_NUMBER, SPIFFE_ID, SUB_POOL, synthVm, TRUST_DOMAIN, vmStack } from './fixtures';

/**
 * Seed 003's CONFIGS.json, verbatim in structure, with the demo's values for PROJECT_ID, SUBORDINATE_CA_POOL_REGION,
 * SUBORDINATE_CA_POOL_ID, POOL_ID, PROJECT_NUMBER, NAMESPACE_ID and MANAGED_IDENTITY_ID.
 */
const SEED_CONFIGS_JSON = {
  'wc.compute.googleapis.com': {
    entries: {
      'certificate-issuance-config': {
        primary_certificate_authority_config: {
          certificate_authority_config: {
            ca_pool: 'projects/my-project-id/locations/us-east1/caPools/mwlid-sub-pool',
          },
        },
        key_algorithm: 'rsa-2048',
      },
      'trust-config': {
        'mwlid-pool.global.123456789012.workload.id.goog': {
          trust_anchors: [{
            ca_pool: 'projects/my-project-id/locations/us-east1/caPools/mwlid-sub-pool',
          }],
        },
      },
    },
  },
  'iam.googleapis.com': {
    entries: {
      'workload-identity': 'spiffe://mwlid-pool.global.123456789012.workload.id.goog/ns/mtls-demo/sa/backend',
    },
  },
};

const KEY_FIX = 'Use WorkloadKeyAlgorithm.rsa(2048), rsa(3072), rsa(4096), ecdsa(EcdsaCurve.P256) or ecdsa(EcdsaCurve.P384).';

function parsedEntries(metadata: PartnerMetadata): Record<string, unknown> {
  return Object.fromEntries(Object.entries(metadata.entries).map(([namespace, json]) => [namespace, JSON.parse(json)]));
}

function warnings(d: Demo): string[] {
  Testing.synth(d.stack, true);
  return d.stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => String(m.data)));
}

describe('PartnerMetadata', () => {
  describe('W4: the seed\'s CONFIGS.json from typed inputs', () => {
    it('W4: each partner metadata namespace parses to the seed\'s example structure', () => {
      const metadata = demoMetadata(demo(), { keyAlgorithm: WorkloadKeyAlgorithm.rsa(2048) });
      expect(Object.keys(metadata.entries)).toEqual(['iam.googleapis.com', 'wc.compute.googleapis.com']);
      expect(parsedEntries(metadata)).toEqual(SEED_CONFIGS_JSON);
    });

    it('W4: the whole document (for --partner-metadata-from-file) parses to the seed\'s CONFIGS.json', () => {
      const metadata = demoMetadata(demo(), { keyAlgorithm: WorkloadKeyAlgorithm.rsa(2048) });
      expect(JSON.parse(metadata.json)).toEqual(SEED_CONFIGS_JSON);
    });

    it('W4: the identity, trust domain and region are the library\'s own computation', () => {
      const metadata = demoMetadata(demo());
      expect([metadata.spiffeId.uri, metadata.trustDomain.name, metadata.region]).toEqual([SPIFFE_ID, TRUST_DOMAIN, 'us-east1']);
    });

    it.each([
      [WorkloadKeyAlgorithm.rsa(2048), 'rsa-2048'],
      [WorkloadKeyAlgorithm.rsa(3072), 'rsa-3072'],
      [WorkloadKeyAlgorithm.rsa(4096), 'rsa-4096'],
      [WorkloadKeyAlgorithm.ecdsa(EcdsaCurve.P256), 'ecdsa-p256'],
      [WorkloadKeyAlgorithm.ecdsa(EcdsaCurve.P384), 'ecdsa-p384'],
    ])('W4: key algorithm %s renders key_algorithm "%s"', (keyAlgorithm, rendered) => {
      const entries = parsedEntries(demoMetadata(demo(), { keyAlgorithm })) as typeof SEED_CONFIGS_JSON;
      expect(entries['wc.compute.googleapis.com'].entries['certificate-issuance-config'].key_algorithm).toBe(rendered);
    });

    it('W4: the key algorithm defaults to ecdsa-p256, the family of the CAs\' EC keys', () => {
      const entries = parsedEntries(demoMetadata(demo())) as typeof SEED_CONFIGS_JSON;
      expect(entries['wc.compute.googleapis.com'].entries['certificate-issuance-config'].key_algorithm).toBe('ecdsa-p256');
    });

    it('W4: trust anchors default to the issuing pool and can list more pools', () => {
      const d = demo();
      const metadata = demoMetadata(d, { trustAnchors: [d.hierarchy.subordinatePool, d.hierarchy.rootPool] });
      const entries = parsedEntries(metadata) as typeof SEED_CONFIGS_JSON;
      expect(entries['wc.compute.googleapis.com'].entries['trust-config']).toEqual({
        [TRUST_DOMAIN]: { trust_anchors: [{ ca_pool: SUB_POOL }, { ca_pool: 'projects/my-project-id/locations/us-east1/caPools/mwlid-root-pool' }] },
      });
    });

    it('X4: keys are in code-point order at every level and two renders are byte-identical', () => {
      const render = () => demoMetadata(demo(), { keyAlgorithm: WorkloadKeyAlgorithm.rsa(2048) }).entries['wc.compute.googleapis.com'];
      const text = render();
      expect(text).toBe(render());
      expect(text.indexOf('"certificate-issuance-config"')).toBeLessThan(text.indexOf('"trust-config"'));
      expect(text.indexOf('"key_algorithm"')).toBeLessThan(text.indexOf('"primary_certificate_authority_config"'));
      expect(text).not.toMatch(/\s/);
    });
  });

  describe('W4: validation', () => {
    it('W4: an unsupported RSA key size is rejected', () => {
      expect(() => demoMetadata(demo(), { keyAlgorithm: WorkloadKeyAlgorithm.rsa(1024) })).toThrow(
        `test/PartnerMetadata: keyAlgorithm.rsa.modulusSize is not supported by managed workload identities (got 1024). ${KEY_FIX}`);
    });

    it('W4: an unsupported curve is rejected', () => {
      expect(() => demoMetadata(demo(), { keyAlgorithm: WorkloadKeyAlgorithm.ecdsa('P521' as EcdsaCurve) })).toThrow(
        `test/PartnerMetadata: keyAlgorithm.ecdsa.curve is not supported by managed workload identities (got "P521"). ${KEY_FIX}`);
    });

    it('W4: a key algorithm given as text (JavaScript callers) is rejected', () => {
      expect(() => demoMetadata(demo(), { keyAlgorithm: 'rsa-2048' as unknown as WorkloadKeyAlgorithm })).toThrow(
        `test/PartnerMetadata: keyAlgorithm is not a WorkloadKeyAlgorithm (got "rsa-2048"). ${KEY_FIX}`);
    });

    it('W1: an identity of a pool not in TRUST_DOMAIN mode is rejected', () => {
      const d = demo();
      const federation = WorkloadIdentityPool.fromWorkloadIdentityPoolAttributes(d.stack, 'Federation', {
        projectNumber: PROJECT_NUMBER, name: 'federation-pool', mode: WorkloadIdentityPoolMode.FEDERATION_ONLY,
      });
      const identity: IManagedIdentity = {
        node: d.identity.node, namespace: { node: d.namespace.node, pool: federation, name: 'mtls-demo', resourceName: 'x' },
        name: 'backend', resourceName: 'x', spiffeId: d.identity.spiffeId,
      };
      expect(() => demoMetadata(d, { identity })).toThrow(
        'test/PartnerMetadata: identity.namespace.pool.mode is not TRUST_DOMAIN (got "FEDERATION_ONLY"). Managed workload identities exist only in a pool ' +
        'created in TRUST_DOMAIN mode, and a pool\'s mode cannot be changed: create a new WorkloadIdentityPool (mode TRUST_DOMAIN) with a new ID — ' +
        'a deleted pool\'s ID stays reserved for 30 days.');
    });

    it('W4: an identity whose SPIFFE ID is of another pool is rejected', () => {
      const d = demo();
      const other = 'spiffe://other-pool.global.123456789012.workload.id.goog/ns/mtls-demo/sa/backend';
      // An identity from another library (or a JavaScript caller) whose SPIFFE ID does not match its pool.
      const identity: IManagedIdentity = { node: d.identity.node, namespace: d.namespace, name: 'backend', resourceName: 'x', spiffeId: SpiffeId.of(other) };
      expect(() => demoMetadata(d, { identity })).toThrow(
        `test/PartnerMetadata: identity.spiffeId is not in the trust domain of its pool (${TRUST_DOMAIN}) (got "${other}"). ` +
        'Pass an identity of the pool whose trust domain the VMs use.');
    });

    it('W4: an identity whose trust domain is not a pool\'s is rejected', () => {
      const d = demo();
      const pool: IWorkloadIdentityPool = {
        node: d.pool.node, project: 'my-project-id', projectNumber: PROJECT_NUMBER, name: 'mwlid-pool', resourceName: 'x',
        mode: WorkloadIdentityPoolMode.TRUST_DOMAIN, trustDomain: TrustDomain.forGkeProject('my-project-id'), principalSet: d.pool.principalSet,
        authorizeCertificateRequests: () => [],
      };
      const identity: IManagedIdentity = {
        node: d.identity.node, namespace: { node: d.namespace.node, pool, name: 'mtls-demo', resourceName: 'x' }, name: 'backend', resourceName: 'x',
        spiffeId: SpiffeId.of('spiffe://my-project-id.svc.id.goog/ns/mtls-demo/sa/backend'),
      };
      expect(() => demoMetadata(d, { identity })).toThrow(
        'test/PartnerMetadata: identity.namespace.pool.trustDomain is not the trust domain of a workload identity pool (got "my-project-id.svc.id.goog"). ' +
        'Managed workload identities live in POOL_ID.global.PROJECT_NUMBER.workload.id.goog; pass an identity of a WorkloadIdentityPool.');
    });

    it('W4: no trust anchors at all is rejected', () => {
      expect(() => demoMetadata(demo(), { trustAnchors: [] })).toThrow(
        'test/PartnerMetadata: trustAnchors must not be empty (got []). List at least the issuing pool: VMs with no trust anchors reject every peer certificate.');
    });

    describe('X2: required props', () => {
      const IDENTITY_FIX = 'Pass a ManagedIdentity (namespace.addManagedIdentity(...)), or ManagedIdentity.fromManagedIdentityAttributes / fromSpiffeId for an existing one.';
      const POOL_FIX = 'Pass a CA pool: new CaPool(...), CaPool.fromPoolAttributes(...) or a CaHierarchy\'s rootPool/subordinatePool.';
      it.each([
        ['identity', undefined, `test/PartnerMetadata: identity is required (got nothing). ${IDENTITY_FIX}`],
        ['identity', null, `test/PartnerMetadata: identity is required (got null). ${IDENTITY_FIX}`],
        ['identity', SPIFFE_ID, `test/PartnerMetadata: identity is not an IManagedIdentity (got "${SPIFFE_ID}"). ${IDENTITY_FIX}`],
        ['issuingPool', undefined, `test/PartnerMetadata: issuingPool is required (got nothing). ${POOL_FIX}`],
        ['issuingPool', null, `test/PartnerMetadata: issuingPool is required (got null). ${POOL_FIX}`],
        ['issuingPool', SUB_POOL, `test/PartnerMetadata: issuingPool is not an ICaPool (got "${SUB_POOL}"). ${POOL_FIX}`],
        ['trustAnchors', 'mwlid-sub-pool', 'test/PartnerMetadata: trustAnchors must be a list (got "mwlid-sub-pool"). List the CA pools peers\' certificates chain to, e.g. [hierarchy.subordinatePool].'],
        ['issuance', 'pool', 'test/PartnerMetadata: issuance is not a CertificateIssuance (got "pool"). Use CertificateIssuance.partnerMetadata() (seed 003) or ' +
          'CertificateIssuance.workloadIdentityPool({ lifetimeDays, rotationWindowPercentage }).'],
      ])('%s = %j', (field, value, message) => {
        expect(() => demoMetadata(demo(), { [field]: value })).toThrow(message);
      });

      it('props themselves', () => {
        expect(() => new PartnerMetadata(vmStack(), 'PartnerMetadata', null as never)).toThrow(
          'test/PartnerMetadata: props is required (got null). Pass { identity, issuingPool }, e.g. { identity: namespace.addManagedIdentity(...), issuingPool: hierarchy.subordinatePool }.');
      });
    });
  });

  describe('W4: the newer alternative, certificate issuance configured on the pool', () => {
    it('W4: the pool gets inline_certificate_issuance_config and the VMs carry only their identity', () => {
      const d = demo();
      const metadata = demoMetadata(d, {
        keyAlgorithm: WorkloadKeyAlgorithm.rsa(2048),
        issuance: CertificateIssuance.workloadIdentityPool({ lifetimeDays: 2, rotationWindowPercentage: 60 }),
      });
      expect(parsedEntries(metadata)).toEqual({ 'iam.googleapis.com': SEED_CONFIGS_JSON['iam.googleapis.com'] });
      expect(only(synthVm(d.stack), 'google_iam_workload_identity_pool').inline_certificate_issuance_config).toEqual({
        ca_pools: { 'us-east1': SUB_POOL },
        key_algorithm: 'RSA_2048',
        lifetime: '172800s',
        rotation_window_percentage: 60,
      });
    });

    it('W4: the defaults are the API\'s: ECDSA_P256, one day, 50%', () => {
      const d = demo();
      demoMetadata(d, { issuance: CertificateIssuance.workloadIdentityPool() });
      expect(only(synthVm(d.stack), 'google_iam_workload_identity_pool').inline_certificate_issuance_config).toEqual({
        ca_pools: { 'us-east1': SUB_POOL }, key_algorithm: 'ECDSA_P256', lifetime: '86400s', rotation_window_percentage: 50,
      });
    });

    it('W4: the partner metadata way leaves the pool without issuance config', () => {
      const d = demo();
      demoMetadata(d);
      expect(only(synthVm(d.stack), 'google_iam_workload_identity_pool').inline_certificate_issuance_config).toBeUndefined();
    });

    it.each([
      [{ lifetimeDays: 0 }, 'test/PartnerMetadata: issuance.lifetimeDays must be an integer from 1 to 30 (got 0). ' +
        'Use 1 to 30 days: the pool issues certificates living 86400s (24 hours) to 2592000s (30 days).'],
      [{ lifetimeDays: 31 }, 'test/PartnerMetadata: issuance.lifetimeDays must be an integer from 1 to 30 (got 31). ' +
        'Use 1 to 30 days: the pool issues certificates living 86400s (24 hours) to 2592000s (30 days).'],
      [{ lifetimeDays: 1.5 }, 'test/PartnerMetadata: issuance.lifetimeDays must be an integer from 1 to 30 (got 1.5).'],
      [{ lifetimeDays: '7' }, 'test/PartnerMetadata: issuance.lifetimeDays must be a number (got "7").'],
      [{ rotationWindowPercentage: 49 }, 'test/PartnerMetadata: issuance.rotationWindowPercentage must be an integer from 50 to 80 (got 49). ' +
        'Use 50 to 80: rotation starts when that percentage of the lifetime has passed.'],
      [{ rotationWindowPercentage: 81 }, 'test/PartnerMetadata: issuance.rotationWindowPercentage must be an integer from 50 to 80 (got 81). ' +
        'Use 50 to 80: rotation starts when that percentage of the lifetime has passed.'],
    ])('W4: lifetime and rotation window out of range: %j', (options, message) => {
      expect(() => demoMetadata(demo(), { issuance: CertificateIssuance.workloadIdentityPool(options as never) })).toThrow(message);
    });

    it('W4: an adopted pool cannot be configured', () => {
      const d = demo();
      const adopted = WorkloadIdentityPool.fromWorkloadIdentityPoolAttributes(d.stack, 'Adopted', { projectNumber: PROJECT_NUMBER, name: 'shared-pool' });
      const identity = new WorkloadIdentityNamespace(d.stack, 'Ns', { pool: adopted, name: 'mtls-demo' }).addManagedIdentity('Id', { name: 'backend' });
      expect(() => demoMetadata(d, { identity, issuance: CertificateIssuance.workloadIdentityPool() })).toThrow(
        'test/PartnerMetadata: issuance configures the workload identity pool "shared-pool", which this app does not create (got "workloadIdentityPool"). ' +
        'Issuance on the pool changes the pool\'s own settings, so the pool must be a WorkloadIdentityPool of this app; use CertificateIssuance.partnerMetadata() for an adopted pool.');
    });

    it('W4: trust anchors apply to partner metadata issuance only', () => {
      const d = demo();
      expect(() => demoMetadata(d, { issuance: CertificateIssuance.workloadIdentityPool(), trustAnchors: [d.hierarchy.rootPool] })).toThrow(
        'test/PartnerMetadata: trustAnchors applies only to partner metadata issuance (got ["mwlid-root-pool"]). With issuance on the pool, the pool\'s CA pools ' +
        'are the trust anchors of its trust domain: leave trustAnchors out, or use CertificateIssuance.partnerMetadata().');
    });

    it('W4: two identities of one pool share its issuance settings', () => {
      const d = demo();
      const client = d.namespace.addManagedIdentity('Client', { name: 'client' });
      demoMetadata(d, { issuance: CertificateIssuance.workloadIdentityPool() });
      expect(() => demoMetadata(d, { identity: client, issuance: CertificateIssuance.workloadIdentityPool() }, 'Client')).not.toThrow();
      expect(() => demoMetadata(d, { identity: client, issuance: CertificateIssuance.workloadIdentityPool({ lifetimeDays: 3 }) }, 'Other')).toThrow(
        'test/Other: issuance.lifetimeDays differs from the lifetime test/PartnerMetadata set for workload identity pool "mwlid-pool" ("86400s") (got "259200s"). ' +
        'Certificate issuance on the pool has one key algorithm, lifetime and rotation window for all its VMs; use the same values, or partner metadata issuance for different ones.');
    });

    it('W4: one CA pool per region', () => {
      const d = demo();
      const other = new CaPool(d.stack, 'Other', { location: 'us-east1', name: 'other-pool', tier: CaPoolTier.DEVOPS });
      demoMetadata(d, { issuance: CertificateIssuance.workloadIdentityPool() });
      expect(() => demoMetadata(d, { issuingPool: other, issuance: CertificateIssuance.workloadIdentityPool() }, 'Second')).toThrow(
        'test/Second: issuingPool is a second CA pool for region us-east1 of workload identity pool "mwlid-pool" (got "projects/my-project-id/locations/us-east1/caPools/other-pool"). ' +
        'The pool\'s issuance config maps each region to one CA pool, and test/PartnerMetadata already uses projects/my-project-id/locations/us-east1/caPools/mwlid-sub-pool; issue from that pool.');
    });
  });

  describe('W3: grants', () => {
    it('W3: no warning when the pool\'s identities are authorized on the issuing pool', () => {
      const d = demo();
      demoMetadata(d);
      expect(warnings(d)).toEqual([]);
    });

    it('W3: a warning (not an error) when they are not', () => {
      const d = demo();
      const other = new CaPool(d.stack, 'Other', { location: 'us-east1', name: 'other-pool', tier: CaPoolTier.DEVOPS });
      demoMetadata(d, { issuingPool: other });
      expect(warnings(d)).toEqual([
        'W3: CA pool "other-pool" grants roles/privateca.workloadCertificateRequester and roles/privateca.poolReader to the managed identities of pool ' +
        '"mwlid-pool" nowhere in this app; without them VMs get no certificate. Call pool.authorizeCertificateRequests(issuingPool), or make sure the grants exist.',
      ]);
    });
  });

  it('X5: names and a key size known only at apply time are not rejected', () => {
    const d = demo();
    const identityName = new TerraformVariable(d.stack, 'identity', { type: 'string' }).stringValue;
    const size = new TerraformVariable(d.stack, 'size', { type: 'number' }).numberValue;
    const identity = d.namespace.addManagedIdentity('FromVariable', { name: identityName });
    identity.allowVmsWithServiceAccount(d.serviceAccount);
    const metadata = demoMetadata(d, { identity, keyAlgorithm: WorkloadKeyAlgorithm.rsa(size) });
    new TerraformOutput(d.stack, 'entries', { value: metadata.entries });
    const resolved = (synthVm(d.stack).output as Record<string, { value: Record<string, string> }>).entries.value;
    expect(resolved['iam.googleapis.com']).toContain('/ns/mtls-demo/sa/${var.identity}');
    expect(resolved['wc.compute.googleapis.com']).toContain('"key_algorithm":"rsa-${var.size}"');
  });
});
