import { GoogleNetworkSecurityAuthorizationPolicy } from '@cdktf/provider-google-beta/lib/google-network-security-authorization-policy';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import { isIP } from 'net';
import { Construct, IConstruct } from 'constructs';
import { invalidInput } from '../core/errors';
import { stackProvider } from '../core/providers';
import { checkNotEmpty, checkPort, isUnresolved } from '../core/validation';
import { meshResourceName, MeshResourceOptions } from './global-policy';
import { Principal } from './principal';

/** What a matching rule does. */
export enum AuthorizationAction {
  ALLOW = 'ALLOW',
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
  readonly headerName: string;
  /** ECMAScript regular expression the header value must match. */
  readonly regexMatch: string;
}

/** What is being called. A request matches when hosts, ports, methods and the header all match. */
export interface AuthorizationDestination {
  /** Host names (`:authority`); exact, `prefix*`, `*suffix` or `*`. */
  readonly hosts: string[];
  readonly ports: number[];
  /** HTTP methods, e.g. `GET`. */
  readonly methods: string[];
  /** @default - no header condition */
  readonly httpHeaderMatch?: HttpHeaderMatch;
}

/** One rule: it matches when a source and a destination match. */
export interface AuthorizationRule {
  /** @default - any source */
  readonly sources?: AuthorizationSource[];
  /** @default - any destination */
  readonly destinations?: AuthorizationDestination[];
}

export interface AuthorizationPolicyProps extends MeshResourceOptions {
  /** @default AuthorizationAction.ALLOW */
  readonly action?: AuthorizationAction;
  /** At least one rule: an ALLOW policy without rules would allow every request. */
  readonly rules: AuthorizationRule[];
  /**
   * The google-beta provider to create the policy with: the mesh authorization policy exists only in
   * google-beta (GA's `google_network_security_authz_policy` is the load-balancer API).
   * @default - the stack's GoogleBetaProvider, created for the project when the stack has none
   */
  readonly betaProvider?: GoogleBetaProvider;
}

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'];
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
 */
export class AuthorizationPolicy extends Construct {
  /** `projects/P/locations/global/authorizationPolicies/NAME`, the form endpoint policies reference (S13). */
  public readonly policyName: string;
  public readonly name: string;
  public readonly action: AuthorizationAction;
  /** The rules as given, for checks by other constructs. */
  public readonly rules: AuthorizationRule[];
  public readonly resource: GoogleNetworkSecurityAuthorizationPolicy;

  constructor(scope: Construct, id: string, props: AuthorizationPolicyProps) {
    super(scope, id);
    this.policyName = meshResourceName(this, props, 'authorizationPolicies');
    this.name = props.name;
    this.action = props.action ?? AuthorizationAction.ALLOW;
    this.rules = props.rules;
    checkNotEmpty(this, 'rules', props.rules,
      'Add at least one rule: an ALLOW policy without rules allows every request, so X1 requires the allowed traffic to be listed');

    this.resource = new GoogleNetworkSecurityAuthorizationPolicy(this, 'Resource', {
      provider: props.betaProvider ?? stackProvider(this, GoogleBetaProvider, (stack) => new GoogleBetaProvider(stack, 'google-beta', { project: props.project })),
      project: props.project,
      location: props.location ?? 'global',
      name: props.name,
      description: props.description,
      labels: props.labels,
      action: this.action,
      rules: props.rules.map((rule, r) => renderRule(this, rule, `rules[${r}]`)),
    });
  }

  /** Every host the policy's rules name, in order of appearance. */
  public get hosts(): string[] {
    return [...new Set(this.rules.flatMap((rule) => (rule.destinations ?? []).flatMap((d) => d.hosts)))];
  }
}

function renderRule(scope: IConstruct, rule: AuthorizationRule, path: string) {
  if ((!rule.sources || rule.sources.length === 0) && (!rule.destinations || rule.destinations.length === 0)) {
    throw invalidInput(scope, path, 'matches every request', rule,
      'Give the rule sources (principals) and/or destinations (hosts, ports, methods)');
  }
  return {
    sources: rule.sources?.map((source, s) => {
      const field = `${path}.sources[${s}]`;
      if (!source.principals?.length && !source.ipBlocks?.length) {
        throw invalidInput(scope, field, 'has neither principals nor ipBlocks', source,
          'Name the calling workloads, e.g. principals: [Principal.kubernetesServiceAccount(trustDomain, "default", "client")]');
      }
      source.ipBlocks?.forEach((block, i) => {
        if (!isUnresolved(block) && !isIpBlock(block)) {
          throw invalidInput(scope, `${field}.ipBlocks[${i}]`, 'is not an IP address or CIDR range', block, 'Use e.g. "10.0.0.0/8" or "1.2.3.4"');
        }
      });
      return {
        principals: source.principals?.map((p, i) => p._render(scope, `${field}.principals[${i}]`)),
        ipBlocks: source.ipBlocks,
      };
    }),
    destinations: rule.destinations?.map((destination, d) => {
      const field = `${path}.destinations[${d}]`;
      checkNotEmpty(scope, `${field}.hosts`, destination.hosts, 'List the host names the rule covers, e.g. ["service-test"], or ["*"]');
      checkNotEmpty(scope, `${field}.ports`, destination.ports, 'List the destination ports, e.g. [8000]');
      checkNotEmpty(scope, `${field}.methods`, destination.methods, 'List the HTTP methods, e.g. ["GET"]');
      destination.ports.forEach((port, i) => checkPort(scope, `${field}.ports[${i}]`, port));
      destination.methods.forEach((method, i) => {
        if (!isUnresolved(method) && !HTTP_METHODS.includes(method)) {
          throw invalidInput(scope, `${field}.methods[${i}]`, 'is not an HTTP method', method, `Use one of: ${HTTP_METHODS.join(', ')}`);
        }
      });
      return {
        hosts: destination.hosts,
        ports: destination.ports,
        methods: destination.methods,
        httpHeaderMatch: destination.httpHeaderMatch,
      };
    }),
  };
}

