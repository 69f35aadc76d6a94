import { GoogleIamWorkloadIdentityPool } from '@cdktf/provider-google-beta/lib/google-iam-workload-identity-pool';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import { PrivatecaCaPoolIamMember } from '@cdktf/provider-google/lib/privateca-ca-pool-iam-member';
import { Construct, IConstruct } from 'constructs';
import { ICaPool } from '../ca/ca-pool';
import { checkPool } from '../ca/certificate-authority';
import { waitFor } from '../core/dependencies';
import { invalidInput } from '../core/errors';
import { IamMember } from '../core/iam-member';
import { compareText } from '../core/order';
import { projectOf } from '../core/project';
import { TrustDomain } from '../core/spiffe';
import { claimUniqueName } from '../core/unique-names';
import {
  checkImplements, checkInstance, checkOneOf, checkOptionalBoolean, checkPattern, checkProjectNumber, checkProps, checkString, isUnresolved,
} from '../core/validation';
import { betaProviderFor } from './beta-provider';
import { WorkloadIdentityNamespace, WorkloadIdentityNamespaceOptions } from './workload-identity-namespace';
import { checkPoolId, POOL_TRUST_DOMAIN, poolTrustDomainName } from './names';

/** What a workload identity pool is for. Its mode is immutable: it is chosen when the pool is created. */
export enum WorkloadIdentityPoolMode {
  /** Identities of Google Cloud workloads: namespaces and managed identities (W1). */
  TRUST_DOMAIN = 'TRUST_DOMAIN',
  /** Federation of external identities through providers; holds no namespaces or managed identities. */
  FEDERATION_ONLY = 'FEDERATION_ONLY',
}

/** The CA Service roles the seed grants the pool's managed identities on the issuing pool (W3). */
const WORKLOAD_CERTIFICATE_ROLES: readonly string[] = ['roles/privateca.workloadCertificateRequester', 'roles/privateca.poolReader'];

/** A workload identity pool, created by this app or adopted. */
export interface IWorkloadIdentityPool extends IConstruct {
  /** The project ID. */
  readonly project: string;
  /** The project number, part of the trust domain. */
  readonly projectNumber: string;
  /** The pool ID, e.g. `vm-workloads`. */
  readonly name: string;
  /** `projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL_ID`, as the IAM API names the pool. */
  readonly resourceName: string;
  /** The pool's mode; only a TRUST_DOMAIN pool can hold managed identities (W1). */
  readonly mode: WorkloadIdentityPoolMode;
  /** `POOL_ID.global.PROJECT_NUMBER.workload.id.goog`: the SPIFFE trust domain of the pool's managed identities (W1). */
  readonly trustDomain: TrustDomain;
  /** Every managed identity of the pool as one IAM member: the principal set CA Service grants name (W3). */
  readonly principalSet: IamMember;
  /**
   * Lets the pool's managed identities get certificates from `caPool` (W3): `roles/privateca.workloadCertificateRequester`
   * and `roles/privateca.poolReader` on that pool for {@link principalSet}. Idempotent.
   */
  authorizeCertificateRequests(caPool: ICaPool): PrivatecaCaPoolIamMember[];
}

/** Attributes of an existing pool, for {@link WorkloadIdentityPool.fromWorkloadIdentityPoolAttributes}. */
export interface WorkloadIdentityPoolAttributes {
  /**
   * The project ID of the pool.
   * @default - the project of the stack's Google provider
   */
  readonly project?: string;
  /** The project number (`gcloud projects describe PROJECT_ID --format="value(projectNumber)"`). */
  readonly projectNumber: string;
  /** The pool ID. */
  readonly name: string;
  /**
   * The pool's mode, as `gcloud iam workload-identity-pools describe POOL_ID --location=global` shows it. A
   * FEDERATION_ONLY pool is rejected wherever a managed identity is needed.
   * @default WorkloadIdentityPoolMode.TRUST_DOMAIN
   */
  readonly mode?: WorkloadIdentityPoolMode;
  /**
   * The member that stands for every managed identity of the pool in CA Service grants (W3).
   * @default - the current principal set form, see {@link WorkloadIdentityPool.principalSetOf}
   */
  readonly principalSet?: IamMember;
}

/** An existing pool named by its trust domain, for {@link WorkloadIdentityPool.fromTrustDomain}. */
export interface WorkloadIdentityPoolTrustDomainAttributes {
  /**
   * The project ID of the pool.
   * @default - the project of the stack's Google provider
   */
  readonly project?: string;
  /** `POOL_ID.global.PROJECT_NUMBER.workload.id.goog`. */
  readonly trustDomain: TrustDomain;
  /**
   * The pool's mode; a FEDERATION_ONLY pool is rejected wherever a managed identity is needed.
   * @default WorkloadIdentityPoolMode.TRUST_DOMAIN
   */
  readonly mode?: WorkloadIdentityPoolMode;
  /**
   * The member that stands for every managed identity of the pool in CA Service grants (W3).
   * @default - the current principal set form, see {@link WorkloadIdentityPool.principalSetOf}
   */
  readonly principalSet?: IamMember;
}

/** Properties of a {@link WorkloadIdentityPool}. */
export interface WorkloadIdentityPoolProps {
  /**
   * The project ID the pool is created in.
   * @default - the project of the stack's Google provider
   */
  readonly project?: string;
  /**
   * The project number, part of the pool's trust domain `POOL_ID.global.PROJECT_NUMBER.workload.id.goog`
   * (`gcloud projects describe PROJECT_ID --format="value(projectNumber)"`).
   */
  readonly projectNumber: string;
  /**
   * The pool ID (4-32 lowercase letters, digits and hyphens). It cannot be changed, and a deleted pool's ID stays
   * reserved for 30 days (terraform-provider-google#14191).
   */
  readonly name: string;
  /** At most 32 characters. @default - none */
  readonly displayName?: string;
  /** At most 256 characters. @default - none */
  readonly description?: string;
  /**
   * Disable the pool: no new credentials are issued to its identities.
   * @default false
   */
  readonly disabled?: boolean;
  /**
   * The member that stands for every managed identity of the pool in CA Service grants (W3).
   * @default - WorkloadIdentityPool.principalSetOf(projectNumber, name), the form Google's guide uses today
   */
  readonly principalSet?: IamMember;
  /**
   * Let `cdktf destroy` delete the pool (X6). Off, the pool carries `prevent_destroy`: a deleted pool's ID is held
   * for 30 days, so a destroy or an implicit replacement (a changed ID) would lock the name and cut every VM off
   * its identity.
   * @default false
   */
  readonly allowDestroy?: boolean;
  /**
   * The google-beta provider to create the pool with: the pool's `mode` and its certificate issuance config are
   * only in google-beta.
   * @default - the stack's GoogleBetaProvider, created for the project when the stack has none
   */
  readonly betaProvider?: GoogleBetaProvider;
}

/** One region's CA pool in the pool-level certificate issuance config (see CertificateIssuance). */
type PoolIssuanceEntry = {
  readonly region: string;
  readonly caPool: string;
  readonly keyAlgorithm: string;
  readonly lifetime: string;
  readonly rotationWindowPercentage: number;
};

abstract class WorkloadIdentityPoolBase extends Construct implements IWorkloadIdentityPool {
  public abstract readonly project: string;
  public abstract readonly projectNumber: string;
  public abstract readonly name: string;
  public abstract readonly mode: WorkloadIdentityPoolMode;
  public abstract readonly principalSet: IamMember;

  public get resourceName(): string {
    return `projects/${this.projectNumber}/locations/global/workloadIdentityPools/${this.name}`;
  }

  public get trustDomain(): TrustDomain {
    return TrustDomain.of(poolTrustDomainName(this.name, this.projectNumber));
  }

  public authorizeCertificateRequests(caPool: ICaPool): PrivatecaCaPoolIamMember[] {
    checkPool(this, 'caPool', caPool);
    return WORKLOAD_CERTIFICATE_ROLES.map((role) => {
      const grant = caPool.grant(this.principalSet, role);
      // IAM accepts a principal set only once its pool exists.
      waitFor(grant, this);
      return grant;
    });
  }

  /** Creates a namespace in this pool (W1). */
  public addNamespace(id: string, options: WorkloadIdentityNamespaceOptions): WorkloadIdentityNamespace {
    return new WorkloadIdentityNamespace(this, id, { ...options, pool: this });
  }
}

/**
 * A workload identity pool in `TRUST_DOMAIN` mode (W1): the trust domain `POOL_ID.global.PROJECT_NUMBER.workload.id.goog`
 * of managed workload identities for Compute Engine. Seed 003: `gcloud iam workload-identity-pools create POOL_ID
 * --location=global --mode=TRUST_DOMAIN`.
 *
 * @example
 * const pool = new vm.WorkloadIdentityPool(stack, 'Pool', { projectNumber: '123456789012', name: 'mwlid-pool' });
 * const identity = pool.addNamespace('Namespace', { name: 'mtls-demo' }).addManagedIdentity('Backend', { name: 'backend' });
 * // VMs running as this service account receive the identity (W2).
 * identity.allowVmsWithServiceAccount(serviceAccount);
 * // The pool's identities may request certificates from the subordinate pool (W3).
 * pool.authorizeCertificateRequests(hierarchy.subordinatePool);
 */
export class WorkloadIdentityPool extends WorkloadIdentityPoolBase {
  /**
   * What {@link IWorkloadIdentityPool.authorizeCertificateRequests} grants on the issuing CA pool (W3):
   * `roles/privateca.workloadCertificateRequester` and `roles/privateca.poolReader`.
   */
  public static readonly CERTIFICATE_REQUEST_ROLES: string[] = Object.freeze([...WORKLOAD_CERTIFICATE_ROLES]) as string[];

  /**
   * The principal set of every identity in a pool, in the form Google's guide uses today:
   * `principalSet://iam.googleapis.com/projects/PROJECT_NUMBER/name/locations/global/workloadIdentityPools/POOL_ID/*`.
   *
   * Source: Google Cloud, "Configure managed workload identity authentication for Compute Engine", section "Authorize
   * managed workload identities to request certificates from the CA pool"
   * (https://cloud.google.com/iam/docs/create-managed-workload-identities#grant-role-ca-pool), which grants both
   * `roles/privateca.workloadCertificateRequester` and `roles/privateca.poolReader` to this member. Earlier versions
   * of that page showed the federation form without `/name/`
   * (`principalSet://iam.googleapis.com/projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL_ID/*`);
   * pass that one as `principalSet` if your allowlisted project was set up with it.
   */
  public static principalSetOf(projectNumber: string, poolId: string): IamMember {
    return IamMember.of(`principalSet://iam.googleapis.com/projects/${projectNumber}/name/locations/global/workloadIdentityPools/${poolId}/*`);
  }

  /** Adopts an existing pool, e.g. one a security team manages. */
  public static fromWorkloadIdentityPoolAttributes(scope: Construct, id: string, attrs: WorkloadIdentityPoolAttributes): IWorkloadIdentityPool {
    return new ImportedWorkloadIdentityPool(scope, id, attrs);
  }

  /** Adopts an existing pool by its trust domain `POOL_ID.global.PROJECT_NUMBER.workload.id.goog`. */
  public static fromTrustDomain(scope: Construct, id: string, attrs: WorkloadIdentityPoolTrustDomainAttributes): IWorkloadIdentityPool {
    return new ImportedWorkloadIdentityPool(scope, id, attrs);
  }

  public readonly project: string;
  public readonly projectNumber: string;
  public readonly name: string;
  /** Always TRUST_DOMAIN: the mode that holds managed identities. */
  public readonly mode = WorkloadIdentityPoolMode.TRUST_DOMAIN;
  public readonly principalSet: IamMember;
  /** The `google_iam_workload_identity_pool` (google-beta, escape hatch). */
  public readonly resource: GoogleIamWorkloadIdentityPool;
  /** The google-beta provider the pool's resources use; namespaces and identities share it. */
  public readonly betaProvider: GoogleBetaProvider;
  private readonly namespaces = new Map<string, IConstruct>();
  private readonly issuance: Array<{ readonly from: IConstruct; readonly entry: PoolIssuanceEntry }> = [];

  constructor(scope: Construct, id: string, props: WorkloadIdentityPoolProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { projectNumber, name }, e.g. { projectNumber: "123456789012", name: "vm-workloads" }');
    this.project = projectOf(this, props.project);
    checkProjectNumber(this, 'projectNumber', props.projectNumber);
    checkPoolId(this, 'name', props.name);
    if (props.displayName !== undefined) {
      checkPattern(this, 'displayName', props.displayName, /^.{0,32}$/s, 'is longer than 32 characters', 'Shorten the display name to at most 32 characters');
    }
    if (props.description !== undefined) {
      checkPattern(this, 'description', props.description, /^.{0,256}$/s, 'is longer than 256 characters', 'Shorten the description to at most 256 characters');
    }
    checkOptionalBoolean(this, 'disabled', props.disabled);
    checkOptionalBoolean(this, 'allowDestroy', props.allowDestroy);
    this.projectNumber = props.projectNumber;
    this.name = props.name;
    this.principalSet = checkedPrincipalSet(this, props.principalSet, props.projectNumber, props.name);
    claimUniqueName(this, 'name', 'workload identity pool', [this.project, props.name], `project ${this.project}`);
    this.betaProvider = betaProviderFor(this, this.project, props.betaProvider);
    this.resource = new GoogleIamWorkloadIdentityPool(this, 'Resource', {
      provider: this.betaProvider,
      project: this.project,
      workloadIdentityPoolId: props.name,
      // Immutable: a pool created in another mode can never hold managed identities (seed 003).
      mode: WorkloadIdentityPoolMode.TRUST_DOMAIN,
      displayName: props.displayName,
      description: props.description,
      disabled: props.disabled,
      lifecycle: { preventDestroy: !(props.allowDestroy ?? false) },
    });
  }

  /** The namespace of this pool created with that ID, if any. */
  public findNamespace(namespaceId: string): IConstruct | undefined {
    return this.namespaces.get(namespaceId);
  }

  /** Records a namespace created in this pool; called by WorkloadIdentityNamespace. @internal */
  public _registerNamespace(namespaceId: string, namespace: IConstruct): void {
    if (!isUnresolved(namespaceId)) this.namespaces.set(namespaceId, namespace);
  }

  /**
   * Adds a region's CA pool to the pool's `inline_certificate_issuance_config` (the pool-level alternative to the
   * seed's partner metadata, see CertificateIssuance). The key algorithm, lifetime and rotation window are one
   * setting of the whole pool. @internal
   */
  public _addCertificateIssuance(from: IConstruct, entry: {
    readonly region: string; readonly caPool: string; readonly keyAlgorithm: string; readonly lifetime: string; readonly rotationWindowPercentage: number;
  }): void {
    for (const earlier of this.issuance) {
      const other = earlier.entry;
      if (other.region === entry.region && other.caPool !== entry.caPool) {
        throw invalidInput(from, 'issuingPool', `is a second CA pool for region ${entry.region} of workload identity pool "${this.name}"`, entry.caPool,
          `The pool's issuance config maps each region to one CA pool, and ${earlier.from.node.path} already uses ${other.caPool}; issue from that pool`);
      }
      for (const field of ['keyAlgorithm', 'lifetime', 'rotationWindowPercentage'] as const) {
        if (other[field] !== entry[field]) {
          throw invalidInput(from, field === 'keyAlgorithm' ? 'keyAlgorithm' : `issuance.${field === 'lifetime' ? 'lifetimeDays' : field}`,
            `differs from the ${field} ${earlier.from.node.path} set for workload identity pool "${this.name}" (${JSON.stringify(other[field])})`, entry[field],
            'Certificate issuance on the pool has one key algorithm, lifetime and rotation window for all its VMs; use the same values, or partner metadata issuance for different ones');
        }
      }
    }
    this.issuance.push({ from, entry });
    const caPools: Record<string, string> = {};
    for (const { entry: e } of [...this.issuance].sort((a, b) => compareText(a.entry.region, b.entry.region))) caPools[e.region] = e.caPool;
    this.resource.putInlineCertificateIssuanceConfig({
      caPools,
      keyAlgorithm: entry.keyAlgorithm,
      lifetime: entry.lifetime,
      rotationWindowPercentage: entry.rotationWindowPercentage,
    });
  }
}

class ImportedWorkloadIdentityPool extends WorkloadIdentityPoolBase {
  public readonly project: string;
  public readonly projectNumber: string;
  public readonly name: string;
  public readonly mode: WorkloadIdentityPoolMode;
  public readonly principalSet: IamMember;

  constructor(scope: Construct, id: string, attrs: WorkloadIdentityPoolAttributes | WorkloadIdentityPoolTrustDomainAttributes) {
    super(scope, id);
    checkProps(this, attrs, 'Pass { projectNumber, name } of the existing pool, or { trustDomain }');
    this.project = projectOf(this, attrs.project);
    if ('trustDomain' in attrs) {
      checkInstance(this, 'trustDomain', attrs.trustDomain, TrustDomain,
        'Pass TrustDomain.of("POOL_ID.global.PROJECT_NUMBER.workload.id.goog")');
      const name = attrs.trustDomain.name;
      checkString(this, 'trustDomain', name, 'Pass TrustDomain.of("POOL_ID.global.PROJECT_NUMBER.workload.id.goog")');
      const match = POOL_TRUST_DOMAIN.exec(name);
      if (!match) {
        throw invalidInput(this, 'trustDomain', 'is not the trust domain of a workload identity pool', name,
          'Managed workload identities live in the trust domain POOL_ID.global.PROJECT_NUMBER.workload.id.goog, e.g. "vm-workloads.global.123456789012.workload.id.goog"');
      }
      [, this.name, this.projectNumber] = match;
    } else {
      checkProjectNumber(this, 'projectNumber', attrs.projectNumber);
      checkPoolId(this, 'name', attrs.name);
      this.projectNumber = attrs.projectNumber;
      this.name = attrs.name;
    }
    this.mode = attrs.mode ?? WorkloadIdentityPoolMode.TRUST_DOMAIN;
    checkOneOf(this, 'mode', this.mode, Object.values(WorkloadIdentityPoolMode), 'a workload identity pool mode');
    this.principalSet = checkedPrincipalSet(this, attrs.principalSet, this.projectNumber, this.name);
  }
}

function checkedPrincipalSet(scope: IConstruct, given: IamMember | undefined, projectNumber: string, poolId: string): IamMember {
  if (given === undefined || given === null) return WorkloadIdentityPool.principalSetOf(projectNumber, poolId);
  checkInstance(scope, 'principalSet', given, IamMember,
    'Pass IamMember.of("principalSet://iam.googleapis.com/projects/PROJECT_NUMBER/name/locations/global/workloadIdentityPools/POOL_ID/*"), or leave it out');
  given.validate(scope, 'principalSet');
  if (!isUnresolved(given.member) && !given.member.startsWith('principalSet://') && !given.member.startsWith('principal://')) {
    throw invalidInput(scope, 'principalSet', 'is not a principal or principal set of the pool', given.member,
      'Use the pool\'s principal set, e.g. WorkloadIdentityPool.principalSetOf(projectNumber, poolId)');
  }
  return given;
}

/**
 * The members every IWorkloadIdentityPool has, and the mode managed identities need: a pool's mode is immutable, so a
 * FEDERATION_ONLY pool can never hold them (W1).
 */
export function checkTrustDomainPool(scope: IConstruct, field: string, pool: unknown): void {
  checkImplements(scope, field, pool, 'IWorkloadIdentityPool',
    ['project', 'projectNumber', 'name', 'resourceName', 'mode', 'trustDomain', 'principalSet', 'authorizeCertificateRequests'],
    'Pass a WorkloadIdentityPool, or WorkloadIdentityPool.fromWorkloadIdentityPoolAttributes(scope, id, { projectNumber, name }) for an existing one');
  const mode = (pool as IWorkloadIdentityPool).mode;
  if (mode !== WorkloadIdentityPoolMode.TRUST_DOMAIN) {
    throw invalidInput(scope, `${field}.mode`, 'is not TRUST_DOMAIN', mode,
      'Managed workload identities exist only in a pool created in TRUST_DOMAIN mode, and a pool\'s mode cannot be changed: ' +
      'create a new WorkloadIdentityPool (mode TRUST_DOMAIN) with a new ID — a deleted pool\'s ID stays reserved for 30 days');
  }
}
