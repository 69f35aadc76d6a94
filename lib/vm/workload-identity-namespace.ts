import { GoogleIamWorkloadIdentityPoolNamespace } from '@cdktf/provider-google-beta/lib/google-iam-workload-identity-pool-namespace';
import { Construct, IConstruct } from 'constructs';
import { claimUniqueName } from '../core/unique-names';
import { checkImplements, checkOptionalBoolean, checkPattern, checkProps, isUnresolved } from '../core/validation';
import { betaProviderFor } from './beta-provider';
import { ManagedIdentity, ManagedIdentityOptions } from './managed-identity';
import { checkNamespaceId } from './names';
import { checkTrustDomainPool, IWorkloadIdentityPool, WorkloadIdentityPool } from './workload-identity-pool';

/** A namespace of a workload identity pool, created by this app or adopted. */
export interface IWorkloadIdentityNamespace extends IConstruct {
  /** The pool the namespace belongs to. */
  readonly pool: IWorkloadIdentityPool;
  /** The namespace ID, e.g. `payments`. */
  readonly name: string;
  /** `projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL_ID/namespaces/NAMESPACE_ID`. */
  readonly resourceName: string;
}

/** Attributes of an existing namespace, for {@link WorkloadIdentityNamespace.fromNamespaceAttributes}. */
export interface WorkloadIdentityNamespaceAttributes {
  /** The pool it belongs to, e.g. from `WorkloadIdentityPool.fromWorkloadIdentityPoolAttributes`. */
  readonly pool: IWorkloadIdentityPool;
  /** The namespace ID. */
  readonly name: string;
}

/** What a namespace needs besides its pool, for {@link WorkloadIdentityPool} users adding one. */
export interface WorkloadIdentityNamespaceOptions {
  /** The namespace ID: 2-63 lowercase letters, digits and hyphens; it cannot be changed. */
  readonly name: string;
  /** At most 256 characters. @default - none */
  readonly description?: string;
  /** Disable the namespace: no new credentials for its identities. @default false */
  readonly disabled?: boolean;
}

/** Properties of a {@link WorkloadIdentityNamespace}. */
export interface WorkloadIdentityNamespaceProps extends WorkloadIdentityNamespaceOptions {
  /** The pool, in TRUST_DOMAIN mode. */
  readonly pool: IWorkloadIdentityPool;
}

abstract class NamespaceBase extends Construct implements IWorkloadIdentityNamespace {
  public abstract readonly pool: IWorkloadIdentityPool;
  public abstract readonly name: string;

  public get resourceName(): string {
    return `${this.pool.resourceName}/namespaces/${this.name}`;
  }
}

/**
 * A namespace of a workload identity pool (W1): the administrative boundary of managed identities, e.g. one per
 * application. Seed 003: `gcloud iam workload-identity-pools namespaces create NAMESPACE_ID --workload-identity-pool=POOL_ID`.
 */
export class WorkloadIdentityNamespace extends NamespaceBase {
  /** Adopts an existing namespace. */
  public static fromNamespaceAttributes(scope: Construct, id: string, attrs: WorkloadIdentityNamespaceAttributes): IWorkloadIdentityNamespace {
    return new ImportedNamespace(scope, id, attrs);
  }

  public readonly pool: IWorkloadIdentityPool;
  public readonly name: string;
  /** The `google_iam_workload_identity_pool_namespace` (google-beta, escape hatch). */
  public readonly resource: GoogleIamWorkloadIdentityPoolNamespace;
  private readonly identities = new Map<string, IConstruct>();

  constructor(scope: Construct, id: string, props: WorkloadIdentityNamespaceProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { pool, name }, e.g. { pool, name: "payments" }');
    checkTrustDomainPool(this, 'pool', props.pool);
    checkNamespaceId(this, 'name', props.name);
    if (props.description !== undefined) {
      checkPattern(this, 'description', props.description, /^.{0,256}$/s, 'is longer than 256 characters', 'Shorten the description to at most 256 characters');
    }
    checkOptionalBoolean(this, 'disabled', props.disabled);
    this.pool = props.pool;
    this.name = props.name;
    claimUniqueName(this, 'name', 'workload identity namespace', [props.pool.project, props.pool.name, props.name], `pool ${props.pool.name}`);
    const pool = props.pool instanceof WorkloadIdentityPool ? props.pool : undefined;
    this.resource = new GoogleIamWorkloadIdentityPoolNamespace(this, 'Resource', {
      provider: pool?.betaProvider ?? betaProviderFor(this, props.pool.project, undefined),
      project: props.pool.project,
      workloadIdentityPoolId: pool ? pool.resource.workloadIdentityPoolId : props.pool.name,
      workloadIdentityPoolNamespaceId: props.name,
      description: props.description,
      disabled: props.disabled,
    });
    pool?._registerNamespace(props.name, this);
  }

  /** Creates a managed identity in this namespace (W1). */
  public addManagedIdentity(id: string, options: ManagedIdentityOptions): ManagedIdentity {
    return new ManagedIdentity(this, id, { ...options, namespace: this });
  }

  /** The managed identity of this namespace created with that ID, if any. */
  public findManagedIdentity(identityId: string): IConstruct | undefined {
    return this.identities.get(identityId);
  }

  /** Records a managed identity created in this namespace; called by ManagedIdentity. @internal */
  public _registerManagedIdentity(identityId: string, identity: IConstruct): void {
    if (!isUnresolved(identityId)) this.identities.set(identityId, identity);
  }
}

class ImportedNamespace extends NamespaceBase {
  public readonly pool: IWorkloadIdentityPool;
  public readonly name: string;

  constructor(scope: Construct, id: string, attrs: WorkloadIdentityNamespaceAttributes) {
    super(scope, id);
    checkProps(this, attrs, 'Pass { pool, name } of the existing namespace');
    checkTrustDomainPool(this, 'pool', attrs.pool);
    checkNamespaceId(this, 'name', attrs.name);
    this.pool = attrs.pool;
    this.name = attrs.name;
  }
}

/** The members every IWorkloadIdentityNamespace has, in a TRUST_DOMAIN pool. */
export function checkNamespace(scope: IConstruct, field: string, namespace: unknown): void {
  checkImplements(scope, field, namespace, 'IWorkloadIdentityNamespace', ['pool', 'name', 'resourceName'],
    'Pass a WorkloadIdentityNamespace (pool.addNamespace(...)), or WorkloadIdentityNamespace.fromNamespaceAttributes(scope, id, { pool, name })');
  checkTrustDomainPool(scope, `${field}.pool`, (namespace as IWorkloadIdentityNamespace).pool);
}
