/**
 * Measures the mock provider as Terraform launches it: time from exec to the go-plugin handshake line, and
 * the GetProviderSchema call (the first launch after setup serializes the schema; later ones serve the cache).
 *
 *   npx tsx tools/terraform/measure-launch.ts [launches per provider, default 5]
 */
import * as grpc from '@grpc/grpc-js';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { prepareHarness } from './harness';

interface Launch { handshakeMs: number; schemaMs: number; schemaBytes: number }

/** Launches the provider's mirror wrapper the way go-plugin does, with the server's own certificate as client. */
async function launch(wrapper: string, cert: string, key: string): Promise<Launch> {
  const started = performance.now();
  const child = spawn(wrapper, [], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, TF_PLUGIN_MAGIC_COOKIE: 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2', PLUGIN_PROTOCOL_VERSIONS: '6', PLUGIN_CLIENT_CERT: cert },
  });
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (b: Buffer) => resolve(b.toString().trim()));
    child.once('exit', (code) => reject(new Error(`provider exited with ${code} before the handshake`)));
  });
  const handshakeMs = performance.now() - started;
  const socket = line.split('|')[3];
  const client = new grpc.Client(`unix://${socket}`, grpc.credentials.createSsl(Buffer.from(cert), Buffer.from(key), Buffer.from(cert)),
    { 'grpc.ssl_target_name_override': 'localhost', 'grpc.default_authority': 'localhost', 'grpc.max_receive_message_length': -1 });
  const call = (method: string): Promise<Buffer> => new Promise((resolve, reject) => {
    client.makeUnaryRequest(method, () => Buffer.alloc(0), (b: Buffer) => b, {}, (err, value) => (err ? reject(err) : resolve(value!)));
  });
  const before = performance.now();
  const schema = await call('/tfplugin6.Provider/GetProviderSchema');
  const schemaMs = performance.now() - before;
  await call('/plugin.GRPCController/Shutdown');
  client.close();
  await new Promise((resolve) => child.once('exit', resolve));
  return { handshakeMs, schemaMs, schemaBytes: schema.length };
}

async function main(): Promise<void> {
  const launches = Number(process.argv[2] ?? 5);
  const harness = await prepareHarness();
  const cert = fs.readFileSync(path.join(harness.dir, 'tls', 'cert.pem'), 'utf8');
  const key = fs.readFileSync(path.join(harness.dir, 'tls', 'key.pem'), 'utf8');
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const [name, { version, schema }] of Object.entries(harness.providers)) {
    for (const file of fs.readdirSync(path.dirname(schema))) if (file.startsWith(path.basename(schema)) && file.endsWith('.pb')) fs.rmSync(path.join(path.dirname(schema), file));
    const platforms = path.join(harness.dir, 'mirror', 'registry.terraform.io', 'hashicorp', name, version);
    const wrapper = path.join(platforms, fs.readdirSync(platforms)[0], `terraform-provider-${name}_v${version}`);
    const results: Launch[] = [];
    for (let i = 0; i < launches; i++) results.push(await launch(wrapper, cert, key));
    const [first, ...cached] = results;
    console.log(`${name} ${version}: handshake median ${median(results.map((r) => r.handshakeMs)).toFixed(0)} ms ` +
      `(min ${Math.min(...results.map((r) => r.handshakeMs)).toFixed(0)}, max ${Math.max(...results.map((r) => r.handshakeMs)).toFixed(0)}); ` +
      `GetProviderSchema ${(first.schemaBytes / 1e6).toFixed(1)} MB: first ${first.schemaMs.toFixed(0)} ms, cached median ${median(cached.map((r) => r.schemaMs)).toFixed(0)} ms`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
