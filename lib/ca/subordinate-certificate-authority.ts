import { Construct } from 'constructs';
import { waitFor } from '../core/dependencies';
import { invalidInput } from '../core/errors';
import { isUnresolved } from '../core/validation';
import { ICaPool } from './ca-pool';
import { CaCertificateProfile, CertificateAuthorityBase, CertificateAuthorityOptions, ICertificateAuthority } from './certificate-authority';

/** Properties of a {@link SubordinateCertificateAuthority}. */
export interface SubordinateCertificateAuthorityProps extends CertificateAuthorityOptions {
  /** The pool the subordinate lives in; the seeds use a DEVOPS pool in the cluster's region (S5). */
  readonly pool: ICaPool;

  /** The CA that signs this one: the root, created here or adopted. */
  readonly issuer: ICertificateAuthority;

  /**
   * X.509 settings of the subordinate's CA certificate. The default lets it issue only leaf certificates usable for
   * both sides of mTLS, so a stolen subordinate key cannot mint further CAs.
   * @default CaCertificateProfile.subordinateMtlsPathlen0(), the seeds' `--use-preset-profile subordinate_mtls_pathlen_0`
   */
  readonly profile?: CaCertificateProfile;
}

/**
 * terraform-provider-google activates a subordinate by parsing the issuer's name with
 * `projects/[a-z0-9-]+/locations/[a-z0-9-]+/caPools/[a-zA-Z0-9-]+/certificateAuthorities/[a-zA-Z0-9-]+`
 * (privateca_ca_utils.go, activateSubCAWithFirstPartyIssuer); any other issuer name fails at apply.
 */
const PROVIDER_ISSUER_SEGMENTS: ReadonlyArray<readonly [string, RegExp]> = [
  ['pool.project', /^[a-z0-9-]+$/],
  ['pool.location', /^[a-z0-9-]+$/],
  ['pool.name', /^[a-zA-Z0-9-]+$/],
  ['name', /^[a-zA-Z0-9-]+$/],
];

/**
 * A subordinate CA issued by another CA Service CA (S5). It issues the workload certificates, so a
 * compromise of the issuing tier never exposes the root.
 */
export class SubordinateCertificateAuthority extends CertificateAuthorityBase {
  /** The CA that signed this one. */
  public readonly issuer: ICertificateAuthority;

  constructor(scope: Construct, id: string, props: SubordinateCertificateAuthorityProps) {
    // Checked by the base class, which has the construct path; JavaScript callers may leave props out.
    super(scope, id, props?.pool, props, {
      type: 'SUBORDINATE',
      profile: props?.profile ?? CaCertificateProfile.subordinateMtlsPathlen0(),
      defaultLifetime: `${3 * 365 * 24 * 3600}s`,
      isRoot: false,
      issuer: props?.issuer,
    });
    this.issuer = props.issuer;
    checkIssuerNameForProvider(this, props.issuer);
    waitFor(this.resource, props.issuer);
  }
}

function checkIssuerNameForProvider(scope: Construct, issuer: ICertificateAuthority): void {
  const values: Record<string, string> = {
    'pool.project': issuer.pool.project,
    'pool.location': issuer.pool.location,
    'pool.name': issuer.pool.name,
    name: issuer.name,
  };
  for (const [field, pattern] of PROVIDER_ISSUER_SEGMENTS) {
    const value = values[field];
    if (isUnresolved(value) || pattern.test(value)) continue;
    throw invalidInput(scope, `issuer.${field}`,
      'cannot be parsed by terraform-provider-google when it activates a subordinate CA', value,
      'The provider only accepts letters, digits and hyphens in the issuer\'s pool and CA IDs (no underscores), so the ' +
      'apply would fail after creating the CA; issue the subordinate from a pool whose ID has no underscore ' +
      '(e.g. "td-sec-pool" instead of the seed\'s "td_sec_pool")');
  }
}
