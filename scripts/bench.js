#!/usr/bin/env node
// `npm run bench` (issue 12): a benchmark, not a test. Prints, for this machine:
//  a. the reference topology's synth (main.ts) under cdktf.json's app command, under `node --import tsx` and under the
//     bundled app command of scripts/run-app.js, next to an empty cdktf app compiled to JavaScript;
//  b. N mesh services built with the library (scripts/bench-mesh-library.ts) and with the provider bindings alone
//     (scripts/bench-mesh-plain.ts), both bundled and run the same way, and how time grows with N.
// Every figure is the median of BENCH_RUNS runs (default 5) after one untimed warm-up run (which builds the bundle
// and its code cache); runs of the programs compared are interleaved, so load from other processes hits both alike.
// Settings: BENCH_RUNS, BENCH_SERVICES (default "10,100,1000"), BENCH_APP (the app command to judge against the empty
// app, default "node scripts/run-app.js main.ts"; e.g. BENCH_APP="node --import tsx main.ts").
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const runs = Number(process.env.BENCH_RUNS ?? 5);
const serviceCounts = (process.env.BENCH_SERVICES ?? '10,100,1000').split(',').map(Number);
const probe = path.join(__dirname, 'bench-probe.js');
const runApp = 'node scripts/run-app.js';
const cdktfApp = JSON.parse(fs.readFileSync(path.join(root, 'cdktf.json'), 'utf8')).app;
const proposedApp = process.env.BENCH_APP ?? `${runApp} main.ts`;

/** The empty app compiled to JavaScript file by file (what `tsc` gives), run with plain `node` like any compiled app. */
function compiledEmptyApp() {
  const esbuild = require('esbuild');
  const source = path.join(__dirname, 'bench-empty-app.ts');
  const out = path.join(root, 'node_modules', '.cache', 'bench', 'bench-empty-app.js');
  const { code } = esbuild.transformSync(fs.readFileSync(source, 'utf8'), { loader: 'ts', format: 'cjs', target: 'node20' });
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, code);
  return `node ${path.relative(root, out)}`;
}

/** Wall time of one build of `entry`'s bundle, into a temporary folder (the app's own bundle stays as it is). */
function timeBundleBuild(entry) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-bundle-'));
  try {
    const script = `const { build, bundlePaths } = require(${JSON.stringify(path.join(__dirname, 'run-app.js'))});
      const started = process.hrtime.bigint();
      build(bundlePaths(${JSON.stringify(entry)}, ${JSON.stringify(dir)})).then(() => console.log(Number(process.hrtime.bigint() - started) / 1e6));`;
    const result = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`bench: bundle build failed:\n${result.stderr}`);
    return Number(result.stdout.trim());
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** One run of a shell-free command line starting with `node`: wall time, CPU time and peak RSS. */
function runOnce(command, env = {}) {
  const [node, ...args] = command.split(/\s+/).filter(Boolean);
  if (node !== 'node') throw new Error(`bench: expected a command starting with "node" (got ${JSON.stringify(command)})`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  try {
    const probeOut = path.join(dir, 'probe.json');
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ['--require', probe, ...args], {
      cwd: root,
      env: { ...process.env, ...env, CDKTF_OUTDIR: path.join(dir, 'out'), BENCH_PROBE_OUT: probeOut },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.status !== 0) throw new Error(`bench: ${command} failed:\n${result.stderr}`);
    const { maxRssKb, cpuUs } = JSON.parse(fs.readFileSync(probeOut, 'utf8'));
    return { ms, cpuMs: cpuUs / 1000, mb: maxRssKb / 1024 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Medians of `runs` interleaved runs of each case, after one warm-up run each (it builds what run-app.js bundles).
 * The timed runs keep that bundle even if a source changes meanwhile (RUN_APP_REBUILD=never): they time synths.
 */
function measure(cases) {
  for (const c of cases) runOnce(c.command, c.env);
  const samples = cases.map(() => []);
  for (let i = 0; i < runs; i++) cases.forEach((c, k) => samples[k].push(runOnce(c.command, { ...c.env, RUN_APP_REBUILD: 'never' })));
  return samples.map((s) => ({ ms: median(s.map((x) => x.ms)), cpuMs: median(s.map((x) => x.cpuMs)), mb: median(s.map((x) => x.mb)) }));
}

const cell = (m) => `${m.ms.toFixed(0).padStart(6)} ms ${m.cpuMs.toFixed(0).padStart(6)} ms ${m.mb.toFixed(0).padStart(5)} MB`;
const header = `${'wall'.padStart(9)} ${'cpu'.padStart(9)} ${'peak RSS'.padStart(8)}`;

console.log(`npm run bench: median of ${runs} runs after a warm-up run; node ${process.version}, ${os.cpus().length} CPUs ` +
  `(${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), load average ${os.loadavg()[0].toFixed(1)} at start`);

// a. The app command against an empty app.
const emptyCompiled = compiledEmptyApp();
const appCases = [
  { name: 'empty cdktf app, compiled (node)', command: emptyCompiled },
  { name: 'empty cdktf app, run-app.js bundle', command: `${runApp} scripts/bench-empty-app.ts` },
  { name: 'main.ts, node --import tsx', command: 'node --import tsx main.ts' },
  { name: `main.ts, ${runApp}`, command: `${runApp} main.ts` },
  // The topology the issue measured: the GKE mesh of seeds 000 and 002 without the egress (seed 001) and VM (seed 003) stacks.
  { name: '  same, GKE mesh stacks only', command: `${runApp} main.ts`, env: { EGRESS_TOPOLOGY: 'false', VM_TOPOLOGY: 'false' } },
];
if (!appCases.some((c) => c.command === proposedApp && !c.env)) appCases.push({ name: `main.ts, BENCH_APP`, command: proposedApp });
if (!appCases.some((c) => c.command === cdktfApp && !c.env)) appCases.push({ name: 'main.ts, cdktf.json app', command: cdktfApp });
const appResults = measure(appCases);
const buildMs = timeBundleBuild('main.ts');
console.log(`\na. synth of the reference topology (cdktf.json app: "${cdktfApp}")`);
console.log(`${''.padEnd(40)} ${header}  vs empty (wall)`);
appCases.forEach((c, i) => console.log(`${c.name.padEnd(40)} ${cell(appResults[i])}  ${(appResults[i].ms / appResults[0].ms).toFixed(2)}x`));
const proposed = appResults[appCases.findIndex((c) => c.command === proposedApp && !c.env)];
console.log(`app command "${proposedApp}": ${(proposed.ms / appResults[0].ms).toFixed(2)}x the compiled empty app's wall time ` +
  `(${(proposed.cpuMs / appResults[0].cpuMs).toFixed(2)}x its CPU time; target: within 2.5x)`);
console.log(`run-app.js rebuilds the bundle of main.ts after a source change in ${buildMs.toFixed(0)} ms (esbuild), once`);

// b. N mesh services: the library against the provider bindings alone.
console.log(`\nb. N mesh services (authorization + endpoint policy, Kubernetes service account, workload, NEG Service, backend service, ` +
  `route), both programs run as "${runApp} <program>"`);
console.log(`${'N'.padStart(5)}  ${'library'.padEnd(header.length)}  ${'plain provider bindings'.padEnd(header.length)}  library/plain (wall, cpu)`);
const rows = serviceCounts.map((n) => {
  const env = { BENCH_SERVICES: String(n) };
  const [library, plain] = measure([
    { command: `${runApp} scripts/bench-mesh-library.ts`, env },
    { command: `${runApp} scripts/bench-mesh-plain.ts`, env },
  ]);
  console.log(`${String(n).padStart(5)}  ${cell(library)}  ${cell(plain)}  ${(library.ms / plain.ms).toFixed(2)}x, ${(library.cpuMs / plain.cpuMs).toFixed(2)}x`);
  return { n, library, plain };
});
// Linear in N: the cost of one more service stays the same from one step of N to the next.
for (const kind of ['library', 'plain']) {
  const steps = rows.slice(1).map((row, i) => {
    const prev = rows[i];
    return { from: prev.n, to: row.n, perService: (row[kind].ms - prev[kind].ms) / (row.n - prev.n) };
  });
  if (steps.length === 0) continue;
  const text = steps.map((s) => `N ${s.from}->${s.to}: ${s.perService.toFixed(2)} ms`).join(', ');
  const growth = steps.length > 1 ? ` (last/first ${(steps[steps.length - 1].perService / steps[0].perService).toFixed(2)}; 1.00 = linear)` : '';
  console.log(`${kind.padEnd(7)} wall time per added service: ${text}${growth}`);
}
const last = rows[rows.length - 1];
console.log(`library/plain at N = ${last.n}: ${(last.library.ms / last.plain.ms).toFixed(2)}x wall time (target: within 1.2x)`);
