import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { IConstruct } from 'constructs';
import { grantId } from './dependencies';
import { IamMember } from './iam-member';

/**
 * Grants `role` on `project` to `member` under `scope` (idempotent: the construct id is derived from
 * role and member). `google_project_iam_member` is additive, so it never removes other bindings.
 */
export function grantOnProject(scope: IConstruct, project: string, role: string, member: IamMember): ProjectIamMember {
  member.validate(scope, 'member');
  const id = grantId(role, member.member);
  const existing = scope.node.tryFindChild(id);
  if (existing) return existing as ProjectIamMember;
  return new ProjectIamMember(scope, id, { project, role, member: member.member });
}
