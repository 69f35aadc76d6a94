import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { IConstruct } from 'constructs';
import { invalidInput } from './errors';
import { IamMember } from './iam-member';
import { grantId } from './ids';
import { isUnresolved } from './validation';

/** `roles/NAME`, or a custom role `projects/P/roles/NAME` / `organizations/O/roles/NAME` (IAM role naming). */
const ROLE = /^(roles\/[a-zA-Z0-9_.]+|(projects|organizations)\/[a-z0-9.:-]+\/roles\/[a-zA-Z0-9_.]+)$/;

/**
 * An IAM grant under `scope`, created once per role and member: the construct id is derived from both, so granting
 * again returns the first binding (and two grants never collide). IAM `_member` resources are additive and never
 * remove other bindings.
 */
export function grantOnce<T extends IConstruct>(scope: IConstruct, role: string, member: IamMember, create: (id: string) => T): T {
  if (!(member instanceof IamMember)) {
    throw invalidInput(scope, 'member', 'is not an IamMember', member,
      'Use IamMember.user("alice@example.com"), IamMember.serviceAccount(email) or IamMember.of("group:team@example.com")');
  }
  member.validate(scope, 'member');
  if (typeof role !== 'string' || (!isUnresolved(role) && !ROLE.test(role))) {
    throw invalidInput(scope, 'role', 'is not an IAM role name', role,
      'Use a predefined role such as "roles/privateca.auditor" or a custom role "projects/PROJECT_ID/roles/NAME"');
  }
  const id = grantId(role, member.member);
  const existing = scope.node.tryFindChild(id);
  return existing ? existing as T : create(id);
}

/** Grants `role` on `project` to `member` under `scope` (idempotent, additive: `google_project_iam_member`). */
export function grantOnProject(scope: IConstruct, project: string, role: string, member: IamMember): ProjectIamMember {
  return grantOnce(scope, role, member, (id) => new ProjectIamMember(scope, id, { project, role, member: member.member }));
}
