import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { EgressGateway, EgressGatewayProps } from '../../lib/egress';
import { GkeCluster, GkeClusterProps, GkeKubernetesProvider, NodePool, TaintEffect } from '../../lib/gke';
import { GoogleApisVip } from '../../lib/network';
import { StackJson, testApp } from '../helpers/synth';

/**
 * A stand-in for the egress Google Cloud stack (app/egress-gcp.ts builds the real one): the companion tutorial's
 * cluster1 with its tainted `gateway` pool, and a Kubernetes stack configured for the cluster.
 */
export interface EgressStacks {
  readonly app: App;
  readonly gcp: TerraformStack;
  readonly k8s: TerraformStack;
  readonly cluster: GkeCluster;
  readonly gatewayPool: NodePool;
}

/** The tutorial's gateway pool taint, `dedicated=gateway:NoSchedule` (E6). */
export const GATEWAY_TAINT = { key: 'dedicated', value: 'gateway', effect: TaintEffect.NO_SCHEDULE };

export function egressStacks(cluster: Partial<GkeClusterProps> = {}): EgressStacks {
  const app = testApp();
  const gcp = new TerraformStack(app, 'gcp');
  new GoogleProvider(gcp, 'google', { project: 'my-project-id' });
  const gke = new GkeCluster(gcp, 'Cluster', { location: 'us-central1-a', name: 'cluster1', controlPlaneCidr: '10.5.0.0/28', ...cluster });
  const gatewayPool = gke.addNodePool('Gateway', { name: 'gateway', taints: [GATEWAY_TAINT], labels: { dedicated: 'gateway' } });
  const k8s = new TerraformStack(app, 'k8s');
  new GkeKubernetesProvider(k8s, 'Cluster', { cluster: gke });
  return { app, gcp, k8s, cluster: gke, gatewayPool };
}

/** The gateway on the stand-in's pool, with private.googleapis.com. */
export function egressGateway(stacks: EgressStacks, props: Partial<EgressGatewayProps> = {}): EgressGateway {
  return new EgressGateway(stacks.k8s, 'EgressGateway', { nodePool: stacks.gatewayPool, googleApisVip: GoogleApisVip.PRIVATE, ...props });
}

type Json = Record<string, unknown>;

/** The object of every kubernetes_manifest of a kind, by `namespace/name` (or `name` for cluster-scoped kinds). */
export function manifests(json: StackJson, kind: string): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const resource of Object.values(json.resource?.kubernetes_manifest ?? {})) {
    const manifest = resource.manifest as { kind: string; metadata: { name: string; namespace?: string } };
    if (manifest.kind !== kind) continue;
    const key = manifest.metadata.namespace ? `${manifest.metadata.namespace}/${manifest.metadata.name}` : manifest.metadata.name;
    out[key] = manifest as unknown as Json;
  }
  return out;
}

/** The spec of the one kubernetes_manifest of `kind` named `namespace/name`. */
export function specOf(json: StackJson, kind: string, key: string): Json {
  const found = manifests(json, kind)[key];
  if (!found) throw new Error(`no ${kind} ${key}; found ${Object.keys(manifests(json, kind)).join(', ')}`);
  return found.spec as Json;
}

/** Typed resources of a type by `namespace/name` (metadata is synthesized as a single block). */
export function byName(json: StackJson, type: string): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const resource of Object.values(json.resource?.[type] ?? {})) {
    const metadata = resource.metadata as { name: string; namespace?: string };
    out[metadata.namespace ? `${metadata.namespace}/${metadata.name}` : metadata.name] = resource;
  }
  return out;
}
