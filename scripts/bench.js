#!/usr/bin/env node
// `npm run bench`: synth wall time and peak memory of the reference topology (main.ts) next to an empty
// cdktf app, both run the way `cdktf synth` runs them (`node --import tsx`). A benchmark, not a test.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const runs = Number(process.env.BENCH_RUNS ?? 5);
const probe = path.join(__dirname, 'bench-probe.js');
// The same runner as cdktf.json's app command, for both apps.
const runner = (process.env.BENCH_RUNNER ?? JSON.parse(fs.readFileSync(path.join(root, 'cdktf.json'), 'utf8')).app
  .replace(/^node\s+/, '').replace(/\s*main\.ts$/, '')).split(/\s+/).filter(Boolean);

function measure(entry) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
    const probeOut = path.join(dir, 'probe.json');
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ['--require', probe, ...runner, entry], {
      cwd: root,
      env: { ...process.env, CDKTF_OUTDIR: path.join(dir, 'out'), BENCH_PROBE_OUT: probeOut },
      encoding: 'utf8',
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.status !== 0) throw new Error(`${entry} failed:\n${result.stderr}`);
    const { maxRssKb } = JSON.parse(fs.readFileSync(probeOut, 'utf8'));
    samples.push({ ms, mb: maxRssKb / 1024 });
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { ms: median(samples.map((s) => s.ms)), mb: Math.max(...samples.map((s) => s.mb)) };
}

const empty = measure('scripts/bench-empty-app.ts');
const topology = measure('main.ts');
const row = (name, m) => `${name.padEnd(22)} ${m.ms.toFixed(0).padStart(7)} ms ${m.mb.toFixed(0).padStart(7)} MB`;
console.log(`synth, median wall time and peak RSS of ${runs} runs (node ${process.version}, node ${runner.join(' ')} <app>)`);
console.log(row('empty cdktf app', empty));
console.log(row('reference topology', topology));
const ratio = topology.ms / empty.ms;
console.log(`ratio ${ratio.toFixed(2)}x wall time, ${(topology.mb / empty.mb).toFixed(2)}x memory (target: within 2x)`);
