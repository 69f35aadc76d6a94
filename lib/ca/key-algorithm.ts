/** The family of a key: what the seed's troubleshooting section compares between CAs and workloads (S7). */
export enum KeyFamily {
  RSA = 'RSA',
  ECDSA = 'ECDSA',
}

/**
 * Signing key algorithm of a CA Service certificate authority (`key_spec.algorithm`).
 * The seeds use `ec-p256-sha256` for both CAs.
 */
export class CaKeyAlgorithm {
  /** `ec-p256-sha256`, the seeds' choice (S5). */
  public static readonly EC_P256_SHA256 = new CaKeyAlgorithm('EC_P256_SHA256', KeyFamily.ECDSA);
  public static readonly EC_P384_SHA384 = new CaKeyAlgorithm('EC_P384_SHA384', KeyFamily.ECDSA);
  public static readonly RSA_PKCS1_2048_SHA256 = new CaKeyAlgorithm('RSA_PKCS1_2048_SHA256', KeyFamily.RSA);
  public static readonly RSA_PKCS1_3072_SHA256 = new CaKeyAlgorithm('RSA_PKCS1_3072_SHA256', KeyFamily.RSA);
  public static readonly RSA_PKCS1_4096_SHA256 = new CaKeyAlgorithm('RSA_PKCS1_4096_SHA256', KeyFamily.RSA);
  public static readonly RSA_PSS_2048_SHA256 = new CaKeyAlgorithm('RSA_PSS_2048_SHA256', KeyFamily.RSA);
  public static readonly RSA_PSS_3072_SHA256 = new CaKeyAlgorithm('RSA_PSS_3072_SHA256', KeyFamily.RSA);
  public static readonly RSA_PSS_4096_SHA256 = new CaKeyAlgorithm('RSA_PSS_4096_SHA256', KeyFamily.RSA);

  /**
   * @param name the API value, e.g. `EC_P256_SHA256`
   * @param family the key family, compared with the workloads' key algorithm
   */
  private constructor(public readonly name: string, public readonly family: KeyFamily) {}

  public toString(): string {
    return this.name;
  }
}
