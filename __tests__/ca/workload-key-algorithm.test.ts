import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { EcdsaCurve, KeyFamily, WorkloadKeyAlgorithm } from '../../lib/ca';
import { testStack } from '../helpers/synth';

/** A construct to render in, so error messages carry a construct path. */
function scope(): Construct {
  return new Construct(testStack(), 'Wcc');
}

describe('WorkloadKeyAlgorithm', () => {
  describe('S7: the key algorithms GKE mesh certificates support', () => {
    it.each([2048, 3072, 4096])('S7: rsa %d renders keyAlgorithm.rsa.modulusSize', (modulusSize) => {
      const algorithm = WorkloadKeyAlgorithm.rsa(modulusSize);
      expect(algorithm._render(scope())).toEqual({ rsa: { modulusSize } });
      expect(algorithm.family).toBe(KeyFamily.RSA);
    });

    it('S7: ecdsa P256 renders keyAlgorithm.ecdsa.curve P256', () => {
      const algorithm = WorkloadKeyAlgorithm.ecdsa(EcdsaCurve.P256);
      expect(algorithm._render(scope())).toEqual({ ecdsa: { curve: 'P256' } });
      expect(algorithm.family).toBe(KeyFamily.ECDSA);
    });

    it('S7: ecdsa P384 renders keyAlgorithm.ecdsa.curve P384', () => {
      expect(WorkloadKeyAlgorithm.ecdsa(EcdsaCurve.P384)._render(scope())).toEqual({ ecdsa: { curve: 'P384' } });
    });

    it('S7: the curves on offer are exactly P256 and P384', () => {
      expect(Object.values(EcdsaCurve)).toEqual(['P256', 'P384']);
    });

    it('S18: toString names family and parameter, as error messages show it', () => {
      expect(WorkloadKeyAlgorithm.rsa(4096).toString()).toBe('rsa-4096');
      expect(WorkloadKeyAlgorithm.ecdsa(EcdsaCurve.P256).toString()).toBe('ecdsa-P256');
      expect(WorkloadKeyAlgorithm.rsa(3072).parameter).toBe('3072');
    });
  });

  describe('S7/X2: unsupported algorithms are rejected where they are used, naming the construct path', () => {
    it('X2: the factories themselves do not throw', () => {
      expect(() => WorkloadKeyAlgorithm.rsa(1024)).not.toThrow();
      expect(() => WorkloadKeyAlgorithm.ecdsa('P521' as EcdsaCurve)).not.toThrow();
    });

    it.each([1024, 8192, 2047])('S7: rsa %d is rejected naming keyAlgorithm.rsa.modulusSize', (modulusSize) => {
      expect(() => WorkloadKeyAlgorithm.rsa(modulusSize)._render(scope())).toThrow(new Error(
        `test/Wcc: keyAlgorithm.rsa.modulusSize is not supported by GKE mesh certificates (got ${modulusSize}). ` +
        'Use WorkloadKeyAlgorithm.rsa(2048), rsa(3072) or rsa(4096).'));
    });

    it('S7: ecdsa P521 is rejected naming keyAlgorithm.ecdsa.curve', () => {
      expect(() => WorkloadKeyAlgorithm.ecdsa('P521' as EcdsaCurve)._render(scope())).toThrow(new Error(
        'test/Wcc: keyAlgorithm.ecdsa.curve is not supported by GKE mesh certificates (got "P521"). ' +
        'Use WorkloadKeyAlgorithm.ecdsa(EcdsaCurve.P256) or ecdsa(EcdsaCurve.P384).'));
    });
  });

  it('X5: an unresolved modulus size is rendered as given', () => {
    const size = Token.asNumber(Fn.tonumber('4096'));
    expect(WorkloadKeyAlgorithm.rsa(size)._render(scope())).toEqual({ rsa: { modulusSize: size } });
  });

  it('X5: an unresolved curve is rendered as given', () => {
    const curve = Token.asString(Fn.upper('p256')) as EcdsaCurve;
    expect(WorkloadKeyAlgorithm.ecdsa(curve)._render(scope())).toEqual({ ecdsa: { curve } });
  });
});
