import { IConstruct } from 'constructs';
import { invalidInput } from '../core/errors';
import { checkProjectNumber, checkServiceAccountEmail, checkString, isUnresolved } from '../core/validation';

/**
 * The Compute Engine workloads an attestation rule names (IAM "Define a workload attestation policy"):
 * `//compute.googleapis.com/projects/PROJECT_NUMBER/type/Instance/attached_service_account.email/EMAIL`,
 * `…/attached_service_account.uid/UID` or `…/uid/zones/ZONE/instances/INSTANCE_ID`.
 */
const COMPUTE_RULE = new RegExp('^//compute\\.googleapis\\.com/projects/[1-9][0-9]*/(' +
  'type/Instance/attached_service_account\\.email/[^/\\s]+@[^/\\s]+' +
  '|type/Instance/attached_service_account\\.uid/[0-9]+' +
  '|uid/zones/[a-z]+-[a-z]+[0-9]+-[a-z]/instances/[0-9]+)$');

/** What kind of workload an attestation rule admits. */
export enum AttestationRuleKind {
  /** VMs running as a service account, by email (seed 003's choice, W2). */
  SERVICE_ACCOUNT_EMAIL = 'SERVICE_ACCOUNT_EMAIL',
  /** VMs running as a service account, by its unique ID. */
  SERVICE_ACCOUNT_UID = 'SERVICE_ACCOUNT_UID',
  /** One VM, by instance ID. */
  INSTANCE = 'INSTANCE',
  /** A rule given verbatim. */
  OTHER = 'OTHER',
}

/**
 * One rule of a managed identity's attestation policy: which workloads may receive the identity (W2). A managed
 * identity holds at most 50 rules.
 */
export class AttestationRule {
  /**
   * VMs whose attached service account has this email (W2), e.g. the seed's
   * `//compute.googleapis.com/projects/PROJECT_NUMBER/type/Instance/attached_service_account.email/EMAIL`.
   * @param projectNumber number of the project that holds the VMs or the service account
   * @param email the service account's email
   */
  public static attachedServiceAccount(projectNumber: string, email: string): AttestationRule {
    return new AttestationRule(`//compute.googleapis.com/projects/${projectNumber}/type/Instance/attached_service_account.email/${email}`,
      AttestationRuleKind.SERVICE_ACCOUNT_EMAIL, { projectNumber, email });
  }

  /**
   * VMs whose attached service account has this unique ID (`gcloud iam service-accounts describe EMAIL --format="value(uniqueId)"`).
   */
  public static attachedServiceAccountUid(projectNumber: string, uid: string): AttestationRule {
    return new AttestationRule(`//compute.googleapis.com/projects/${projectNumber}/type/Instance/attached_service_account.uid/${uid}`,
      AttestationRuleKind.SERVICE_ACCOUNT_UID, { projectNumber });
  }

  /** One existing VM, by zone and instance ID (`gcloud compute instances describe NAME --zone=ZONE --format="get(id)"`). */
  public static instance(projectNumber: string, zone: string, instanceId: string): AttestationRule {
    return new AttestationRule(`//compute.googleapis.com/projects/${projectNumber}/uid/zones/${zone}/instances/${instanceId}`,
      AttestationRuleKind.INSTANCE, { projectNumber });
  }

  /** A rule's `google_cloud_resource` given verbatim, e.g. for resource types this class does not name. */
  public static of(googleCloudResource: string): AttestationRule {
    return new AttestationRule(googleCloudResource, AttestationRuleKind.OTHER, {});
  }

  private constructor(
    /** The rule's `google_cloud_resource`. */
    public readonly googleCloudResource: string,
    /** What kind of workload the rule admits. */
    public readonly kind: AttestationRuleKind,
    private readonly parts: { readonly projectNumber?: string; readonly email?: string },
  ) {}

  /** The service account email of a SERVICE_ACCOUNT_EMAIL rule. */
  public get serviceAccountEmail(): string | undefined {
    return this.parts.email;
  }

  /** Throws a construct-path error when the rule is malformed. @internal */
  public _validate(scope: IConstruct, field: string): void {
    const fix = 'Use AttestationRule.attachedServiceAccount(projectNumber, email) or identity.allowVmsWithServiceAccount(serviceAccount)';
    if (this.parts.projectNumber !== undefined) checkProjectNumber(scope, `${field}.projectNumber`, this.parts.projectNumber);
    if (this.parts.email !== undefined) checkServiceAccountEmail(scope, `${field}.email`, this.parts.email);
    checkString(scope, field, this.googleCloudResource, fix);
    if (isUnresolved(this.googleCloudResource)) return;
    if (this.kind !== AttestationRuleKind.OTHER && !COMPUTE_RULE.test(this.googleCloudResource)) {
      throw invalidInput(scope, field, 'is not a Compute Engine attestation rule', this.googleCloudResource, fix);
    }
    if (!/^\/\/[a-z0-9.-]+\.googleapis\.com\/\S+$/.test(this.googleCloudResource)) {
      throw invalidInput(scope, field, 'is not a Google Cloud resource name', this.googleCloudResource,
        'Use the full resource name of the workloads, e.g. "//compute.googleapis.com/projects/123456789012/type/Instance/attached_service_account.email/vm@my-project-id.iam.gserviceaccount.com"');
    }
  }

  /** The rule's `google_cloud_resource`. */
  public toString(): string {
    return this.googleCloudResource;
  }
}
