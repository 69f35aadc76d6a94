import { TerraformResource } from 'cdktf';

/**
 * Records on `resource` that a named option relaxed a secure default (X1), e.g. GkeCluster's
 * `allowPublicNodes: true`: `"//": { "posture": { "relaxations": { RULE: OPTION } } }` in the synthesized JSON, which
 * Terraform ignores. The posture check (posture.PostureCheck, and the `cdktf-mesh-security posture` command over
 * cdktf.out) then reports the rule on this resource as a warning naming the option, not as an error.
 *
 * Kept in core so every domain can mark its options without depending on the posture module.
 * @internal
 */
export function markRelaxed(resource: TerraformResource, ruleId: string, option: string): void {
  resource.addOverride(`//.posture.relaxations.${ruleId}`, option);
}
