import { PrivatecaCaPool } from '@cdktf/provider-google/lib/privateca-ca-pool';
import { PrivatecaCaPoolIamMember } from '@cdktf/provider-google/lib/privateca-ca-pool-iam-member';
import { Construct, IConstruct } from 'constructs';
import { grantId, waitFor } from '../core/dependencies';
import { invalidInput } from '../core/errors';
import { IamMember } from '../core/iam-member';
import { caPoolName, caPoolUri } from '../core/references';
import { checkCaServiceId, checkCaServiceRegion, checkProjectId } from '../core/validation';
import { KeyFamily } from './key-algorithm';

/** CA Service tier of a pool. */
export enum CaPoolTier {
  /** Long-lived, low-volume issuance; the seeds put the root CA here (S5). */
  ENTERPRISE = 'ENTERPRISE',
  /** Short-lived, high-volume issuance without CRLs; the seeds put the subordinate CA here (S5). */
  DEVOPS = 'DEVOPS',
}

/** Encoding of the CA certificates and CRLs a pool publishes. */
export enum CaPoolEncodingFormat {
  PEM = 'PEM',
  DER = 'DER',
}

/** A CA the library knows to live in a pool: enough to check key families (S7) and build issuer names. */
export interface PooledCertificateAuthority {
  /** The CA's ID inside its pool. */
  readonly certificateAuthorityId: string;
  /** Key family of the CA's signing key. */
  readonly keyFamily: KeyFamily;
  /** Whether the CA is a self-signed root. */
  readonly isRoot: boolean;
}

/** A CA Service pool, created by this app or adopted. */
export interface ICaPool extends IConstruct {
  readonly project: string;
  readonly location: string;
  /** The pool ID, e.g. `td-ca-pool`. */
  readonly poolId: string;
  /** `projects/P/locations/L/caPools/POOL`. */
  readonly poolName: string;
  /** `//privateca.googleapis.com/projects/P/locations/L/caPools/POOL`, as WorkloadCertificateConfig and TrustConfig expect (S7). */
  readonly poolUri: string;
  /** The CAs known to issue from this pool. */
  readonly certificateAuthorities: PooledCertificateAuthority[];
  /** Grants `role` on this pool to `member` (idempotent). */
  grant(member: IamMember, role: string): PrivatecaCaPoolIamMember;
  /** `roles/privateca.auditor`: read the pool and its CAs; the seeds give it to the GKE service agent on the root pool (S6). */
  grantAuditor(member: IamMember): PrivatecaCaPoolIamMember;
  /** `roles/privateca.certificateManager`: issue certificates; the seeds give it to the GKE service agent on the subordinate pool (S6). */
  grantCertificateManager(member: IamMember): PrivatecaCaPoolIamMember;
  /** `roles/privateca.certificateRequester`: request certificates from this pool. */
  grantCertificateRequester(member: IamMember): PrivatecaCaPoolIamMember;
  /** `roles/privateca.workloadCertificateRequester`: request certificates for managed workload identities. */
  grantWorkloadCertificateRequester(member: IamMember): PrivatecaCaPoolIamMember;
}

/** Attributes of an existing pool, for {@link CaPool.fromPoolAttributes}. */
export interface CaPoolAttributes {
  readonly project: string;
  readonly location: string;
  readonly poolId: string;
  /**
   * Key family of the pool's CAs, so a WorkloadCertificateConfig issuing from it can be checked (S7).
   * @default - unknown: the key-family check is skipped
   */
  readonly keyFamily?: KeyFamily;
  /**
   * Whether the pool holds root CAs. Issuing workload certificates from a root pool is allowed but discouraged (S5).
   * @default false
   */
  readonly holdsRootCa?: boolean;
  /**
   * ID of a CA in the pool; needed when the pool issues a subordinate CA managed by this app.
   * @default - none
   */
  readonly certificateAuthorityId?: string;
}

const POOL_CAS = new WeakMap<ICaPool, PooledCertificateAuthority[]>();

/** Records a CA that issues from `pool`; called by the CA constructs. */
export function registerCertificateAuthority(pool: ICaPool, ca: PooledCertificateAuthority): void {
  POOL_CAS.set(pool, [...(POOL_CAS.get(pool) ?? []), ca]);
}

abstract class CaPoolBase extends Construct implements ICaPool {
  public abstract readonly project: string;
  public abstract readonly location: string;
  public abstract readonly poolId: string;
  protected abstract readonly poolResource?: PrivatecaCaPool;

  public get poolName(): string {
    return caPoolName(this.project, this.location, this.poolId);
  }

  public get poolUri(): string {
    return caPoolUri(this.project, this.location, this.poolId);
  }

  public get certificateAuthorities(): PooledCertificateAuthority[] {
    return [...(POOL_CAS.get(this) ?? [])];
  }

  public grant(member: IamMember, role: string): PrivatecaCaPoolIamMember {
    member.validate(this, 'member');
    const id = grantId(role, member.member);
    const existing = this.node.tryFindChild(id);
    if (existing) return existing as PrivatecaCaPoolIamMember;
    const binding = new PrivatecaCaPoolIamMember(this, id, {
      caPool: this.poolName,
      role,
      member: member.member,
    });
    if (this.poolResource) waitFor(binding, this.poolResource);
    return binding;
  }

  public grantAuditor(member: IamMember): PrivatecaCaPoolIamMember {
    return this.grant(member, 'roles/privateca.auditor');
  }

  public grantCertificateManager(member: IamMember): PrivatecaCaPoolIamMember {
    return this.grant(member, 'roles/privateca.certificateManager');
  }

  public grantCertificateRequester(member: IamMember): PrivatecaCaPoolIamMember {
    return this.grant(member, 'roles/privateca.certificateRequester');
  }

  public grantWorkloadCertificateRequester(member: IamMember): PrivatecaCaPoolIamMember {
    return this.grant(member, 'roles/privateca.workloadCertificateRequester');
  }
}

export interface CaPoolProps {
  readonly project: string;
  /** A CA Service region (seed 000's list); others are rejected at synth time (S5). */
  readonly location: string;
  /** Pool ID: letters, digits, `-` and `_`. A deleted pool's ID cannot be reused for 30 days. */
  readonly poolId: string;
  readonly tier: CaPoolTier;

  /**
   * Publish the CA certificates to the pool's bucket (AIA).
   * @default true
   */
  readonly publishCaCert?: boolean;

  /**
   * Publish CRLs. DEVOPS pools cannot publish CRLs.
   * @default - true for ENTERPRISE, false for DEVOPS (the API's defaults for `gcloud privateca pools create`)
   */
  readonly publishCrl?: boolean;

  /** @default CaPoolEncodingFormat.PEM */
  readonly encodingFormat?: CaPoolEncodingFormat;

  /**
   * Allow certificates requested with a config instead of a CSR. Seeds 000 and 002 require it to
   * stay allowed for GKE mesh certificates.
   * @default true
   */
  readonly allowConfigBasedIssuance?: boolean;

  /** @default true */
  readonly allowCsrBasedIssuance?: boolean;

  /**
   * Longest lifetime of an issued certificate, as a duration in seconds such as `"86400s"`.
   * @default - no limit beyond the issuing CA's own lifetime
   */
  readonly maximumCertificateLifetime?: string;

  /** @default - no labels */
  readonly labels?: { [key: string]: string };

  /**
   * Let `cdktf destroy` delete this pool. Pools are precious (X6): off, the pool carries
   * `prevent_destroy`, and a deleted pool's ID stays reserved for 30 days.
   * @default false
   */
  readonly allowDestroy?: boolean;
}

/**
 * A CA Service pool with every `issuance_policy` and `publishing_options` field rendered explicitly,
 * so adopting a pool made with gcloud shows no destructive diff (cloud-foundation-fabric#4106).
 */
export class CaPool extends CaPoolBase {
  /** Adopts an existing pool by reference, e.g. a root pool managed elsewhere. */
  public static fromPoolAttributes(scope: Construct, id: string, attrs: CaPoolAttributes): ICaPool {
    return new ImportedCaPool(scope, id, attrs);
  }

  public readonly project: string;
  public readonly location: string;
  public readonly poolId: string;
  public readonly tier: CaPoolTier;
  /** The underlying `google_privateca_ca_pool` (escape hatch). */
  public readonly resource: PrivatecaCaPool;
  protected readonly poolResource?: PrivatecaCaPool;

  constructor(scope: Construct, id: string, props: CaPoolProps) {
    super(scope, id);
    checkProjectId(this, 'project', props.project);
    checkCaServiceRegion(this, 'location', props.location);
    checkCaServiceId(this, 'poolId', props.poolId);
    const publishCrl = props.publishCrl ?? props.tier === CaPoolTier.ENTERPRISE;
    if (publishCrl && props.tier === CaPoolTier.DEVOPS) {
      throw invalidInput(this, 'publishCrl', 'cannot be true for a DEVOPS pool', publishCrl,
        'DevOps-tier pools do not publish CRLs; remove publishCrl or use CaPoolTier.ENTERPRISE');
    }
    this.project = props.project;
    this.location = props.location;
    this.poolId = props.poolId;
    this.tier = props.tier;

    this.resource = new PrivatecaCaPool(this, 'Resource', {
      project: props.project,
      location: props.location,
      name: props.poolId,
      tier: props.tier,
      labels: props.labels,
      issuancePolicy: {
        maximumLifetime: props.maximumCertificateLifetime,
        allowedIssuanceModes: {
          allowConfigBasedIssuance: props.allowConfigBasedIssuance ?? true,
          allowCsrBasedIssuance: props.allowCsrBasedIssuance ?? true,
        },
        identityConstraints: {
          allowSubjectPassthrough: true,
          allowSubjectAltNamesPassthrough: true,
        },
      },
      publishingOptions: {
        publishCaCert: props.publishCaCert ?? true,
        publishCrl,
        encodingFormat: props.encodingFormat ?? CaPoolEncodingFormat.PEM,
      },
      lifecycle: { preventDestroy: !(props.allowDestroy ?? false) },
    });
    this.poolResource = this.resource;
  }
}

class ImportedCaPool extends CaPoolBase {
  public readonly project: string;
  public readonly location: string;
  public readonly poolId: string;
  protected readonly poolResource?: PrivatecaCaPool = undefined;

  constructor(scope: Construct, id: string, attrs: CaPoolAttributes) {
    super(scope, id);
    checkProjectId(this, 'project', attrs.project);
    checkCaServiceRegion(this, 'location', attrs.location);
    checkCaServiceId(this, 'poolId', attrs.poolId);
    this.project = attrs.project;
    this.location = attrs.location;
    this.poolId = attrs.poolId;
    if (attrs.keyFamily !== undefined || attrs.certificateAuthorityId !== undefined) {
      registerCertificateAuthority(this, {
        certificateAuthorityId: attrs.certificateAuthorityId ?? '',
        keyFamily: attrs.keyFamily ?? KeyFamily.ECDSA,
        isRoot: attrs.holdsRootCa ?? false,
      });
    }
  }
}
