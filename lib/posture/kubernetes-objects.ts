/**
 * Kubernetes objects of a configuration in one shape, whether written as `kubernetes_manifest` (camelCase
 * manifests, e.g. Istio objects) or as the kubernetes provider's typed resources (`kubernetes_deployment_v1`, …,
 * snake_case with blocks as lists).
 * @internal
 */
import type { TfResource } from './tf-model';
import { isInterpolation, isObject, UNKNOWN, Unknown, valueAt } from './values';

/** @internal */
export interface K8sObject {
  readonly resource: TfResource;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string | Unknown;
  /** Namespace; `default` for namespaced objects that name none, empty for cluster-scoped kinds. */
  readonly namespace: string | Unknown;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  /** The spec, camelCase for manifests and snake_case for typed resources (see `typed`). */
  readonly spec: Record<string, unknown>;
  readonly typed: boolean;
}

/** A pod-creating object (Deployment, StatefulSet, DaemonSet). @internal */
export interface K8sWorkload {
  readonly object: K8sObject;
  readonly podLabels: Record<string, string>;
  readonly podAnnotations: Record<string, string>;
  readonly serviceAccount: string | Unknown;
  readonly containerPorts: number[];
  readonly csiDrivers: string[];
}

/** A Kubernetes Service. @internal */
export interface K8sService {
  readonly object: K8sObject;
  readonly selector: Record<string, string>;
}

/** One egress rule of a NetworkPolicy: where to, and on which ports. @internal */
export interface K8sEgressRule {
  /** Namespaces (by `kubernetes.io/metadata.name` or `name` label); `*` for any namespace; empty for none. */
  readonly namespaces: string[];
  readonly ipBlocks: string[];
  readonly ports: string[];
  /** Whether the rule allows every destination (no `to`). */
  readonly anywhere: boolean;
}

/** @internal */
export interface K8sNetworkPolicy {
  readonly object: K8sObject;
  readonly selectsAllPods: boolean;
  readonly policyTypes: string[];
  readonly egress: K8sEgressRule[];
}

const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
  'PriorityClass', 'StorageClass', 'PersistentVolume', 'Node']);

/** Typed kubernetes provider resources by kind (with and without the `_v1` suffix). */
const TYPED_KINDS: Record<string, [string, string]> = {
  kubernetes_namespace: ['v1', 'Namespace'],
  kubernetes_deployment: ['apps/v1', 'Deployment'],
  kubernetes_stateful_set: ['apps/v1', 'StatefulSet'],
  kubernetes_daemonset: ['apps/v1', 'DaemonSet'],
  kubernetes_daemon_set: ['apps/v1', 'DaemonSet'],
  kubernetes_service: ['v1', 'Service'],
  kubernetes_service_account: ['v1', 'ServiceAccount'],
  kubernetes_network_policy: ['networking.k8s.io/v1', 'NetworkPolicy'],
  kubernetes_config_map: ['v1', 'ConfigMap'],
};

function strings(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(value)) return out;
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  return out;
}

function nameOf(value: unknown): string | Unknown {
  if (isInterpolation(value)) return UNKNOWN;
  return typeof value === 'string' ? value : '';
}

/** The Kubernetes objects among a configuration's resources. @internal */
export function kubernetesObjects(resources: TfResource[]): K8sObject[] {
  const out: K8sObject[] = [];
  for (const resource of resources) {
    if (resource.type === 'kubernetes_manifest') {
      const manifest = resource.body.manifest;
      if (!isObject(manifest)) continue;
      const kind = typeof manifest.kind === 'string' ? manifest.kind : '';
      const metadata = isObject(manifest.metadata) ? manifest.metadata : {};
      const ns = metadata.namespace;
      out.push({
        resource,
        apiVersion: typeof manifest.apiVersion === 'string' ? manifest.apiVersion : '',
        kind,
        name: nameOf(metadata.name),
        namespace: CLUSTER_SCOPED.has(kind) ? '' : ns === undefined ? 'default' : nameOf(ns),
        labels: strings(metadata.labels),
        annotations: strings(metadata.annotations),
        spec: isObject(manifest.spec) ? manifest.spec : {},
        typed: false,
      });
      continue;
    }
    const base = resource.type.replace(/_v\d+$/, '');
    const typed = TYPED_KINDS[base];
    if (!typed) continue;
    const metadata = valueAt(resource.body, 'metadata');
    const md = isObject(metadata) ? metadata : {};
    const spec = valueAt(resource.body, 'spec');
    const ns = md.namespace;
    out.push({
      resource,
      apiVersion: typed[0],
      kind: typed[1],
      name: nameOf(md.name),
      namespace: CLUSTER_SCOPED.has(typed[1]) ? '' : ns === undefined ? 'default' : nameOf(ns),
      labels: strings(md.labels),
      annotations: strings(md.annotations),
      spec: isObject(spec) ? spec : {},
      typed: true,
    });
  }
  return out;
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Pod']);

/** @internal */
export function workloadsOf(objects: K8sObject[]): K8sWorkload[] {
  return objects.filter((o) => WORKLOAD_KINDS.has(o.kind)).map((object) => {
    const template = object.kind === 'Pod' ? { metadata: {}, spec: object.spec } : valueAt(object.spec, 'template');
    const podMeta = object.kind === 'Pod' ? { labels: object.labels, annotations: object.annotations } : valueAt(template, 'metadata');
    const podSpec = object.kind === 'Pod' ? object.spec : valueAt(template, 'spec');
    const sa = object.typed ? valueAt(podSpec, 'service_account_name') : valueAt(podSpec, 'serviceAccountName') ?? valueAt(podSpec, 'serviceAccount');
    const containers = (object.typed ? listOf(valueAt(podSpec, 'container')) : listOf(valueAt(podSpec, 'containers')));
    const ports: number[] = [];
    for (const c of containers) {
      for (const p of listOf(object.typed ? c.port : c.ports)) {
        const n = Number(object.typed ? p.container_port : p.containerPort);
        if (Number.isInteger(n)) ports.push(n);
      }
    }
    const csiDrivers = listOf(object.typed ? valueAt(podSpec, 'volume') : valueAt(podSpec, 'volumes'))
      .map((v) => valueAt(v, 'csi.driver')).filter((d): d is string => typeof d === 'string');
    return {
      object,
      podLabels: strings(valueAt(podMeta, 'labels')),
      podAnnotations: strings(valueAt(podMeta, 'annotations')),
      serviceAccount: isInterpolation(sa) ? UNKNOWN : typeof sa === 'string' ? sa : 'default',
      containerPorts: ports,
      csiDrivers,
    };
  });
}

/** @internal */
export function servicesOf(objects: K8sObject[]): K8sService[] {
  return objects.filter((o) => o.kind === 'Service').map((object) => ({ object, selector: strings(valueAt(object.spec, 'selector')) }));
}

function listOf(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

function namespaceNames(selector: unknown): string[] {
  if (!isObject(selector)) return [];
  const labels = strings(selector.matchLabels ?? selector.match_labels);
  const name = labels['kubernetes.io/metadata.name'] ?? labels.name;
  if (name) return [name];
  const expressions = listOf(selector.matchExpressions ?? selector.match_expressions);
  for (const e of expressions) {
    if ((e.key === 'kubernetes.io/metadata.name' || e.key === 'name') && e.operator === 'In' && Array.isArray(e.values)) return e.values.map(String);
  }
  // An empty namespace selector selects every namespace.
  return Object.keys(labels).length === 0 && expressions.length === 0 ? ['*'] : [];
}

/** @internal */
export function networkPoliciesOf(objects: K8sObject[]): K8sNetworkPolicy[] {
  return objects.filter((o) => o.kind === 'NetworkPolicy').map((object) => {
    const t = object.typed;
    const podSelector = valueAt(object.spec, t ? 'pod_selector' : 'podSelector');
    const selectsAllPods = podSelector === undefined || (isObject(podSelector) && Object.keys(strings(podSelector.matchLabels ?? podSelector.match_labels)).length === 0
      && listOf(podSelector.matchExpressions ?? podSelector.match_expressions).length === 0);
    const rawTypes = valueAt(object.spec, t ? 'policy_types' : 'policyTypes');
    const egressRules = listOf(valueAt(object.spec, 'egress'));
    const policyTypes = Array.isArray(rawTypes) ? rawTypes.map(String) : egressRules.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
    const egress = egressRules.map((rule) => {
      const peers = listOf(rule.to);
      const namespaces: string[] = [];
      const ipBlocks: string[] = [];
      for (const peer of peers) {
        const nsSel = peer.namespaceSelector ?? peer.namespace_selector;
        const ip = peer.ipBlock ?? peer.ip_block;
        if (nsSel !== undefined) namespaces.push(...namespaceNames(listOf(nsSel)[0] ?? nsSel));
        else if (ip !== undefined) {
          const cidr = valueAt(ip, 'cidr');
          if (typeof cidr === 'string') ipBlocks.push(cidr);
        } else if (peer.podSelector !== undefined || peer.pod_selector !== undefined) {
          namespaces.push(object.namespace === UNKNOWN ? '' : object.namespace);
        }
      }
      const ports = listOf(rule.ports).map((p) => String(p.port ?? '')).filter((p) => p !== '');
      return { namespaces, ipBlocks, ports, anywhere: peers.length === 0 };
    });
    return { object, selectsAllPods, policyTypes, egress };
  });
}

/** Whether all of `selector` is in `labels` (a Kubernetes equality selector). @internal */
export function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}
