import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { isUnresolved } from '../../core/validation';
import { invalidInput } from '../../core/errors';
import { warn } from '../../core/warnings';
import { AuthorizationAction, AuthorizationPolicy, AuthorizationRule, checkAuthorizationPolicy, IAuthorizationPolicy } from '../policy/authorization-policy';

/** Where the seeds attach a gateway authorization policy that Terraform cannot attach. */
export interface GatewayAttachment {
  /** e.g. `target HTTPS proxy "td-gke-https-proxy"`. */
  readonly description: string;
  /** The Terraform resource type lacking the field. */
  readonly resourceType: string;
  /** gcloud commands that attach the policy by hand. */
  readonly manualCommands: string[];
  /** Name of the proxy or gateway, unique per stack; names the output. */
  readonly resourceName: string;
}

/**
 * S16: terraform-provider-google 6.50 has no authorization-policy field on `google_compute_target_https_proxy`
 * or `google_network_services_gateway`, in GA or beta. The policy is still created, the gap is reported at
 * synth time and as an output holding the manual attachment, and the closest enforceable equivalent is
 * required: an endpoint-level policy whose rules cover the gateway's hosts with no wider methods.
 */
export function handleUnattachableAuthorization(scope: Construct, attachment: GatewayAttachment,
  policy: IAuthorizationPolicy, enforcedBy: IAuthorizationPolicy | undefined): void {
  checkAuthorizationPolicy(scope, 'authorizationPolicy', policy);
  if (enforcedBy === undefined || enforcedBy === null) {
    throw invalidInput(scope, 'authorizationEnforcedBy', `is required because authorization policy "${policy.name}" cannot be attached to the ${attachment.description} by Terraform`, enforcedBy,
      `Pass the endpoint authorization policy that enforces the same hosts at the backends (S16), e.g. an authz-policy whose rule lists hosts ${JSON.stringify(hostsOf(rulesOf(policy) ?? []))}`);
  }
  checkAuthorizationPolicy(scope, 'authorizationEnforcedBy', enforcedBy);
  checkEquivalent(scope, policy, enforcedBy);
  const outputName = `authorization_attachment_${attachment.resourceName}`;
  warn(scope,
    `S16: authorization policy "${policy.name}" is created but NOT attached to the ${attachment.description}: ` +
    `terraform-provider-google 6.50 (GA and beta) has no authorization policy field on ${attachment.resourceType}. ` +
    `Requests are still checked at the backends by "${enforcedBy.name}" (hosts ${JSON.stringify(hostsOf(rulesOf(policy) ?? []))}). ` +
    `To attach it at the gateway as well, run the commands in the output "${outputName}".`);
  const output = new TerraformOutput(scope, 'AuthorizationAttachment', {
    description: `S16: manual attachment of ${policy.name} to the ${attachment.description} (not expressible in terraform-provider-google 6.50)`,
    value: attachment.manualCommands.join('\n'),
  });
  output.overrideLogicalId(outputName);
}

/** Whether an authorization host pattern (exact, `prefix*`, `*suffix`, `*`) matches `host`. */
function hostMatches(pattern: string, host: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('*')) return host.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith('*')) return host.endsWith(pattern.slice(1));
  return pattern === host;
}

/** The rules of a policy this app creates; an adopted policy's rules are unknown. */
function rulesOf(policy: IAuthorizationPolicy): AuthorizationRule[] | undefined {
  return policy instanceof AuthorizationPolicy ? policy.rules : undefined;
}

/** Every host the rules name, in order of appearance. */
function hostsOf(rules: readonly AuthorizationRule[]): string[] {
  return [...new Set(rules.flatMap((rule) => (rule.destinations ?? []).flatMap((d) => d.hosts)))];
}

/**
 * The backends must enforce at least what the gateway policy would. Adopted policies have unknown rules, and hosts
 * or methods known only at apply time cannot be compared: the check then stops short, as X5 requires.
 */
function checkEquivalent(scope: Construct, policy: IAuthorizationPolicy, enforcedBy: IAuthorizationPolicy): void {
  if (enforcedBy.action !== AuthorizationAction.ALLOW) {
    throw invalidInput(scope, 'authorizationEnforcedBy', 'must be an ALLOW policy', enforcedBy.action,
      `Pass the endpoint policy that allows the gateway's traffic (e.g. the seeds' authz-policy), not a DENY policy`);
  }
  const policyRules = rulesOf(policy);
  const enforcedRules = rulesOf(enforcedBy);
  if (!policyRules || !enforcedRules) return;
  const enforced = enforcedRules.flatMap((rule) => rule.destinations ?? []);
  if (enforced.some((d) => isUnresolved(d.hosts) || isUnresolved(d.methods) || d.hosts.some((h) => isUnresolved(h)))) return;
  for (const destination of policyRules.flatMap((rule) => rule.destinations ?? [])) {
    if (isUnresolved(destination.hosts) || isUnresolved(destination.methods)) continue;
    const allowedMethods = new Set(destination.methods);
    for (const host of destination.hosts) {
      if (isUnresolved(host)) continue;
      const covering = enforced.filter((d) => d.hosts.some((pattern) => hostMatches(pattern, host)));
      if (covering.length === 0) {
        throw invalidInput(scope, 'authorizationEnforcedBy', `does not cover host "${host}" of "${policy.name}"`, enforcedBy.name,
          `Add "${host}" to the hosts of a rule in "${enforcedBy.name}", so the backends enforce what the gateway cannot (S13, S16)`);
      }
      const wider = covering.flatMap((d) => d.methods).filter((m) => !allowedMethods.has(m));
      if (wider.length > 0) {
        throw invalidInput(scope, 'authorizationEnforcedBy', `allows methods for host "${host}" that "${policy.name}" denies`, [...new Set(wider)],
          `Limit the methods for "${host}" in "${enforcedBy.name}" to ${JSON.stringify([...allowedMethods])}`);
      }
    }
  }
}
