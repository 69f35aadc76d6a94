/**
 * T1: the protections a GKE cluster needs so that a compromised pod cannot become the node, and a node cannot
 * become the cluster (the GKE cluster trust document, seed 004). One rule per protection.
 * @internal
 */
import type { CheckContext } from '../context';
import { PostureSeverity } from '../rule';
import { PostureRule, RuleHit, SOURCES } from '../rule-model';
import type { TfResource } from '../tf-model';
import { boolAt, describe, isObject, stringAt, UNKNOWN, Unknown, valueAt, referenceAt } from '../values';

const CLUSTER = 'google_container_cluster';
const NODE_POOL = 'google_container_node_pool';

/** A node configuration: a node pool's, a cluster's inline pool's, or the default pool's. @internal */
export interface NodeSite {
  /** The resource the finding is reported on. */
  readonly resource: TfResource;
  /** Path of the node_config block in that resource, e.g. `node_config` or `node_pool[1].node_config`. */
  readonly prefix: string;
  readonly config: unknown;
  /** The pool block (for network_config). */
  readonly pool: unknown;
  readonly poolPrefix: string;
  readonly cluster: TfResource | Unknown | undefined;
}

function autopilot(cluster: TfResource): boolean {
  return boolAt(cluster.body, 'enable_autopilot') === true;
}

/** The cluster a node pool belongs to. @internal */
export function clusterOf(ctx: CheckContext, pool: TfResource): TfResource | Unknown | undefined {
  return ctx.resolve(pool, referenceAt(pool.body, 'cluster'), [CLUSTER]);
}

/** Every node configuration of every standard (non-Autopilot) cluster. @internal */
export function nodeSites(ctx: CheckContext): NodeSite[] {
  const sites: NodeSite[] = [];
  for (const cluster of ctx.all(CLUSTER)) {
    if (autopilot(cluster)) continue;
    if (boolAt(cluster.body, 'remove_default_node_pool') !== true) {
      sites.push({ resource: cluster, prefix: 'node_config', config: valueAt(cluster.body, 'node_config'), pool: cluster.body, poolPrefix: '', cluster });
    }
    const inline = valueAt(cluster.body, 'node_pool');
    const pools = Array.isArray(inline) ? inline : isObject(inline) ? [inline] : [];
    pools.forEach((pool, i) => sites.push({
      resource: cluster, prefix: `node_pool[${i}].node_config`, config: valueAt(pool, 'node_config'), pool, poolPrefix: `node_pool[${i}].`, cluster,
    }));
  }
  for (const pool of ctx.all(NODE_POOL)) {
    const cluster = clusterOf(ctx, pool);
    if (cluster !== UNKNOWN && cluster !== undefined && autopilot(cluster)) continue;
    sites.push({ resource: pool, prefix: 'node_config', config: valueAt(pool.body, 'node_config'), pool: pool.body, poolPrefix: '', cluster });
  }
  return sites;
}

function hit(resource: TfResource, field: string, problem: string, value: unknown, fix?: string): RuleHit {
  return { resource, field, problem, value: describe(value), fix };
}

const DEFAULT_COMPUTE_SA = /^(\d+-compute@developer\.gserviceaccount\.com|default)$/;

/** @internal */
export function isDefaultServiceAccount(email: string | Unknown | undefined): boolean {
  if (email === UNKNOWN) return false;
  return email === undefined || email === '' || DEFAULT_COMPUTE_SA.test(email);
}

/** @internal */
export const GKE_RULES: PostureRule[] = [
  {
    id: 'POSTURE-GKE-WORKLOAD-IDENTITY',
    title: 'GKE cluster without workload identity',
    severity: PostureSeverity.ERROR,
    resourceTypes: [CLUSTER],
    reason: 'Without workload identity, pods that call Google APIs act as the node\'s service account, so every pod on a node holds the node\'s '
      + 'permissions and nothing tells one workload from another. Workload identity (`PROJECT_ID.svc.id.goog`) gives each Kubernetes service '
      + 'account its own identity — the one mesh certificates carry — and is what lets the GKE metadata server hide the node\'s credentials.',
    source: SOURCES.clusterTrust,
    fix: 'Set workload_identity_config.workload_pool = "PROJECT_ID.svc.id.goog" (GkeCluster always does).',
    check: (ctx) => ctx.all(CLUSTER).filter((c) => !autopilot(c)).flatMap((c) => {
      const pool = valueAt(c.body, 'workload_identity_config.workload_pool');
      return pool === undefined || pool === '' ? [hit(c, 'workload_identity_config.workload_pool', 'is not set, so pods act as the node\'s service account', pool)] : [];
    }),
  },
  {
    id: 'POSTURE-GKE-METADATA-CONCEALMENT',
    title: 'Node pool lets pods reach the node\'s metadata and bootstrap credentials',
    severity: PostureSeverity.ERROR,
    resourceTypes: [CLUSTER, NODE_POOL],
    reason: 'Each node is given a shared secret when it is created, with which it asks the cluster root CA for the kubelet\'s client '
      + 'certificate. Unless metadata concealment is on, pods can read that secret from the node\'s metadata server and act as the kubelet '
      + 'towards the API server. The GKE metadata server (workload metadata mode GKE_METADATA) hides it.',
    source: SOURCES.clusterTrust,
    fix: 'Set node_config.workload_metadata_config.mode = "GKE_METADATA" on every node pool (GkeCluster and NodePool always do).',
    check: (ctx) => nodeSites(ctx).flatMap((site) => {
      if (site.config === UNKNOWN) return [];
      const mode = stringAt(site.config, 'workload_metadata_config.mode');
      const field = `${site.prefix}.workload_metadata_config.mode`;
      if (mode === UNKNOWN || mode === 'GKE_METADATA') return [];
      if (mode !== undefined) return [hit(site.resource, field, 'is not GKE_METADATA, so pods can reach the node\'s metadata server and its bootstrap credentials', mode)];
      // GKE defaults new node pools of a workload-identity cluster to GKE_METADATA.
      if (site.cluster === UNKNOWN || site.cluster === undefined) return [];
      const pool = valueAt(site.cluster.body, 'workload_identity_config.workload_pool');
      if (pool === UNKNOWN || (typeof pool === 'string' && pool !== '')) return [];
      return [hit(site.resource, field, 'is not set and the cluster has no workload identity, so pods can reach the node\'s metadata server and its bootstrap credentials', mode)];
    }),
  },
  {
    id: 'POSTURE-GKE-PRIVATE-NODES',
    title: 'GKE nodes have public IP addresses',
    severity: PostureSeverity.ERROR,
    resourceTypes: [CLUSTER, NODE_POOL],
    reason: 'Nodes of a private cluster have internal IP addresses only and no route from the internet; many organisations\' first '
      + 'requirement is that no workload has a public IP address. Cloud NAT gives private nodes outbound access, and the egress gateway '
      + 'design relies on nodes that cannot reach the internet directly.',
    source: SOURCES.egress,
    fix: 'Set private_cluster_config.enable_private_nodes = true (GkeCluster does unless allowPublicNodes: true) and give the subnet Cloud NAT.',
    relaxedBy: 'GkeCluster allowPublicNodes: true',
    check: (ctx) => {
      const hits: RuleHit[] = [];
      for (const c of ctx.all(CLUSTER)) {
        const enabled = boolAt(c.body, 'private_cluster_config.enable_private_nodes');
        if (enabled === true || enabled === UNKNOWN) continue;
        // Private nodes may also be set pool by pool (network_config.enable_private_nodes).
        const pools = ctx.all(NODE_POOL).filter((p) => clusterOf(ctx, p) === c);
        const removed = boolAt(c.body, 'remove_default_node_pool') === true;
        if (removed && pools.length > 0 && pools.every((p) => boolAt(p.body, 'network_config.enable_private_nodes') !== false
          && boolAt(p.body, 'network_config.enable_private_nodes') !== undefined)) continue;
        hits.push(hit(c, 'private_cluster_config.enable_private_nodes', 'is not true, so every node gets a public IP address', enabled));
      }
      for (const p of ctx.all(NODE_POOL)) {
        if (boolAt(p.body, 'network_config.enable_private_nodes') === false) {
          hits.push(hit(p, 'network_config.enable_private_nodes', 'is false, so the pool\'s nodes get public IP addresses', false,
            'Remove network_config.enable_private_nodes = false, or set it to true'));
        }
      }
      return hits;
    },
  },
  {
    id: 'POSTURE-GKE-NETWORK-POLICY',
    title: 'GKE cluster does not enforce NetworkPolicies',
    severity: PostureSeverity.ERROR,
    resourceTypes: [CLUSTER],
    reason: 'Pod-to-pod traffic in GKE is neither authenticated nor encrypted; it is restricted only by network policies (and encrypted by '
      + 'a mesh). Without an enforcing dataplane, Kubernetes accepts NetworkPolicy objects and silently ignores them, so the layer-4 '
      + 'defence in depth the egress design relies on is missing.',
    source: `${SOURCES.clusterTrust}; ${SOURCES.egress}`,
    fix: 'Set datapath_provider = "ADVANCED_DATAPATH" (GKE Dataplane V2; GkeCluster\'s default), or network_policy.enabled = true with the network policy add-on enabled.',
    check: (ctx) => ctx.all(CLUSTER).filter((c) => !autopilot(c)).flatMap((c) => {
      const datapath = stringAt(c.body, 'datapath_provider');
      if (datapath === UNKNOWN || datapath === 'ADVANCED_DATAPATH') return [];
      const enabled = boolAt(c.body, 'network_policy.enabled');
      const addonDisabled = boolAt(c.body, 'addons_config.network_policy_config.disabled');
      if (enabled === UNKNOWN || (enabled === true && addonDisabled === UNKNOWN)) return [];
      if (enabled === true && addonDisabled !== true) return [];
      if (enabled === true) {
        return [hit(c, 'addons_config.network_policy_config.disabled', 'is true, so the network_policy setting has no enforcing add-on', true)];
      }
      return [hit(c, 'datapath_provider', 'is not ADVANCED_DATAPATH and network_policy.enabled is not true, so NetworkPolicies are not enforced', datapath)];
    }),
  },
  {
    id: 'POSTURE-GKE-SHIELDED-NODES',
    title: 'GKE nodes are not Shielded VMs with secure boot and integrity monitoring',
    severity: PostureSeverity.ERROR,
    resourceTypes: [CLUSTER, NODE_POOL],
    reason: 'A node proves who it is to the control plane with the credentials it was given at creation and the kubelet certificate the '
      + 'cluster root CA signs for it. Shielded GKE nodes bind that identity to a verified VM — secure boot refuses tampered boot components '
      + 'and integrity monitoring reports them — so a compromised or impersonated node cannot obtain another node\'s credentials.',
    source: SOURCES.clusterTrust,
    fix: 'Keep enable_shielded_nodes on (true) and set node_config.shielded_instance_config { enable_secure_boot = true, enable_integrity_monitoring = true } on every node pool.',
    check: (ctx) => {
      const hits: RuleHit[] = [];
      for (const c of ctx.all(CLUSTER)) {
        if (boolAt(c.body, 'enable_shielded_nodes') === false) hits.push(hit(c, 'enable_shielded_nodes', 'is false', false));
      }
      for (const site of nodeSites(ctx)) {
        if (site.config === UNKNOWN) continue;
        const secureBoot = boolAt(site.config, 'shielded_instance_config.enable_secure_boot');
        if (secureBoot !== true && secureBoot !== UNKNOWN) {
          hits.push(hit(site.resource, `${site.prefix}.shielded_instance_config.enable_secure_boot`, 'is not true, so nodes boot unverified components', secureBoot));
        }
        // Integrity monitoring is on unless turned off (provider default true).
        if (boolAt(site.config, 'shielded_instance_config.enable_integrity_monitoring') === false) {
          hits.push(hit(site.resource, `${site.prefix}.shielded_instance_config.enable_integrity_monitoring`, 'is false', false));
        }
      }
      return hits;
    },
  },
  {
    id: 'POSTURE-GKE-RELEASE-CHANNEL',
    title: 'GKE cluster is not enrolled in a release channel',
    severity: PostureSeverity.ERROR,
    resourceTypes: [CLUSTER],
    reason: 'GKE hardens the trust between control plane and nodes with each version (all new and updated clusters use TLS 1.3 between '
      + 'them) and manages the etcd CA and certificates itself. A release channel keeps the control plane and nodes on versions GKE '
      + 'patches and upgrades automatically.',
    source: SOURCES.clusterTrust,
    fix: 'Set release_channel.channel to RAPID, REGULAR, STABLE or EXTENDED (GkeCluster: RAPID, as the seeds).',
    check: (ctx) => ctx.all(CLUSTER).flatMap((c) => {
      const channel = stringAt(c.body, 'release_channel.channel');
      if (channel === UNKNOWN || (channel !== undefined && channel !== 'UNSPECIFIED')) return [];
      return [hit(c, 'release_channel.channel', channel === undefined ? 'is not set, so the channel depends on GKE\'s default at creation' : 'is UNSPECIFIED, so GKE does not upgrade the cluster automatically', channel)];
    }),
  },
  {
    id: 'POSTURE-GKE-LEGACY-ABAC',
    title: 'GKE cluster uses legacy ABAC',
    severity: PostureSeverity.ERROR,
    resourceTypes: [CLUSTER],
    reason: 'With legacy ABAC, identities in the cluster — service accounts, nodes, controllers — get static permissions beyond RBAC, so '
      + 'a credential a pod or a node can reach grants far more than its role needs.',
    source: SOURCES.clusterTrust,
    fix: 'Remove enable_legacy_abac or set it to false, and grant access with RBAC.',
    check: (ctx) => ctx.all(CLUSTER).flatMap((c) =>
      boolAt(c.body, 'enable_legacy_abac') === true ? [hit(c, 'enable_legacy_abac', 'is true', true)] : []),
  },
  {
    id: 'POSTURE-GKE-CLIENT-CERTIFICATE',
    title: 'GKE cluster issues a client certificate',
    severity: PostureSeverity.ERROR,
    resourceTypes: [CLUSTER],
    reason: 'The cluster root CA signs API server and kubelet certificates, valid for five years. An issued client certificate is a '
      + 'long-lived credential for the API server that only a credential rotation of the whole cluster revokes.',
    source: SOURCES.clusterTrust,
    fix: 'Remove master_auth.client_certificate_config or set issue_client_certificate = false; authenticate with Google identities.',
    check: (ctx) => ctx.all(CLUSTER).flatMap((c) =>
      boolAt(c.body, 'master_auth.client_certificate_config.issue_client_certificate') === true
        ? [hit(c, 'master_auth.client_certificate_config.issue_client_certificate', 'is true', true)] : []),
  },
  {
    id: 'POSTURE-GKE-NODE-SERVICE-ACCOUNT',
    title: 'GKE nodes run as the Compute Engine default service account',
    severity: PostureSeverity.ERROR,
    resourceTypes: [CLUSTER, NODE_POOL],
    reason: 'The Compute Engine default service account (PROJECT_NUMBER-compute@developer.gserviceaccount.com) holds Editor on the project, '
      + 'and every node that runs as it can use it: anything that reaches node credentials can change the whole project. A dedicated '
      + 'least-privilege account per node pool also lets VPC firewall rules tell gateway nodes from workload nodes.',
    source: `${SOURCES.clusterTrust}; ${SOURCES.egress}`,
    fix: 'Set node_config.service_account to a dedicated service account with only the logging, monitoring and registry roles nodes need.',
    relaxedBy: 'GkeCluster allowDefaultNodeServiceAccount: true',
    check: (ctx) => {
      const hits: RuleHit[] = [];
      for (const site of nodeSites(ctx)) {
        if (site.config === UNKNOWN) continue;
        const email = stringAt(site.config, 'service_account');
        if (isDefaultServiceAccount(email)) {
          hits.push(hit(site.resource, `${site.prefix}.service_account`, email === undefined ? 'is not set, so nodes run as the Compute Engine default service account' : 'is the Compute Engine default service account', email));
        }
      }
      for (const c of ctx.all(CLUSTER).filter(autopilot)) {
        const email = stringAt(c.body, 'cluster_autoscaling.auto_provisioning_defaults.service_account');
        if (isDefaultServiceAccount(email)) {
          hits.push(hit(c, 'cluster_autoscaling.auto_provisioning_defaults.service_account', 'does not name a dedicated service account, so Autopilot nodes run as the Compute Engine default service account', email));
        }
      }
      return hits;
    },
  },
  {
    id: 'POSTURE-GKE-LEGACY-METADATA-ENDPOINTS',
    title: 'GKE nodes serve the legacy metadata endpoints',
    severity: PostureSeverity.ERROR,
    resourceTypes: [CLUSTER, NODE_POOL],
    reason: 'The node\'s bootstrap credentials live in its instance metadata. The legacy metadata endpoints (v0.1, v1beta1) answer without '
      + 'the Metadata-Flavor header, so a server-side request forgery in any pod on the host network can read them.',
    source: SOURCES.clusterTrust,
    fix: 'Remove the metadata key or set node_config.metadata["disable-legacy-endpoints"] = "true" (GKE\'s default since 1.12).',
    check: (ctx) => nodeSites(ctx).flatMap((site) => {
      if (site.config === UNKNOWN) return [];
      const value = stringAt(valueAt(site.config, 'metadata'), 'disable-legacy-endpoints');
      if (value === undefined || value === UNKNOWN || value.toLowerCase() === 'true') return [];
      return [hit(site.resource, `${site.prefix}.metadata.disable-legacy-endpoints`, 'is not "true", so the legacy metadata endpoints are on', value)];
    }),
  },
  {
    id: 'POSTURE-GKE-KUBELET-READONLY-PORT',
    title: 'Kubelet read-only port is open',
    severity: PostureSeverity.ERROR,
    resourceTypes: [CLUSTER, NODE_POOL],
    reason: 'The control plane and kubelets authenticate each other with mutual TLS under the cluster root CA. The kubelet\'s read-only port '
      + '(10255) serves pod and node information to anyone on the network without authentication, around that trust.',
    source: SOURCES.clusterTrust,
    fix: 'Set node_config.kubelet_config.insecure_kubelet_readonly_port_enabled = "FALSE" on every node pool, or node_pool_defaults.node_config_defaults.insecure_kubelet_readonly_port_enabled = "FALSE" on the cluster.',
    check: (ctx) => nodeSites(ctx).flatMap((site) => {
      if (site.config === UNKNOWN) return [];
      const value = stringAt(site.config, 'kubelet_config.insecure_kubelet_readonly_port_enabled');
      const field = `${site.prefix}.kubelet_config.insecure_kubelet_readonly_port_enabled`;
      if (value === UNKNOWN || value === 'FALSE') return [];
      if (value !== undefined) return [hit(site.resource, field, 'is not "FALSE"', value)];
      if (site.cluster === UNKNOWN || site.cluster === undefined) return [];
      const clusterDefault = stringAt(site.cluster.body, 'node_pool_defaults.node_config_defaults.insecure_kubelet_readonly_port_enabled');
      if (clusterDefault === UNKNOWN || clusterDefault === 'FALSE') return [];
      return [hit(site.resource, field, 'is not set and the cluster\'s node_pool_defaults do not turn the port off', value)];
    }),
  },
];
