import { App } from 'cdktf';
import { loadEgressTopologyConfig, loadTopologyConfig, loadVmTopologyConfig } from './config';
import { buildEgressGcpStack } from './egress-gcp';
import { buildEgressKubernetesStack } from './egress-k8s';
import { buildReferenceTopology } from './reference-topology';
import { buildVmTopology } from './vm-topology';

/**
 * Everything main.ts synthesizes: the GKE mesh of seeds 000 (lb-api) and 002 (routing-api), the egress gateway of
 * seed 001 and the VMs with managed workload identity of seed 003, configured from `env` (README.md,
 * "Configuration"). main.ts checks the posture of what it wrote (app/synth-summary.ts, T2).
 */
export function buildTopology(app: App, env: Record<string, string | undefined> = process.env): void {
  buildReferenceTopology(app, loadTopologyConfig(env));
  const egress = loadEgressTopologyConfig(env);
  if (egress) buildEgressKubernetesStack(app, egress, buildEgressGcpStack(app, egress));
  const vm = loadVmTopologyConfig(env);
  if (vm) buildVmTopology(app, vm);
}
