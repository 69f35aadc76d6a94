import { IConstruct } from 'constructs';
import { invalidInput } from '../core/errors';
import { checkPattern, isUnresolved } from '../core/validation';
import { TaintEffect } from '../gke/cluster/node-pool';

/** Values the egress constructs share, with their sources. Internal to lib/egress. */

/** @internal The Istio root namespace: mesh-wide PeerAuthentication and Telemetry live here. */
export const ISTIO_SYSTEM = 'istio-system';

/** @internal The egress gateway Service's ports and the pod ports behind them (Google's istio-egressgateway sample). */
export const GATEWAY_PORTS = {
  /** Sidecars send the workloads' plain HTTP here, inside Istio mTLS (the companion tutorial's `HTTPS`/`ISTIO_MUTUAL` server on 80). */
  http: { port: 80, targetPort: 8080 },
  /** Workload-originated TLS passed through unopened (`PASSTHROUGH`). */
  tls: { port: 443, targetPort: 8443 },
} as const;

/** @internal Port of istiod for xDS and certificates (the companion tutorial's allow-egress-to-control-plane). */
export const ISTIOD_PORT = 15012;

/**
 * @internal The label the API server sets on every namespace (Kubernetes 1.21+) and that nobody can change to another
 * namespace's name: NetworkPolicies select namespaces by it, so a team cannot make its namespace look like another.
 */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * @internal How a namespace is labelled for sidecar (and gateway) injection. Managed Cloud Service Mesh provisioned
 * with the fleet API answers the default injection label `istio-injection=enabled` ("Provision a managed Cloud
 * Service Mesh control plane on GKE": `kubectl label namespace NAMESPACE istio.io/rev- istio-injection=enabled
 * --overwrite`); `istio.io/rev=REVISION` (e.g. `asm-managed-rapid`) pins a release channel's revision instead, as the
 * companion tutorial does. The two labels are alternatives: a namespace carries one of them.
 */
export function injectionLabels(revision: string | undefined): { [key: string]: string } {
  return revision === undefined ? { 'istio-injection': 'enabled' } : { 'istio.io/rev': revision };
}

/** @internal A control plane revision such as `asm-managed-rapid` (a Kubernetes label value). */
export function checkRevision(scope: IConstruct, field: string, revision: string): void {
  checkPattern(scope, field, revision, /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/, 'is not a control plane revision',
    'Use the revision label of the control plane, e.g. "asm-managed-rapid" (kubectl -n istio-system get controlplanerevision), or leave it out for the default injection label');
}

/** @internal Kubernetes' spelling of a taint effect, as tolerations and pod specs write it. */
export function kubernetesEffect(effect: TaintEffect): string {
  switch (effect) {
    case TaintEffect.NO_EXECUTE: return 'NoExecute';
    case TaintEffect.PREFER_NO_SCHEDULE: return 'PreferNoSchedule';
    default: return 'NoSchedule';
  }
}

/** @internal Namespaces Kubernetes, GKE and Istio keep for themselves. */
const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease', ISTIO_SYSTEM];
const SYSTEM_PREFIXES = ['kube-', 'gke-', 'istio-'];

/**
 * @internal Rejects a team namespace named like a system namespace or the gateway's: the network admins own those
 * (E5, E14), and GKE node agents there are exempt from the toleration restriction (E15).
 */
export function checkTeamNamespaceName(scope: IConstruct, field: string, name: string, gatewayNamespace: string): void {
  if (isUnresolved(name)) return;
  const reserved = name === gatewayNamespace || SYSTEM_NAMESPACES.includes(name) || SYSTEM_PREFIXES.some((prefix) => name.startsWith(prefix));
  if (!reserved) return;
  throw invalidInput(scope, field, 'is a system namespace, not a team namespace', name,
    `Give the team a namespace of its own, e.g. "team-x": ${gatewayNamespace}, default, istio-system and the kube-, gke- and istio- ` +
    'namespaces belong to the network admins and the platform (E5, E14), and the egress controls do not confine them');
}
