import { Construct } from 'constructs';
import { checkOneOf, checkProps } from '../core/validation';
import { ICaPool } from './ca-pool';
import {
  CaCertificateProfile, CertificateAuthorityBase, CertificateAuthorityOptions, checkPool, generationId, ICertificateAuthority,
} from './certificate-authority';
import { KeyFamily } from './key-algorithm';

/** Properties of a {@link RootCertificateAuthority}. */
export interface RootCertificateAuthorityProps extends CertificateAuthorityOptions {
  /** The pool the root lives in; the seeds use an ENTERPRISE pool (S5). */
  readonly pool: ICaPool;

  /**
   * How many subordinate CA levels may follow the root (gcloud `--max-chain-length`).
   * @default 1, as the seeds create it (S5)
   */
  readonly maxChainLength?: number;
}

/** Attributes of an existing root CA, for {@link RootCertificateAuthority.fromCertificateAuthorityAttributes}. */
export interface RootCertificateAuthorityAttributes {
  /** The existing CA's pool, typically from `CaPool.fromPoolAttributes`. */
  readonly pool: ICaPool;
  /** The CA ID. */
  readonly name: string;
  /** Key family of the existing CA, checked against the workloads' key algorithm (S7). */
  readonly keyFamily: KeyFamily;
}

/**
 * A self-signed root CA (S5): the trust anchor of every mesh certificate. The seeds create it with
 * `gcloud privateca roots create --key-algorithm=ec-p256-sha256 --max-chain-length=1`.
 */
export class RootCertificateAuthority extends CertificateAuthorityBase {
  /** Adopts an existing root CA by reference; the seeds allow reusing one (S5). */
  public static fromCertificateAuthorityAttributes(scope: Construct, id: string,
    attrs: RootCertificateAuthorityAttributes): ICertificateAuthority {
    return new ImportedCertificateAuthority(scope, id, attrs);
  }

  constructor(scope: Construct, id: string, props: RootCertificateAuthorityProps) {
    // Checked by the base class, which has the construct path; JavaScript callers may leave props out.
    super(scope, id, props?.pool, props, {
      type: 'SELF_SIGNED',
      profile: CaCertificateProfile.root(props?.maxChainLength ?? 1),
      defaultLifetime: `${10 * 365 * 24 * 3600}s`,
      isRoot: true,
    });
  }
}

class ImportedCertificateAuthority extends Construct implements ICertificateAuthority {
  public readonly pool: ICaPool;
  public readonly name: string;
  public readonly keyFamily: KeyFamily;

  constructor(scope: Construct, id: string, attrs: RootCertificateAuthorityAttributes) {
    super(scope, id);
    checkProps(this, attrs, 'Pass { pool, name, keyFamily } of the existing CA');
    checkPool(this, 'pool', attrs.pool);
    checkOneOf(this, 'keyFamily', attrs.keyFamily, Object.values(KeyFamily), 'a key family');
    this.pool = attrs.pool;
    this.name = generationId(this, attrs.name, undefined);
    this.keyFamily = attrs.keyFamily;
  }

  public get resourceName(): string {
    return `${this.pool.resourceName}/certificateAuthorities/${this.name}`;
  }
}
