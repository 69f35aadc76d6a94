/**
 * A schema-driven mock Terraform provider: it serves Terraform's plugin protocol 6 over gRPC for any provider
 * schema file and calls no API. Terraform itself checks configurations against the schema; the mock plans
 * computed values as unknown and applies placeholders, so `validate`, `plan` and `apply` run offline.
 *
 *   node mock-provider.js --schema <provider schema JSON> --cert <server cert PEM> --key <server key PEM>
 *   node mock-provider.js --schema <provider schema JSON> --reattach
 *
 * The first form is how Terraform launches it from the mirror (go-plugin handshake with mTLS). The second keeps one
 * server running for many Terraform commands, which attach to it through TF_REATTACH_PROVIDERS: Terraform then
 * starts no provider process at all (it otherwise starts each provider two or three times per command).
 *
 * The harness bundles this file with esbuild and copies ./proto next to the bundle.
 */
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import {
  decodeValue, emptyObject, encodeValue, fromStateJson, impliedType, parseStateJson, ProviderSchemaFile, Schema, SchemaAttribute,
  SchemaBlock, walk,
} from './provider-values';

/** hashicorp/go-plugin's handshake: Terraform sets this variable for the plugins it launches. */
const MAGIC_COOKIE = ['TF_PLUGIN_MAGIC_COOKIE', 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2'] as const;

interface DynamicValue { msgpack?: Buffer; json?: Buffer }
interface Diagnostic { severity: 'ERROR' | 'WARNING'; summary: string; detail?: string }
type Request = Record<string, unknown> & { type_name?: string };

function option(name: string): string {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0 || !process.argv[i + 1]) throw new Error(`mock-provider: --${name} <file> is required`);
  return process.argv[i + 1];
}

const schemaPath = option('schema');
const protos = protoLoader.loadSync(['tfplugin6.proto', 'go_plugin.proto'], {
  includeDirs: [path.join(__dirname, 'proto')], keepCase: true, longs: String, enums: String, defaults: false, oneofs: true,
});
const service = (name: string): grpc.ServiceDefinition => protos[name] as grpc.ServiceDefinition;
const providerService = service('tfplugin6.Provider');

// Parsing a 10 MB schema costs ~100 ms, so it happens only in launches that plan, apply or read.
let parsedSchema: ProviderSchemaFile | undefined;
const providerSchema = (): ProviderSchemaFile => (parsedSchema ??= JSON.parse(fs.readFileSync(schemaPath, 'utf8')) as ProviderSchemaFile);

function schemaOf(kind: 'resource_schemas' | 'data_source_schemas', typeName: unknown): SchemaBlock {
  const found = providerSchema()[kind]?.[String(typeName)];
  if (!found) throw new Error(`${path.basename(schemaPath)} has no ${kind.replace(/_schemas$/, '')} schema for ${String(typeName)}`);
  return found.block;
}

const serverCapabilities = { plan_destroy: true, get_provider_schema_optional: true };

/**
 * Terraform launches each provider two or three times per command. The serialized responses that depend only
 * on the schema are written next to it once and later served as they are, without parsing the schema.
 */
function cachedResponse(method: string, build: (schema: ProviderSchemaFile) => object): Buffer {
  const file = `${schemaPath}.${method}.pb`;
  try {
    if (fs.statSync(file).mtimeMs >= fs.statSync(schemaPath).mtimeMs) return fs.readFileSync(file);
  } catch {
    // Not cached yet.
  }
  const bytes = providerService[method].responseSerialize(build(providerSchema()));
  try {
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, bytes);
    fs.renameSync(temporary, file);
  } catch {
    // A read-only schema folder: serve without caching.
  }
  return bytes;
}

const metadata = (s: ProviderSchemaFile): object => ({
  server_capabilities: serverCapabilities,
  resources: Object.keys(s.resource_schemas ?? {}).map((type_name) => ({ type_name })),
  data_sources: Object.keys(s.data_source_schemas ?? {}).map((type_name) => ({ type_name })),
  ephemeral_resources: Object.keys(s.ephemeral_resource_schemas ?? {}).map((type_name) => ({ type_name })),
});

const schemaResponse = (s: ProviderSchemaFile): object => ({
  server_capabilities: serverCapabilities,
  provider: protoSchemas({ provider: s.provider }).provider,
  resource_schemas: protoSchemas(s.resource_schemas),
  data_source_schemas: protoSchemas(s.data_source_schemas),
  ephemeral_resource_schemas: protoSchemas(s.ephemeral_resource_schemas),
});

const KINDS = ['resource_schemas', 'data_source_schemas', 'ephemeral_resource_schemas'] as const;

/** Type names per kind of schema, as a harness asks for them on the control socket. */
export type TypeNames = Partial<Record<(typeof KINDS)[number], readonly string[]>>;

/** The provider block and, of each kind, only the named types this provider has. */
function narrowed(s: ProviderSchemaFile, names: TypeNames): ProviderSchemaFile {
  const pick = (kind: (typeof KINDS)[number]): Record<string, Schema> =>
    Object.fromEntries((names[kind] ?? []).flatMap((n) => (s[kind]?.[n] ? [[n, s[kind][n]] as const] : [])));
  return { provider: s.provider, resource_schemas: pick('resource_schemas'), data_source_schemas: pick('data_source_schemas'), ephemeral_resource_schemas: pick('ephemeral_resource_schemas') };
}

const kind = (k?: string): string => (k === 'markdown' ? 'MARKDOWN' : 'PLAIN');

function protoAttribute(name: string, a: SchemaAttribute): object {
  return {
    name, type: a.type === undefined ? undefined : Buffer.from(JSON.stringify(a.type)), description: a.description, description_kind: kind(a.description_kind),
    required: a.required, optional: a.optional, computed: a.computed, sensitive: a.sensitive, deprecated: a.deprecated, write_only: a.write_only,
    nested_type: a.nested_type && {
      attributes: Object.entries(a.nested_type.attributes).map(([n, nested]) => protoAttribute(n, nested)),
      nesting: a.nested_type.nesting_mode.toUpperCase(),
    },
  };
}

function protoBlock(b: SchemaBlock): object {
  return {
    attributes: Object.entries(b.attributes ?? {}).map(([name, a]) => protoAttribute(name, a)),
    block_types: Object.entries(b.block_types ?? {}).map(([type_name, nested]) => ({
      type_name, block: protoBlock(nested.block), nesting: nested.nesting_mode.toUpperCase(), min_items: nested.min_items, max_items: nested.max_items,
    })),
    description: b.description, description_kind: kind(b.description_kind), deprecated: b.deprecated,
  };
}

const protoSchemas = (schemas: Record<string, Schema> = {}): Record<string, object> =>
  Object.fromEntries(Object.entries(schemas).map(([name, s]) => [name, { version: s.version ?? 0, block: protoBlock(s.block) }]));

function valueOf(dv: unknown, block: SchemaBlock): unknown {
  const { msgpack, json } = (dv ?? {}) as DynamicValue;
  if (msgpack?.length) return decodeValue(msgpack);
  return json?.length ? fromStateJson(impliedType(block), parseStateJson(json.toString('utf8'))) : null;
}

const dynamic = (value: unknown): DynamicValue => ({ msgpack: encodeValue(value) });
const error = (summary: string, detail?: string): { diagnostics: Diagnostic[] } => ({ diagnostics: [{ severity: 'ERROR', summary, detail }] });

/** A unary handler whose exceptions become error diagnostics, which Terraform prints with the resource address. */
function unary(handle: (request: Request) => object | Buffer): grpc.handleUnaryCall<Request, object> {
  return (call, callback) => {
    try {
      callback(null, handle(call.request));
    } catch (e) {
      callback(null, error('Mock provider failure', e instanceof Error ? e.stack : String(e)));
    }
  };
}

const none = unary(() => ({}));

const provider: grpc.UntypedServiceImplementation = {
  ValidateProviderConfig: none,
  ValidateResourceConfig: none,
  ValidateDataResourceConfig: none,
  ValidateEphemeralResourceConfig: none,
  ConfigureProvider: none,
  GetFunctions: none,
  StopProvider: none,
  UpgradeResourceState: unary((r) => {
    const json = (r.raw_state as { json?: Buffer } | undefined)?.json;
    if (!json?.length) return error('The mock provider cannot upgrade a legacy flatmap state', `Resource type ${String(r.type_name)}.`);
    return { upgraded_state: dynamic(valueOf({ json }, schemaOf('resource_schemas', r.type_name))) };
  }),
  ReadResource: unary((r) => ({ new_state: r.current_state, private: r.private })),
  PlanResourceChange: unary((r) => {
    const block = schemaOf('resource_schemas', r.type_name);
    const proposed = valueOf(r.proposed_new_state, block);
    // On create, computed values are unknown until apply; on update, Terraform's proposal already keeps them.
    const planned = valueOf(r.prior_state, block) === null ? walk(block, proposed, 'plan') : proposed;
    return { planned_state: dynamic(planned), planned_private: r.prior_private };
  }),
  ApplyResourceChange: unary((r) => {
    const block = schemaOf('resource_schemas', r.type_name);
    return { new_state: dynamic(walk(block, valueOf(r.planned_state, block), 'apply')), private: r.planned_private };
  }),
  ImportResourceState: unary((r) => {
    const block = schemaOf('resource_schemas', r.type_name);
    if (!block.attributes?.id) return error(`The mock provider cannot import ${String(r.type_name)}`, 'Its schema has no "id" attribute.');
    return { imported_resources: [{ type_name: r.type_name, state: dynamic({ ...emptyObject(block), id: r.id }) }] };
  }),
  MoveResourceState: unary(() => error('The mock provider does not move resources across types')),
  ReadDataSource: unary((r) => {
    const block = schemaOf('data_source_schemas', r.type_name);
    return { state: dynamic(walk(block, valueOf(r.config, block), 'read')) };
  }),
};

/** The provider and go-plugin services; the two responses that depend only on the schema are served as prepared bytes. */
function providerServer(metadataBytes: () => Buffer, schemaBytes: () => Buffer, reattach: boolean): grpc.Server {
  const server = new grpc.Server({ 'grpc.max_receive_message_length': -1, 'grpc.max_send_message_length': -1 });
  const raw = (method: string): grpc.MethodDefinition<unknown, Buffer> => ({ ...providerService[method], responseSerialize: (bytes: Buffer) => bytes });
  server.addService(
    { ...providerService, GetMetadata: raw('GetMetadata'), GetProviderSchema: raw('GetProviderSchema') },
    { ...provider, GetMetadata: unary(metadataBytes), GetProviderSchema: unary(schemaBytes) },
  );
  // go-plugin opens these two streams on every launch; nothing is ever sent on them.
  server.addService(service('plugin.GRPCStdio'), { StreamStdio: () => undefined });
  server.addService(service('plugin.GRPCBroker'), { StartStream: (call: grpc.ServerDuplexStream<unknown, unknown>) => call.on('end', () => call.end()) });
  server.addService(service('plugin.GRPCController'), {
    Shutdown: (_call: unknown, callback: grpc.sendUnaryData<object>) => {
      callback(null, {});
      // A shared server outlives every Terraform command attached to it; whoever started it stops it.
      if (!reattach) setTimeout(() => process.exit(0), 10);
    },
  });
  return server;
}

const newSocket = (): string => path.join(process.env.PLUGIN_UNIX_SOCKET_DIR || os.tmpdir(), `tf-mock-${crypto.randomBytes(6).toString('hex')}.sock`);
const sockets: string[] = [];
process.on('exit', () => sockets.forEach((socket) => fs.rmSync(socket, { force: true })));

function listen(server: grpc.Server, socket: string, credentials: grpc.ServerCredentials): Promise<void> {
  sockets.push(socket);
  return new Promise((resolve, reject) => server.bindAsync(`unix://${socket}`, credentials, (err) => (err ? reject(err) : resolve())));
}

/**
 * Terraform decodes the whole schema a provider sends (about 0.2 s of CPU for google's 4.5 MB) in every command.
 * A harness that knows the types a configuration uses asks on `<socket>.ctl` (one JSON line of {@link TypeNames})
 * for a server that sends only those, and gets its socket back; everything but the schema is served as before.
 */
function serveNarrowed(control: string): void {
  const servers = new Map<string, Promise<string>>();
  const open = (names: TypeNames): Promise<string> => {
    const key = JSON.stringify(KINDS.map((k) => [...(names[k] ?? [])].sort()));
    let socket = servers.get(key);
    if (!socket) {
      const schema = narrowed(providerSchema(), names);
      const metadataBytes = providerService.GetMetadata.responseSerialize(metadata(schema));
      const schemaBytes = providerService.GetProviderSchema.responseSerialize(schemaResponse(schema));
      const file = newSocket();
      socket = listen(providerServer(() => metadataBytes, () => schemaBytes, true), file, grpc.ServerCredentials.createInsecure()).then(() => file);
      servers.set(key, socket);
    }
    return socket;
  };
  sockets.push(control);
  net.createServer((connection) => {
    let input = '';
    connection.setEncoding('utf8');
    connection.on('data', (chunk: string) => {
      input += chunk;
      if (!input.includes('\n')) return;
      let reply: Promise<object>;
      try {
        reply = open(JSON.parse(input) as TypeNames).then((socket) => ({ socket }));
      } catch (e) {
        reply = Promise.resolve({ error: String(e) });
      }
      reply.catch((e: unknown) => ({ error: String(e) })).then((answer) => connection.end(`${JSON.stringify(answer)}\n`));
    });
  }).listen(control);
}

function serve(): void {
  const reattach = process.argv.includes('--reattach');
  if (!reattach && process.env[MAGIC_COOKIE[0]] !== MAGIC_COOKIE[1]) {
    process.stderr.write('This is a Terraform provider plugin: Terraform starts it, it is not run by hand (or use --reattach).\n');
    process.exit(1);
  }
  let credentials: grpc.ServerCredentials;
  let announce: (socket: string) => string;
  if (reattach) {
    // Terraform attaches to a debug server without TLS; it is reachable only through its unix socket.
    credentials = grpc.ServerCredentials.createInsecure();
    announce = (socket) => `${JSON.stringify({ socket, pid: process.pid })}\n`;
  } else {
    const clientCert = process.env.PLUGIN_CLIENT_CERT;
    if (!clientCert) throw new Error('mock-provider: PLUGIN_CLIENT_CERT is not set; Terraform sets it for automatic mTLS');
    const cert = fs.readFileSync(option('cert'));
    credentials = grpc.ServerCredentials.createSsl(Buffer.from(clientCert), [{ cert_chain: cert, private_key: fs.readFileSync(option('key')) }], true);
    const der = new crypto.X509Certificate(cert).raw.toString('base64').replace(/=+$/, '');
    announce = (socket) => `1|6|unix|${socket}|grpc|${der}\n`;
  }

  const socket = newSocket();
  const server = providerServer(() => cachedResponse('GetMetadata', metadata), () => cachedResponse('GetProviderSchema', schemaResponse), reattach);
  listen(server, socket, credentials).then(() => {
    if (reattach) serveNarrowed(`${socket}.ctl`);
    process.stdout.write(announce(socket));
  }, (err: unknown) => {
    process.stderr.write(`mock-provider: cannot listen on ${socket}: ${String(err)}\n`);
    process.exit(1);
  });
  // Terraform shuts its plugins down; should it die first, do not linger.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && process.exit(1), 1000).unref();
}

serve();
