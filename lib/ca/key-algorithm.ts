/** The family of a key: what the seed's troubleshooting section compares between CAs and workloads (S7). */
export enum KeyFamily {
  /** RSA keys (PKCS#1 or PSS signatures). */
  RSA = 'RSA',
  /** Elliptic-curve (ECDSA) keys, the seeds' choice for both CAs and workloads. */
  ECDSA = 'ECDSA',
}

/**
 * Signing key algorithm of a CA Service certificate authority (`key_spec.algorithm`).
 * The seeds use `ec-p256-sha256` for both CAs.
 */
export class CaKeyAlgorithm {
  /** `ec-p256-sha256`, the seeds' choice (S5). */
  public static readonly EC_P256_SHA256 = new CaKeyAlgorithm('EC_P256_SHA256', KeyFamily.ECDSA);
  /** `ec-p384-sha384`: ECDSA on curve P-384. */
  public static readonly EC_P384_SHA384 = new CaKeyAlgorithm('EC_P384_SHA384', KeyFamily.ECDSA);
  /** `rsa-pkcs1-2048-sha256`: RSA 2048-bit, PKCS#1 v1.5 signatures. */
  public static readonly RSA_PKCS1_2048_SHA256 = new CaKeyAlgorithm('RSA_PKCS1_2048_SHA256', KeyFamily.RSA);
  /** `rsa-pkcs1-3072-sha256`: RSA 3072-bit, PKCS#1 v1.5 signatures. */
  public static readonly RSA_PKCS1_3072_SHA256 = new CaKeyAlgorithm('RSA_PKCS1_3072_SHA256', KeyFamily.RSA);
  /** `rsa-pkcs1-4096-sha256`: RSA 4096-bit, PKCS#1 v1.5 signatures. */
  public static readonly RSA_PKCS1_4096_SHA256 = new CaKeyAlgorithm('RSA_PKCS1_4096_SHA256', KeyFamily.RSA);
  /** `rsa-pss-2048-sha256`: RSA 2048-bit, PSS signatures. */
  public static readonly RSA_PSS_2048_SHA256 = new CaKeyAlgorithm('RSA_PSS_2048_SHA256', KeyFamily.RSA);
  /** `rsa-pss-3072-sha256`: RSA 3072-bit, PSS signatures. */
  public static readonly RSA_PSS_3072_SHA256 = new CaKeyAlgorithm('RSA_PSS_3072_SHA256', KeyFamily.RSA);
  /** `rsa-pss-4096-sha256`: RSA 4096-bit, PSS signatures. */
  public static readonly RSA_PSS_4096_SHA256 = new CaKeyAlgorithm('RSA_PSS_4096_SHA256', KeyFamily.RSA);

  /**
   * @param name the API value, e.g. `EC_P256_SHA256`
   * @param family the key family, compared with the workloads' key algorithm
   */
  private constructor(public readonly name: string, public readonly family: KeyFamily) {}

  /** The API value, e.g. `EC_P256_SHA256`. */
  public toString(): string {
    return this.name;
  }
}
