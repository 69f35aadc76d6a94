import {
  GoogleNetworkSecurityAuthorizationPolicy, GoogleNetworkSecurityAuthorizationPolicyRules,
} from '@cdktf/provider-google-beta/lib/google-network-security-authorization-policy';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import { isIP } from 'net';
import { Construct, IConstruct } from 'constructs';
import { formatProblem, invalidInput } from '../../core/errors';
import { checkAuthorizationHost } from '../../core/hosts';
import { stackProvider } from '../../core/providers';
import {
  checkImplements, checkInstance, checkList, checkNotEmpty, checkOneOf, checkPorts, checkRequired, checkString, isUnresolved,
} from '../../core/validation';
import { meshResource, MeshResourceAttributes, MeshResourceOptions } from './mesh-resource';
import { Principal, renderPrincipal } from './principal';

/** A Cloud Service Mesh authorization policy, created by this app or adopted. */
export interface IAuthorizationPolicy extends IConstruct {
  /** The project that owns the policy. */
  readonly project: string;
  /** The policy name, e.g. `authz-policy`. */
  readonly name: string;
  /** `projects/P/locations/global/authorizationPolicies/NAME`, the form endpoint policies reference (S13). */
  readonly resourceName: string;
  /** What matching requests get. */
  readonly action: AuthorizationAction;
}

/** Attributes of an existing authorization policy, for {@link AuthorizationPolicy.fromAuthorizationPolicyAttributes}. */
export interface AuthorizationPolicyAttributes extends MeshResourceAttributes {
  /**
   * The existing policy's action.
   * @default AuthorizationAction.ALLOW
   */
  readonly action?: AuthorizationAction;
}

/** What a matching rule does. */
export enum AuthorizationAction {
  /** Requests that match a rule are allowed; once an ALLOW policy is attached, every other request is denied. */
  ALLOW = 'ALLOW',
  /** Requests that match a rule are denied. */
  DENY = 'DENY',
}

/** Who is calling. All listed sources must match. */
export interface AuthorizationSource {
  /** Peer identities from the mesh certificate; at least one must match. @default - any principal */
  readonly principals?: Principal[];
  /**
   * Source addresses or CIDR ranges; at least one must match. Authorizing on addresses alone is weak:
   * prefer principals.
   * @default - any address
   */
  readonly ipBlocks?: string[];
}

/** A header that must match a regular expression. */
export interface HttpHeaderMatch {
  /** Name of the HTTP header to test, e.g. `x-team`. */
  readonly headerName: string;
  /** RE2 regular expression the header value must match (no lookaround or backreferences). */
  readonly regexMatch: string;
}

/** What is being called. A request matches when hosts, ports, methods and the header all match. */
export interface AuthorizationDestination {
  /** Host names (`:authority`); exact, `prefix*`, `*suffix` or `*`. */
  readonly hosts: string[];
  /** Destination ports of the request, e.g. `[8000]` for the server's inbound port (S13). */
  readonly ports: number[];
  /** HTTP methods, e.g. `GET`. */
  readonly methods: string[];
  /**
   * A header the request must also carry with a matching value.
   * @default - no header condition
   */
  readonly httpHeaderMatch?: HttpHeaderMatch;
}

/** One rule: it matches when a source and a destination match. */
export interface AuthorizationRule {
  /**
   * Who may call, e.g. the client's principal. A rule needs sources, destinations or both.
   * @default - any source
   */
  readonly sources?: AuthorizationSource[];
  /**
   * What may be called: hosts, ports and methods. A rule needs sources, destinations or both.
   * @default - any destination
   */
  readonly destinations?: AuthorizationDestination[];
}

/** Properties of an {@link AuthorizationPolicy}. */
export interface AuthorizationPolicyProps extends MeshResourceOptions {
  /**
   * What matching requests get (`action`).
   * @default AuthorizationAction.ALLOW: with an ALLOW policy attached, only the listed traffic is allowed (deny by default, X1)
   */
  readonly action?: AuthorizationAction;
  /**
   * The rules; add more with {@link AuthorizationPolicy.addRule}. The policy needs at least one by synth time:
   * an ALLOW policy without rules would allow every request (X1).
   * @default - none yet
   */
  readonly rules?: AuthorizationRule[];
  /**
   * The google-beta provider to create the policy with: the mesh authorization policy exists only in
   * google-beta (GA's `google_network_security_authz_policy` is the load-balancer API).
   * @default - the stack's GoogleBetaProvider, created for the project when the stack has none
   */
  readonly betaProvider?: GoogleBetaProvider;
}

/** HTTP methods (RFC 9110 §9 and PATCH, RFC 5789). */
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'];
/** HTTP header field names (RFC 9110 §5.1: a token). */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** An IPv4/IPv6 address, optionally with a prefix length that fits its family. */
function isIpBlock(value: string): boolean {
  const [address, prefix, ...rest] = value.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * A Cloud Service Mesh authorization policy (S13, S16): which peers may call which hosts, ports and methods.
 * Attach it to an {@link EndpointPolicy}; a request not allowed by an attached ALLOW policy is denied.
 *
 * @example
 * const demoClient = mesh.Principal.kubernetesServiceAccount(core.TrustDomain.forGkeProject('my-project-id'), 'default', 'demo-client');
 * new mesh.AuthorizationPolicy(stack, 'Authz', {
 *   name: 'authz-policy',
 *   rules: [{
 *     sources: [{ principals: [demoClient] }],
 *     destinations: [{ hosts: ['service-test'], ports: [8000], methods: ['GET'] }],
 *   }],
 * });
 */
export class AuthorizationPolicy extends Construct implements IAuthorizationPolicy {
  /** Adopts an existing authorization policy, e.g. one a central team manages. */
  public static fromAuthorizationPolicyAttributes(scope: Construct, id: string, attrs: AuthorizationPolicyAttributes): IAuthorizationPolicy {
    return new ImportedAuthorizationPolicy(scope, id, attrs);
  }

  public readonly project: string;
  public readonly name: string;
  /** `projects/P/locations/global/authorizationPolicies/NAME`, the form endpoint policies reference (S13). */
  public readonly resourceName: string;
  /** What matching requests get. */
  public readonly action: AuthorizationAction;
  /** The `google_network_security_authorization_policy` (google-beta, escape hatch). */
  public readonly resource: GoogleNetworkSecurityAuthorizationPolicy;
  private readonly addedRules: AuthorizationRule[] = [];
  private readonly renderedRules: GoogleNetworkSecurityAuthorizationPolicyRules[] = [];

  constructor(scope: Construct, id: string, props: AuthorizationPolicyProps) {
    super(scope, id);
    const identity = meshResource(this, props, 'authorizationPolicies', 'authorization policy');
    this.project = identity.project;
    this.name = identity.name;
    this.resourceName = identity.resourceName;
    this.action = props.action ?? AuthorizationAction.ALLOW;
    checkOneOf(this, 'action', this.action, Object.values(AuthorizationAction), 'an authorization action');
    if (props.betaProvider !== undefined) {
      checkInstance(this, 'betaProvider', props.betaProvider, GoogleBetaProvider, 'Pass the stack\'s GoogleBetaProvider, or leave betaProvider out');
    }
    if (props.rules !== undefined) {
      // An explicit empty list is a mistake worth naming where it is made.
      checkNotEmpty(this, 'rules', props.rules,
        'Add at least one rule: an ALLOW policy without rules allows every request, so X1 requires the allowed traffic to be listed');
    }

    this.resource = new GoogleNetworkSecurityAuthorizationPolicy(this, 'Resource', {
      provider: props.betaProvider ?? stackProvider(this, GoogleBetaProvider, (stack) => new GoogleBetaProvider(stack, 'google-beta', { project: identity.project })),
      project: identity.project,
      location: identity.location,
      name: identity.name,
      description: props.description,
      labels: props.labels,
      action: this.action,
    });
    (props.rules ?? []).forEach((rule) => this.addRule(rule));
    this.node.addValidation({
      validate: () => (this.addedRules.length > 0 ? [] : [formatProblem(this, 'rules', 'must not be empty', [],
        'Add at least one rule (props.rules or addRule): an ALLOW policy without rules allows every request, so X1 requires the allowed traffic to be listed')]),
    });
  }

  /** The rules as given, for checks by other constructs. */
  public get rules(): AuthorizationRule[] {
    return [...this.addedRules];
  }

  /** Every host the policy's rules name, in order of appearance. */
  public get hosts(): string[] {
    return [...new Set(this.addedRules.flatMap((rule) => (rule.destinations ?? []).flatMap((d) => d.hosts)))];
  }

  /** Adds a rule: a request matching it gets the policy's action (S13). */
  public addRule(rule: AuthorizationRule): void {
    this.renderedRules.push(renderRule(this, rule, `rules[${this.addedRules.length}]`));
    this.addedRules.push(rule);
    this.resource.putRules(this.renderedRules);
  }
}

class ImportedAuthorizationPolicy extends Construct implements IAuthorizationPolicy {
  public readonly project: string;
  public readonly name: string;
  public readonly resourceName: string;
  public readonly action: AuthorizationAction;

  constructor(scope: Construct, id: string, attrs: AuthorizationPolicyAttributes) {
    super(scope, id);
    const identity = meshResource(this, attrs, 'authorizationPolicies');
    this.project = identity.project;
    this.name = identity.name;
    this.resourceName = identity.resourceName;
    this.action = attrs.action ?? AuthorizationAction.ALLOW;
    checkOneOf(this, 'action', this.action, Object.values(AuthorizationAction), 'an authorization action');
  }
}

export function checkAuthorizationPolicy(scope: IConstruct, field: string, policy: unknown): void {
  checkImplements(scope, field, policy, 'IAuthorizationPolicy', ['project', 'name', 'resourceName', 'action'],
    'Pass an AuthorizationPolicy, or AuthorizationPolicy.fromAuthorizationPolicyAttributes(scope, id, { name }) for an existing one');
}

function renderRule(scope: IConstruct, rule: AuthorizationRule, path: string): GoogleNetworkSecurityAuthorizationPolicyRules {
  checkRequired(scope, path, rule, 'Give the rule sources (principals) and/or destinations (hosts, ports, methods)');
  const sources = rule.sources ?? [];
  const destinations = rule.destinations ?? [];
  const checkable = checkList(scope, `${path}.sources`, sources, 'List sources such as { principals: [...] }')
    && checkList(scope, `${path}.destinations`, destinations, 'List destinations such as { hosts: ["service-test"], ports: [8000], methods: ["GET"] }');
  if (checkable && sources.length === 0 && destinations.length === 0) {
    throw invalidInput(scope, path, 'matches every request', rule,
      'Give the rule sources (principals) and/or destinations (hosts, ports, methods)');
  }
  return {
    sources: rule.sources?.map((source, s) => {
      const field = `${path}.sources[${s}]`;
      checkRequired(scope, field, source, 'Give the source principals or ipBlocks');
      const principals = source.principals ?? [];
      const ipBlocks = source.ipBlocks ?? [];
      const principalsKnown = checkList(scope, `${field}.principals`, principals, 'List principals such as Principal.kubernetesServiceAccount(...)');
      const blocksKnown = checkList(scope, `${field}.ipBlocks`, ipBlocks, 'List CIDR ranges such as "10.0.0.0/8"');
      if (principalsKnown && blocksKnown && principals.length === 0 && ipBlocks.length === 0) {
        throw invalidInput(scope, field, 'has neither principals nor ipBlocks', source,
          'Name the calling workloads, e.g. principals: [Principal.kubernetesServiceAccount(trustDomain, "default", "client")]');
      }
      if (blocksKnown) {
        ipBlocks.forEach((block, i) => {
          checkString(scope, `${field}.ipBlocks[${i}]`, block, 'Use e.g. "10.0.0.0/8" or "1.2.3.4"');
          if (!isUnresolved(block) && !isIpBlock(block)) {
            throw invalidInput(scope, `${field}.ipBlocks[${i}]`, 'is not an IP address or CIDR range', block, 'Use e.g. "10.0.0.0/8" or "1.2.3.4"');
          }
        });
      }
      return {
        principals: source.principals === undefined ? undefined
          : principalsKnown ? principals.map((p, i) => renderPrincipal(scope, `${field}.principals[${i}]`, p)) : source.principals as unknown as string[],
        ipBlocks: source.ipBlocks,
      };
    }),
    destinations: rule.destinations?.map((destination, d) => {
      const field = `${path}.destinations[${d}]`;
      checkRequired(scope, field, destination, 'Give the destination hosts, ports and methods');
      checkNotEmpty(scope, `${field}.hosts`, destination.hosts, 'List the host names the rule covers, e.g. ["service-test"], or ["*"]');
      if (!isUnresolved(destination.hosts)) destination.hosts.forEach((host, i) => checkAuthorizationHost(scope, `${field}.hosts[${i}]`, host));
      checkNotEmpty(scope, `${field}.ports`, destination.ports, 'List the destination ports, e.g. [8000]');
      checkPorts(scope, `${field}.ports`, destination.ports, 'List the destination ports, e.g. [8000]');
      checkNotEmpty(scope, `${field}.methods`, destination.methods, 'List the HTTP methods, e.g. ["GET"]');
      if (!isUnresolved(destination.methods)) {
        destination.methods.forEach((method, i) => checkOneOf(scope, `${field}.methods[${i}]`, method, HTTP_METHODS, 'an HTTP method'));
      }
      const header = destination.httpHeaderMatch;
      if (header !== undefined && header !== null) {
        checkString(scope, `${field}.httpHeaderMatch.headerName`, header.headerName, 'Name the header, e.g. "x-team"');
        if (!isUnresolved(header.headerName) && !HEADER_NAME.test(header.headerName)) {
          throw invalidInput(scope, `${field}.httpHeaderMatch.headerName`, 'is not an HTTP header name', header.headerName, 'Use a header name such as "x-team"');
        }
        checkRegex(scope, `${field}.httpHeaderMatch.regexMatch`, header.regexMatch);
      }
      return {
        hosts: destination.hosts,
        ports: destination.ports,
        methods: destination.methods,
        httpHeaderMatch: header ?? undefined,
      };
    }),
  };
}

/**
 * The API evaluates the expression with RE2 on the proxy; a pattern JavaScript cannot even parse is certainly
 * wrong, and RE2 has no lookaround or backreferences.
 */
function checkRegex(scope: IConstruct, field: string, value: string): void {
  checkString(scope, field, value, 'Use a regular expression such as "^team-(a|b)$"');
  if (isUnresolved(value)) return;
  try {
    new RegExp(value);
  } catch (error) {
    throw invalidInput(scope, field, `is not a regular expression (${(error as Error).message})`, value, 'Use a regular expression such as "^team-(a|b)$"');
  }
  if (/\(\?<?[=!]|\\[1-9]/.test(value)) {
    throw invalidInput(scope, field, 'uses lookaround or a backreference, which RE2 does not support', value,
      'Rewrite the expression without (?=…), (?!…), (?<=…), (?<!…) or \\1');
  }
}
