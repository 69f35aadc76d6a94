/**
 * Offline Terraform harness: runs the real `terraform` binary on synthesized cdktf JSON, with every provider
 * served by the schema-driven mock provider (./mock-provider.ts) from a local filesystem mirror.
 *
 *   const harness = await prepareHarness();
 *   const results = await harness.check({ gcp: stackJson }, { apply: true, planDestroy: true });
 */
import { spawn } from 'child_process';
import * as crypto from 'crypto';
import { build as bundle } from 'esbuild';
import * as fs from 'fs';
import * as net from 'net';
import * as forge from 'node-forge';
import * as os from 'os';
import * as path from 'path';
import type { TypeNames } from './mock-provider';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** Same rule as __tests__/helpers/paths.ts. */
const SHARED_SCHEMAS_DIR = process.env.SHARED_SCHEMAS_DIR ?? path.resolve(REPO_ROOT, '..', 'shared', 'schemas');

export interface HarnessOptions {
  /**
   * Provider type name → schema file in the single-provider format (`{ provider, resource_schemas, … }`), named
   * `<name>-<version>.json`: the mirror serves that version.
   * @default what tools/terraform/derive-schemas.ts derives from the shared schemas
   */
  readonly schemas?: Record<string, string>;
  /** @default node_modules/.cache/terraform-harness */
  readonly cacheDir?: string;
}

export interface CheckOptions {
  /**
   * Run `terraform validate` before `plan`. Plan validates the configuration first and stops with the same
   * diagnostics, so a separate validate only costs a Terraform process per stack (about 0.4 s).
   * @default false
   */
  readonly validate?: boolean;
  /** Apply the saved plan (the mock provider fills computed values with placeholders). */
  readonly apply?: boolean;
  /** Then run `terraform plan -destroy`, which fails on resources with `prevent_destroy`. */
  readonly planDestroy?: boolean;
  /** Pass -detailed-exitcode to plan: exit code 2 means changes, and counts as success. */
  readonly detailedExitCode?: boolean;
  /** Stacks checked at the same time. @default the number of CPUs */
  readonly concurrency?: number;
}

export type Step = 'init' | 'validate' | 'plan' | 'apply' | 'planDestroy';

export interface CommandResult {
  readonly args: readonly string[];
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Terraform's error diagnostics, as Terraform prints them (summary, `on cdk.tf.json line N` context, detail). */
  readonly errors: string[];
}

export interface StackResult {
  /** The commands run, in order; the first failing one ends the check. */
  readonly commands: Partial<Record<Step, CommandResult>>;
  /** Every error of every command, and the harness's own when it could not run Terraform. */
  readonly errors: string[];
  /** What the harness changed or could not provide, e.g. remote state it redirected. */
  readonly notes: string[];
}

export interface Harness {
  /** The prepared cache folder: bundle, TLS files, schemas, provider mirror and CLI config. */
  readonly dir: string;
  /** Provider type name → version served and schema file. */
  readonly providers: Readonly<Record<string, { readonly version: string; readonly schema: string }>>;
  /** Environment for Terraform commands: the CLI config pointing at the mirror, no checkpoint calls. */
  readonly env: NodeJS.ProcessEnv;
  check(stacks: Record<string, object>, options?: CheckOptions): Promise<Record<string, StackResult>>;
  /** A working directory for step-by-step scenarios (apply, change the config, plan again). */
  workspace(name: string, stack: object): Promise<Workspace>;
}

/** `TERRAFORM_BIN`, else `terraform` on PATH. */
export function terraformBinary(): string {
  const isExecutable = (file: string): boolean => {
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  };
  const configured = process.env.TERRAFORM_BIN;
  if (configured) {
    if (isExecutable(configured)) return configured;
    throw new Error(`TERRAFORM_BIN=${configured} is not an executable file. Point TERRAFORM_BIN at a Terraform 1.11 binary.`);
  }
  const found = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, 'terraform')).find(isExecutable);
  if (!found) throw new Error('Terraform is not on PATH. Install Terraform 1.11 or set TERRAFORM_BIN=/path/to/terraform.');
  return found;
}

const prepared = new Map<string, Promise<Harness>>();

/**
 * Prepares the cache folder once per set of inputs (schemas, harness sources, Node binary). Safe to call from
 * several processes at once: each builds in a private folder and renames it into place; the first one wins.
 */
export function prepareHarness(options: HarnessOptions = {}): Promise<Harness> {
  const key = JSON.stringify(options);
  let harness = prepared.get(key);
  if (!harness) {
    harness = prepare(options);
    prepared.set(key, harness);
  }
  return harness;
}

interface Manifest { providers: Harness['providers'] }

async function prepare(options: HarnessOptions): Promise<Harness> {
  terraformBinary();
  const cacheDir = path.resolve(options.cacheDir ?? path.join(REPO_ROOT, 'node_modules', '.cache', 'terraform-harness'));
  // The lock file stands for the provider bindings that derive-schemas.ts reads.
  const inputs = options.schemas ? Object.values(options.schemas) : [...filesUnder(SHARED_SCHEMAS_DIR), path.join(REPO_ROOT, 'package-lock.json')];
  const hash = crypto.createHash('sha256').update(process.execPath);
  for (const file of [...filesUnder(__dirname), ...inputs]) hash.update(file).update(fs.readFileSync(file));
  const dir = path.join(cacheDir, hash.digest('hex').slice(0, 16));
  const manifestFile = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) {
    const building = `${dir}.${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
    fs.mkdirSync(building, { recursive: true });
    try {
      await build(building, dir, options);
      fs.renameSync(building, dir);
    } catch (e) {
      fs.rmSync(building, { recursive: true, force: true });
      // Another process finished first: use its folder.
      if (!fs.existsSync(manifestFile)) throw e;
    }
  }
  pruneCache(cacheDir, dir);
  const { providers } = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
  const env: NodeJS.ProcessEnv = { CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0', TF_CLI_CONFIG_FILE: path.join(dir, 'terraformrc') };
  // Only TF_LOG* passes through: TF_CLI_ARGS, TF_WORKSPACE, TF_DATA_DIR and the like would change the commands.
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('TF_') || name.startsWith('TF_LOG')) env[name] ??= value;
  return {
    dir, providers, env,
    check: async (stacks, checkOptions) => check({ providers, env: await attachedEnv(dir, providers, env) }, stacks, checkOptions),
    workspace: async (name, stack) => {
      const workspace = new Workspace(fs.mkdtempSync(path.join(os.tmpdir(), `tf-harness-${name}-`)), await attachedEnv(dir, providers, env));
      workspace.write(stack);
      return workspace;
    },
  };
}

/**
 * One long-running mock provider per provider for this process, which Terraform attaches to through
 * TF_REATTACH_PROVIDERS instead of starting each provider two or three times per command (about 70% of a plan's
 * time). `terraform init` still installs from the mirror, so the stacks' version pins are checked.
 */
let servers: Promise<string> | undefined;

/**
 * Reattach configuration of servers shared by a whole test run (`startSharedServers`, called by jest's globalSetup):
 * the workers inherit it, so a worker, or a worker jest replaced, starts no servers of its own.
 */
export const SHARED_SERVERS_VARIABLE = 'TERRAFORM_HARNESS_REATTACH';

async function attachedEnv(dir: string, providers: Harness['providers'], env: NodeJS.ProcessEnv): Promise<NodeJS.ProcessEnv> {
  if (process.env.TERRAFORM_HARNESS_LAUNCH === '1') return env;
  const shared = process.env[SHARED_SERVERS_VARIABLE];
  if (shared) return { ...env, [REATTACH]: shared };
  servers ??= startServers(dir, providers).then(({ reattach }) => reattach);
  return { ...env, [REATTACH]: await servers };
}

const REATTACH = 'TF_REATTACH_PROVIDERS';

/** The resource, data source and ephemeral resource types of cdktf JSON stacks. */
function typeNamesOf(stacks: readonly object[]): TypeNames {
  const names = (key: string): string[] => [...new Set(stacks.flatMap((stack) => Object.keys((stack as Record<string, object | undefined>)[key] ?? {})))].sort();
  return { resource_schemas: names('resource'), data_source_schemas: names('data'), ephemeral_resource_schemas: names('ephemeral') };
}

const narrowedServers = new Map<string, Promise<string>>();

/**
 * The environment with each attached server swapped for one of its siblings that sends only the schemas of
 * `names` (see serveNarrowed in ./mock-provider.ts): Terraform then decodes kilobytes of schema instead of megabytes.
 */
async function narrowedEnv(env: NodeJS.ProcessEnv, names: TypeNames): Promise<NodeJS.ProcessEnv> {
  const attached = env[REATTACH];
  if (!attached) return env;
  const request = JSON.stringify(names);
  const entries = Object.entries(JSON.parse(attached) as Record<string, { Addr: { String: string } }>);
  const narrowed = await Promise.all(entries.map(async ([address, config]) => {
    const key = `${config.Addr.String}\n${request}`;
    let socket = narrowedServers.get(key);
    if (!socket) {
      socket = ask(`${config.Addr.String}.ctl`, request);
      narrowedServers.set(key, socket);
    }
    return [address, { ...config, Addr: { ...config.Addr, String: await socket } }] as const;
  }));
  return { ...env, [REATTACH]: JSON.stringify(Object.fromEntries(narrowed)) };
}

function ask(control: string, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const connection = net.connect(control, () => connection.write(`${request}\n`));
    connection.setEncoding('utf8');
    connection.on('data', (chunk: string) => (answer += chunk));
    connection.on('error', reject);
    connection.on('end', () => {
      const reply = JSON.parse(answer) as { socket?: string; error?: string };
      if (reply.socket) resolve(reply.socket);
      else reject(new Error(`mock provider at ${control}: ${reply.error ?? 'no answer'}`));
    });
  });
}

/**
 * Starts one mock provider server per provider for a whole test run and returns the reattach configuration for
 * {@link SHARED_SERVERS_VARIABLE} and the servers' process ids, to stop them when the run ends.
 */
export async function startSharedServers(): Promise<{ readonly reattach: string; readonly pids: readonly number[] }> {
  const harness = await prepareHarness();
  return startServers(harness.dir, harness.providers);
}

async function startServers(dir: string, providers: Harness['providers']): Promise<{ reattach: string; pids: number[] }> {
  const started = await Promise.all(Object.entries(providers).map(([name, { schema }]) => new Promise<[string, object, number]>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(dir, 'mock-provider.js'), '--schema', schema, '--reattach'], { stdio: ['ignore', 'pipe', 'inherit'] });
    process.on('exit', () => child.kill());
    child.on('error', reject);
    child.stdout.once('data', (line: Buffer) => {
      // Listening: from now on the server must not keep this process alive (until then it must, or nothing would).
      child.unref();
      (child.stdout as NodeJS.ReadableStream & { unref?: () => void }).unref?.();
      const { socket, pid } = JSON.parse(line.toString()) as { socket: string; pid: number };
      resolve([`registry.terraform.io/hashicorp/${name}`, { Protocol: 'grpc', ProtocolVersion: 6, Pid: pid, Test: true, Addr: { Network: 'unix', String: socket } }, pid]);
    });
  })));
  return { reattach: JSON.stringify(Object.fromEntries(started.map(([address, config]) => [address, config]))), pids: started.map(([, , pid]) => pid) };
}

/** Marks `dir` as used now, and removes the builds for other inputs (and abandoned partial ones) unused for an hour. */
function pruneCache(cacheDir: string, dir: string): void {
  const now = new Date();
  fs.utimesSync(dir, now, now);
  for (const entry of fs.readdirSync(cacheDir)) {
    const other = path.join(cacheDir, entry);
    try {
      if (other !== dir && fs.statSync(other).mtimeMs < now.getTime() - 3600_000) fs.rmSync(other, { recursive: true, force: true });
    } catch {
      // Removed by a concurrent run.
    }
  }
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name)).sort();
}

/** Writes everything into `building`; the paths written into files are those of `dir`, where it is renamed. */
async function build(building: string, dir: string, options: HarnessOptions): Promise<void> {
  const schemaDir = path.join(building, 'schemas');
  fs.mkdirSync(schemaDir);
  // Copies keep the mock provider's response caches, written next to each schema, inside this folder.
  const schemas = options.schemas
    ? Object.fromEntries(Object.entries(options.schemas).map(([name, file]) => [name, copy(file, path.join(schemaDir, path.basename(file)))]))
    : await deriveSchemas(schemaDir);
  const tls = writeCertificate(building);

  await bundle({ entryPoints: [path.join(__dirname, 'mock-provider.ts')], outfile: path.join(building, 'mock-provider.js'), bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' });
  fs.cpSync(path.join(__dirname, 'proto'), path.join(building, 'proto'), { recursive: true });

  const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  const final = (file: string): string => (file.startsWith(building) ? path.join(dir, path.relative(building, file)) : path.resolve(file));
  const platform = `${process.platform}_${({ x64: 'amd64', arm64: 'arm64', ia32: '386' } as Record<string, string>)[process.arch] ?? process.arch}`;
  const providers: Record<string, { version: string; schema: string }> = {};
  for (const [name, schema] of Object.entries(schemas)) {
    const version = /-(\d+\.\d+\.\d+[^/]*)\.json$/.exec(schema)?.[1];
    if (!version) throw new Error(`Schema file ${schema} of provider ${name} is not named <name>-<version>.json, so its version is unknown.`);
    providers[name] = { version, schema: final(schema) };
    const folder = path.join(building, 'mirror', 'registry.terraform.io', 'hashicorp', name, version, platform);
    fs.mkdirSync(folder, { recursive: true });
    const command = [process.execPath, path.join(dir, 'mock-provider.js'), '--schema', final(schema), '--cert', final(tls.cert), '--key', final(tls.key)];
    fs.writeFileSync(path.join(folder, `terraform-provider-${name}_v${version}`), `#!/bin/sh\nexec ${command.map(quote).join(' ')}\n`, { mode: 0o755 });
  }
  fs.writeFileSync(path.join(building, 'terraformrc'), [
    'disable_checkpoint = true',
    'provider_installation {',
    `  filesystem_mirror {\n    path    = ${JSON.stringify(path.join(dir, 'mirror'))}\n    include = ["registry.terraform.io/*/*"]\n  }`,
    '  direct {\n    exclude = ["registry.terraform.io/*/*"]\n  }',
    '}',
  ].join('\n') + '\n');
  fs.writeFileSync(path.join(building, 'manifest.json'), JSON.stringify({ providers } satisfies Manifest, null, 2));
}

function copy(from: string, to: string): string {
  fs.copyFileSync(from, to);
  return to;
}

/** Derived through derive-schemas' own cache folder, which its test reads too, so a clean clone derives them once. */
async function deriveSchemas(outDir: string): Promise<Record<string, string>> {
  const { DEFAULT_OUT_DIR, deriveProviderSchemas } = await import('./derive-schemas');
  const derived = await deriveProviderSchemas(DEFAULT_OUT_DIR);
  return Object.fromEntries(Object.entries(derived).map(([name, file]) => [name, copy(file, path.join(outDir, path.basename(file)))]));
}

function writeCertificate(dir: string): { cert: string; key: string } {
  // Native key generation: forge's pure-JS RSA key generation takes seconds.
  const keys = crypto.generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicKey);
  cert.serialNumber = `01${crypto.randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 24 * 3600 * 1000);
  const subject = [{ name: 'commonName', value: 'localhost' }, { name: 'organizationName', value: 'terraform harness mock provider' }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  // What go-plugin expects of a plugin's certificate: a CA for itself, valid for localhost, server and client auth.
  cert.setExtensions([
    { name: 'basicConstraints', cA: true },
    { name: 'keyUsage', keyCertSign: true, digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
    { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }] },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keys.privateKey), forge.md.sha256.create());
  const files = { cert: path.join(dir, 'tls', 'cert.pem'), key: path.join(dir, 'tls', 'key.pem') };
  fs.mkdirSync(path.dirname(files.cert));
  fs.writeFileSync(files.cert, forge.pki.certificateToPem(cert));
  fs.writeFileSync(files.key, keys.privateKey, { mode: 0o600 });
  return files;
}

const ARGS: Record<Step, string[]> = {
  init: ['init', '-input=false', '-no-color'],
  validate: ['validate', '-no-color', '-json'],
  plan: ['plan', '-refresh=false', '-input=false', '-no-color', '-lock=false', '-out=tfplan'],
  apply: ['apply', '-input=false', '-no-color', '-lock=false', 'tfplan'],
  planDestroy: ['plan', '-destroy', '-refresh=false', '-input=false', '-no-color', '-lock=false'],
};

/** One stack's working directory: `cdk.tf.json` with its state kept inside the directory. */
export class Workspace {
  public readonly statePath: string;

  /** Every stack written here so far: its state holds their resources, whose schemas Terraform needs. */
  private readonly written: object[] = [];

  constructor(public readonly dir: string, private readonly env: NodeJS.ProcessEnv) {
    this.statePath = path.join(dir, 'terraform.tfstate');
  }

  /**
   * Writes the stack with its backend replaced by a local one inside this directory, so a real state file is
   * never read or written. `remoteStates` maps the remote state data sources' names to the state files they read.
   */
  write(stack: object, remoteStates: Record<string, string> = {}): void {
    const json = structuredClone(stack) as StackJson;
    json.terraform = { ...json.terraform, backend: { local: { path: this.statePath } } };
    for (const [name, file] of Object.entries(remoteStates)) {
      json.data!.terraform_remote_state[name] = { ...json.data!.terraform_remote_state[name], backend: 'local', config: { path: file } };
    }
    fs.writeFileSync(path.join(this.dir, 'cdk.tf.json'), JSON.stringify(json, null, 2));
    this.written.push(json);
  }

  /** Runs one step; `extraArgs` go after the step's own, e.g. `-detailed-exitcode`. */
  async run(step: Step, extraArgs: string[] = []): Promise<CommandResult> {
    const args = [...ARGS[step], ...extraArgs];
    // init installs from the mirror, which checks the version pins; attached providers would be taken as unmanaged.
    const env = step === 'init' ? { ...this.env, [REATTACH]: undefined } : await narrowedEnv(this.env, typeNamesOf(this.written));
    return new Promise((resolve, reject) => {
      const child = spawn(terraformBinary(), args, { cwd: this.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => err.push(b));
      child.on('error', reject);
      child.on('close', (code) => {
        const stdout = Buffer.concat(out).toString();
        const stderr = Buffer.concat(err).toString();
        const exitCode = code ?? 1;
        const failed = exitCode !== 0 && !(exitCode === 2 && args.includes('-detailed-exitcode'));
        const errors = step === 'validate' ? validateErrors(stdout) : printedErrors(stderr);
        if (failed && errors.length === 0) errors.push(`terraform ${args.join(' ')} exited with code ${exitCode}:\n${stderr || stdout}`);
        resolve({ args, exitCode, stdout, stderr, errors });
      });
    });
  }

  dispose(): void {
    removeUnlessKept(this.dir);
  }
}

interface StackJson {
  terraform?: { backend?: Record<string, Record<string, unknown>>; required_providers?: Record<string, { source?: string; version?: string }> };
  data?: Record<string, Record<string, { backend?: string; config?: Record<string, unknown> }>> & {
    terraform_remote_state: Record<string, { backend?: string; config?: Record<string, unknown> }>;
  };
}

interface Diagnostic {
  severity: string;
  summary: string;
  detail?: string;
  range?: { filename: string; start: { line: number } };
  snippet?: { context?: string; code: string };
}

/** Error diagnostics of `terraform validate -json`, in Terraform's human-readable layout. */
function validateErrors(stdout: string): string[] {
  let diagnostics: Diagnostic[];
  try {
    diagnostics = (JSON.parse(stdout) as { diagnostics: Diagnostic[] }).diagnostics;
  } catch {
    return [];
  }
  return diagnostics.filter((d) => d.severity === 'error').map((d) => {
    const where = d.range && `  on ${d.range.filename} line ${d.range.start.line}${d.snippet?.context ? `, in ${d.snippet.context}` : ''}:` +
      (d.snippet ? `\n  ${d.range.start.line}: ${d.snippet.code.trim()}` : '');
    return [`Error: ${d.summary}`, where, d.detail].filter(Boolean).join('\n\n');
  });
}

/** The `Error:` blocks Terraform prints on stderr (-no-color: unframed, each up to the next diagnostic). */
function printedErrors(stderr: string): string[] {
  return stderr.split(/\n(?=(?:Error|Warning): )/).filter((b) => b.startsWith('Error: ')).map((b) => b.trim());
}

async function check(
  harness: Pick<Harness, 'providers' | 'env'>, stacks: Record<string, object>, options: CheckOptions = {},
): Promise<Record<string, StackResult>> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-harness-'));
  const workspaces = Object.fromEntries(Object.keys(stacks).map((name, i) => {
    const dir = path.join(root, `${i}-${name.replace(/[^\w.-]+/g, '_')}`);
    fs.mkdirSync(dir);
    return [name, new Workspace(dir, harness.env)];
  }));

  // cdktf cross-stack references read the producing stack's state: point them at its copy here.
  const producers = new Map(Object.entries(stacks).flatMap(([name, stack]) => {
    const backend = Object.entries((stack as StackJson).terraform?.backend ?? {})[0];
    return backend ? [[stateKey(backend[0], backend[1]), name] as const] : [];
  }));
  const dependencies: Record<string, string[]> = {};
  const notes: Record<string, string[]> = {};
  for (const [name, stack] of Object.entries(stacks)) {
    const remoteStates: Record<string, string> = {};
    dependencies[name] = [];
    notes[name] = [];
    for (const [dataName, remote] of Object.entries((stack as StackJson).data?.terraform_remote_state ?? {})) {
      const producer = producers.get(stateKey(remote.backend ?? 'local', remote.config ?? {}));
      if (producer && producer !== name) {
        remoteStates[dataName] = workspaces[producer].statePath;
        dependencies[name].push(producer);
        if (!options.apply) notes[name].push(`data.terraform_remote_state.${dataName} reads stack "${producer}", whose outputs exist only after an apply ({ apply: true }).`);
      } else {
        remoteStates[dataName] = path.join(workspaces[name].dir, `missing-remote-state-${dataName}.tfstate`);
        notes[name].push(`data.terraform_remote_state.${dataName} reads a state that is not one of the stacks checked: it reads an empty state instead.`);
      }
    }
    workspaces[name].write(stack, remoteStates);
  }

  const slots = semaphore(options.concurrency ?? os.availableParallelism());
  const running: Record<string, Promise<StackResult>> = {};
  const start = (name: string, seen: string[] = []): Promise<StackResult> => {
    if (seen.includes(name)) throw new Error(`Stacks read each other's state in a cycle: ${[...seen, name].join(' → ')}`);
    return running[name] ??= (async () => {
      // Only an applied producer has outputs to read.
      if (options.apply) await Promise.all(dependencies[name].map((d) => start(d, [...seen, name])));
      return slots(() => checkStack(stacks[name] as StackJson, workspaces[name], harness.providers, options, notes[name]));
    })();
  };
  try {
    const results = await Promise.all(Object.keys(stacks).map(async (name) => [name, await start(name)] as const));
    return Object.fromEntries(results);
  } finally {
    removeUnlessKept(root);
  }
}

function removeUnlessKept(dir: string): void {
  if (process.env.KEEP_TF_DIRS === '1') process.stderr.write(`terraform harness: kept ${dir} (KEEP_TF_DIRS=1)\n`);
  else fs.rmSync(dir, { recursive: true, force: true });
}

function stateKey(backend: string, config: Record<string, unknown>): string {
  return backend === 'local' ? path.resolve(String(config.path ?? 'terraform.tfstate')) : `${backend}:${JSON.stringify(config)}`;
}

async function checkStack(
  stack: StackJson, workspace: Workspace, providers: Harness['providers'], options: CheckOptions, notes: string[],
): Promise<StackResult> {
  const result: StackResult = { commands: {}, errors: [], notes };
  for (const [local, { source = local, version = 'any version' }] of Object.entries(stack.terraform?.required_providers ?? {})) {
    const [type, namespace = 'hashicorp'] = source.split('/').reverse();
    if (namespace !== 'hashicorp' || !providers[type]) {
      result.errors.push(`terraform harness: the stack requires provider ${source} ${version}, which has no schema here (schemas: ${Object.keys(providers).join(', ')}).`);
    }
  }
  if (result.errors.length) return result;
  const steps: Step[] = ['init', ...(options.validate ? ['validate' as const] : []), 'plan', ...(options.apply ? ['apply' as const] : []), ...(options.planDestroy ? ['planDestroy' as const] : [])];
  for (const step of steps) {
    const command = await workspace.run(step, step === 'plan' && options.detailedExitCode ? ['-detailed-exitcode'] : []);
    result.commands[step] = command;
    result.errors.push(...command.errors);
    if (command.errors.length) break;
  }
  return result;
}

function semaphore(size: number): <T>(task: () => Promise<T>) => Promise<T> {
  let free = Math.max(1, size);
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (free > 0) free--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free++;
    }
  };
}
