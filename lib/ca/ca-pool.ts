import { PrivatecaCaPool } from '@cdktf/provider-google/lib/privateca-ca-pool';
import { PrivatecaCaPoolIamMember } from '@cdktf/provider-google/lib/privateca-ca-pool-iam-member';
import { Construct, IConstruct } from 'constructs';
import { waitFor } from '../core/dependencies';
import { formatProblem, invalidInput } from '../core/errors';
import { grantOnce } from '../core/iam-grant';
import { IamMember } from '../core/iam-member';
import { checkCaServiceRegion } from '../core/locations';
import { projectOf } from '../core/project';
import { caPoolName, caPoolUri } from '../core/references';
import { markRelaxed } from '../core/relaxations';
import { claimUniqueName } from '../core/unique-names';
import {
  checkCaServiceId, checkDuration, checkGoogleLabels, checkOneOf, checkOptionalBoolean, checkProps,
} from '../core/validation';
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
  /** PEM (Base64 text), what most TLS tooling reads. */
  PEM = 'PEM',
  /** DER (binary ASN.1). */
  DER = 'DER',
}

/** A CA Service pool, created by this app or adopted. */
export interface ICaPool extends IConstruct {
  /** The project that owns the pool. */
  readonly project: string;
  /** The pool's CA Service region, e.g. `us-east1`; its CAs live there too. */
  readonly location: string;
  /** The pool ID, e.g. `td-ca-pool`. */
  readonly name: string;
  /** `projects/P/locations/L/caPools/POOL`. */
  readonly resourceName: string;
  /** `//privateca.googleapis.com/projects/P/locations/L/caPools/POOL`, as WorkloadCertificateConfig and TrustConfig expect (S7). */
  readonly uri: string;
  /**
   * Key family of the pool's CAs, which workload keys must share (S7). Undefined when unknown (an adopted pool
   * without `keyFamily`): the key-family check is then skipped.
   */
  readonly keyFamily?: KeyFamily;
  /** Whether the pool holds a root CA; issuing workload certificates from it is allowed but discouraged (S5). */
  readonly holdsRootCa: boolean;
  /** Grants `role` on this pool to `member` (idempotent). */
  grant(member: IamMember, role: string): PrivatecaCaPoolIamMember;
  /** `roles/privateca.auditor`: read the pool and its CAs; the seeds give it to the GKE service agent on the root pool (S6). */
  grantAuditor(member: IamMember): PrivatecaCaPoolIamMember;
  /** `roles/privateca.certificateManager`: issue certificates; the seeds give it to the GKE service agent on the subordinate pool (S6). */
  grantCertificateManager(member: IamMember): PrivatecaCaPoolIamMember;
  /** `roles/privateca.certificateRequester`: request certificates from this pool. */
  grantCertificateRequester(member: IamMember): PrivatecaCaPoolIamMember;
  /** `roles/privateca.workloadCertificateRequester`: request certificates for managed workload identities (W3). */
  grantWorkloadCertificateRequester(member: IamMember): PrivatecaCaPoolIamMember;
  /** `roles/privateca.poolReader`: read the pool's CA certificates, as managed workload identities must (W3). */
  grantPoolReader(member: IamMember): PrivatecaCaPoolIamMember;
}

/** Attributes of an existing pool, for {@link CaPool.fromPoolAttributes}. */
export interface CaPoolAttributes {
  /**
   * The project that owns the pool.
   * @default - the project of the stack's Google provider
   */
  readonly project?: string;
  /** The pool's CA Service region, e.g. `us-central1`; checked against the CA Service regions at synth time (S5). */
  readonly location: string;
  /** The pool ID. */
  readonly name: string;
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
}

/** What the library knows of a CA in a pool it creates: enough to check key families (S7). */
export interface PooledCertificateAuthority {
  /** The CA ID, generation suffix included. */
  readonly name: string;
  /** Key family of the CA's signing key; all CAs of one pool must share it (S7). */
  readonly keyFamily: KeyFamily;
  /** Whether the CA is a self-signed root. */
  readonly isRoot: boolean;
}

abstract class CaPoolBase extends Construct implements ICaPool {
  public abstract readonly project: string;
  public abstract readonly location: string;
  public abstract readonly name: string;
  public abstract readonly keyFamily?: KeyFamily;
  public abstract readonly holdsRootCa: boolean;
  protected abstract readonly poolResource?: PrivatecaCaPool;

  public get resourceName(): string {
    return caPoolName(this.project, this.location, this.name);
  }

  public get uri(): string {
    return caPoolUri(this.project, this.location, this.name);
  }

  public grant(member: IamMember, role: string): PrivatecaCaPoolIamMember {
    return grantOnce(this, role, member, (id) => {
      const binding = new PrivatecaCaPoolIamMember(this, id, { caPool: this.resourceName, role, member: member.member });
      if (this.poolResource) waitFor(binding, this.poolResource);
      return binding;
    });
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

  public grantPoolReader(member: IamMember): PrivatecaCaPoolIamMember {
    return this.grant(member, 'roles/privateca.poolReader');
  }
}

/** Properties of a {@link CaPool}. */
export interface CaPoolProps {
  /**
   * The project the pool is created in.
   * @default - the project of the stack's Google provider
   */
  readonly project?: string;
  /** A CA Service region (seed 000's list); others are rejected at synth time (S5). */
  readonly location: string;
  /** Pool ID: letters, digits, `-` and `_`. A deleted pool's ID cannot be reused for 30 days. */
  readonly name: string;
  /** CA Service tier (`tier`, immutable): ENTERPRISE for a root, DEVOPS for the issuing subordinate (S5). */
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

  /**
   * Encoding of the published CA certificates and CRLs (`publishing_options.encoding_format`).
   * @default CaPoolEncodingFormat.PEM
   */
  readonly encodingFormat?: CaPoolEncodingFormat;

  /**
   * Allow certificates requested with a config instead of a CSR. Seeds 000 and 002 require it to
   * stay allowed for GKE mesh certificates.
   * @default true
   */
  readonly allowConfigBasedIssuance?: boolean;

  /**
   * Allow certificates requested with a certificate signing request (`allowed_issuance_modes.allow_csr_based_issuance`).
   * @default true
   */
  readonly allowCsrBasedIssuance?: boolean;

  /**
   * Longest lifetime of an issued certificate, as a duration in seconds such as `"86400s"`.
   * @default - no limit beyond the issuing CA's own lifetime
   */
  readonly maximumCertificateLifetime?: string;

  /**
   * Google Cloud labels on the pool.
   * @default - no labels
   */
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
  public readonly name: string;
  /** The pool's CA Service tier. */
  public readonly tier: CaPoolTier;
  /** The underlying `google_privateca_ca_pool` (escape hatch). */
  public readonly resource: PrivatecaCaPool;
  /** The pool resource IAM bindings wait for; the same as `resource`. */
  protected readonly poolResource?: PrivatecaCaPool;
  private readonly cas: PooledCertificateAuthority[] = [];

  constructor(scope: Construct, id: string, props: CaPoolProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { location, name, tier }, e.g. { location: "us-east1", name: "td-ca-pool", tier: CaPoolTier.DEVOPS }');
    this.project = projectOf(this, props.project);
    checkCaServiceRegion(this, 'location', props.location);
    checkCaServiceId(this, 'name', props.name);
    checkOneOf(this, 'tier', props.tier, Object.values(CaPoolTier), 'a CA pool tier');
    for (const field of ['publishCaCert', 'publishCrl', 'allowConfigBasedIssuance', 'allowCsrBasedIssuance', 'allowDestroy'] as const) {
      checkOptionalBoolean(this, field, props[field]);
    }
    if (props.encodingFormat !== undefined) checkOneOf(this, 'encodingFormat', props.encodingFormat, Object.values(CaPoolEncodingFormat), 'an encoding format');
    if (props.maximumCertificateLifetime !== undefined) checkDuration(this, 'maximumCertificateLifetime', props.maximumCertificateLifetime);
    checkGoogleLabels(this, 'labels', props.labels);
    claimUniqueName(this, 'name', 'CA pool', [this.project, props.location, props.name], `project ${this.project}, location ${props.location}`);
    const publishCrl = props.publishCrl ?? props.tier === CaPoolTier.ENTERPRISE;
    if (publishCrl && props.tier === CaPoolTier.DEVOPS) {
      throw invalidInput(this, 'publishCrl', 'cannot be true for a DEVOPS pool', publishCrl,
        'DevOps-tier pools do not publish CRLs; remove publishCrl or use CaPoolTier.ENTERPRISE');
    }
    this.location = props.location;
    this.name = props.name;
    this.tier = props.tier;

    this.resource = new PrivatecaCaPool(this, 'Resource', {
      project: this.project,
      location: props.location,
      name: props.name,
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
    if (props.allowDestroy === true) markRelaxed(this.resource, 'POSTURE-CA-DELETION-PROTECTION', 'CaPool allowDestroy: true');
    this.node.addValidation({ validate: () => this.mixedKeyFamilies() });
  }

  /** The key family of the CAs created in this pool; undefined while it has none. */
  public get keyFamily(): KeyFamily | undefined {
    return this.cas[0]?.keyFamily;
  }

  public get holdsRootCa(): boolean {
    return this.cas.some((ca) => ca.isRoot);
  }

  /** Records a CA created in this pool; called by the CA constructs. @internal */
  public _addCertificateAuthority(ca: PooledCertificateAuthority): void {
    this.cas.push(ca);
  }

  /** GKE and the VM guest agent generate one workload key algorithm per pool; CAs of two families cannot both match it (S7). */
  private mixedKeyFamilies(): string[] {
    const other = this.cas.find((ca) => ca.keyFamily !== this.keyFamily);
    if (!other) return [];
    return [formatProblem(this, 'certificate authorities', `mix ${this.keyFamily} and ${other.keyFamily} keys in pool "${this.name}"`, other.name,
      'Keep the CAs of one pool in one key family, or workloads whose key family differs from the issuing CA get certificates ' +
      'that TLS stacks reject (seed 000, troubleshooting); create a second pool for the other family')];
  }
}

class ImportedCaPool extends CaPoolBase {
  public readonly project: string;
  public readonly location: string;
  public readonly name: string;
  public readonly keyFamily?: KeyFamily;
  public readonly holdsRootCa: boolean;
  protected readonly poolResource?: PrivatecaCaPool = undefined;

  constructor(scope: Construct, id: string, attrs: CaPoolAttributes) {
    super(scope, id);
    checkProps(this, attrs, 'Pass { location, name } of the existing pool');
    this.project = projectOf(this, attrs.project);
    checkCaServiceRegion(this, 'location', attrs.location);
    checkCaServiceId(this, 'name', attrs.name);
    if (attrs.keyFamily !== undefined && attrs.keyFamily !== null) checkOneOf(this, 'keyFamily', attrs.keyFamily, Object.values(KeyFamily), 'a key family');
    this.location = attrs.location;
    this.name = attrs.name;
    this.keyFamily = attrs.keyFamily ?? undefined;
    this.holdsRootCa = attrs.holdsRootCa ?? false;
    checkOptionalBoolean(this, 'holdsRootCa', this.holdsRootCa);
  }
}
