/**
 * Egress through an Istio egress gateway with defence in depth (seed 001, E9–E13).
 * @internal
 */
import type { CheckContext } from '../context';
import {
  defaultSidecar, egressGateways, istioAuthorizationPolicies, policiesFor, ROOT_NAMESPACE, serviceEntries, sidecars,
} from '../istio-model';
import { PostureSeverity } from '../rule';
import { PostureRule, RuleHit, SOURCES } from '../rule-model';
import type { TfResource } from '../tf-model';
import { describe, UNKNOWN } from '../values';

const MANIFEST = 'kubernetes_manifest';
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', ROOT_NAMESPACE, 'gke-managed-system', 'gmp-system', 'gke-gmp-system']);

function hit(resource: TfResource, field: string, problem: string, value: unknown, fix?: string): RuleHit {
  return { resource, field, problem, value: describe(value), fix };
}

/** Namespaces a stack declares or runs workloads in, with the object to report a finding on. */
function namespacesOfStack(ctx: CheckContext, stack: string): Map<string, TfResource> {
  const found = new Map<string, TfResource>();
  for (const o of ctx.k8s) {
    if (o.resource.stack !== stack) continue;
    if (o.kind === 'Namespace' && typeof o.name === 'string' && o.name !== '') {
      if (o.labels['istio-injection'] === 'disabled') continue;
      found.set(o.name, o.resource);
    }
  }
  for (const w of ctx.workloads) {
    const ns = w.object.namespace;
    if (w.object.resource.stack !== stack || ns === UNKNOWN || ns === '' || found.has(ns)) continue;
    if (w.podAnnotations['sidecar.istio.io/inject'] === 'false') continue;
    const declared = ctx.k8s.find((o) => o.kind === 'Namespace' && o.name === ns);
    if (declared?.labels['istio-injection'] === 'disabled') continue;
    found.set(ns, w.object.resource);
  }
  return found;
}

/** @internal */
export const ISTIO_RULES: PostureRule[] = [
  {
    id: 'POSTURE-ISTIO-SIDECAR-REGISTRY-ONLY',
    title: 'Namespace without a REGISTRY_ONLY Sidecar next to an egress gateway',
    severity: PostureSeverity.ERROR,
    resourceTypes: [MANIFEST, 'kubernetes_namespace_v1', 'kubernetes_namespace'],
    reason: 'Mesh proxies must be programmed only with routes to external hosts registered in the mesh: set the outbound traffic policy '
      + 'to REGISTRY_ONLY in each namespace\'s default Sidecar. Otherwise a sidecar passes traffic to any host directly, around the egress '
      + 'gateway and its authorization policies.',
    source: SOURCES.egress,
    fix: 'Add a Sidecar without workloadSelector in the namespace with spec.outboundTrafficPolicy.mode = REGISTRY_ONLY and a minimal '
      + 'spec.egress[].hosts list (the namespace itself, istio-egress, the registered external hosts), or one in istio-system for the whole mesh.',
    check: (ctx) => {
      const hits: RuleHit[] = [];
      const all = sidecars(ctx);
      const stacksWithGateway = new Set(egressGateways(ctx).map((g) => g.object.resource.stack));
      for (const stack of stacksWithGateway) {
        const gatewayNamespaces = new Set(egressGateways(ctx).filter((g) => g.object.resource.stack === stack).map((g) => g.namespace));
        for (const [namespace, resource] of namespacesOfStack(ctx, stack)) {
          if (SYSTEM_NAMESPACES.has(namespace) || gatewayNamespaces.has(namespace)) continue;
          const sidecar = defaultSidecar(all, namespace);
          if (sidecar?.mode === 'REGISTRY_ONLY') continue;
          if (sidecar && sidecar.namespace === namespace) {
            hits.push(hit(sidecar.object.resource, 'manifest.spec.outboundTrafficPolicy.mode',
              `is not REGISTRY_ONLY in namespace ${namespace}, so its sidecars reach any host directly`, sidecar.mode));
          } else {
            hits.push(hit(resource, `Sidecar of namespace ${namespace}`,
              'is missing, so the namespace\'s sidecars reach any host directly (the mesh default ALLOW_ANY applies)', undefined));
          }
        }
      }
      return hits;
    },
  },
  {
    id: 'POSTURE-ISTIO-SERVICEENTRY-EXPORT',
    title: 'ServiceEntry visible to every namespace',
    severity: PostureSeverity.WARNING,
    resourceTypes: [MANIFEST],
    reason: 'By default a ServiceEntry is visible in all namespaces; exportTo limits the namespaces whose proxies learn the external host. '
      + 'It is not a security control on its own, but with REGISTRY_ONLY sidecars it keeps teams from even routing to hosts registered for '
      + 'other teams.',
    source: SOURCES.egress,
    fix: 'Set spec.exportTo to the namespaces that need the host and the egress gateway\'s namespace, e.g. ["team-x", "istio-egress"].',
    check: (ctx) => serviceEntries(ctx).flatMap((e) => {
      if (e.exportTo === undefined) return [hit(e.object.resource, 'manifest.spec.exportTo', 'is not set, so every namespace sees the hosts', undefined)];
      if (e.exportTo.includes('*')) return [hit(e.object.resource, 'manifest.spec.exportTo', 'includes "*", so every namespace sees the hosts', e.exportTo)];
      return [];
    }),
  },
  {
    id: 'POSTURE-ISTIO-EGRESS-AUTHORIZATION',
    title: 'Egress gateway without least-privilege authorization',
    severity: PostureSeverity.ERROR,
    resourceTypes: [MANIFEST],
    reason: 'The egress gateway is where the mesh decides which namespace or workload may reach which external host: configure a '
      + 'least-privilege AuthorizationPolicy per namespace or workload (e.g. team-x → example.com; team-y → httpbin.org /status/418). '
      + 'Without an ALLOW policy, or with a rule for any source, every workload can reach every registered host.',
    source: SOURCES.egress,
    fix: 'Add AuthorizationPolicies (action ALLOW) in the gateway\'s namespace selecting the gateway, with rules[].from[].source.namespaces '
      + 'and rules[].to[].operation.hosts (and paths/methods) per team.',
    check: (ctx) => {
      const hits: RuleHit[] = [];
      const policies = istioAuthorizationPolicies(ctx);
      for (const gateway of egressGateways(ctx)) {
        const applying = policiesFor(policies, gateway);
        const allow = applying.filter((p) => p.action === 'ALLOW');
        if (allow.length === 0) {
          hits.push(hit(gateway.object.resource, 'AuthorizationPolicy', `selecting gateway ${gateway.namespace}/${gateway.name} is missing, so every workload may use it`, undefined));
          continue;
        }
        for (const p of allow) {
          p.rules.forEach((rule, i) => {
            if (rule.anySource) {
              hits.push(hit(p.object.resource, `manifest.spec.rules[${i}].from`, 'matches any source, so every namespace may use these hosts',
                rule.namespaces.length > 0 ? rule.namespaces : undefined));
            }
          });
        }
      }
      return hits;
    },
  },
];
