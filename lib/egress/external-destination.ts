import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { Construct } from 'constructs';
import type { DestinationRule, ServiceEntry, ServiceEntrySpecPorts, VirtualService, VirtualServiceSpec } from '../../.gen/networking.istio.io/v1';
import type { AuthorizationPolicy, AuthorizationPolicySpecRules } from '../../.gen/security.istio.io/v1';
import { formatProblem, invalidInput } from '../core/errors';
import { contentId } from '../core/ids';
import { checkHostName } from '../core/hosts';
import {
  checkInstance, checkKubernetesLabelName, checkList, checkOneOf, checkPattern, checkPort, checkProps, isUnresolved,
} from '../core/validation';
import { markRelaxed } from '../core/relaxations';
import { claimKubernetesName } from '../mesh/workloads/workload-namespace';
import { GATEWAY_PORTS } from './egress-conventions';
import { EgressGateway } from './egress-gateway';
import { checkEgressHost, isWildcardHost, nameOfHost, nameOfId } from './egress-hosts';
import { istioObject } from './istio-object';
import { TeamNamespace } from './team-namespace';

/** How traffic to an external host crosses the egress gateway (E12). */
export enum EgressTls {
  /**
   * The secure default (seed 001, "TLS origination at the egress gateway"). Workloads send plain HTTP to port 80;
   * their sidecars carry it to the gateway in Istio mTLS; the gateway originates TLS (`SIMPLE`, with the host's SNI,
   * server certificates verified against the OS CA bundle, Istio 1.21+) to the host's TLS port. The gateway sees
   * the caller's workload identity and the request, so AuthorizationPolicies can allow by namespace, host, path and
   * method (E13). Workloads must not encrypt themselves: TLS inside TLS fails (istio#17031), which is why the
   * ServiceEntry offers these hosts on port 80 only.
   */
  ORIGINATE = 'ORIGINATE',

  /**
   * Weaker, for workloads that insist on their own TLS: they send TLS to port 443 and the gateway passes it through
   * unopened (`PASSTHROUGH`). Istio mTLS cannot carry passthrough, so the sidecar → gateway hop is not authenticated,
   * and the gateway sees neither the caller's identity nor the request: identity-based authorization is impossible
   * (E12). The gateway's only rule for such a host is "TLS with this SNI on port 443", from any caller that reaches
   * it; which namespaces get a route (exportTo, Sidecar) is configuration scope, not a security control (seed 001),
   * and paths or methods cannot be allowed at all.
   */
  PASSTHROUGH = 'PASSTHROUGH',
}

/** An external host as {@link EgressGateway.addDestination} declares it. */
export interface ExternalDestinationOptions {
  /**
   * The external host: an exact DNS name (`example.com`), or `*.example.com` for hosts that share one server set
   * (E10). `*`, `*.com` and `foo.*.example.com` are rejected: an egress gateway can only route to predefined hosts.
   */
  readonly host: string;

  /**
   * For a wildcard host, the DNS name of the one server set that serves every host it covers, e.g. `www.example.com`
   * for `*.example.com`: the gateway forwards all of them there (Istio's wildcard egress pattern). Only for wildcards.
   * @default - none; required for a wildcard host
   */
  readonly servedBy?: string;

  /** How traffic to the host crosses the gateway. @default EgressTls.ORIGINATE */
  readonly tls?: EgressTls;

  /**
   * The host's TLS port, to which the gateway originates TLS (ORIGINATE only; passthrough keeps the port the
   * workload called, 443).
   * @default 443
   */
  readonly port?: number;

  /**
   * Base name of the destination's Istio objects (a DNS label).
   * @default - the host in Kubernetes words: `example-com`, `wildcard-example-com`
   */
  readonly name?: string;
}

/** Props of {@link ExternalDestination}. */
export interface ExternalDestinationProps extends ExternalDestinationOptions {
  /** The gateway the destination is reached through. */
  readonly gateway: EgressGateway;
}

/** What a team namespace may request from a destination (E13). Both lists narrow the grant; empty means any. */
export interface EgressAllowOptions {
  /**
   * Request paths, in Istio's forms: exact (`/status/418`), prefix (`/api/*`), suffix (`*.json`) or `*`.
   * @default - every path
   */
  readonly paths?: string[];

  /** HTTP methods, e.g. `["GET"]`. @default - every method */
  readonly methods?: string[];
}

interface Grant {
  readonly team: TeamNamespace;
  readonly paths?: string[];
  readonly methods?: string[];
}

/**
 * One external host reached through an {@link EgressGateway} (E10–E13), and every object its route needs, rendered
 * from this one declaration so they cannot disagree:
 *
 * - a `ServiceEntry` (`resolution: DNS`, `location: MESH_EXTERNAL`, exported only to the gateway namespace and the
 *   allowed namespaces); with TLS origination it offers the host on port 80 only, forwarded to its TLS port;
 * - a `VirtualService` with two legs: sidecars → the gateway's subset (Istio mTLS), gateway → the host;
 * - with TLS origination, the `DestinationRule` that originates TLS (`SIMPLE`, `sni`), exported to the gateway
 *   namespace only, so it applies on the gateway → host leg and nowhere else;
 * - the host's server on the gateway and its subset in the gateway's DestinationRule (rendered by the gateway);
 * - per allowed namespace, an `AuthorizationPolicy` at the gateway: that source namespace, this host, and the paths
 *   and methods allowed (E13); and the host in that namespace's Sidecar egress list (E9).
 *
 * No ServiceEntry here uses `resolution: NONE`: behind a gateway it would send the request to its original destination
 * IP, which is the gateway's own, and loop (Istio's egress gateway documentation).
 */
export class ExternalDestination extends Construct {
  /** The external host, exact or `*.example.com`. */
  public readonly host: string;
  /** The base name of the Istio objects. */
  public readonly name: string;
  /** How traffic to the host crosses the gateway. */
  public readonly tls: EgressTls;
  /** The host the gateway connects to: the host itself, or `servedBy` for a wildcard. */
  public readonly upstreamHost: string;
  /** The host's TLS port (TLS origination), or 443 (passthrough). */
  public readonly port: number;
  /** The gateway the host is reached through. */
  public readonly gateway: EgressGateway;
  /** The `ServiceEntry` the sidecars route by (E10). */
  public readonly serviceEntry: Manifest;
  /** For a wildcard host, the `ServiceEntry` of the server set the gateway forwards to (exported to the gateway only). */
  public readonly upstreamServiceEntry?: Manifest;
  /** The `VirtualService` with the sidecar → gateway and gateway → host legs (E12). */
  public readonly virtualService: Manifest;
  /** The TLS-originating `DestinationRule` (E12); undefined with passthrough. */
  public readonly tlsOrigination?: Manifest;
  /** With passthrough, the gateway's only `AuthorizationPolicy` for the host (SNI on port 443, any caller). */
  public readonly passthroughPolicy?: Manifest;

  private readonly servedBy?: string;
  private readonly grants: Grant[] = [];
  private readonly teamPolicies: Manifest[] = [];

  constructor(scope: Construct, id: string, props: ExternalDestinationProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { gateway, host }, e.g. { gateway, host: "example.com" }');
    checkInstance(this, 'gateway', props.gateway, EgressGateway, 'Pass the EgressGateway the host is reached through');
    const gateway = props.gateway;
    checkEgressHost(this, 'host', props.host);
    this.host = props.host;
    this.tls = props.tls ?? EgressTls.ORIGINATE;
    checkOneOf(this, 'tls', this.tls, Object.values(EgressTls), 'an egress TLS mode');
    const wildcard = isWildcardHost(this.host);
    if (props.servedBy !== undefined) {
      if (!wildcard && !isUnresolved(this.host)) {
        throw invalidInput(this, 'servedBy', `is only for wildcard hosts, and "${this.host}" is exact`, props.servedBy,
          'Remove servedBy: the gateway connects to an exact host itself');
      }
      checkHostName(this, 'servedBy', props.servedBy);
    } else if (wildcard) {
      throw invalidInput(this, 'servedBy', `is required for the wildcard host "${this.host}"`, props.servedBy,
        'Name the one server set that serves every host the wildcard covers, e.g. servedBy: "www.example.com": behind an egress ' +
        'gateway Envoy can only route to predefined hosts (seed 001)');
    }
    this.servedBy = props.servedBy;
    this.upstreamHost = props.servedBy ?? this.host;
    if (props.port !== undefined && this.tls === EgressTls.PASSTHROUGH) {
      throw invalidInput(this, 'port', 'applies to TLS origination only', props.port,
        'Remove port: a passed-through connection keeps the port the workload called (443)');
    }
    this.port = props.port ?? 443;
    checkPort(this, 'port', this.port);
    this.name = props.name ?? (isUnresolved(this.host) ? nameOfId(id) : nameOfHost(this.host));
    checkKubernetesLabelName(this, 'name', this.name);
    this.gateway = gateway;
    gateway._registerDestination(this);
    const namespace = gateway.namespace;
    for (const kind of ['ServiceEntry', 'VirtualService', ...(this.tls === EgressTls.ORIGINATE ? ['DestinationRule'] : [])]) {
      claimKubernetesName(this, 'name', kind, namespace, this.objectName(kind));
    }
    const inNamespace = [gateway.namespaceResource];
    const ports = this.servicePorts();
    const api = 'networking.istio.io/v1';

    // E10: registered for the allowed namespaces only; DNS, so the proxies resolve the host themselves. A wildcard
    // resolves to its server set (DNS with endpoints: Istio accepts a wildcard host for DNS only with endpoints).
    this.serviceEntry = istioObject<ServiceEntry>(this, 'ServiceEntry', {
      apiVersion: api, kind: 'ServiceEntry', metadata: { name: this.objectName('ServiceEntry'), namespace },
    }, () => ({
      hosts: [this.host],
      location: 'MESH_EXTERNAL',
      resolution: 'DNS',
      ports,
      endpoints: this.servedBy === undefined ? undefined : [{ address: this.servedBy }],
      exportTo: this.audience(),
    }), inNamespace);
    if (this.servedBy !== undefined) {
      claimKubernetesName(this, 'name', 'ServiceEntry', namespace, `${this.name}-upstream`);
      this.upstreamServiceEntry = istioObject<ServiceEntry>(this, 'UpstreamServiceEntry', {
        apiVersion: api, kind: 'ServiceEntry', metadata: { name: `${this.name}-upstream`, namespace },
      }, () => ({ hosts: [this.upstreamHost], location: 'MESH_EXTERNAL', resolution: 'DNS', ports, exportTo: ['.'] }), inNamespace);
    }

    // E12: the two legs. Sidecars (gateway "mesh") send the host's traffic to the gateway's subset; the gateway
    // (bound through its Gateway server) sends it on to the host.
    this.virtualService = istioObject<VirtualService>(this, 'VirtualService', {
      apiVersion: api, kind: 'VirtualService', metadata: { name: this.objectName('VirtualService'), namespace },
    }, () => this.routes(), inNamespace);

    if (this.tls === EgressTls.ORIGINATE) {
      // E12: TLS origination on the gateway → host leg only: exported to the gateway's namespace, on the HTTP port
      // the gateway routes to. A wildcard's SNI follows each request's Host (Istio's auto SNI, default since 1.21).
      this.tlsOrigination = istioObject<DestinationRule>(this, 'TlsOrigination', {
        apiVersion: api, kind: 'DestinationRule', metadata: { name: this.objectName('DestinationRule'), namespace },
      }, () => ({
        host: this.upstreamHost,
        exportTo: ['.'],
        trafficPolicy: {
          portLevelSettings: [{ port: { number: GATEWAY_PORTS.http.port }, tls: { mode: 'SIMPLE', sni: wildcard ? undefined : this.host } }],
        },
      }), inNamespace);
    } else {
      // E12: the only rule a passthrough host can have: its SNI on the gateway's TLS port, from whoever reaches it.
      claimKubernetesName(this, 'name', 'AuthorizationPolicy', namespace, `egress-passthrough-${this.name}`);
      this.passthroughPolicy = istioObject<AuthorizationPolicy>(this, 'PassthroughPolicy', {
        apiVersion: 'security.istio.io/v1',
        kind: 'AuthorizationPolicy',
        metadata: { name: `egress-passthrough-${this.name}`, namespace },
      }, () => ({
        selector: { matchLabels: gateway.selector },
        action: 'ALLOW',
        rules: [{ to: [{ operation: { ports: [String(GATEWAY_PORTS.tls.targetPort)] } }], when: [{ key: 'connection.sni', values: [this.host] }] }],
      }), inNamespace);
      markRelaxed(this.passthroughPolicy, 'POSTURE-ISTIO-EGRESS-AUTHORIZATION', 'ExternalDestination tls: EgressTls.PASSTHROUGH');
    }

    this.node.addValidation({ validate: () => this.grants.length > 0 ? [] : [this.unusedProblem()] });
  }

  /** The namespaces allowed to call the host, in the order they were allowed. */
  public get allowedNamespaces(): string[] {
    return [...new Set(this.grants.map((grant) => grant.team.name))];
  }

  /** The gateway's `AuthorizationPolicy` per allowed namespace (E13), in the order the namespaces were allowed. */
  public get authorizationPolicies(): Manifest[] {
    return [...this.teamPolicies];
  }

  /**
   * Lets the workloads of `team` call the host through the gateway (E13): an AuthorizationPolicy at the gateway for
   * that source namespace (with the given paths and methods), the host exported to the namespace, and listed in its
   * Sidecar. Allowing a namespace again adds to what it may request.
   */
  public allow(team: TeamNamespace, options: EgressAllowOptions = {}): void {
    checkInstance(this, 'team', team, TeamNamespace, 'Pass the TeamNamespace whose workloads may call the host, e.g. gateway.addTeamNamespace("TeamX", { name: "team-x" })');
    if (team.gateway !== this.gateway) {
      throw invalidInput(this, 'team', `belongs to the egress gateway ${team.gateway.node.path}, not ${this.gateway.node.path}`, team,
        'Allow a namespace on a destination of its own gateway');
    }
    const fix = 'Pass { paths, methods }, e.g. { paths: ["/status/418"], methods: ["GET"] }, or nothing to allow every request';
    if (options === null || typeof options !== 'object' || Array.isArray(options)) throw invalidInput(this, 'options', 'must be an object', options, fix);
    const paths = this.checkedList('paths', options.paths, /^(\*|\/[^*\s]*\*?|\*[^*\s]+)$/, 'is not an Istio path pattern',
      'Use an exact path ("/status/418"), a prefix ("/api/*"), a suffix ("*/health") or "*"');
    const methods = this.checkedList('methods', options.methods, /^[A-Z]+$/, 'is not an HTTP method', 'Use upper-case HTTP methods such as "GET" or "POST"');
    if (this.tls === EgressTls.PASSTHROUGH && (paths !== undefined || methods !== undefined)) {
      throw invalidInput(this, paths !== undefined ? 'paths' : 'methods', 'cannot be allowed on a PASSTHROUGH destination', paths ?? methods,
        'The gateway cannot read requests it passes through encrypted; declare the destination with EgressTls.ORIGINATE ' +
        '(workloads send plain HTTP, the gateway originates TLS) to allow by path or method');
    }
    const first = !this.grants.some((grant) => grant.team === team);
    this.grants.push({ team, paths, methods });
    if (!first) return;
    team._registerDestination(this);
    if (this.tls === EgressTls.ORIGINATE) this.addAuthorizationPolicy(team);
  }

  /** @internal Fails unless `options` declare this destination again, as {@link EgressGateway.addDestination} requires. */
  public _checkSameDeclaration(options: ExternalDestinationOptions): void {
    const tls = options.tls ?? EgressTls.ORIGINATE;
    checkOneOf(this, 'tls', tls, Object.values(EgressTls), 'an egress TLS mode');
    if (tls !== this.tls) {
      const [was, now] = [this.tls, tls].map((mode) => (mode === EgressTls.ORIGINATE ? 'TLS origination' : 'PASSTHROUGH'));
      throw invalidInput(this, 'tls', `is ${was}, so "${this.host}" cannot also be declared with ${now}`, tls,
        'Choose one for the host: TLS origination (workloads send plain HTTP, the gateway authorizes by identity) or PASSTHROUGH ' +
        '(workloads send TLS, no identity-based authorization); both for one host would let TLS originate on a connection the ' +
        'workload already encrypts, or let passthrough bypass the identity checks (E12)');
    }
    const differs = (['servedBy', 'port', 'name'] as const).find((key) => options[key] !== undefined && options[key] !== this.declared(key));
    if (differs) {
      throw invalidInput(this, differs, `differs from the earlier declaration of "${this.host}" (${String(this.declared(differs))})`, options[differs],
        'Declare each external host once, with one set of options');
    }
  }

  private declared(key: 'servedBy' | 'port' | 'name'): string | number | undefined {
    return key === 'servedBy' ? this.servedBy : key === 'port' ? this.port : this.name;
  }

  /** @internal The subset of the gateway's DestinationRule the sidecars use for this host. */
  public get _subset(): string {
    return this.gateway._subsetOf(this);
  }

  private objectName(kind: string): string {
    switch (kind) {
      case 'VirtualService': return `${this.name}-through-egress-gateway`;
      case 'DestinationRule': return `${this.name}-originate-tls`;
      default: return this.name;
    }
  }

  private audience(): string[] {
    return this.gateway._audience(this.allowedNamespaces);
  }

  private servicePorts(): ServiceEntrySpecPorts[] {
    // Plain HTTP on 80 only, forwarded to the TLS port once the gateway has originated TLS: the mesh offers the host
    // no port on which a workload could send its own TLS (istio#17031).
    if (this.tls === EgressTls.ORIGINATE) return [{ number: GATEWAY_PORTS.http.port, name: 'http', protocol: 'HTTP', targetPort: this.port }];
    return [{ number: GATEWAY_PORTS.tls.port, name: 'tls', protocol: 'TLS' }];
  }

  private routes(): VirtualServiceSpec {
    const gatewayHost = this.gateway.host;
    const spec: VirtualServiceSpec = {
      hosts: [this.host],
      gateways: ['mesh', this.gateway.gatewayReference],
      exportTo: this.audience(),
    };
    if (this.tls === EgressTls.ORIGINATE) {
      const port = GATEWAY_PORTS.http.port;
      spec.http = [
        { match: [{ gateways: ['mesh'], port }], route: [{ destination: { host: gatewayHost, subset: this._subset, port: { number: port } } }] },
        { match: [{ gateways: [this.gateway.gatewayReference], port }], route: [{ destination: { host: this.upstreamHost, port: { number: port } } }] },
      ];
    } else {
      const port = GATEWAY_PORTS.tls.port;
      spec.tls = [
        { match: [{ gateways: ['mesh'], port, sniHosts: [this.host] }], route: [{ destination: { host: gatewayHost, subset: this._subset, port: { number: port } } }] },
        { match: [{ gateways: [this.gateway.gatewayReference], port, sniHosts: [this.host] }], route: [{ destination: { host: this.upstreamHost, port: { number: port } } }] },
      ];
    }
    return spec;
  }

  /** E13: one policy per source namespace and host, its rules the namespace's grants (ALLOW rules add up). */
  private addAuthorizationPolicy(team: TeamNamespace): void {
    const name = `egress-${team.name}-to-${this.name}`;
    claimKubernetesName(this, 'name', 'AuthorizationPolicy', this.gateway.namespace, name);
    this.teamPolicies.push(istioObject<AuthorizationPolicy>(this, contentId(`Allow-${team.name}`), {
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      metadata: { name, namespace: this.gateway.namespace },
    }, () => ({
      selector: { matchLabels: this.gateway.selector },
      action: 'ALLOW',
      rules: this.grants.filter((grant) => grant.team === team).map((grant): AuthorizationPolicySpecRules => ({
        // The source namespace is known only from the mTLS peer certificate: this is why the hop must be ISTIO_MUTUAL.
        from: [{ source: { namespaces: [team.name] } }],
        to: [{
          operation: {
            hosts: [this.host],
            // The gateway pod port behind the Service's port 80, where mTLS'd requests arrive.
            ports: [String(GATEWAY_PORTS.http.targetPort)],
            paths: grant.paths,
            methods: grant.methods,
          },
        }],
      })),
    }), [this.gateway.namespaceResource]));
  }

  private checkedList(field: string, value: unknown, pattern: RegExp, problem: string, fix: string): string[] | undefined {
    if (value === undefined) return undefined;
    if (!checkList(this, field, value, fix)) return value as string[];
    if (value.length === 0) throw invalidInput(this, field, 'must not be empty', value, `${fix}, or leave ${field} out to allow every one`);
    value.forEach((entry, i) => checkPattern(this, `${field}[${i}]`, entry as string, pattern, problem, fix));
    return [...value] as string[];
  }

  private unusedProblem(): string {
    return formatProblem(this, 'allowedNamespaces', 'is empty: no namespace may use the destination', [],
      `Allow the namespaces that call "${this.host}" with destination.allow(team) or gateway.allow(team, "${this.host}"), or remove the ` +
      'destination: a route no namespace may use only widens what the gateway accepts');
  }
}
