import { compareText } from '../core/order';
import { CheckContext } from './context';
import {
  defaultSidecar, destinationRules, egressGateways, exportedTo, hostMatches, istioAuthorizationPolicies,
  policiesFor, serviceEntries, sidecars, virtualServices,
} from './istio-model';
import type { K8sWorkload } from './kubernetes-objects';
import { selects } from './kubernetes-objects';
import { renderDot, renderMarkdown, renderMarkdownTable, renderMermaid } from './access-map-render';
import {
  authzRules, endpointPolicies, EndpointPolicyInfo, gateways, GatewayInfo, isGatewayPolicy, requiresClientCertificates, TYPES,
} from './mesh-model';
import type { TerraformConfiguration } from './terraform-configuration';
import type { TfResource } from './tf-model';
import { blocksAt, boolAt, isObject, referenceAt, stringAt, stringsAt, UNKNOWN, valueAt } from './values';

/** Which part of the mesh an access entry describes. */
export enum AccessKind {
  /** Service to service inside Cloud Service Mesh (endpoint and authorization policies). */
  MESH = 'mesh',
  /** From outside the mesh through an ingress gateway. */
  INGRESS = 'ingress',
  /** From a namespace to an external host through an Istio egress gateway. */
  EGRESS = 'egress',
}

/** Who may reach what, on which ports and methods, over which transport, and which layers enforce it. */
export interface AccessEntry {
  /** Service to service, ingress or egress. */
  readonly kind: AccessKind;
  /** The caller: a SPIFFE principal, `namespace NAME`, or `any client` / `any caller`. */
  readonly source: string;
  /** Workloads of the configuration that act as the source (`NAMESPACE/NAME`). */
  readonly sourceWorkloads: string[];
  /** The destination: a Kubernetes Service, the matched workloads, or an external host. */
  readonly destination: string;
  /** Workloads that serve the destination (`NAMESPACE/NAME`). */
  readonly destinationWorkloads: string[];
  /** Allowed hosts (HTTP Host / SNI); empty means any. */
  readonly hosts: string[];
  /** Allowed ports; empty means any. */
  readonly ports: string[];
  /** Allowed HTTP methods; empty means any. */
  readonly methods: string[];
  /** Allowed paths; empty means any. */
  readonly paths: string[];
  /** Whether the hop into the destination (for ingress: gateway → service; for egress: sidecar → gateway) is mutual TLS. */
  readonly mutualTls: boolean;
  /** The transport of each hop, in words. */
  readonly transport: string;
  /** The gateway on the way, or empty. */
  readonly via: string;
  /** The enforcing layers, e.g. `AuthorizationPolicy`, `NetworkPolicy`, `Sidecar`, `VPC firewall`. */
  readonly layers: string[];
  /** The enforcing objects, e.g. `AuthorizationPolicy authz-policy (google_network_security_authorization_policy.X)`. */
  readonly enforcedBy: string[];
  /** Stacks whose resources make up the entry. */
  readonly stacks: string[];
  /** Caveats: values known only at apply time, attachments Terraform cannot make, … */
  readonly notes: string[];
}

/**
 * Who may reach whom, computed from the synthesized configuration alone: for Cloud Service Mesh, principals × hosts,
 * ports and methods allowed by endpoint and authorization policies with the mTLS status of each hop; for ingress,
 * the gateways and where they forward to; for egress, namespace × external host/path allowed at an Istio egress
 * gateway and the layers (NetworkPolicy, Sidecar, AuthorizationPolicy, VPC firewall) that enforce it.
 */
export class AccessMap {
  /** Computes the map of a configuration. */
  public static of(config: TerraformConfiguration): AccessMap {
    const ctx = new CheckContext(config);
    const notes: string[] = [];
    const entries = [...meshEntries(ctx, notes), ...ingressEntries(ctx, notes), ...egressEntries(ctx, notes)];
    return new AccessMap(entries, [...new Set(notes)], config.stacks.map((s) => s.name));
  }

  /** Every allowed path, mesh entries first, then ingress, then egress. */
  public readonly entries: AccessEntry[];
  /** Caveats about the whole map (paths that are blocked, values known only at apply time). */
  public readonly notes: string[];
  /** Stacks the map was computed from. */
  public readonly stacks: string[];

  private constructor(entries: AccessEntry[], notes: string[], stacks: string[]) {
    const order = [AccessKind.MESH, AccessKind.INGRESS, AccessKind.EGRESS];
    this.entries = [...entries].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind)
      || compareText(a.stacks.join(), b.stacks.join()) || compareText(a.source, b.source) || compareText(a.destination, b.destination));
    this.notes = notes;
    this.stacks = stacks;
  }

  /** The whole document: tables per kind, notes and a Mermaid diagram. */
  public toMarkdown(title?: string): string {
    return renderMarkdown(this, title ?? 'Access map');
  }

  /** Just the tables. */
  public toMarkdownTable(): string {
    return renderMarkdownTable(this);
  }

  /** A Mermaid flowchart. */
  public toMermaid(): string {
    return renderMermaid(this);
  }

  /** A Graphviz DOT digraph. */
  public toDot(): string {
    return renderDot(this);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Cloud Service Mesh

function nameOf(r: TfResource): string {
  const n = stringAt(r.body, 'name');
  return typeof n === 'string' ? n : r.address;
}

function describeResource(kind: string, r: TfResource): string {
  return `${kind} ${nameOf(r)} (${r.stack}: ${r.address})`;
}

function proxyMetadata(w: K8sWorkload): Record<string, string> {
  const raw = w.podAnnotations['cloud.google.com/proxyMetadata'];
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw) as unknown;
    const out: Record<string, string> = {};
    if (isObject(parsed)) for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') out[k] = v;
    return out;
  } catch {
    return {};
  }
}

function workloadName(w: K8sWorkload): string {
  const ns = w.object.namespace === UNKNOWN ? '?' : w.object.namespace;
  const name = w.object.name === UNKNOWN ? '?' : w.object.name;
  return `${ns}/${name}`;
}

/** NEG names a Service exposes through `cloud.google.com/neg` (S10). */
function negNames(annotations: Record<string, string>): string[] {
  const raw = annotations['cloud.google.com/neg'];
  if (!raw) return [];
  try {
    const parsed = JSON.parse(raw) as { exposed_ports?: Record<string, { name?: string }> };
    return Object.values(parsed.exposed_ports ?? {}).map((p) => p.name).filter((n): n is string => typeof n === 'string');
  } catch {
    return [];
  }
}

interface Endpoints {
  readonly workloads: K8sWorkload[];
  readonly services: string[];
  readonly negs: string[];
}

function endpointsOf(ctx: CheckContext, e: EndpointPolicyInfo): Endpoints {
  const wanted = Object.entries(e.labels);
  const workloads = ctx.near(e.resource.stack, ctx.workloads, (w) => w.object.resource.stack).filter((w) => {
    const meta = proxyMetadata(w);
    if (wanted.length === 0) return false;
    return e.matchAll ? wanted.every(([k, v]) => meta[k] === v) : wanted.some(([k, v]) => meta[k] === v);
  });
  const services: string[] = [];
  const negs: string[] = [];
  for (const s of ctx.near(e.resource.stack, ctx.services, (x) => x.object.resource.stack)) {
    if (!workloads.some((w) => w.object.namespace === s.object.namespace && selects(s.selector, w.podLabels))) continue;
    if (typeof s.object.name === 'string') services.push(s.object.name);
    negs.push(...negNames(s.object.annotations));
  }
  return { workloads, services: [...new Set(services)], negs: [...new Set(negs)] };
}

/** Backend services whose NEG backends are the endpoints' NEGs. */
function backendsTo(ctx: CheckContext, from: TfResource, negs: string[]): TfResource[] {
  return ctx.near(from.stack, ctx.all(TYPES.backend), (b) => b.stack).filter((b) => {
    const backends = blocksAt(b.body, 'backend');
    if (backends === UNKNOWN) return false;
    return backends.some((be) => typeof be.group === 'string' && negs.includes(be.group.split('/').pop() ?? ''));
  });
}

interface ClientTls {
  readonly backend: TfResource;
  readonly policy: TfResource | undefined;
  readonly mutual: boolean;
  readonly unknown: boolean;
}

function clientTlsOf(ctx: CheckContext, backend: TfResource): ClientTls {
  const ref = referenceAt(backend.body, 'security_settings.client_tls_policy');
  if (ref === undefined) return { backend, policy: undefined, mutual: false, unknown: false };
  const policy = ctx.resolve(backend, ref, [TYPES.clientTls]);
  if (policy === UNKNOWN || policy === undefined) return { backend, policy: undefined, mutual: true, unknown: true };
  return { backend, policy, mutual: valueAt(policy.body, 'client_certificate') !== undefined, unknown: false };
}

/** The trust domain (`PROJECT_ID.svc.id.goog`) of the configuration's clusters. */
function trustDomains(ctx: CheckContext): string[] {
  return [...new Set(ctx.all('google_container_cluster').map((c) => stringAt(c.body, 'workload_identity_config.workload_pool'))
    .filter((p): p is string => typeof p === 'string' && p !== ''))];
}

/** Workloads running as a principal `spiffe://TD/ns/NS/sa/KSA`. */
function workloadsOfPrincipal(ctx: CheckContext, from: TfResource, principal: string): K8sWorkload[] {
  const m = /^spiffe:\/\/[^/]+\/ns\/([^/]+)\/sa\/([^/]+)$/.exec(principal);
  if (!m) return [];
  return ctx.near(from.stack, ctx.workloads, (w) => w.object.resource.stack).filter((w) => w.object.namespace === m[1] && w.serviceAccount === m[2]);
}

/** Standalone Envoy deployments that serve a gateway (S14): no sidecar, mesh certificates mounted, listening on a gateway port. */
function gatewayWorkloads(ctx: CheckContext, gw: GatewayInfo): K8sWorkload[] {
  return ctx.near(gw.resource.stack, ctx.workloads, (w) => w.object.resource.stack).filter((w) => w.podAnnotations['sidecar.istio.io/inject'] === 'false'
    && w.csiDrivers.includes('workloadcertificates.security.cloud.google.com')
    && w.containerPorts.some((p) => gw.ports.includes(String(p))));
}

function label(workload: K8sWorkload, gatewayNames: Set<string>): string {
  const name = workloadName(workload);
  return gatewayNames.has(name) ? `${name} (gateway)` : name;
}

function meshEntries(ctx: CheckContext, notes: string[]): AccessEntry[] {
  const out: AccessEntry[] = [];
  const gws = gateways(ctx);
  const gatewayNames = new Set(gws.flatMap((g) => gatewayWorkloads(ctx, g).map(workloadName)));
  for (const e of endpointPolicies(ctx)) {
    const endpoints = endpointsOf(ctx, e);
    const labelText = Object.entries(e.labels).map(([k, v]) => `${k}=${v}`).join(e.matchAll ? ', ' : ' or ');
    const destination = endpoints.services.length > 0 ? endpoints.services.join(', ') : `workloads with ${labelText}`;
    const enforcedBy = [describeResource('EndpointPolicy', e.resource)];
    const layers = ['EndpointPolicy'];
    const entryNotes: string[] = [];
    if (endpoints.workloads.length === 0) entryNotes.push(`no workload of the configuration carries proxy metadata ${labelText}`);

    // Server side (S12): does the endpoint require client certificates?
    let serverMutual = false;
    let serverText = 'plaintext (no server TLS policy)';
    if (e.serverTls === UNKNOWN) {
      serverText = 'server TLS policy known only at apply time';
      entryNotes.push(serverText);
    } else if (e.serverTls !== undefined) {
      const requires = requiresClientCertificates(e.serverTls);
      const open = boolAt(e.serverTls.body, 'allow_open') === true;
      serverMutual = requires === true && !open;
      serverText = open ? `plaintext also accepted (${nameOf(e.serverTls)} allow_open)`
        : requires === true ? `mTLS required by ${nameOf(e.serverTls)}` : `TLS without client validation (${nameOf(e.serverTls)})`;
      enforcedBy.push(describeResource('ServerTlsPolicy', e.serverTls));
      layers.push('ServerTlsPolicy');
    }
    // Client side (S11): the backend services in front of these endpoints.
    const clients = backendsTo(ctx, e.resource, endpoints.negs).map((b) => clientTlsOf(ctx, b));
    for (const c of clients) {
      if (c.policy) {
        enforcedBy.push(`${describeResource('ClientTlsPolicy', c.policy)} on backend service ${nameOf(c.backend)}`);
        if (!layers.includes('ClientTlsPolicy')) layers.push('ClientTlsPolicy');
      } else if (!c.unknown) {
        entryNotes.push(`backend service ${nameOf(c.backend)} has no client TLS policy: its clients send plaintext${serverMutual ? ', which these endpoints reject' : ''}`);
      }
    }
    const clientsMutual = clients.length > 0 && clients.every((c) => c.mutual);
    const mutualTls = serverMutual && (clients.length === 0 || clientsMutual);
    const transport = clients.length === 0 ? serverText
      : `${serverText}; clients present certificates via ${clients.map((c) => c.policy ? nameOf(c.policy) : `no policy on ${nameOf(c.backend)}`).join(', ')}`;

    const base = {
      kind: AccessKind.MESH,
      destination,
      destinationWorkloads: endpoints.workloads.map((w) => label(w, gatewayNames)),
      mutualTls,
      transport,
      via: '',
      stacks: [e.resource.stack],
    };
    if (e.authz === undefined) {
      out.push({
        ...base, source: serverMutual ? 'any mesh workload' : 'any caller', sourceWorkloads: [], hosts: [], ports: e.ports, methods: [], paths: [],
        layers, enforcedBy, notes: [...entryNotes, 'no authorization policy: every caller that passes TLS is allowed'],
      });
      continue;
    }
    if (e.authz === UNKNOWN) {
      notes.push(`${e.resource.address} (${e.resource.stack}): its authorization policy is known only at apply time; the map cannot list its callers`);
      continue;
    }
    const policy = e.authz;
    enforcedBy.push(describeResource('AuthorizationPolicy', policy));
    layers.push('AuthorizationPolicy');
    const action = stringAt(policy.body, 'action');
    const rules = authzRules(policy);
    if (action !== 'ALLOW' || rules === UNKNOWN) {
      notes.push(`${policy.address} (${policy.stack}): action ${String(action)} or rules known only at apply time; not mapped`);
      continue;
    }
    if (rules.length === 0) {
      out.push({ ...base, source: 'any caller', sourceWorkloads: [], hosts: [], ports: e.ports, methods: [], paths: [], layers, enforcedBy, notes: [...entryNotes, 'ALLOW policy without rules'] });
      continue;
    }
    for (const rule of rules) {
      const sources = rule.anyCaller ? [serverMutual ? 'any mesh workload' : 'any caller'] : [...rule.principals, ...rule.ipBlocks.map((b) => `ip ${b}`)];
      const destinations = rule.destinations.length > 0 ? rule.destinations : [{ hosts: [], ports: [], methods: [], paths: [] }];
      for (const source of sources) {
        const callers = workloadsOfPrincipal(ctx, e.resource, source);
        for (const d of destinations) {
          out.push({
            ...base,
            source,
            sourceWorkloads: callers.map((w) => label(w, gatewayNames)),
            hosts: d.hosts,
            ports: d.ports.length > 0 ? d.ports : e.ports,
            methods: d.methods,
            paths: d.paths,
            layers,
            enforcedBy,
            notes: rule.unknown ? [...entryNotes, 'part of the rule is known only at apply time'] : entryNotes,
          });
        }
      }
    }
  }
  return out;
}

function ingressEntries(ctx: CheckContext, notes: string[]): AccessEntry[] {
  const out: AccessEntry[] = [];
  const domains = trustDomains(ctx);
  const gws = gateways(ctx);
  const gatewayPolicies = ctx.all(TYPES.authz).filter((p) => isGatewayPolicy(ctx, p, gws));
  for (const gw of gws) {
    const enforcedBy: string[] = [];
    const layers: string[] = [];
    const entryNotes: string[] = [];
    let clientMutual = false;
    let tlsText = 'plaintext from clients';
    if (gw.serverTls === UNKNOWN) tlsText = 'TLS policy known only at apply time';
    else if (gw.serverTls !== undefined) {
      clientMutual = requiresClientCertificates(gw.serverTls) === true;
      tlsText = `${clientMutual ? 'mTLS' : 'TLS'} terminated at the gateway (${nameOf(gw.serverTls)})`;
      enforcedBy.push(describeResource('ServerTlsPolicy', gw.serverTls));
      layers.push('ServerTlsPolicy');
    }
    // The gateway's authorization (S16): attached, or a policy that names only this gateway's hosts and ports.
    const policies = gw.authz !== undefined && gw.authz !== UNKNOWN ? [gw.authz]
      : gatewayPolicies.filter((p) => {
        const rules = authzRules(p);
        return rules !== UNKNOWN && rules.some((r) => r.destinations.some((d) => d.ports.some((port) => gw.ports.includes(port)) || d.hosts.some((h) => gw.hostnames.includes(h))));
      }).sort((a, b) => ctx.stackOrder(gw.resource.stack).indexOf(a.stack) - ctx.stackOrder(gw.resource.stack).indexOf(b.stack)).slice(0, 1);
    const destinations: { hosts: string[]; ports: string[]; methods: string[] }[] = [];
    for (const p of policies) {
      enforcedBy.push(describeResource('AuthorizationPolicy', p));
      if (!layers.includes('AuthorizationPolicy')) layers.push('AuthorizationPolicy');
      if (gw.authz !== p) entryNotes.push(`${nameOf(p)} is not attached to ${gw.name} in Terraform (the provider has no field for it): attach it as the configuration's outputs explain, or rely on the endpoints' policy`);
      const rules = authzRules(p);
      if (rules !== UNKNOWN) for (const r of rules) destinations.push(...r.destinations);
    }
    if (destinations.length === 0) destinations.push({ hosts: gw.hostnames, ports: gw.ports, methods: [] });

    // The hop into the mesh: the gateway's Envoy calls the backends with its own mesh certificate (S14).
    const workloads = gatewayWorkloads(ctx, gw);
    const principals = [...new Set(workloads.flatMap((w) => domains.map((d) => `spiffe://${d}/ns/${w.object.namespace === UNKNOWN ? '?' : w.object.namespace}/sa/${w.serviceAccount === UNKNOWN ? '?' : w.serviceAccount}`)))];
    const clients = gw.backends.map((b) => clientTlsOf(ctx, b));
    const hopMutual = clients.length > 0 && clients.every((c) => c.mutual);
    for (const c of clients) {
      if (c.policy) {
        enforcedBy.push(`${describeResource('ClientTlsPolicy', c.policy)} on backend service ${nameOf(c.backend)}`);
        if (!layers.includes('ClientTlsPolicy')) layers.push('ClientTlsPolicy');
      }
    }
    const targetServices = gw.backends.map((b) => {
      const negs = blocksAt(b.body, 'backend');
      const names = negs === UNKNOWN ? [] : negs.map((n) => (typeof n.group === 'string' ? n.group.split('/').pop() ?? '' : ''));
      return { backend: b, services: ctx.near(b.stack, ctx.services, (x) => x.object.resource.stack).filter((s) => negNames(s.object.annotations).some((n) => names.includes(n))) };
    });
    const targets = targetServices.flatMap((t) => (t.services.length > 0 ? t.services.map((s) => String(s.object.name)) : [nameOf(t.backend)]));
    const targetWorkloads = ctx.near(gw.resource.stack, ctx.workloads, (w) => w.object.resource.stack).filter((w) => targetServices.some((t) => t.services.some((s) =>
      s.object.namespace === w.object.namespace && selects(s.selector, w.podLabels)))).map(workloadName);
    if (gw.backends.length === 0) entryNotes.push(`no backend of ${gw.name} is in the configuration`);
    const hop = `${hopMutual ? 'mTLS' : 'no mTLS'} from the gateway to ${gw.backends.map(nameOf).join(', ') || 'its backends'}${principals.length > 0 ? ` as ${principals.join(', ')}` : ''}`;
    for (const d of destinations) {
      out.push({
        kind: AccessKind.INGRESS,
        source: clientMutual ? 'clients with a mesh certificate' : 'any client',
        sourceWorkloads: [],
        destination: [...new Set(targets)].join(', ') || gw.name,
        destinationWorkloads: [...new Set(targetWorkloads)],
        hosts: d.hosts,
        ports: d.ports.length > 0 ? d.ports : gw.ports,
        methods: d.methods,
        paths: [],
        mutualTls: hopMutual,
        transport: `${tlsText}; ${hop}`,
        via: `${gw.name} (${gw.resource.type === TYPES.gateway ? 'Gateway' : 'target HTTPS proxy'}${workloads.length > 0 ? `: ${workloads.map(workloadName).join(', ')}` : ''})`,
        layers,
        enforcedBy,
        stacks: [gw.resource.stack],
        notes: entryNotes,
      });
    }
    if (principals.length === 0) notes.push(`${gw.name} (${gw.resource.stack}): no gateway deployment found in the configuration, so its mesh identity is unknown`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Egress (Istio)

function egressSidecarAllows(hosts: string[], namespace: string, seNamespace: string, host: string): boolean {
  if (hosts.length === 0) return true;
  return hosts.some((h) => {
    // `NAMESPACE/HOST`: `*` any namespace, `.` the Sidecar's own, `~` none.
    const [ns, pattern] = h.includes('/') ? h.split('/', 2) : ['*', h];
    const nsOk = ns === '*' || (ns === '.' && seNamespace === namespace) || ns === seNamespace;
    return nsOk && hostMatches(pattern, host);
  });
}

interface FirewallLayer {
  readonly names: string[];
  readonly stacks: string[];
  readonly present: boolean;
}

function firewallLayer(ctx: CheckContext, stack: string): FirewallLayer {
  const rules = ctx.near(stack, ctx.all('google_compute_firewall'), (r) => r.stack).filter((r) => stringAt(r.body, 'direction') === 'EGRESS' && boolAt(r.body, 'disabled') !== true);
  const denyAll = rules.filter((r) => {
    const deny = blocksAt(r.body, 'deny');
    const ranges = stringsAt(r.body, 'destination_ranges');
    return deny !== UNKNOWN && deny.some((d) => d.protocol === 'all') && ranges !== UNKNOWN && ranges.includes('0.0.0.0/0');
  });
  const allowWeb = rules.filter((r) => {
    const allow = blocksAt(r.body, 'allow');
    const accounts = stringsAt(r.body, 'target_service_accounts');
    const tags = stringsAt(r.body, 'target_tags');
    const targeted = accounts === UNKNOWN || accounts.length > 0 || tags === UNKNOWN || tags.length > 0;
    return allow !== UNKNOWN && targeted
      && allow.some((a) => a.protocol === 'tcp' && Array.isArray(a.ports) && a.ports.some((p) => String(p) === '443' || String(p) === '80'));
  });
  const used = [...denyAll, ...allowWeb];
  return { names: used.map(nameOf), stacks: [...new Set(used.map((r) => r.stack))], present: denyAll.length > 0 && allowWeb.length > 0 };
}

function egressEntries(ctx: CheckContext, notes: string[]): AccessEntry[] {
  const out: AccessEntry[] = [];
  const entries = serviceEntries(ctx);
  const allSidecars = sidecars(ctx);
  const policies = istioAuthorizationPolicies(ctx);
  const rules = destinationRules(ctx);
  const services = virtualServices(ctx);
  for (const gw of egressGateways(ctx)) {
    const firewall = firewallLayer(ctx, gw.object.resource.stack);
    const applying = policiesFor(policies, gw);
    const allow = applying.filter((p) => p.action === 'ALLOW');
    const deny = applying.filter((p) => p.action === 'DENY');
    const gatewayId = `${gw.namespace}/${gw.name}`;
    const visibleAtGateway = entries.filter((e) => e.external && exportedTo(e, gw.namespace));
    const grants: { namespaces: string[]; hosts: string[]; paths: string[]; methods: string[]; ports: string[]; policy: string; conditions: number }[] = [];
    if (allow.length === 0) {
      grants.push({ namespaces: ['*'], hosts: [], paths: [], methods: [], ports: [], policy: '', conditions: 0 });
      notes.push(`${gatewayId}: no ALLOW AuthorizationPolicy, so every namespace may use every host registered at the gateway`);
    }
    for (const p of allow) {
      for (const r of p.rules) {
        grants.push({ namespaces: r.anySource ? ['*'] : r.namespaces, hosts: r.hosts, paths: r.paths, methods: r.methods, ports: r.ports, policy: `${p.namespace}/${p.name}`, conditions: r.conditions });
      }
    }
    for (const grant of grants) {
      const hosts = grant.hosts.length > 0 ? grant.hosts : [...new Set(visibleAtGateway.flatMap((e) => e.hosts))];
      for (const host of hosts) {
        const registered = entries.filter((e) => e.external && e.hosts.some((h) => hostMatches(h, host)));
        // A grant for any source reaches the namespaces whose sidecars know the host (the ServiceEntry's exportTo).
        const namespaces = grant.namespaces.includes('*') && registered.length > 0 && registered.every((e) => e.exportTo !== undefined && !e.exportTo.includes('*'))
          ? [...new Set(registered.flatMap((e) => (e.exportTo ?? []).map((x) => (x === '.' ? e.namespace : x))))].filter((n) => n !== gw.namespace).sort()
          : grant.namespaces;
        for (const namespace of namespaces) {
          const entry = registered.find((e) => namespace === '*' || exportedTo(e, namespace));
          const layers: string[] = [];
          const enforcedBy: string[] = [];
          const entryNotes: string[] = [];
          if (!entry) {
            notes.push(`${namespace} may use ${host} at ${gatewayId} (${grant.policy || 'no policy'}), but no ServiceEntry registers ${host} for ${namespace}: blocked at the sidecar`);
            continue;
          }
          if (namespace !== '*') {
            const sidecar = defaultSidecar(allSidecars, namespace);
            if (sidecar?.mode === 'REGISTRY_ONLY') {
              if (!egressSidecarAllows(sidecar.egressHosts, namespace, entry.namespace, host)) {
                notes.push(`${namespace} → ${host}: the Sidecar ${sidecar.namespace}/${String(sidecar.object.name)} does not import ${entry.namespace}/${host}: blocked at the sidecar`);
                continue;
              }
              layers.push('Sidecar');
              enforcedBy.push(`Sidecar ${sidecar.namespace}/${String(sidecar.object.name)} (REGISTRY_ONLY)`);
            } else {
              entryNotes.push('no REGISTRY_ONLY Sidecar: the namespace can also reach unregistered hosts directly');
            }
            const netpols = ctx.networkPolicies.filter((n) => n.object.namespace === namespace && n.selectsAllPods && n.policyTypes.includes('Egress'));
            if (netpols.length > 0) {
              const toGateway = netpols.some((n) => n.egress.some((r) => r.anywhere || r.namespaces.includes('*') || r.namespaces.includes(gw.namespace)));
              if (!toGateway) {
                notes.push(`${namespace} → ${host}: no NetworkPolicy of ${namespace} allows egress to ${gw.namespace}: blocked`);
                continue;
              }
              layers.push('NetworkPolicy');
              enforcedBy.push(...netpols.map((n) => `NetworkPolicy ${namespace}/${String(n.object.name)}`));
            } else {
              entryNotes.push('no egress NetworkPolicy: pods of the namespace can bypass the sidecar at layer 4');
            }
          }
          if (grant.policy) {
            layers.push('AuthorizationPolicy');
            enforcedBy.push(`AuthorizationPolicy ${grant.policy} (ALLOW)`);
          }
          enforcedBy.push(...deny.map((p) => `AuthorizationPolicy ${p.namespace}/${p.name} (DENY)`));
          if (grant.conditions > 0) entryNotes.push(`the rule has ${grant.conditions} further condition(s) (when)`);
          if (grant.namespaces.includes('*') && grant.policy) entryNotes.push(`${grant.policy} allows any source for this host; only the namespaces its ServiceEntry is exported to can route to it`);
          if (firewall.present) {
            layers.push('VPC firewall');
            enforcedBy.push(...firewall.names.map((n) => `VPC firewall ${n}`));
          } else {
            entryNotes.push('no VPC firewall pair (deny all egress + allow gateway nodes on 80/443) in the configuration');
          }
          // Transport: sidecar → gateway (ISTIO_MUTUAL, E12), gateway → host (TLS origination or passthrough).
          const passthrough = gw.servers.some((s) => s.tlsMode === 'PASSTHROUGH' && s.hosts.some((h) => hostMatches(h, host)));
          // With PASSTHROUGH the workload's own TLS goes through the gateway: no mTLS hop, no identity (E12).
          const toGateway = !passthrough && (rules.some((r) => r.host.includes(gw.namespace) && r.tlsModes.includes('ISTIO_MUTUAL'))
            || gw.servers.some((s) => s.tlsMode === 'ISTIO_MUTUAL' && s.hosts.some((h) => hostMatches(h, host) || hostMatches(host, h))));
          // The gateway sends to the VirtualService's destination for this host (e.g. *.wikipedia.org → www.wikipedia.org).
          const upstream = [host, ...services.filter((v) => v.hosts.some((h) => hostMatches(h, host)))
            .flatMap((v) => v.destinations).filter((d) => d !== '' && !d.endsWith(`.${gw.namespace}.svc.cluster.local`))];
          const originate = rules.some((r) => upstream.some((u) => hostMatches(r.host, u)) && r.tlsModes.includes('SIMPLE'));
          const routed = services.some((v) => v.hosts.some((h) => hostMatches(h, host))
            && v.gateways.some((g) => g === gatewayId || g === gw.name || g.endsWith(`/${gw.name}`)));
          if (!routed) entryNotes.push(`no VirtualService routes ${host} through ${gatewayId}`);
          out.push({
            kind: AccessKind.EGRESS,
            source: namespace === '*' ? 'any namespace' : `namespace ${namespace}`,
            sourceWorkloads: ctx.near(gw.object.resource.stack, ctx.workloads, (w) => w.object.resource.stack)
              .filter((w) => w.object.namespace !== gw.namespace && (namespace === '*' || w.object.namespace === namespace)).map(workloadName),
            destination: host,
            destinationWorkloads: [],
            hosts: [host],
            ports: grant.ports.length > 0 ? grant.ports : entry.ports.map((p) => p.number).filter((p) => p !== ''),
            methods: grant.methods,
            paths: grant.paths,
            mutualTls: toGateway,
            transport: passthrough
              ? 'the workload\'s own TLS, passed through the gateway to the host (no identity-based authorization)'
              : `${toGateway ? 'mTLS (ISTIO_MUTUAL)' : 'no mTLS'} from the sidecar to the gateway; ${originate ? 'TLS originated at the gateway (SIMPLE)' : 'plaintext from the gateway'}`,
            via: gatewayId,
            layers,
            enforcedBy,
            stacks: [...new Set([gw.object.resource.stack, entry.object.resource.stack, ...(firewall.present ? firewall.stacks : [])])].sort(),
            notes: entryNotes,
          });
        }
      }
    }
  }
  return out;
}
