import {
  PrivatecaCertificateAuthority,
  PrivatecaCertificateAuthorityConfig,
  PrivatecaCertificateAuthorityConfigX509Config,
} from '@cdktf/provider-google/lib/privateca-certificate-authority';
import { Construct, IConstruct } from 'constructs';
import { waitFor } from '../core/dependencies';
import { markRelaxed } from '../core/relaxations';
import { claimUniqueName } from '../core/unique-names';
import {
  checkCaServiceId, checkDuration, checkGoogleLabels, checkImplements, checkInstance, checkIntegerRange, checkOptionalBoolean, checkProps,
  checkString, isUnresolved,
} from '../core/validation';
import { CaPool, ICaPool } from './ca-pool';
import { CaKeyAlgorithm, KeyFamily } from './key-algorithm';

/** A certificate authority in a CA Service pool, created by this app or adopted. */
export interface ICertificateAuthority extends IConstruct {
  /** The pool the CA lives in (the CA shares its location). */
  readonly pool: ICaPool;
  /** The CA ID, generation suffix included, e.g. `td-ca`. */
  readonly name: string;
  /** `projects/P/locations/L/caPools/POOL/certificateAuthorities/ID`. */
  readonly resourceName: string;
  /** Key family of the CA's signing key. */
  readonly keyFamily: KeyFamily;
}

/** X.509 settings of a CA certificate: the Terraform form of gcloud's `--use-preset-profile` and `--max-chain-length`. */
export class CaCertificateProfile {
  /**
   * A root CA: CA certificate that signs certificates and CRLs.
   * @param maxChainLength how many subordinate levels may follow (gcloud `--max-chain-length`; the seeds use 1)
   */
  public static root(maxChainLength: number): CaCertificateProfile {
    return new CaCertificateProfile(maxChainLength, false);
  }

  /**
   * gcloud's `subordinate_mtls_pathlen_0` preset (S5): a CA with path length 0 that signs certificates and
   * CRLs and whose leaves may be used for both server and client authentication (mTLS).
   */
  public static subordinateMtlsPathlen0(): CaCertificateProfile {
    return new CaCertificateProfile(0, true);
  }

  private constructor(
    /** `max_issuer_path_length` of the CA certificate. */
    public readonly maxIssuerPathLength: number,
    /** Whether leaves may be used for TLS server and client authentication. */
    public readonly mtlsLeaves: boolean,
  ) {}

  /** @internal */
  public _render(scope: IConstruct): PrivatecaCertificateAuthorityConfigX509Config {
    checkIntegerRange(scope, 'maxChainLength', this.maxIssuerPathLength, 0, 10);
    return {
      caOptions: {
        isCa: true,
        maxIssuerPathLength: this.maxIssuerPathLength,
        // The API drops a 0 path length unless told it is explicit.
        zeroMaxIssuerPathLength: this.maxIssuerPathLength === 0 && !isUnresolved(this.maxIssuerPathLength),
      },
      keyUsage: {
        baseKeyUsage: { certSign: true, crlSign: true },
        extendedKeyUsage: this.mtlsLeaves ? { serverAuth: true, clientAuth: true } : {},
      },
    };
  }
}

/** Options every CA created by this library takes. */
export interface CertificateAuthorityOptions {
  /** The CA ID, e.g. `td-ca`. */
  readonly name: string;

  /**
   * Generation of the CA. Generation 1 is the original CA, whose ID has no suffix; generation N ≥ 2 gets
   * the ID `ID-gN`. A deleted CA ID stays reserved for 30 days (magic-modules#5932), so rotating a CA means
   * creating the next generation next to the current one, never replacing it in place.
   * @default 1
   */
  readonly generation?: number;

  /**
   * Subject common name (`CN=`) of the CA certificate.
   * @default - the CA ID without generation suffix, as the seeds do (`CN=ROOT_CA_NAME`)
   */
  readonly commonName?: string;

  /** Subject organization (`O=`), e.g. `TestCorpLLC`. */
  readonly organization: string;

  /**
   * Algorithm of the CA's signing key (`key_spec.algorithm`); its family must match the workloads' key algorithm (S7).
   * @default CaKeyAlgorithm.EC_P256_SHA256 (seeds 000 and 002)
   */
  readonly keyAlgorithm?: CaKeyAlgorithm;

  /**
   * Validity of the CA certificate, as seconds with an `s` suffix.
   * @default - 10 years for a root, 3 years for a subordinate (gcloud's defaults)
   */
  readonly lifetime?: string;

  /**
   * Let `cdktf destroy` delete this CA (X6). Off: `deletion_protection` and `prevent_destroy` are set,
   * so neither a destroy nor a replacement that would re-key the CA can happen by accident. On: the CA is
   * deleted without the 30-day grace period even if it has active certificates — for demos only.
   * @default false
   */
  readonly allowDestroy?: boolean;

  /**
   * Google Cloud labels on the CA.
   * @default - no labels
   */
  readonly labels?: { [key: string]: string };
}

/** The ID with its generation suffix. */
export function generationId(scope: IConstruct, certificateAuthorityId: string, generation: number | undefined): string {
  checkCaServiceId(scope, 'name', certificateAuthorityId);
  if (generation === undefined) return certificateAuthorityId;
  checkIntegerRange(scope, 'generation', generation, 1, 999);
  return generation === 1 ? certificateAuthorityId : `${certificateAuthorityId}-g${generation}`;
}

/** What differs between a root and a subordinate CA; passed by the CA constructs to {@link CertificateAuthorityBase}. */
export interface RenderedKind {
  /** The CA's `type`: `SELF_SIGNED` or `SUBORDINATE`. */
  readonly type: string;
  /** X.509 settings of the CA certificate. */
  readonly profile: CaCertificateProfile;
  /** Lifetime used when the options set none, as seconds with an `s` suffix. */
  readonly defaultLifetime: string;
  /** Whether the CA is a self-signed root. */
  readonly isRoot: boolean;
  /** The issuing CA, for a subordinate. */
  readonly issuer?: ICertificateAuthority;
}

/** Shared rendering of root and subordinate CAs. */
export abstract class CertificateAuthorityBase extends Construct implements ICertificateAuthority {
  public readonly pool: ICaPool;
  public readonly name: string;
  /** Algorithm of the CA's signing key. */
  public readonly keyAlgorithm: CaKeyAlgorithm;
  /** The underlying `google_privateca_certificate_authority` (escape hatch). */
  public readonly resource: PrivatecaCertificateAuthority;

  protected constructor(scope: Construct, id: string, pool: ICaPool, options: CertificateAuthorityOptions,
    rendered: RenderedKind) {
    super(scope, id);
    checkProps(this, options, 'Pass { pool, name, organization }, e.g. { pool, name: "td-ca", organization: "TestCorpLLC" }');
    checkPool(this, 'pool', pool);
    this.pool = pool;
    this.name = generationId(this, options.name, options.generation);
    this.keyAlgorithm = options.keyAlgorithm ?? CaKeyAlgorithm.EC_P256_SHA256;
    checkInstance(this, 'keyAlgorithm', this.keyAlgorithm, CaKeyAlgorithm, 'Use a CaKeyAlgorithm constant, e.g. CaKeyAlgorithm.EC_P256_SHA256');
    checkString(this, 'organization', options.organization, 'Set the subject organization (O=) of the CA, e.g. "TestCorpLLC"');
    checkInstance(this, 'profile', rendered.profile, CaCertificateProfile, 'Use CaCertificateProfile.subordinateMtlsPathlen0() or CaCertificateProfile.root(1)');
    if (!rendered.isRoot) checkCertificateAuthority(this, 'issuer', rendered.issuer);
    if (options.commonName !== undefined) checkString(this, 'commonName', options.commonName, 'Use the CA\'s common name (CN=), e.g. "td-ca"');
    if (options.lifetime !== undefined) checkDuration(this, 'lifetime', options.lifetime);
    checkGoogleLabels(this, 'labels', options.labels);
    checkOptionalBoolean(this, 'allowDestroy', options.allowDestroy);
    claimUniqueName(this, 'name', 'certificate authority', [pool.project, pool.location, pool.name, this.name],
      `pool ${pool.name} (a deleted CA ID stays reserved for 30 days)`);
    const allowDestroy = options.allowDestroy ?? false;

    const config: PrivatecaCertificateAuthorityConfig = {
      project: pool.project,
      location: pool.location,
      pool: pool.name,
      certificateAuthorityId: this.name,
      type: rendered.type,
      lifetime: options.lifetime ?? rendered.defaultLifetime,
      labels: options.labels,
      keySpec: { algorithm: this.keyAlgorithm.name },
      config: {
        subjectConfig: {
          subject: {
            commonName: options.commonName ?? options.name,
            organization: options.organization,
          },
        },
        x509Config: rendered.profile._render(this),
      },
      deletionProtection: !allowDestroy,
      skipGracePeriod: allowDestroy,
      ignoreActiveCertificatesOnDeletion: allowDestroy,
      lifecycle: { preventDestroy: !allowDestroy },
    };
    this.resource = new PrivatecaCertificateAuthority(this, 'Resource', {
      ...config,
      subordinateConfig: rendered.isRoot ? undefined : { certificateAuthority: rendered.issuer!.resourceName },
    });
    waitFor(this.resource, pool);
    if (allowDestroy === true) {
      markRelaxed(this.resource, 'POSTURE-CA-DELETION-PROTECTION', `${rendered.isRoot ? 'Root' : 'Subordinate'}CertificateAuthority allowDestroy: true`);
    }
    if (pool instanceof CaPool) pool._addCertificateAuthority({ name: this.name, keyFamily: this.keyAlgorithm.family, isRoot: rendered.isRoot });
  }

  public get resourceName(): string {
    return `${this.pool.resourceName}/certificateAuthorities/${this.name}`;
  }

  public get keyFamily(): KeyFamily {
    return this.keyAlgorithm.family;
  }
}

/** The members every ICaPool has: a pool from CaPool, CaPool.fromPoolAttributes or CaHierarchy. */
export function checkPool(scope: IConstruct, field: string, pool: unknown): void {
  checkImplements(scope, field, pool, 'ICaPool', ['project', 'location', 'name', 'resourceName', 'uri', 'grant'],
    'Pass a CA pool: new CaPool(...), CaPool.fromPoolAttributes(...) or a CaHierarchy\'s rootPool/subordinatePool');
}

/** The members every ICertificateAuthority has. */
export function checkCertificateAuthority(scope: IConstruct, field: string, ca: unknown): void {
  checkImplements(scope, field, ca, 'ICertificateAuthority', ['pool', 'name', 'resourceName', 'keyFamily'],
    'Pass a certificate authority: new RootCertificateAuthority(...) or RootCertificateAuthority.fromCertificateAuthorityAttributes(...)');
}
