import { Fn, Token } from 'cdktf';
import { CaKeyAlgorithm, CaPool, EcdsaCurve, KeyFamily, WorkloadKeyAlgorithm } from '../../../lib/ca';
import { WorkloadCertificateConfig } from '../../../lib/gke';
import { onlyResource, synth } from '../../helpers/synth';
import { meshStacks, warningsUnder } from '../fixtures';

/** The synthesized manifest of the only kubernetes_manifest in a stack. */
function manifestOf(json: ReturnType<typeof synth>): Record<string, unknown> {
  return onlyResource(json, 'kubernetes_manifest').manifest as Record<string, unknown>;
}

const MISMATCH_FIX_ECDSA = 'Use an ECDSA workload key (e.g. WorkloadKeyAlgorithm.ecdsa(EcdsaCurve.P256)): ' +
  'workload keys must be of the CA\'s key family, or TLS stacks reject the certificates (seed 000, troubleshooting).';
const MISMATCH_FIX_RSA = 'Use an RSA workload key (e.g. WorkloadKeyAlgorithm.rsa(2048)): ' +
  'workload keys must be of the CA\'s key family, or TLS stacks reject the certificates (seed 000, troubleshooting).';

describe('WorkloadCertificateConfig', () => {
  describe('S7: the seeds\' WorkloadCertificateConfig for EC_P256 CAs', () => {
    let manifest: Record<string, unknown>;
    let wcc: WorkloadCertificateConfig;
    beforeAll(() => {
      const { k8s, cluster, hierarchy } = meshStacks();
      wcc = new WorkloadCertificateConfig(k8s, 'Wcc', { cluster, issuingPool: hierarchy.subordinatePool });
      manifest = manifestOf(synth(k8s));
    });

    it('S7: apiVersion security.cloud.google.com/v1, kind WorkloadCertificateConfig, name default', () => {
      expect(manifest).toMatchObject({
        apiVersion: 'security.cloud.google.com/v1',
        kind: 'WorkloadCertificateConfig',
        metadata: { name: 'default' },
      });
    });

    it('S7: endpointURI is the subordinate pool td-ca-pool as a privateca.googleapis.com URI', () => {
      expect(manifest.spec).toMatchObject({
        certificateAuthorityConfig: {
          certificateAuthorityServiceConfig: {
            endpointURI: '//privateca.googleapis.com/projects/my-project-id/locations/us-east1/caPools/td-ca-pool',
          },
        },
      });
    });

    it('S7/S18: keyAlgorithm defaults to ecdsa P256, the family of the ec-p256-sha256 CAs', () => {
      expect(manifest.spec).toMatchObject({ keyAlgorithm: { ecdsa: { curve: 'P256' } } });
      expect(wcc.keyAlgorithm.family).toBe(KeyFamily.ECDSA);
    });

    it('S7: validityDurationSeconds 86400 and rotationWindowPercentage 50 by default', () => {
      expect(manifest.spec).toMatchObject({ validityDurationSeconds: 86400, rotationWindowPercentage: 50 });
    });

    it('S5: issuing from the subordinate pool raises no warning', () => {
      expect(warningsUnder(wcc)).toEqual([]);
    });
  });

  it('S7: ecdsa P384 against EC CAs is accepted', () => {
    const { k8s, cluster, hierarchy } = meshStacks();
    new WorkloadCertificateConfig(k8s, 'Wcc', {
      cluster, issuingPool: hierarchy.subordinatePool, keyAlgorithm: WorkloadKeyAlgorithm.ecdsa(EcdsaCurve.P384),
    });
    expect(manifestOf(synth(k8s)).spec).toMatchObject({ keyAlgorithm: { ecdsa: { curve: 'P384' } } });
  });

  it('S7: explicit validity and rotation window are rendered', () => {
    const { k8s, cluster, hierarchy } = meshStacks();
    new WorkloadCertificateConfig(k8s, 'Wcc', {
      cluster, issuingPool: hierarchy.subordinatePool, validityDurationSeconds: 43200, rotationWindowPercentage: 25,
    });
    expect(manifestOf(synth(k8s)).spec).toMatchObject({ validityDurationSeconds: 43200, rotationWindowPercentage: 25 });
  });

  describe('S7: RSA CAs (RSA_PKCS1_4096_SHA256)', () => {
    it('S7/S18: the default workload key is rsa 2048, the CA\'s family', () => {
      const { k8s, cluster, hierarchy } = meshStacks(CaKeyAlgorithm.RSA_PKCS1_4096_SHA256);
      new WorkloadCertificateConfig(k8s, 'Wcc', { cluster, issuingPool: hierarchy.subordinatePool });
      expect(manifestOf(synth(k8s)).spec).toMatchObject({ keyAlgorithm: { rsa: { modulusSize: 2048 } } });
    });

    it.each([2048, 3072, 4096])('S7: rsa %d is accepted', (modulusSize) => {
      const { k8s, cluster, hierarchy } = meshStacks(CaKeyAlgorithm.RSA_PKCS1_4096_SHA256);
      new WorkloadCertificateConfig(k8s, 'Wcc', {
        cluster, issuingPool: hierarchy.subordinatePool, keyAlgorithm: WorkloadKeyAlgorithm.rsa(modulusSize),
      });
      expect(manifestOf(synth(k8s)).spec).toMatchObject({ keyAlgorithm: { rsa: { modulusSize } } });
    });

    it('S7/S18: ecdsa P384 against RSA CAs is rejected as a key-family mismatch', () => {
      const { k8s, cluster, hierarchy } = meshStacks(CaKeyAlgorithm.RSA_PKCS1_4096_SHA256);
      expect(() => new WorkloadCertificateConfig(k8s, 'Wcc', {
        cluster, issuingPool: hierarchy.subordinatePool, keyAlgorithm: WorkloadKeyAlgorithm.ecdsa(EcdsaCurve.P384),
      })).toThrow(new Error('k8s/Wcc: keyAlgorithm is ECDSA but the issuing CA in pool "td-ca-pool" uses RSA keys (got "ecdsa-P384"). ' +
        MISMATCH_FIX_RSA));
    });
  });

  it('S7/S18: rsa 4096 against EC_P256 CAs is rejected as a key-family mismatch naming both families and the fix', () => {
    const { k8s, cluster, hierarchy } = meshStacks();
    expect(() => new WorkloadCertificateConfig(k8s, 'Wcc', {
      cluster, issuingPool: hierarchy.subordinatePool, keyAlgorithm: WorkloadKeyAlgorithm.rsa(4096),
    })).toThrow(new Error('k8s/Wcc: keyAlgorithm is RSA but the issuing CA in pool "td-ca-pool" uses ECDSA keys (got "rsa-4096"). ' +
      MISMATCH_FIX_ECDSA));
  });

  describe('S7/X2: key algorithms GKE does not support', () => {
    it.each([1024, 8192])('S7: rsa %d is rejected naming keyAlgorithm.rsa.modulusSize', (modulusSize) => {
      const { k8s, cluster, hierarchy } = meshStacks(CaKeyAlgorithm.RSA_PKCS1_4096_SHA256);
      expect(() => new WorkloadCertificateConfig(k8s, 'Wcc', {
        cluster, issuingPool: hierarchy.subordinatePool, keyAlgorithm: WorkloadKeyAlgorithm.rsa(modulusSize),
      })).toThrow(new Error(`k8s/Wcc: keyAlgorithm.rsa.modulusSize is not supported by GKE mesh certificates (got ${modulusSize}). ` +
        'Use WorkloadKeyAlgorithm.rsa(2048), rsa(3072) or rsa(4096).'));
    });

    it('S7: ecdsa P521 is rejected naming keyAlgorithm.ecdsa.curve', () => {
      const { k8s, cluster, hierarchy } = meshStacks();
      expect(() => new WorkloadCertificateConfig(k8s, 'Wcc', {
        cluster, issuingPool: hierarchy.subordinatePool, keyAlgorithm: WorkloadKeyAlgorithm.ecdsa('P521' as EcdsaCurve),
      })).toThrow(new Error('k8s/Wcc: keyAlgorithm.ecdsa.curve is not supported by GKE mesh certificates (got "P521"). ' +
        'Use WorkloadKeyAlgorithm.ecdsa(EcdsaCurve.P256) or ecdsa(EcdsaCurve.P384).'));
    });
  });

  describe('S7/X2: validity and rotation window', () => {
    it('S7: rotationWindowPercentage 101 is rejected', () => {
      const { k8s, cluster, hierarchy } = meshStacks();
      expect(() => new WorkloadCertificateConfig(k8s, 'Wcc', {
        cluster, issuingPool: hierarchy.subordinatePool, rotationWindowPercentage: 101,
      })).toThrow(new Error('k8s/Wcc: rotationWindowPercentage must be an integer from 0 to 100 (got 101). Use a value from 0 to 100.'));
    });

    it('S7: validityDurationSeconds 0 is rejected', () => {
      const { k8s, cluster, hierarchy } = meshStacks();
      expect(() => new WorkloadCertificateConfig(k8s, 'Wcc', {
        cluster, issuingPool: hierarchy.subordinatePool, validityDurationSeconds: 0,
      })).toThrow(new Error('k8s/Wcc: validityDurationSeconds must be an integer from 1 to 31536000 (got 0). Use a value from 1 to 31536000.'));
    });
  });

  it('X5: unresolved validity, rotation window and RSA modulus are not rejected', () => {
    const { k8s, cluster, hierarchy } = meshStacks(CaKeyAlgorithm.RSA_PKCS1_4096_SHA256);
    new WorkloadCertificateConfig(k8s, 'Wcc', {
      cluster,
      issuingPool: hierarchy.subordinatePool,
      keyAlgorithm: WorkloadKeyAlgorithm.rsa(Token.asNumber(Fn.tonumber('4096'))),
      validityDurationSeconds: Token.asNumber(Fn.tonumber('86400')),
      rotationWindowPercentage: Token.asNumber(Fn.tonumber('50')),
    });
    expect(manifestOf(synth(k8s)).spec).toMatchObject({
      keyAlgorithm: { rsa: { modulusSize: '${tonumber("4096")}' } },
      validityDurationSeconds: '${tonumber("86400")}',
      rotationWindowPercentage: '${tonumber("50")}',
    });
  });

  describe('S5: issuing from a pool that holds a root CA', () => {
    it('S5: issuing from the root pool is allowed but warns that it is discouraged', () => {
      const { k8s, cluster, hierarchy } = meshStacks();
      const wcc = new WorkloadCertificateConfig(k8s, 'Wcc', { cluster, issuingPool: hierarchy.rootPool });
      const manifest = manifestOf(synth(k8s));
      expect(manifest.spec).toMatchObject({
        certificateAuthorityConfig: {
          certificateAuthorityServiceConfig: {
            endpointURI: '//privateca.googleapis.com/projects/my-project-id/locations/us-east1/caPools/td-sec-pool',
          },
        },
      });
      const warnings = warningsUnder(k8s);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('discouraged');
      expect(warnings[0]).toContain('td-sec-pool');
      expect(warningsUnder(wcc)).toEqual(warnings);
    });

    it('S5: an adopted pool declared to hold a root CA also warns', () => {
      const { k8s, cluster } = meshStacks();
      const pool = CaPool.fromPoolAttributes(k8s, 'RootPool', {
        project: 'my-project-id', location: 'us-east1', name: 'td-sec-pool', keyFamily: KeyFamily.ECDSA, holdsRootCa: true,
      });
      new WorkloadCertificateConfig(k8s, 'Wcc', { cluster, issuingPool: pool });
      synth(k8s);
      expect(warningsUnder(k8s).join('\n')).toContain('discouraged');
    });
  });

  describe('S7: adopted issuing pools', () => {
    it('S7/S18: an adopted RSA pool rejects an ECDSA workload key', () => {
      const { k8s, cluster } = meshStacks();
      const pool = CaPool.fromPoolAttributes(k8s, 'Pool', {
        project: 'my-project-id', location: 'us-east1', name: 'td-ca-pool', keyFamily: KeyFamily.RSA,
      });
      expect(() => new WorkloadCertificateConfig(k8s, 'Wcc', {
        cluster, issuingPool: pool, keyAlgorithm: WorkloadKeyAlgorithm.ecdsa(EcdsaCurve.P256),
      })).toThrow(new Error('k8s/Wcc: keyAlgorithm is ECDSA but the issuing CA in pool "td-ca-pool" uses RSA keys (got "ecdsa-P256"). ' +
        MISMATCH_FIX_RSA));
    });

    it('S7: an adopted pool of unknown key family skips the family check', () => {
      const { k8s, cluster } = meshStacks();
      const pool = CaPool.fromPoolAttributes(k8s, 'Pool', { project: 'my-project-id', location: 'us-east1', name: 'td-ca-pool' });
      new WorkloadCertificateConfig(k8s, 'Rsa', { cluster, issuingPool: pool, keyAlgorithm: WorkloadKeyAlgorithm.rsa(3072) });
      expect(manifestOf(synth(k8s)).spec).toMatchObject({ keyAlgorithm: { rsa: { modulusSize: 3072 } } });
      expect(warningsUnder(k8s)).toEqual([]);
    });

    it('S7 (issue 7 defect): an adopted root-holding pool without keyFamily is never taken for ECDSA: an RSA key is accepted', () => {
      const { k8s, cluster } = meshStacks();
      const pool = CaPool.fromPoolAttributes(k8s, 'Pool', { project: 'my-project-id', location: 'us-east1', name: 'td-sec-pool', holdsRootCa: true });
      const wcc = new WorkloadCertificateConfig(k8s, 'Rsa', { cluster, issuingPool: pool, keyAlgorithm: WorkloadKeyAlgorithm.rsa(2048) });
      expect(manifestOf(synth(k8s)).spec).toMatchObject({ keyAlgorithm: { rsa: { modulusSize: 2048 } } });
      expect(wcc.keyAlgorithm.family).toBe(KeyFamily.RSA);
    });

    it('S7 (issue 7 defect): without keyAlgorithm, a pool of unknown key family gets ECDSA P256 with a warning, not silently', () => {
      const { k8s, cluster } = meshStacks();
      const pool = CaPool.fromPoolAttributes(k8s, 'Pool', { project: 'my-project-id', location: 'us-east1', name: 'td-ca-pool' });
      new WorkloadCertificateConfig(k8s, 'Default', { cluster, issuingPool: pool });
      expect(manifestOf(synth(k8s)).spec).toMatchObject({ keyAlgorithm: { ecdsa: { curve: 'P256' } } });
      expect(warningsUnder(k8s)).toEqual(['The key family of pool "td-ca-pool" is unknown, so workload keys default to ECDSA P256 unchecked (S7). ' +
        'Set keyFamily on CaPool.fromPoolAttributes, or keyAlgorithm here, to the family of the issuing CA.']);
    });
  });
});
