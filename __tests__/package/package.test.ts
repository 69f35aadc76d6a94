import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT } from '../helpers/paths';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const apiDocs = require('../../scripts/api-docs.js') as {
  apiDigest(assembly: object): string;
  contentDigest(markdown: string): string;
  docgenVersion(): string;
  readStamp(markdown: string): { docgenVersion: string; apiDigest: string; contentDigest: string; body: string } | undefined;
  undocumented(assembly: object): string[];
};

/**
 * The package as a consuming team gets it: `npm pack` (which builds through prepack), the tarball's contents, and a
 * fresh cdktf app that installs the tarball offline (its peers linked from this project's node_modules), compiles
 * the README's quick start with tsc and synthesizes it with plain `node`.
 */
jest.setTimeout(300_000);

const PEERS = ['cdktf', 'constructs', '@cdktf/provider-google', '@cdktf/provider-google-beta', '@cdktf/provider-kubernetes', '@cdktf/provider-tls'];

let work: string;
let tarball: string;
let entries: string[];
let unpacked: string;
let consumer: string;

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function mustRun(command: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv): string {
  const result = run(command, args, cwd, env);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** Runs an app file of the consumer; returns its exit code, stderr and synthesized stacks. */
function synthConsumer(file: string, env: NodeJS.ProcessEnv = {}): { status: number | null; stderr: string; outdir: string } {
  const outdir = fs.mkdtempSync(path.join(work, 'out-'));
  const clean = { ...process.env };
  delete clean.CDKTF_CONTEXT_JSON;
  delete clean.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
  // The same working directory as the in-repo run, so cdktf's default local state path is the same.
  const result = run(process.execPath, [path.join(consumer, file)], REPO_ROOT, { ...clean, CDKTF_OUTDIR: outdir, ...env });
  return { status: result.status, stderr: result.stderr, outdir };
}

function stacksIn(outdir: string): Record<string, unknown> {
  const stacks: Record<string, unknown> = {};
  for (const name of fs.readdirSync(path.join(outdir, 'stacks'))) {
    stacks[name] = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'));
  }
  return stacks;
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'package-'));
  mustRun('npm', ['pack', '--pack-destination', work, '--loglevel', 'error'], REPO_ROOT);
  tarball = path.join(work, fs.readdirSync(work).find((f) => f.endsWith('.tgz'))!);
  entries = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').map((e) => e.replace(/^package\//, ''));
  unpacked = path.join(work, 'unpacked');
  fs.mkdirSync(unpacked);
  execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);

  consumer = path.join(work, 'consumer');
  fs.mkdirSync(path.join(consumer, 'node_modules', '@cdktf'), { recursive: true });
  fs.writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  // Offline: the tarball carries its one dependency (ajv) bundled; the peers come from this project.
  mustRun('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--legacy-peer-deps', '--no-package-lock', '--loglevel', 'error', tarball], consumer);
  for (const peer of PEERS) fs.symlinkSync(path.join(REPO_ROOT, 'node_modules', peer), path.join(consumer, 'node_modules', peer), 'dir');
  fs.copyFileSync(path.join(REPO_ROOT, 'examples', 'quick-start.ts'), path.join(consumer, 'main.ts'));
  fs.writeFileSync(path.join(consumer, 'tsconfig.json'), JSON.stringify({
    // As `cdktf init --template typescript` sets it up.
    compilerOptions: { target: 'ES2018', module: 'commonjs', strict: true, skipLibCheck: true, types: [], outDir: '.' },
    files: ['main.ts'],
  }));
});

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('holds the library only: compiled lib and generated types, the jsii assembly, API.md, CHANGELOG, LICENSE, README and docs', () => {
    const allowed = /^(dist\/lib\/.+\.(js|d\.ts)|dist\/\.gen\/.+\.(js|d\.ts)|bin\/cdktf-mesh-security\.js|\.jsii|API\.md|CHANGELOG\.md|LICENSE|README\.md|docs\/.+\.(md|svg|dot)|package\.json|node_modules\/.+)$/;
    expect(entries.filter((e) => !allowed.test(e))).toEqual([]);
    expect(entries).toEqual(expect.arrayContaining(['dist/lib/index.js', 'dist/lib/index.d.ts', '.jsii', 'API.md', 'CHANGELOG.md', 'LICENSE', 'README.md']));
    // The manifest validators are JavaScript that jsii does not compile: the build copies them.
    const validators = fs.readdirSync(path.join(REPO_ROOT, '.gen'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.validate.js'));
    expect(validators.length).toBeGreaterThanOrEqual(12);
    expect(entries).toEqual(expect.arrayContaining(validators.map((f) => `dist/.gen/${f.split(path.sep).join('/')}`)));
    // Bundled, so installing needs nothing but the peers.
    expect([...new Set(entries.filter((e) => e.startsWith('node_modules/')).map((e) => e.split('/')[1]))].sort())
      .toEqual(['ajv', 'fast-deep-equal', 'fast-uri', 'json-schema-traverse', 'require-from-string']);
  });

  it('ships no source maps of its own, inline or separate (the bundled ajv brings its own)', () => {
    const js = entries.filter((e) => e.startsWith('dist/') && e.endsWith('.js'));
    expect(js.length).toBeGreaterThan(100);
    expect(js.filter((e) => fs.readFileSync(path.join(unpacked, e), 'utf8').includes('sourceMappingURL'))).toEqual([]);
    expect(entries.filter((e) => e.endsWith('.map') && !e.startsWith('node_modules/'))).toEqual([]);
  });

  it('package.json states exports, the supported Node versions, license, homepage and issue tracker', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({
      license: 'Apache-2.0',
      main: 'dist/lib/index.js',
      types: 'dist/lib/index.d.ts',
      exports: { '.': { types: './dist/lib/index.d.ts', default: './dist/lib/index.js' } },
      engines: { node: '>=20.16.0' },
      homepage: expect.stringMatching(/^https:\/\//),
      bugs: { url: expect.stringMatching(/^https:\/\/.+\/issues$/) },
    });
    expect(fs.readFileSync(path.join(unpacked, 'LICENSE'), 'utf8')).toContain('Apache License\n                           Version 2.0, January 2004');
  });

  it('API.md is generated from this very API (run `npm run docs:api` after changing a public type or its docs)', () => {
    const assembly = JSON.parse(fs.readFileSync(path.join(unpacked, '.jsii'), 'utf8'));
    const stamp = apiDocs.readStamp(fs.readFileSync(path.join(REPO_ROOT, 'API.md'), 'utf8'));
    expect(stamp && {
      docgenVersion: stamp.docgenVersion,
      apiDigest: stamp.apiDigest,
      contentDigest: stamp.contentDigest,
    }).toEqual({
      docgenVersion: apiDocs.docgenVersion(),
      apiDigest: apiDocs.apiDigest(assembly),
      // Hand edits show as a changed content digest.
      contentDigest: apiDocs.contentDigest(stamp!.body),
    });
  });

  it('the API digest follows the API and its docs, not the source lines where they are declared (API.md shows none)', () => {
    const assembly = JSON.parse(fs.readFileSync(path.join(unpacked, '.jsii'), 'utf8'));
    const edited = (edit: (key: string, value: unknown) => unknown): object => JSON.parse(JSON.stringify(assembly), edit);
    expect(apiDocs.apiDigest(edited((key, value) => (key === 'line' ? (value as number) + 1 : value)))).toBe(apiDocs.apiDigest(assembly));
    expect(apiDocs.apiDigest(edited((key, value) => (key === 'summary' ? `${value as string} Changed.` : value)))).not.toBe(apiDocs.apiDigest(assembly));
  });

  it('every public type, property, method and enum member has a doc comment', () => {
    const assembly = JSON.parse(fs.readFileSync(path.join(unpacked, '.jsii'), 'utf8'));
    expect(Object.keys(assembly.types).length).toBeGreaterThan(100);
    expect(apiDocs.undocumented(assembly)).toEqual([]);
  });
});

describe('a cdktf app that installs the package', () => {
  it('compiles the README quick start with tsc against the shipped type declarations', () => {
    mustRun(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', consumer], consumer);
    expect(fs.existsSync(path.join(consumer, 'main.js'))).toBe(true);
  });

  it('synthesizes it with plain node, exactly as the library in this repository does', () => {
    const packaged = synthConsumer('main.js');
    expect({ status: packaged.status, stderr: packaged.stderr }).toEqual({ status: 0, stderr: '' });

    const fromSource = fs.mkdtempSync(path.join(work, 'source-'));
    mustRun(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'examples', 'quick-start.ts')], REPO_ROOT, { ...process.env, CDKTF_OUTDIR: fromSource });
    expect(stacksIn(packaged.outdir)).toEqual(stacksIn(fromSource));
    expect(Object.keys(stacksIn(packaged.outdir))).toEqual(['mesh-security']);
  });

  it('prints each warning once in `node app.js`, and leaves them to the cdktf CLI under it', () => {
    // Plain JavaScript: a backend service that does not pin the server's identity warns.
    fs.writeFileSync(path.join(consumer, 'warns.js'), `
const { GoogleProvider } = require('@cdktf/provider-google/lib/provider');
const { gke, mesh } = require('@zerotrust-gcp/cdktf-mesh-security');
const { App, TerraformStack } = require('cdktf');
const app = new App();
const stack = new TerraformStack(app, 'backend');
new GoogleProvider(stack, 'google', { project: 'my-project-id' });
new mesh.MeshBackendService(stack, 'Backend', {
  name: 'td-gke-service',
  healthCheck: new mesh.MeshHealthCheck(stack, 'HealthCheck', { name: 'td-gke-health-check' }),
  networkEndpointGroups: [mesh.NetworkEndpointGroupRef.fromName('my-project-id', 'us-east1-b', 'service-test-neg')],
  clientTlsPolicy: new mesh.ClientTlsPolicy(stack, 'ClientMtls', { name: 'client-mtls-policy' }),
});
app.synth();
`);
    const plain = synthConsumer('warns.js');
    expect(plain.status).toBe(0);
    const lines = plain.stderr.trim().split('\n');
    expect(lines).toEqual([expect.stringMatching(/^\[WARNING\] backend\/Backend: Backend service "td-gke-service" accepts any mesh identity as server/)]);

    const underCli = synthConsumer('warns.js', { CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: 'true' });
    expect({ status: underCli.status, stderr: underCli.stderr }).toEqual({ status: 0, stderr: '' });
    const manifest = JSON.parse(fs.readFileSync(path.join(underCli.outdir, 'manifest.json'), 'utf8'));
    expect(manifest.stacks.backend.annotations.map((a: { level: string; message: string }) => [a.level, a.message]))
      .toEqual([['@cdktf/warn', lines[0].replace(/^\[WARNING\] backend\/Backend: /, '')]]);
  });

  it('T2: the installed command checks the synthesized output, with no cdktf or provider loaded', () => {
    const bin = path.join(consumer, 'node_modules', '.bin', 'cdktf-mesh-security');
    const packaged = synthConsumer('main.js');
    const result = run(bin, ['posture', packaged.outdir], consumer);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    expect(result.stdout).toContain('1 stack, 0 errors, 0 warnings');
  });

  it('X2: a JavaScript caller passing null props gets the library\'s message, not a TypeError', () => {
    fs.writeFileSync(path.join(consumer, 'bad.js'), `
const { ca } = require('@zerotrust-gcp/cdktf-mesh-security');
const { App, TerraformStack } = require('cdktf');
new ca.CaHierarchy(new TerraformStack(new App(), 'stack'), 'Ca', null);
`);
    const bad = synthConsumer('bad.js');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/ValidationError: stack\/Ca: props is required \(got null\)\./);
    expect(bad.stderr).not.toMatch(/TypeError/);
  });
});
