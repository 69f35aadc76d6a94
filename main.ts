import './app/fast-synth';
import { posture } from '@zerotrust-gcp/cdktf-mesh-security';
import { loadEgressTopologyConfig, loadTopologyConfig, loadVmTopologyConfig } from './app/config';
import { buildEgressGcpStack } from './app/egress-gcp';
import { buildEgressKubernetesStack } from './app/egress-k8s';
import { buildReferenceTopology } from './app/reference-topology';
import { runSynth, SynthesizedStack } from './app/synth-summary';
import { buildVmTopology } from './app/vm-topology';

// The reference topology of the seeds, built from the library's public API: the GKE mesh of seeds 000 (lb-api) and
// 002 (routing-api), the egress gateway of seed 001, and the VMs with managed workload identity of seed 003.
// Configuration: README.md ("Configuration").
process.exitCode = runSynth((app) => {
  buildReferenceTopology(app, loadTopologyConfig());
  const egress = loadEgressTopologyConfig();
  if (egress) buildEgressKubernetesStack(app, egress, buildEgressGcpStack(app, egress));
  const vm = loadVmTopologyConfig();
  if (vm) buildVmTopology(app, vm);
  // T2: a posture error fails the synth; an option that relaxed a default shows as a warning naming it.
  posture.Posture.of(app).enforce();
}, nextSteps);

function nextSteps(stacks: readonly SynthesizedStack[]): string[] {
  const groups = new Map<string, string[]>();
  for (const { name } of stacks) {
    const group = name.replace(/-(gcp|k8s|traffic)$/, '');
    groups.set(group, [...(groups.get(group) ?? []), name]);
  }
  return [
    'Next: set PROJECT_ID, PROJNUM and CA_ADMIN_MEMBER (README.md, "Configuration"), then deploy, one API variant per project:',
    ...[...groups.values()].map((names) => `  cdktf deploy ${names.join(' ')}`),
  ];
}
