import { isAscii } from 'buffer';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack } from 'cdktf';
import { describeFailure, runSynth, SynthesizedStack } from '../../app/synth-summary';
import { buildTopology } from '../../app/topology';
import { REPO_ROOT } from '../helpers/paths';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const runApp = require('../../scripts/run-app.js') as { bundlePaths(entry: string): { js: string } };

/** What `npm run synth` prints (main.ts's runSynth), run in-process against a temporary output folder. */
function run(env: Record<string, string>, cli = false): { code: number; out: string; err: string; outdir: string } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-summary-'));
  const saved = { ...process.env };
  let out = '';
  let err = '';
  try {
    process.env.CDKTF_OUTDIR = outdir;
    if (cli) process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = 'true';
    else delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
    const code = runSynth((app) => buildTopology(app, env), (stacks: readonly SynthesizedStack[]) => [`Next: cdktf deploy ${stacks.map((s) => s.name).join(' ')}`], {
      out: (text) => { out += text; },
      err: (text) => { err += text; },
    });
    return { code, out, err, outdir };
  } finally {
    process.env = saved;
  }
}

describe('npm run synth output', () => {
  const result = run({});

  afterAll(() => fs.rmSync(result.outdir, { recursive: true, force: true }));

  it('lists the stacks in deploy order with their resource counts, the output folder and the next command', () => {
    expect(result.code).toBe(0);
    const lines = result.out.trim().split('\n');
    expect(lines[0]).toBe(`Synthesized 9 stacks into ${path.join(path.relative(process.cwd(), result.outdir), 'stacks')}, in deploy order:`);
    expect(lines.slice(1, 10).map((l) => l.trim().split(/\s+/)[0])).toEqual(['lb-api-gcp', 'lb-api-k8s', 'lb-api-traffic',
      'routing-api-gcp', 'routing-api-k8s', 'routing-api-traffic', 'egress-gcp', 'egress-k8s', 'vm-workload-identity']);
    expect(lines[3]).toMatch(/^ {2}lb-api-traffic +\d+ resources {2}after lb-api-gcp, lb-api-k8s$/);
    // The count is the number of resources in the stack's cdk.tf.json.
    const traffic = JSON.parse(fs.readFileSync(path.join(result.outdir, 'stacks', 'lb-api-traffic', 'cdk.tf.json'), 'utf8'));
    const count = Object.values(traffic.resource as Record<string, object>).reduce((n: number, byName) => n + Object.keys(byName).length, 0);
    expect(lines[3]).toContain(` ${count} resources`);
    expect(lines.slice(-3)).toEqual(['4 warnings (above).', 'Posture check: 0 errors, 0 warnings, 0 suppressed (npm run posture).',
      'Next: cdktf deploy lb-api-gcp lb-api-k8s lb-api-traffic routing-api-gcp routing-api-k8s routing-api-traffic egress-gcp egress-k8s vm-workload-identity']);
  });

  it('S16/S10: prints the gateway-authorization gap and the health-check caveat once each, with their construct paths', () => {
    const warnings = result.err.trim().split('\n');
    expect(warnings).toHaveLength(4);
    expect(new Set(warnings).size).toBe(4);
    expect(warnings).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\[WARNING\] lb-api-traffic\/IngressRouting: S16: authorization policy "authz-gateway-policy" is created but NOT attached/),
      expect.stringMatching(/^\[WARNING\] routing-api-gcp\/Gateway: S16: /),
      expect.stringMatching(/^\[WARNING\] lb-api-k8s\/Server\/NegService-service-test: Health check "td-gke-health-check" uses the serving port 8000/),
    ]));
  });

  it('T2: a posture error in what was written fails the run, printed with its rule and resource', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-summary-'));
    const saved = { ...process.env };
    let out = '';
    let err = '';
    try {
      process.env.CDKTF_OUTDIR = outdir;
      delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
      const code = runSynth((app) => {
        const stack = new TerraformStack(app, 'weak');
        new GoogleProvider(stack, 'google', { project: 'my-project-id' });
        new ComputeFirewall(stack, 'OpenSsh', { name: 'open-ssh', network: 'default', sourceRanges: ['0.0.0.0/0'], allow: [{ protocol: 'tcp', ports: ['22'] }] });
      }, () => [], { out: (text) => { out += text; }, err: (text) => { err += text; } });
      expect({ code, out }).toEqual({ code: 1, out: '' });
      expect(err).toContain('POSTURE-NET-FIREWALL-OPEN-INGRESS');
      expect(err).toContain('google_compute_firewall.OpenSsh');
    } finally {
      process.env = saved;
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  it('X4: the output does not depend on where the project or the output folder lives, and keeps state outside it', () => {
    const second = run({});
    const files = (dir: string): string[] => fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();
    expect(files(second.outdir)).toEqual(files(result.outdir));
    for (const file of files(result.outdir)) {
      const text = fs.readFileSync(path.join(result.outdir, file), 'utf8');
      expect({ file, same: fs.readFileSync(path.join(second.outdir, file), 'utf8') === text }).toEqual({ file, same: true });
      expect({ file, namesCheckout: text.includes(REPO_ROOT) || text.includes(process.cwd()) }).toEqual({ file, namesCheckout: false });
    }
    fs.rmSync(second.outdir, { recursive: true, force: true });
    const stack = JSON.parse(fs.readFileSync(path.join(result.outdir, 'stacks', 'lb-api-gcp', 'cdk.tf.json'), 'utf8'));
    // Terraform runs in <outdir>/stacks/<stack>: the state file is beside the output folder, never inside it.
    expect(stack.terraform.backend).toEqual({ local: { path: '../../../terraform.lb-api-gcp.tfstate' } });
  });

  it('cdktf.json\'s app command (the bundle of scripts/run-app.js) prints and writes exactly what the sources do', () => {
    const { app } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'cdktf.json'), 'utf8')) as { app: string };
    const [command, ...args] = app.split(' ');
    expect(command).toBe('node');
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-command-'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir };
      delete env.CDKTF_CONTEXT_JSON;
      const child = spawnSync(process.execPath, args, { cwd: REPO_ROOT, env, encoding: 'utf8' });
      // Up to main.ts's own next steps, which this file's run replaces.
      const summary = (out: string, dir: string): string => out.replace(path.relative(REPO_ROOT, dir), '<out>').split('\nNext: ')[0];
      expect({ status: child.status, stdout: summary(child.stdout, outdir), stderr: child.stderr })
        .toEqual({ status: 0, stdout: summary(result.out, result.outdir), stderr: result.err });
      const stacks = (dir: string): Record<string, string> => Object.fromEntries(fs.readdirSync(path.join(dir, 'stacks')).map((name) =>
        [name, fs.readFileSync(path.join(dir, 'stacks', name, 'cdk.tf.json'), 'utf8')]));
      expect(stacks(outdir)).toEqual(stacks(result.outdir));
      // run-app.js reads its bundle as latin1, which equals UTF-8 only for ASCII (esbuild's `charset: 'ascii'`).
      expect(isAscii(fs.readFileSync(runApp.bundlePaths(args[1]).js))).toBe(true);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  it('under the cdktf CLI prints nothing: the CLI lists the stacks and the manifest\'s warnings itself', () => {
    const cli = run({ MESH_API_VARIANTS: 'lb-api', VM_TOPOLOGY: 'false', EGRESS_TOPOLOGY: 'false' }, true);
    fs.rmSync(cli.outdir, { recursive: true, force: true });
    expect({ code: cli.code, out: cli.out, err: cli.err }).toEqual({ code: 0, out: '', err: '' });
  });

  it('X2: a validation error is printed as its message alone (path, field, value, fix) and the exit code is 1', () => {
    const failed = run({ PROJECT_ID: 'Bad_Project' });
    fs.rmSync(failed.outdir, { recursive: true, force: true });
    expect(failed).toMatchObject({ code: 1, out: '' });
    expect(failed.err).toBe('Synthesis failed:\nlb-api-gcp/Apis: project is not a valid project ID (got "Bad_Project"). Use the project ID ' +
      '(6-30 characters: lowercase letters, digits and hyphens, starting with a letter), not its display name or number.\n');
  });

  it('X2: a configuration error likewise', () => {
    const failed = run({ VM_TOPOLOGY: 'maybe' });
    fs.rmSync(failed.outdir, { recursive: true, force: true });
    expect(failed).toEqual(expect.objectContaining({ code: 1, err: 'Synthesis failed:\nConfiguration: VM_TOPOLOGY must be "true" or "false" (got "maybe").\n' }));
  });

  it('any other error (a bug) keeps its stack trace for the report, after the message', () => {
    const bug = new TypeError('Cannot read properties of undefined');
    expect(describeFailure(bug)).toBe(`Synthesis failed: Cannot read properties of undefined\n\n${bug.stack}\n`);
    expect(describeFailure('thrown text')).toBe('Synthesis failed: thrown text\n');
  });
});
