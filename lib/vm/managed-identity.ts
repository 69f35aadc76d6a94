import {
  GoogleIamWorkloadIdentityPoolManagedIdentity, GoogleIamWorkloadIdentityPoolManagedIdentityAttestationRules,
} from '@cdktf/provider-google-beta/lib/google-iam-workload-identity-pool-managed-identity';
import { Fn } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { waitFor } from '../core/dependencies';
import { formatProblem, invalidInput } from '../core/errors';
import { SpiffeId } from '../core/spiffe';
import { claimUniqueName } from '../core/unique-names';
import {
  checkImplements, checkInstance, checkList, checkOptionalBoolean, checkPattern, checkProjectNumber, checkProps, isUnresolved,
} from '../core/validation';
import { AttestationRule, AttestationRuleKind } from './attestation-rule';
import { betaProviderFor } from './beta-provider';
import { checkManagedIdentityId, POOL_TRUST_DOMAIN } from './names';
import { checkVmServiceAccount, IVmServiceAccount } from './vm-service-account';
import { checkNamespace, IWorkloadIdentityNamespace, WorkloadIdentityNamespace, WorkloadIdentityNamespaceAttributes } from './workload-identity-namespace';
import { checkTrustDomainPool, IWorkloadIdentityPool, WorkloadIdentityPool } from './workload-identity-pool';

/** A managed workload identity has at most 50 attestation rules. */
const MAX_ATTESTATION_RULES = 50;

/** A managed workload identity, created by this app or adopted. */
export interface IManagedIdentity extends IConstruct {
  /** The namespace it belongs to. */
  readonly namespace: IWorkloadIdentityNamespace;
  /** The managed identity ID, e.g. `backend`. */
  readonly name: string;
  /** `projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL_ID/namespaces/NS/managedIdentities/ID`. */
  readonly resourceName: string;
  /** `spiffe://POOL_ID.global.PROJECT_NUMBER.workload.id.goog/ns/NAMESPACE/sa/MANAGED_IDENTITY` (W1): the identity in the VMs' certificates. */
  readonly spiffeId: SpiffeId;
}

/** Attributes of an existing managed identity, for {@link ManagedIdentity.fromManagedIdentityAttributes}. */
export interface ManagedIdentityAttributes {
  /** The namespace it belongs to. */
  readonly namespace: IWorkloadIdentityNamespace;
  /** The managed identity ID. */
  readonly name: string;
}

/** An existing managed identity named by its SPIFFE ID, for {@link ManagedIdentity.fromSpiffeId}. */
export interface ManagedIdentitySpiffeIdAttributes {
  /** The pool the identity belongs to. */
  readonly pool: IWorkloadIdentityPool;
  /** `spiffe://POOL_ID.global.PROJECT_NUMBER.workload.id.goog/ns/NAMESPACE/sa/MANAGED_IDENTITY`. */
  readonly spiffeId: SpiffeId;
}

/** What a managed identity needs besides its namespace, for {@link WorkloadIdentityNamespace.addManagedIdentity}. */
export interface ManagedIdentityOptions {
  /** The managed identity ID: 2-63 lowercase letters, digits and hyphens; it cannot be changed. */
  readonly name: string;
  /** At most 256 characters. @default - none */
  readonly description?: string;
  /** Disable the identity: no new credentials are issued for it. @default false */
  readonly disabled?: boolean;
  /**
   * Which workloads may receive the identity; add more with {@link ManagedIdentity.allowVmsWithServiceAccount} or
   * {@link ManagedIdentity.addAttestationRule}. At most 50.
   * @default - none yet: no workload receives the identity until a rule is added
   */
  readonly attestationRules?: AttestationRule[];
}

/** Properties of a {@link ManagedIdentity}. */
export interface ManagedIdentityProps extends ManagedIdentityOptions {
  /** The namespace, in a TRUST_DOMAIN pool. */
  readonly namespace: IWorkloadIdentityNamespace;
}

abstract class ManagedIdentityBase extends Construct implements IManagedIdentity {
  public abstract readonly namespace: IWorkloadIdentityNamespace;
  public abstract readonly name: string;

  public get resourceName(): string {
    return `${this.namespace.resourceName}/managedIdentities/${this.name}`;
  }

  public get spiffeId(): SpiffeId {
    return SpiffeId.of(`spiffe://${this.namespace.pool.trustDomain.name}/ns/${this.namespace.name}/sa/${this.name}`);
  }
}

/**
 * A managed workload identity in a namespace (W1), with the attestation policy that says which VMs receive it (W2).
 * Seed 003: `gcloud iam workload-identity-pools managed-identities create MANAGED_IDENTITY_ID --namespace=NAMESPACE_ID
 * --workload-identity-pool=POOL_ID` and `… set-attestation-rules`.
 */
export class ManagedIdentity extends ManagedIdentityBase {
  /** The most attestation rules one managed identity takes. */
  public static readonly MAX_ATTESTATION_RULES = MAX_ATTESTATION_RULES;

  /** Adopts an existing managed identity. */
  public static fromManagedIdentityAttributes(scope: Construct, id: string, attrs: ManagedIdentityAttributes): IManagedIdentity {
    return new ImportedManagedIdentity(scope, id, attrs);
  }

  /**
   * Adopts a managed identity by its SPIFFE ID, as it appears in `CONFIGS.json` and in the VMs' certificates. The ID
   * must name `ns/NAMESPACE/sa/MANAGED_IDENTITY` in `pool`'s trust domain; when `pool` is created by this app, the
   * namespace and identity must be created in it too (checked at synth).
   */
  public static fromSpiffeId(scope: Construct, id: string, attrs: ManagedIdentitySpiffeIdAttributes): IManagedIdentity {
    return new SpiffeIdManagedIdentity(scope, id, attrs);
  }

  public readonly namespace: IWorkloadIdentityNamespace;
  public readonly name: string;
  /** The `google_iam_workload_identity_pool_managed_identity` (google-beta, escape hatch). */
  public readonly resource: GoogleIamWorkloadIdentityPoolManagedIdentity;
  private readonly rules: AttestationRule[] = [];
  private readonly renderedRules: GoogleIamWorkloadIdentityPoolManagedIdentityAttestationRules[] = [];

  constructor(scope: Construct, id: string, props: ManagedIdentityProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { namespace, name }, e.g. { namespace, name: "backend" }');
    checkNamespace(this, 'namespace', props.namespace);
    checkManagedIdentityId(this, 'name', props.name);
    if (props.description !== undefined) {
      checkPattern(this, 'description', props.description, /^.{0,256}$/s, 'is longer than 256 characters', 'Shorten the description to at most 256 characters');
    }
    checkOptionalBoolean(this, 'disabled', props.disabled);
    this.namespace = props.namespace;
    this.name = props.name;
    const pool = props.namespace.pool;
    claimUniqueName(this, 'name', 'managed identity', [pool.project, pool.name, props.namespace.name, props.name], `namespace ${props.namespace.name}`);
    const createdNamespace = props.namespace instanceof WorkloadIdentityNamespace ? props.namespace : undefined;
    this.resource = new GoogleIamWorkloadIdentityPoolManagedIdentity(this, 'Resource', {
      provider: pool instanceof WorkloadIdentityPool ? pool.betaProvider : betaProviderFor(this, pool.project, undefined),
      project: pool.project,
      workloadIdentityPoolId: pool.name,
      workloadIdentityPoolNamespaceId: createdNamespace ? createdNamespace.resource.workloadIdentityPoolNamespaceId : props.namespace.name,
      workloadIdentityPoolManagedIdentityId: props.name,
      description: props.description,
      disabled: props.disabled,
    });
    createdNamespace?._registerManagedIdentity(props.name, this);
    const rules = props.attestationRules ?? [];
    if (checkList(this, 'attestationRules', rules, 'List rules such as AttestationRule.attachedServiceAccount(projectNumber, email)')) {
      rules.forEach((rule) => this.addAttestationRule(rule));
    }
  }

  /** The attestation rules added so far. */
  public get attestationRules(): AttestationRule[] {
    return [...this.rules];
  }

  /** Adds a rule: workloads it names may receive this identity (W2). At most 50 per identity. */
  public addAttestationRule(rule: AttestationRule): void {
    const field = `attestationRules[${this.rules.length}]`;
    checkInstance(this, field, rule, AttestationRule, 'Use AttestationRule.attachedServiceAccount(projectNumber, email)');
    rule._validate(this, field);
    if (this.rules.some((r) => r.googleCloudResource === rule.googleCloudResource)) return;
    if (this.rules.length >= MAX_ATTESTATION_RULES) {
      throw invalidInput(this, 'attestationRules', `has more than ${MAX_ATTESTATION_RULES} rules`, this.rules.length + 1,
        `A managed identity takes at most ${MAX_ATTESTATION_RULES} attestation rules; attest VMs by a shared service account instead of one rule per VM`);
    }
    this.rules.push(rule);
    this.renderedRules.push({ googleCloudResource: rule.googleCloudResource });
    this.resource.putAttestationRules(this.renderedRules);
  }

  /**
   * Lets VMs running as `serviceAccount` receive this identity (W2): the seed's rule
   * `//compute.googleapis.com/projects/PROJECT_NUMBER/type/Instance/attached_service_account.email/EMAIL`.
   * @param serviceAccount the VMs' attached service account
   * @param workloadProjectNumber number of the project holding the VMs or the account
   * @default - workloadProjectNumber: the pool's project number
   */
  public allowVmsWithServiceAccount(serviceAccount: IVmServiceAccount, workloadProjectNumber?: string): AttestationRule {
    checkVmServiceAccount(this, 'serviceAccount', serviceAccount);
    const projectNumber = workloadProjectNumber ?? this.namespace.pool.projectNumber;
    checkProjectNumber(this, 'workloadProjectNumber', projectNumber);
    const rule = AttestationRule.attachedServiceAccount(projectNumber, serviceAccount.email);
    this.addAttestationRule(rule);
    // The API checks the account exists when the rule is added.
    waitFor(this.resource, serviceAccount);
    return rule;
  }

  /** Whether a rule admits VMs running as `email` (or a rule of another kind might). */
  public attests(email: string): boolean {
    return this.rules.some((rule) => rule.kind !== AttestationRuleKind.SERVICE_ACCOUNT_EMAIL || rule.serviceAccountEmail === email);
  }
}

class ImportedManagedIdentity extends ManagedIdentityBase {
  public readonly namespace: IWorkloadIdentityNamespace;
  public readonly name: string;

  constructor(scope: Construct, id: string, attrs: ManagedIdentityAttributes) {
    super(scope, id);
    checkProps(this, attrs, 'Pass { namespace, name } of the existing managed identity');
    checkNamespace(this, 'namespace', attrs.namespace);
    checkManagedIdentityId(this, 'name', attrs.name);
    this.namespace = attrs.namespace;
    this.name = attrs.name;
  }
}

const SPIFFE_FIX = 'Use the SPIFFE ID of a managed identity, spiffe://POOL_ID.global.PROJECT_NUMBER.workload.id.goog/ns/NAMESPACE/sa/MANAGED_IDENTITY, ' +
  'e.g. pool.trustDomain plus "/ns/payments/sa/backend"';

class SpiffeIdManagedIdentity extends ManagedIdentityBase {
  public readonly namespace: IWorkloadIdentityNamespace;
  public readonly name: string;

  constructor(scope: Construct, id: string, attrs: ManagedIdentitySpiffeIdAttributes) {
    super(scope, id);
    checkProps(this, attrs, 'Pass { pool, spiffeId }');
    checkTrustDomainPool(this, 'pool', attrs.pool);
    checkInstance(this, 'spiffeId', attrs.spiffeId, SpiffeId, `${SPIFFE_FIX}, as SpiffeId.of("spiffe://…")`);
    attrs.spiffeId.validate(this, 'spiffeId');
    const uri = attrs.spiffeId.uri;
    const pool = attrs.pool;
    let namespaceId: string;
    if (isUnresolved(uri)) {
      // Known at apply time only (X5): Terraform reads the parts from spiffe://TD/ns/NAMESPACE/sa/IDENTITY.
      namespaceId = Fn.element(Fn.split('/', uri), 4);
      this.name = Fn.element(Fn.split('/', uri), 6);
    } else {
      const trustDomain = attrs.spiffeId.trustDomain;
      if (!POOL_TRUST_DOMAIN.test(trustDomain)) {
        throw invalidInput(this, 'spiffeId', 'is not in the trust domain of a workload identity pool', uri,
          `${SPIFFE_FIX}; its trust domain has the form POOL_ID.global.PROJECT_NUMBER.workload.id.goog`);
      }
      const own = pool.trustDomain.name;
      if (!isUnresolved(own) && trustDomain !== own) {
        throw invalidInput(this, 'spiffeId', `is in the trust domain of another pool (${trustDomain}), not of pool "${pool.name}" (${own})`, uri,
          `Use an identity of pool "${pool.name}" (spiffe://${own}/ns/NAMESPACE/sa/MANAGED_IDENTITY), or pass the pool the ID belongs to`);
      }
      const match = /^spiffe:\/\/[^/]+\/ns\/([^/]+)\/sa\/([^/]+)$/.exec(uri);
      if (!match) {
        throw invalidInput(this, 'spiffeId', 'names a managed identity outside any namespace', uri,
          `${SPIFFE_FIX}: every managed identity lives in a namespace of its pool`);
      }
      [, namespaceId, this.name] = match;
      checkManagedIdentityId(this, 'spiffeId', this.name);
    }
    const namespaceAttrs: WorkloadIdentityNamespaceAttributes = { pool, name: namespaceId };
    this.namespace = WorkloadIdentityNamespace.fromNamespaceAttributes(this, 'Namespace', namespaceAttrs);
    // Namespaces and identities may be created after this reference: compared at synth time.
    this.node.addValidation({ validate: () => this.missingFromPool(pool, namespaceId, uri) });
  }

  /** When the pool is created by this app, so are its namespaces and identities: a name it lacks is a mistake. */
  private missingFromPool(pool: IWorkloadIdentityPool, namespaceId: string, uri: string): string[] {
    if (!(pool instanceof WorkloadIdentityPool) || isUnresolved(namespaceId) || isUnresolved(this.name)) return [];
    const namespace = pool.findNamespace(namespaceId);
    if (!(namespace instanceof WorkloadIdentityNamespace)) {
      return [formatProblem(this, 'spiffeId', `names namespace "${namespaceId}", which does not exist in pool "${pool.name}"`, uri,
        `Create it with pool.addNamespace(id, { name: "${namespaceId}" }), or correct the SPIFFE ID`)];
    }
    if (!namespace.findManagedIdentity(this.name)) {
      return [formatProblem(this, 'spiffeId', `names managed identity "${this.name}", which does not exist in namespace "${namespaceId}" of pool "${pool.name}"`, uri,
        `Create it with namespace.addManagedIdentity(id, { name: "${this.name}" }), or correct the SPIFFE ID`)];
    }
    return [];
  }
}

/** The members every IManagedIdentity has, in a TRUST_DOMAIN pool. */
export function checkManagedIdentity(scope: IConstruct, field: string, identity: unknown): void {
  checkImplements(scope, field, identity, 'IManagedIdentity', ['namespace', 'name', 'resourceName', 'spiffeId'],
    'Pass a ManagedIdentity (namespace.addManagedIdentity(...)), or ManagedIdentity.fromManagedIdentityAttributes / fromSpiffeId for an existing one');
  checkNamespace(scope, `${field}.namespace`, (identity as IManagedIdentity).namespace);
}
