/**
 * Istio objects (kubernetes_manifest) that control egress: Sidecars, ServiceEntries, Gateways, AuthorizationPolicies,
 * VirtualServices and DestinationRules (seed 001, SPEC E9–E13).
 * @internal
 */
import type { CheckContext } from './context';
import type { K8sObject } from './kubernetes-objects';
import { isObject, UNKNOWN, valueAt } from './values';

/** The namespace whose Sidecar and AuthorizationPolicies apply mesh-wide (Istio's root namespace). @internal */
export const ROOT_NAMESPACE = 'istio-system';

function list(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

function strs(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v) => typeof v === 'string' || typeof v === 'number').map(String) : [];
}

function labels(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObject(value)) for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

function ns(o: K8sObject): string {
  return o.namespace === UNKNOWN ? '' : o.namespace;
}

function istio(ctx: CheckContext, kind: string): K8sObject[] {
  return ctx.k8s.filter((o) => o.kind === kind && /(^|\.)istio\.io\//.test(o.apiVersion));
}

/** @internal */
export interface SidecarInfo {
  readonly object: K8sObject;
  readonly namespace: string;
  readonly hasWorkloadSelector: boolean;
  readonly mode: string | undefined;
  readonly egressHosts: string[];
}

/** @internal */
export function sidecars(ctx: CheckContext): SidecarInfo[] {
  return istio(ctx, 'Sidecar').map((object) => ({
    object,
    namespace: ns(object),
    hasWorkloadSelector: isObject(object.spec.workloadSelector),
    mode: typeof valueAt(object.spec, 'outboundTrafficPolicy.mode') === 'string' ? valueAt(object.spec, 'outboundTrafficPolicy.mode') as string : undefined,
    egressHosts: list(object.spec.egress).flatMap((e) => strs(e.hosts)),
  }));
}

/** The Sidecar that applies to a namespace's workloads by default: its own, else the root namespace's. @internal */
export function defaultSidecar(all: SidecarInfo[], namespace: string): SidecarInfo | undefined {
  return all.find((s) => s.namespace === namespace && !s.hasWorkloadSelector)
    ?? all.find((s) => s.namespace === ROOT_NAMESPACE && !s.hasWorkloadSelector);
}

/** @internal */
export interface ServiceEntryInfo {
  readonly object: K8sObject;
  readonly namespace: string;
  readonly hosts: string[];
  /** exportTo as written; undefined when absent (visible everywhere). */
  readonly exportTo: string[] | undefined;
  readonly ports: { number: string; protocol: string; name: string }[];
  readonly external: boolean;
}

/** @internal */
export function serviceEntries(ctx: CheckContext): ServiceEntryInfo[] {
  return istio(ctx, 'ServiceEntry').map((object) => ({
    object,
    namespace: ns(object),
    hosts: strs(object.spec.hosts),
    exportTo: Array.isArray(object.spec.exportTo) ? strs(object.spec.exportTo) : undefined,
    ports: list(object.spec.ports).map((p) => ({ number: String(p.number ?? ''), protocol: String(p.protocol ?? ''), name: String(p.name ?? '') })),
    external: object.spec.location !== 'MESH_INTERNAL',
  }));
}

/** Whether a ServiceEntry is visible to workloads of a namespace (exportTo). @internal */
export function exportedTo(entry: ServiceEntryInfo, namespace: string): boolean {
  if (entry.exportTo === undefined) return true;
  return entry.exportTo.some((e) => e === '*' || e === namespace || (e === '.' && entry.namespace === namespace));
}

/** Whether an Istio host pattern (`example.com`, `*.example.com`, `*`) matches a host. @internal */
export function hostMatches(pattern: string, host: string): boolean {
  if (pattern === '*' || pattern === host) return true;
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1)) || host === pattern;
  return false;
}

/** @internal */
export interface IstioGatewayInfo {
  readonly object: K8sObject;
  readonly namespace: string;
  readonly name: string;
  readonly selector: Record<string, string>;
  readonly servers: { port: string; protocol: string; hosts: string[]; tlsMode: string | undefined }[];
}

/** @internal */
export function istioGateways(ctx: CheckContext): IstioGatewayInfo[] {
  return istio(ctx, 'Gateway').map((object) => ({
    object,
    namespace: ns(object),
    name: object.name === UNKNOWN ? '' : object.name,
    selector: labels(object.spec.selector),
    servers: list(object.spec.servers).map((s) => ({
      port: String(valueAt(s, 'port.number') ?? ''),
      protocol: String(valueAt(s, 'port.protocol') ?? ''),
      hosts: strs(s.hosts).map((h) => h.replace(/^[^/]*\//, '')),
      tlsMode: typeof valueAt(s, 'tls.mode') === 'string' ? valueAt(s, 'tls.mode') as string : undefined,
    })),
  }));
}

/**
 * Gateways for egress: selected by an `…egress…` label, living in an `…egress…` namespace, or serving a host that a
 * ServiceEntry registers as external.
 * @internal
 */
export function egressGateways(ctx: CheckContext): IstioGatewayInfo[] {
  const external = serviceEntries(ctx).filter((e) => e.external).flatMap((e) => e.hosts);
  return istioGateways(ctx).filter((g) =>
    Object.values(g.selector).some((v) => /egress/i.test(v)) || /egress/i.test(g.namespace)
    || g.servers.some((s) => s.hosts.some((h) => h !== '*' && external.some((e) => hostMatches(h, e) || hostMatches(e, h)))));
}

/** @internal */
export interface IstioAuthzRule {
  /** Source namespaces (`*` for any); principals' namespaces are included. Empty `from` is any source. */
  readonly namespaces: string[];
  readonly principals: string[];
  readonly anySource: boolean;
  readonly hosts: string[];
  readonly paths: string[];
  readonly methods: string[];
  readonly ports: string[];
  /** `when` conditions the map cannot fold into hosts, ports or namespaces. */
  readonly conditions: number;
}

/** @internal */
export interface IstioAuthzInfo {
  readonly object: K8sObject;
  readonly namespace: string;
  readonly name: string;
  readonly selector: Record<string, string> | undefined;
  readonly action: string;
  readonly rules: IstioAuthzRule[];
}

/** @internal */
export function istioAuthorizationPolicies(ctx: CheckContext): IstioAuthzInfo[] {
  return istio(ctx, 'AuthorizationPolicy').map((object) => {
    const selector = isObject(object.spec.selector) ? labels(valueAt(object.spec, 'selector.matchLabels')) : undefined;
    const rules = list(object.spec.rules).map((rule) => {
      const froms = list(rule.from).map((f) => (isObject(f.source) ? f.source : {}));
      const namespaces: string[] = [];
      const principals: string[] = [];
      let anySource = froms.length === 0;
      for (const source of froms) {
        const n = strs(source.namespaces);
        const p = strs(source.principals);
        namespaces.push(...n);
        principals.push(...p);
        for (const principal of p) {
          const m = /\/ns\/([^/]+)\/sa\//.exec(principal);
          if (m) namespaces.push(m[1]);
        }
        if ((n.length === 0 && p.length === 0 && strs(source.requestPrincipals).length === 0 && strs(source.ipBlocks).length === 0) || n.includes('*') || p.includes('*')) anySource = true;
      }
      const tos = list(rule.to).map((t) => (isObject(t.operation) ? t.operation : {}));
      const hosts = tos.flatMap((t) => strs(t.hosts));
      const ports = tos.flatMap((t) => strs(t.ports));
      // `when` conditions that narrow the same things (a PASSTHROUGH host is matched by SNI, not by Host header).
      let conditions = 0;
      for (const w of list(rule.when)) {
        const values = strs(w.values);
        if (w.key === 'connection.sni' && hosts.length === 0) hosts.push(...values);
        else if (w.key === 'source.namespace' && anySource) { namespaces.push(...values); anySource = values.length === 0; }
        else if (w.key === 'destination.port' && ports.length === 0) ports.push(...values);
        else conditions++;
      }
      return {
        namespaces: [...new Set(namespaces)],
        principals,
        anySource,
        hosts,
        paths: tos.flatMap((t) => strs(t.paths)),
        methods: tos.flatMap((t) => strs(t.methods)),
        ports,
        conditions,
      };
    });
    return {
      object,
      namespace: ns(object),
      name: object.name === UNKNOWN ? '' : object.name,
      selector,
      action: typeof object.spec.action === 'string' ? object.spec.action : 'ALLOW',
      rules,
    };
  });
}

/** Authorization policies that apply to a gateway's pods (same namespace and selector, or the root namespace). @internal */
export function policiesFor(all: IstioAuthzInfo[], gateway: IstioGatewayInfo): IstioAuthzInfo[] {
  return all.filter((p) => {
    if (p.namespace !== gateway.namespace && p.namespace !== ROOT_NAMESPACE) return false;
    if (p.selector === undefined || Object.keys(p.selector).length === 0) return true;
    return Object.entries(p.selector).every(([k, v]) => gateway.selector[k] === v);
  });
}

/** @internal */
export interface DestinationRuleInfo {
  readonly object: K8sObject;
  readonly namespace: string;
  readonly host: string;
  readonly tlsModes: string[];
  readonly exportTo: string[] | undefined;
}

/** @internal */
export function destinationRules(ctx: CheckContext): DestinationRuleInfo[] {
  return istio(ctx, 'DestinationRule').map((object) => {
    const modes: string[] = [];
    const policy = valueAt(object.spec, 'trafficPolicy');
    const mode = valueAt(policy, 'tls.mode');
    if (typeof mode === 'string') modes.push(mode);
    for (const p of list(valueAt(policy, 'portLevelSettings'))) {
      const m = valueAt(p, 'tls.mode');
      if (typeof m === 'string') modes.push(m);
    }
    for (const subset of list(object.spec.subsets)) {
      const m = valueAt(subset, 'trafficPolicy.tls.mode');
      if (typeof m === 'string') modes.push(m);
    }
    return {
      object,
      namespace: ns(object),
      host: typeof object.spec.host === 'string' ? object.spec.host : '',
      tlsModes: [...new Set(modes)],
      exportTo: Array.isArray(object.spec.exportTo) ? strs(object.spec.exportTo) : undefined,
    };
  });
}

/** @internal */
export interface VirtualServiceInfo {
  readonly object: K8sObject;
  readonly namespace: string;
  readonly hosts: string[];
  readonly gateways: string[];
  readonly destinations: string[];
}

/** @internal */
export function virtualServices(ctx: CheckContext): VirtualServiceInfo[] {
  return istio(ctx, 'VirtualService').map((object) => {
    const routes = [...list(object.spec.http), ...list(object.spec.tls), ...list(object.spec.tcp)];
    return {
      object,
      namespace: ns(object),
      hosts: strs(object.spec.hosts),
      gateways: [...strs(object.spec.gateways), ...routes.flatMap((r) => list(r.match).flatMap((m) => strs(m.gateways)))],
      destinations: routes.flatMap((r) => list(r.route).map((d) => String(valueAt(d, 'destination.host') ?? ''))),
    };
  });
}
