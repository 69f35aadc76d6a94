import './app/fast-synth';
import { runSynth, SynthesizedStack } from './app/synth-summary';
import { buildTopology } from './app/topology';

// The reference topology of the seeds, built from the library's public API (app/topology.ts); configuration:
// README.md ("Configuration").
process.exitCode = runSynth((app) => buildTopology(app), nextSteps);

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
