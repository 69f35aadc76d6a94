import { egress, gke } from '@zerotrust-gcp/cdktf-mesh-security';
import { App, TerraformStack } from 'cdktf';
import { EgressGcpParts, EgressTopologyConfig } from './egress-config';
import { topologyStack } from './stacks';

/** The stack's name. */
export const EGRESS_K8S_STACK_NAME = 'egress-k8s';

/**
 * The mesh and Kubernetes side of seed 001 (egress gateways with defence in depth) as the stack `egress-k8s`, on the
 * cluster of the egress Google Cloud stack (app/egress-gcp.ts), which it is deployed after:
 *
 * - mesh-wide STRICT mTLS and Envoy access logs (E16);
 * - the egress gateway in `istio-egress` on the dedicated gateway pool, with its Istio Gateway, the mTLS hop from the
 *   sidecars, deny by default and the toleration restriction (E5, E6, E11–E13, E15);
 * - a namespace per team with its NetworkPolicies, Sidecar and RBAC (E5, E8, E9, E14), and what each team may call,
 *   each route rendered from one declaration (E10–E13) — by default the seed's example: team-x → example.com,
 *   team-y → httpbin.org, path /status/418 only;
 * - the network admins' RBAC (E14).
 *
 * The stack can be planned only once managed Cloud Service Mesh has installed the Istio CRDs in the cluster (the
 * kubernetes provider reads each kind's schema at plan time).
 */
export function buildEgressKubernetesStack(app: App, config: EgressTopologyConfig, gcp: EgressGcpParts): TerraformStack {
  const stack = topologyStack(app, EGRESS_K8S_STACK_NAME, config);
  // Talks to the cluster the Google Cloud stack created, and makes this stack depend on that one.
  new gke.GkeKubernetesProvider(stack, 'Cluster', { cluster: gcp.cluster });

  new egress.MeshDefaults(stack, 'MeshDefaults');
  const gateway = new egress.EgressGateway(stack, 'EgressGateway', { nodePool: gcp.gatewayPool, googleApisVip: gcp.googleApisVip });
  for (const team of config.teams) {
    const namespace = gateway.addTeamNamespace(constructId(team.namespace), { name: team.namespace, group: team.group });
    for (const destination of team.destinations) {
      gateway.allow(namespace, destination.host, { paths: destination.paths ? [...destination.paths] : undefined });
    }
  }
  new egress.NetworkAdminAccess(stack, 'NetworkAdmins', { group: config.networkAdminsGroup, gateway });
  return stack;
}

/** `team-x` → `TeamX`: the construct id of a team's namespace, stable as long as the namespace keeps its name. */
function constructId(namespace: string): string {
  return namespace.split(/[^A-Za-z0-9]+/).filter((part) => part !== '').map((part) => part[0].toUpperCase() + part.slice(1)).join('');
}
