import { Annotations, TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { invalidInput } from '../core/errors';
import { AuthorizationAction, AuthorizationPolicy } from './authorization-policy';

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
  policy: AuthorizationPolicy, enforcedBy: AuthorizationPolicy | undefined): void {
  if (!enforcedBy) {
    throw invalidInput(scope, 'authorizationEnforcedBy', `is required because authorization policy "${policy.name}" cannot be attached to the ${attachment.description} by Terraform`, enforcedBy,
      `Pass the endpoint authorization policy that enforces the same hosts at the backends (S16), e.g. an authz-policy whose rule lists hosts ${JSON.stringify(policy.hosts)}`);
  }
  checkEquivalent(scope, policy, enforcedBy);
  const outputName = `authorization_attachment_${attachment.resourceName}`;
  Annotations.of(scope).addWarning(
    `S16: authorization policy "${policy.name}" is created but NOT attached to the ${attachment.description}: ` +
    `terraform-provider-google 6.50 (GA and beta) has no authorization policy field on ${attachment.resourceType}. ` +
    `Requests are still checked at the backends by "${enforcedBy.name}" (hosts ${JSON.stringify(policy.hosts)}). ` +
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

function checkEquivalent(scope: Construct, policy: AuthorizationPolicy, enforcedBy: AuthorizationPolicy): void {
  if (enforcedBy.action !== AuthorizationAction.ALLOW) {
    throw invalidInput(scope, 'authorizationEnforcedBy', 'must be an ALLOW policy', enforcedBy.action,
      `Pass the endpoint policy that allows the gateway's traffic (e.g. the seeds' authz-policy), not a DENY policy`);
  }
  const enforced = enforcedBy.rules.flatMap((rule) => rule.destinations ?? []);
  for (const destination of policy.rules.flatMap((rule) => rule.destinations ?? [])) {
    const allowedMethods = new Set(destination.methods);
    for (const host of destination.hosts) {
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
