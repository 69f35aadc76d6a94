import { IConstruct } from 'constructs';
import { invalidInput } from './errors';
import { isUnresolved } from './validation';

const EMAIL = /^[^@\s:]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/;
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/;
/** A Kubernetes service account through GKE workload identity: `PROJECT_ID.svc.id.goog[NAMESPACE/NAME]`. */
const WORKLOAD_IDENTITY = /^[a-z0-9.:-]+\.svc\.id\.goog\[[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?\]$/;
/** Workload identity federation principals (IAM "Principal identifiers"). */
const PRINCIPAL_URI = /^\/\/iam\.googleapis\.com\/(projects|locations)\/\S+$/;

/**
 * The IAM member types and what follows the colon, as IAM's "Principal identifiers" reference defines them.
 * `deleted:` members appear in policies after a principal is deleted and are never granted.
 */
const MEMBER_FORMS: Readonly<Record<string, { readonly pattern: RegExp; readonly example: string }>> = {
  user: { pattern: EMAIL, example: 'user:alice@example.com' },
  group: { pattern: EMAIL, example: 'group:platform-admins@example.com' },
  serviceAccount: { pattern: new RegExp(`${EMAIL.source}|${WORKLOAD_IDENTITY.source}`), example: 'serviceAccount:sa@my-project-id.iam.gserviceaccount.com' },
  domain: { pattern: DOMAIN, example: 'domain:example.com' },
  principal: { pattern: PRINCIPAL_URI, example: 'principal://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/POOL/subject/S' },
  principalSet: { pattern: PRINCIPAL_URI, example: 'principalSet://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/POOL/*' },
};

const FIX = `Use the type:value form, e.g. IamMember.user("alice@example.com"), IamMember.serviceAccount("sa@project.iam.gserviceaccount.com") or IamMember.of("${MEMBER_FORMS.domain.example}")`;

/**
 * An IAM principal in the `type:value` form IAM bindings take. Factories do not throw (they have no construct
 * path to report); grant methods validate the member so the error names the construct path (X2).
 */
export class IamMember {
  /** A Google account: `user:EMAIL`. */
  public static user(email: string): IamMember {
    return new IamMember(`user:${email}`);
  }

  /** A Google group: `group:EMAIL`; grant to groups rather than people, so access follows group membership. */
  public static group(email: string): IamMember {
    return new IamMember(`group:${email}`);
  }

  /** A Google service account: `serviceAccount:EMAIL`, e.g. `sa@my-project-id.iam.gserviceaccount.com`. */
  public static serviceAccount(email: string): IamMember {
    return new IamMember(`serviceAccount:${email}`);
  }

  /** The GKE service agent `service-PROJECT_NUMBER@container-engine-robot.iam.gserviceaccount.com` (S6). */
  public static gkeServiceAgent(projectNumber: string): IamMember {
    if (isUnresolved(projectNumber) || (typeof projectNumber === 'string' && /^[1-9][0-9]{0,19}$/.test(projectNumber))) {
      return IamMember.serviceAccount(`service-${projectNumber}@container-engine-robot.iam.gserviceaccount.com`);
    }
    return new IamMember(`serviceAccount:service-${String(projectNumber)}@container-engine-robot.iam.gserviceaccount.com`, {
      problem: 'is the GKE service agent of something that is not a project number', value: projectNumber,
      fix: 'Pass the numeric project number to IamMember.gkeServiceAgent (gcloud projects describe PROJECT_ID --format="value(projectNumber)"), not the project ID',
    });
  }

  /** A Kubernetes service account through GKE workload identity: `serviceAccount:POOL[NAMESPACE/NAME]` (S8). */
  public static kubernetesServiceAccount(workloadPool: string, namespace: string, name: string): IamMember {
    return new IamMember(`serviceAccount:${workloadPool}[${namespace}/${name}]`);
  }

  /** Any member string such as `domain:example.com` or `principalSet://…`. */
  public static of(member: string): IamMember {
    return new IamMember(member);
  }

  private constructor(
    /** The `type:value` string IAM bindings take, e.g. `group:platform-admins@example.com`. */
    public readonly member: string,
    private readonly factoryProblem?: { readonly problem: string; readonly value: unknown; readonly fix: string },
  ) {}

  /** Throws a construct-path error when the member is not a valid IAM principal. */
  public validate(scope: IConstruct, field: string): void {
    if (this.factoryProblem) throw invalidInput(scope, field, this.factoryProblem.problem, this.factoryProblem.value, this.factoryProblem.fix);
    if (isUnresolved(this.member)) return;
    if (typeof this.member !== 'string') throw invalidInput(scope, field, 'is not an IAM member', this.member, FIX);
    const separator = this.member.indexOf(':');
    const type = this.member.slice(0, separator);
    const form = separator > 0 ? MEMBER_FORMS[type] : undefined;
    const value = this.member.slice(separator + 1);
    if (type === 'deleted') {
      throw invalidInput(scope, field, 'is a deleted principal', this.member, 'Grant roles to an existing principal; deleted: members only appear in policies after a deletion');
    }
    if (!form) throw invalidInput(scope, field, 'is not an IAM member', this.member, FIX);
    if (isUnresolved(value) || form.pattern.test(value)) return;
    throw invalidInput(scope, field, `is not a valid ${type} member`, this.member, `Use the ${type}: form IAM expects, e.g. ${form.example}`);
  }

  /** The `type:value` member string. */
  public toString(): string {
    return this.member;
  }
}
