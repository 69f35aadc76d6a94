import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import type { KeyAlgorithm } from '../../.gen/security.cloud.google.com/v1';
import { KeyFamily } from './key-algorithm';
import { invalidInput } from '../core/errors';
import { isUnresolved } from '../core/validation';

/** ECDSA curves GKE mesh certificates support (S7). */
export enum EcdsaCurve {
  /** NIST P-256 (`ecdsa-p256`). */
  P256 = 'P256',
  /** NIST P-384 (`ecdsa-p384`). */
  P384 = 'P384',
}

const RSA_MODULUS_SIZES = [2048, 3072, 4096];

/**
 * Key algorithm of the workload key pairs GKE generates for mesh certificates (WorkloadCertificateConfig
 * `keyAlgorithm`). Only RSA 2048/3072/4096 and ECDSA P256/P384 are supported (S7).
 */
export class WorkloadKeyAlgorithm {
  /** RSA with a modulus of 2048, 3072 or 4096 bits. */
  public static rsa(modulusSize: number): WorkloadKeyAlgorithm {
    return new WorkloadKeyAlgorithm(KeyFamily.RSA, String(modulusSize), modulusSize);
  }

  /** ECDSA on curve P256 or P384. */
  public static ecdsa(curve: EcdsaCurve): WorkloadKeyAlgorithm {
    return new WorkloadKeyAlgorithm(KeyFamily.ECDSA, curve, undefined);
  }

  private constructor(
    /** Key family of the workload keys; it must match the issuing CA's, or TLS stacks reject the certificates (S7). */
    public readonly family: KeyFamily,
    /** The RSA modulus size or the ECDSA curve, as text. */
    public readonly parameter: string,
    private readonly modulusSize: number | undefined,
  ) {}

  /** The manifest's `keyAlgorithm` object, after checking the value is one GKE supports. @internal */
  public _render(scope: IConstruct): KeyAlgorithm {
    if (this.family === KeyFamily.RSA) {
      const size = this.modulusSize as number;
      if (!isUnresolved(size) && !RSA_MODULUS_SIZES.includes(size)) {
        throw invalidInput(scope, 'keyAlgorithm.rsa.modulusSize', 'is not supported by GKE mesh certificates', size,
          'Use WorkloadKeyAlgorithm.rsa(2048), rsa(3072) or rsa(4096)');
      }
      return { rsa: { modulusSize: size as 2048 | 3072 | 4096 } };
    }
    if (!isUnresolved(this.parameter) && !(Object.values(EcdsaCurve) as string[]).includes(this.parameter)) {
      throw invalidInput(scope, 'keyAlgorithm.ecdsa.curve', 'is not supported by GKE mesh certificates', this.parameter,
        'Use WorkloadKeyAlgorithm.ecdsa(EcdsaCurve.P256) or ecdsa(EcdsaCurve.P384)');
    }
    return { ecdsa: { curve: this.parameter as EcdsaCurve } };
  }

  /**
   * The `key_algorithm` of a Compute Engine VM's partner metadata (`CONFIGS.json`, W4): `rsa-2048`, `rsa-3072`,
   * `rsa-4096`, `ecdsa-p256` or `ecdsa-p384`, after checking the value is one the VM API accepts. @internal
   */
  public _renderForVm(scope: IConstruct, field: string): string {
    this.checkVmSupport(scope, field);
    return `${this.family === KeyFamily.RSA ? 'rsa' : 'ecdsa'}-${this.renderedParameter((text) => text.toLowerCase())}`;
  }

  /**
   * The `key_algorithm` enum of a workload identity pool's `inline_certificate_issuance_config` (W4): `RSA_2048`,
   * `RSA_3072`, `RSA_4096`, `ECDSA_P256` or `ECDSA_P384`. @internal
   */
  public _renderForWorkloadIdentityPool(scope: IConstruct, field: string): string {
    this.checkVmSupport(scope, field);
    return `${this.family === KeyFamily.RSA ? 'RSA' : 'ECDSA'}_${this.renderedParameter((text) => text.toUpperCase())}`;
  }

  /** The modulus size or curve as text in the API's case; a value known only at apply time stays a token (X5). */
  private renderedParameter(toCase: (text: string) => string): string {
    const size = this.modulusSize;
    if (size !== undefined && isUnresolved(size)) return Token.asString(size);
    return isUnresolved(this.parameter) ? this.parameter : toCase(this.parameter);
  }

  /** Managed workload identities for Compute Engine accept the same five key algorithms as GKE (W4). */
  private checkVmSupport(scope: IConstruct, field: string): void {
    const fix = 'Use WorkloadKeyAlgorithm.rsa(2048), rsa(3072), rsa(4096), ecdsa(EcdsaCurve.P256) or ecdsa(EcdsaCurve.P384)';
    if (this.family === KeyFamily.RSA) {
      const size = this.modulusSize as number;
      if (!isUnresolved(size) && !RSA_MODULUS_SIZES.includes(size)) {
        throw invalidInput(scope, `${field}.rsa.modulusSize`, 'is not supported by managed workload identities', size, fix);
      }
      return;
    }
    if (!isUnresolved(this.parameter) && !(Object.values(EcdsaCurve) as string[]).includes(this.parameter)) {
      throw invalidInput(scope, `${field}.ecdsa.curve`, 'is not supported by managed workload identities', this.parameter, fix);
    }
  }

  /** A readable form, e.g. `rsa-2048` or `ecdsa-P256`. */
  public toString(): string {
    return `${this.family === KeyFamily.RSA ? 'rsa' : 'ecdsa'}-${this.parameter}`;
  }
}
