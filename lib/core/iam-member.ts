import { IConstruct } from 'constructs';
import { invalidInput } from './errors';
import { isUnresolved } from './validation';

const MEMBER = /^(user|serviceAccount|group|domain|principal|principalSet|deleted:[a-zA-Z]+):\S+$/;

/**
 * An IAM principal in the `type:value` form IAM bindings take. Factories do not throw;
 * grant methods validate the member so the error names the construct path (X2).
 */
export class IamMember {
  public static user(email: string): IamMember {
    return new IamMember(`user:${email}`);
  }

  public static group(email: string): IamMember {
    return new IamMember(`group:${email}`);
  }

  public static serviceAccount(email: string): IamMember {
    return new IamMember(`serviceAccount:${email}`);
  }

  /** The GKE service agent `service-PROJECT_NUMBER@container-engine-robot.iam.gserviceaccount.com` (S6). */
  public static gkeServiceAgent(projectNumber: string): IamMember {
    return IamMember.serviceAccount(`service-${projectNumber}@container-engine-robot.iam.gserviceaccount.com`);
  }

  /** A Kubernetes service account through GKE workload identity: `serviceAccount:POOL[NAMESPACE/NAME]` (S8). */
  public static kubernetesServiceAccount(workloadPool: string, namespace: string, name: string): IamMember {
    return new IamMember(`serviceAccount:${workloadPool}[${namespace}/${name}]`);
  }

  /** Any member string such as `domain:example.com` or `principalSet://…`. */
  public static of(member: string): IamMember {
    return new IamMember(member);
  }

  private constructor(public readonly member: string) {}

  public validate(scope: IConstruct, field: string): void {
    if (isUnresolved(this.member) || MEMBER.test(this.member)) return;
    throw invalidInput(scope, field, 'is not an IAM member', this.member,
      'Use the type:value form, e.g. IamMember.user("alice@example.com") or IamMember.serviceAccount("sa@project.iam.gserviceaccount.com")');
  }

  public toString(): string {
    return this.member;
  }
}
