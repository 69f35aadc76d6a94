/**
 * Cloud Service Mesh as the configuration describes it: endpoint policies with their TLS and authorization
 * policies, gateways (load-balancing API target HTTPS proxies, service-routing API gateways) with their routes and
 * backends. Shared by the rules and the access map.
 * @internal
 */
import type { CheckContext } from './context';
import type { TfResource } from './tf-model';
import { blocksAt, isObject, stringAt, stringsAt, UNKNOWN, Unknown, valueAt, referenceAt } from './values';

/** @internal */
export const TYPES = {
  serverTls: 'google_network_security_server_tls_policy',
  clientTls: 'google_network_security_client_tls_policy',
  authz: 'google_network_security_authorization_policy',
  endpoint: 'google_network_services_endpoint_policy',
  backend: 'google_compute_backend_service',
  urlMap: 'google_compute_url_map',
  httpsProxy: 'google_compute_target_https_proxy',
  httpProxy: 'google_compute_target_http_proxy',
  forwardingRule: 'google_compute_global_forwarding_rule',
  gateway: 'google_network_services_gateway',
  mesh: 'google_network_services_mesh',
  routes: ['google_network_services_http_route', 'google_network_services_grpc_route', 'google_network_services_tcp_route', 'google_network_services_tls_route'],
} as const;

/** @internal */
export interface EndpointPolicyInfo {
  readonly resource: TfResource;
  readonly serverTls: TfResource | Unknown | undefined;
  readonly authz: TfResource | Unknown | undefined;
  readonly labels: Record<string, string>;
  readonly matchAll: boolean;
  readonly ports: string[];
}

/** @internal */
export function endpointPolicies(ctx: CheckContext): EndpointPolicyInfo[] {
  return ctx.all(TYPES.endpoint).map((resource) => {
    const labels: Record<string, string> = {};
    const list = blocksAt(resource.body, 'endpoint_matcher.metadata_label_matcher.metadata_labels');
    if (list !== UNKNOWN) {
      for (const l of list) {
        if (typeof l.label_name === 'string' && typeof l.label_value === 'string') labels[l.label_name] = l.label_value;
      }
    }
    const ports = stringsAt(resource.body, 'traffic_port_selector.ports');
    return {
      resource,
      serverTls: ctx.resolve(resource, referenceAt(resource.body, 'server_tls_policy'), [TYPES.serverTls]),
      authz: ctx.resolve(resource, referenceAt(resource.body, 'authorization_policy'), [TYPES.authz]),
      labels,
      matchAll: stringAt(resource.body, 'endpoint_matcher.metadata_label_matcher.metadata_label_match_criteria') !== 'MATCH_ANY',
      ports: ports === UNKNOWN ? [] : ports,
    };
  });
}

/** A gateway: standalone Envoy proxies that terminate client connections and route into the mesh. @internal */
export interface GatewayInfo {
  readonly resource: TfResource;
  /** The gateway's name attribute (or address). */
  readonly name: string;
  readonly ports: string[];
  readonly serverTls: TfResource | Unknown | undefined;
  /** Hostnames routed through the gateway; empty when any host is. */
  readonly hostnames: string[];
  /** Backend services the gateway routes to (resolved). */
  readonly backends: TfResource[];
  /** An `authorization_policy` attribute, if the provider has one for this resource. */
  readonly authz: TfResource | Unknown | undefined;
}

function nameOf(r: TfResource): string {
  const name = stringAt(r.body, 'name');
  return typeof name === 'string' ? name : r.address;
}

function urlMapBackends(ctx: CheckContext, from: TfResource, urlMapRef: unknown): { backends: TfResource[]; hosts: string[] } {
  const urlMap = ctx.resolve(from, urlMapRef, [TYPES.urlMap]);
  if (urlMap === UNKNOWN || urlMap === undefined) return { backends: [], hosts: [] };
  const refs: unknown[] = [referenceAt(urlMap.body, 'default_service')];
  const hosts: string[] = [];
  const hostRules = blocksAt(urlMap.body, 'host_rule');
  if (hostRules !== UNKNOWN) {
    for (const h of hostRules) if (Array.isArray(h.hosts)) hosts.push(...h.hosts.filter((x): x is string => typeof x === 'string'));
  }
  const matchers = blocksAt(urlMap.body, 'path_matcher');
  if (matchers !== UNKNOWN) {
    for (const m of matchers) {
      refs.push(m.default_service);
      for (const rule of blocksAt(m, 'path_rule') === UNKNOWN ? [] : blocksAt(m, 'path_rule') as Record<string, unknown>[]) refs.push(rule.service);
      for (const rule of blocksAt(m, 'route_rules') === UNKNOWN ? [] : blocksAt(m, 'route_rules') as Record<string, unknown>[]) refs.push(rule.service);
    }
  }
  const backends = refs.map((ref) => ctx.resolve(urlMap, ref, [TYPES.backend])).filter((b): b is TfResource => b !== UNKNOWN && b !== undefined);
  return { backends: [...new Set(backends)], hosts: [...new Set(hosts)] };
}

/** Routes (service-routing API) that attach to a gateway or mesh resource. @internal */
export function routesOf(ctx: CheckContext, target: TfResource, attribute: 'gateways' | 'meshes'): { hostnames: string[]; backends: TfResource[] }[] {
  const out: { hostnames: string[]; backends: TfResource[] }[] = [];
  for (const route of ctx.all(...TYPES.routes)) {
    const raw = referenceAt(route.body, attribute);
    const refs = Array.isArray(raw) ? raw : [];
    if (!refs.some((ref) => ctx.resolve(route, ref, [target.type]) === target)) continue;
    const hostnames = stringsAt(route.body, 'hostnames');
    const backends: TfResource[] = [];
    const rules = blocksAt(route.body, 'rules');
    for (const rule of rules === UNKNOWN ? [] : rules) {
      const destinations = blocksAt(rule, 'action.destinations');
      for (const d of destinations === UNKNOWN ? [] : destinations) {
        const b = ctx.resolve(route, d.service_name, [TYPES.backend]);
        if (b !== UNKNOWN && b !== undefined) backends.push(b);
      }
    }
    out.push({ hostnames: hostnames === UNKNOWN ? [] : hostnames, backends });
  }
  return out;
}

/** Every gateway of the configuration. @internal */
export function gateways(ctx: CheckContext): GatewayInfo[] {
  const out: GatewayInfo[] = [];
  // Load-balancing API: a target proxy that a mesh forwarding rule points at, with proxy_bind (the seeds' ingress gateway, L4).
  for (const proxy of ctx.all(TYPES.httpsProxy, TYPES.httpProxy)) {
    if (valueAt(proxy.body, 'proxy_bind') !== true && valueAt(proxy.body, 'proxy_bind') !== 'true') continue;
    const ports: string[] = [];
    for (const rule of ctx.all(TYPES.forwardingRule)) {
      if (ctx.resolve(rule, referenceAt(rule.body, 'target'), [proxy.type]) !== proxy) continue;
      const range = stringAt(rule.body, 'port_range');
      if (typeof range === 'string') ports.push(range);
      const list = stringsAt(rule.body, 'ports');
      if (list !== UNKNOWN) ports.push(...list);
    }
    const { backends, hosts } = urlMapBackends(ctx, proxy, referenceAt(proxy.body, 'url_map'));
    out.push({
      resource: proxy,
      name: nameOf(proxy),
      ports: [...new Set(ports)],
      serverTls: proxy.type === TYPES.httpsProxy ? ctx.resolve(proxy, referenceAt(proxy.body, 'server_tls_policy'), [TYPES.serverTls]) : undefined,
      hostnames: hosts,
      backends,
      authz: ctx.resolve(proxy, referenceAt(proxy.body, 'authorization_policy'), [TYPES.authz]),
    });
  }
  // Service-routing API: Gateway resources of type OPEN_MESH (R3) and the routes that name them.
  for (const gw of ctx.all(TYPES.gateway)) {
    if (stringAt(gw.body, 'type') === 'SECURE_WEB_GATEWAY') continue;
    const ports = stringsAt(gw.body, 'ports');
    const routes = routesOf(ctx, gw, 'gateways');
    out.push({
      resource: gw,
      name: nameOf(gw),
      ports: ports === UNKNOWN ? [] : ports,
      serverTls: ctx.resolve(gw, referenceAt(gw.body, 'server_tls_policy'), [TYPES.serverTls]),
      hostnames: [...new Set(routes.flatMap((r) => r.hostnames))],
      backends: [...new Set(routes.flatMap((r) => r.backends))],
      authz: ctx.resolve(gw, referenceAt(gw.body, 'authorization_policy'), [TYPES.authz]),
    });
  }
  return out;
}

/** One rule of a Cloud Service Mesh authorization policy. @internal */
export interface AuthzRuleInfo {
  readonly index: number;
  /** Principals; empty when the rule has no sources (any caller). `*` stands for any. */
  readonly principals: string[];
  readonly ipBlocks: string[];
  /** Whether some source matches any caller (no sources, an empty source, or the principal `*`). */
  readonly anyCaller: boolean;
  readonly destinations: { hosts: string[]; ports: string[]; methods: string[]; paths: string[] }[];
  readonly unknown: boolean;
}

/** @internal */
export function authzRules(policy: TfResource): AuthzRuleInfo[] | Unknown {
  const rules = blocksAt(policy.body, 'rules');
  if (rules === UNKNOWN) return UNKNOWN;
  return rules.map((rule, index) => {
    const sources = blocksAt(rule, 'sources');
    const destinations = blocksAt(rule, 'destinations');
    let unknown = sources === UNKNOWN || destinations === UNKNOWN;
    const principals: string[] = [];
    const ipBlocks: string[] = [];
    let anyCaller = sources !== UNKNOWN && sources.length === 0;
    for (const s of sources === UNKNOWN ? [] : sources) {
      const p = stringsAt(s, 'principals');
      const ip = stringsAt(s, 'ip_blocks');
      if (p === UNKNOWN || ip === UNKNOWN) { unknown = true; continue; }
      principals.push(...p);
      ipBlocks.push(...ip);
      if ((p.length === 0 && ip.length === 0) || p.includes('*')) anyCaller = true;
    }
    const dests = (destinations === UNKNOWN ? [] : destinations).map((d) => {
      const hosts = stringsAt(d, 'hosts');
      const ports = stringsAt(d, 'ports');
      const methods = stringsAt(d, 'methods');
      if (hosts === UNKNOWN || ports === UNKNOWN || methods === UNKNOWN) unknown = true;
      return {
        hosts: hosts === UNKNOWN ? [] : hosts,
        ports: ports === UNKNOWN ? [] : ports,
        methods: methods === UNKNOWN ? [] : methods,
        paths: [] as string[],
      };
    });
    return { index, principals, ipBlocks, anyCaller: anyCaller && !unknown, destinations: dests, unknown };
  });
}

/** Endpoint policies that reference an authorization policy (known references only). @internal */
export function endpointPoliciesUsing(ctx: CheckContext, policy: TfResource): { known: TfResource[]; unknown: TfResource[] } {
  return ctx.referrers(policy, [TYPES.endpoint], ['authorization_policy']);
}

/**
 * Whether an authorization policy guards a gateway rather than sidecar endpoints: attached to a gateway resource,
 * or unused by any endpoint policy while every destination it names is a gateway's port or hostname. A gateway that
 * terminates TLS for clients outside the mesh (S15, S16) cannot know their principals, so its rules have no sources.
 * @internal
 */
export function isGatewayPolicy(ctx: CheckContext, policy: TfResource, gws: GatewayInfo[] = gateways(ctx)): boolean {
  if (gws.some((g) => g.authz === policy)) return true;
  const users = endpointPoliciesUsing(ctx, policy);
  if (users.known.length > 0 || users.unknown.length > 0 || gws.length === 0) return false;
  const rules = authzRules(policy);
  if (rules === UNKNOWN || rules.length === 0) return false;
  const ports = new Set(gws.flatMap((g) => g.ports));
  const hosts = new Set(gws.flatMap((g) => g.hostnames));
  return rules.every((r) => r.destinations.length > 0 && r.destinations.every((d) =>
    (d.ports.length > 0 && d.ports.every((p) => ports.has(p))) || (d.hosts.length > 0 && d.hosts.every((h) => hosts.has(h)))));
}

/** Whether a server TLS policy requires and validates client certificates. @internal */
export function requiresClientCertificates(policy: TfResource): boolean | Unknown {
  const mtls = valueAt(policy.body, 'mtls_policy');
  if (mtls === UNKNOWN) return UNKNOWN;
  if (!isObject(mtls)) return false;
  const mode = stringAt(mtls, 'client_validation_mode');
  if (mode === UNKNOWN) return UNKNOWN;
  return mode !== 'ALLOW_INVALID_OR_MISSING_CLIENT_CERT';
}
