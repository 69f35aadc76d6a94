import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import {
  DEFAULT_OUT_DIR,
  deriveBindingSchema,
  deriveProviderSchemas,
  PROVIDERS,
  ProviderName,
  ProviderSchemaFile,
  TfAttribute,
  TfBlock,
  TfBlockType,
  TfSchema,
} from '../../tools/terraform/derive-schemas';
import { SHARED_SCHEMAS_DIR } from '../helpers/paths';

// A cold derivation reads ~1600 google-beta binding folders (a few seconds); later runs hit the cache in DEFAULT_OUT_DIR.
const COLD_DERIVATION_MS = 120_000;

interface SharedSchema {
  resource_schemas: Record<string, TfSchema>;
  data_source_schemas: Record<string, TfSchema>;
}

function readShared(file: string, address: string): SharedSchema {
  return (JSON.parse(fs.readFileSync(path.join(SHARED_SCHEMAS_DIR, file), 'utf8')) as {
    provider_schemas: Record<string, SharedSchema>;
  }).provider_schemas[address];
}

function bindingDir(pkg: string, folder: string): string {
  return path.join(path.dirname(require.resolve(`@cdktf/${pkg}/package.json`)), 'lib', folder);
}

function block(schema: TfSchema | TfBlockType | undefined, ...nestedBlocks: string[]): TfBlock {
  let current = schema?.block;
  for (const name of nestedBlocks) current = current?.block_types?.[name]?.block;
  if (!current) throw new Error(`no block ${nestedBlocks.join('.')}`);
  return current;
}

/** What a binding can express of a real schema: no descriptions, sensitive/deprecated/write_only flags or max_items above 1. */
function expressible(b: TfBlock): TfBlock {
  const out: TfBlock = {};
  const attributes = Object.entries(b.attributes ?? {});
  const blockTypes = Object.entries(b.block_types ?? {});
  if (attributes.length > 0) {
    out.attributes = Object.fromEntries(attributes.map(([name, a]): [string, TfAttribute] => [name, {
      type: a.type,
      ...(a.required ? { required: true } : {}),
      ...(a.optional ? { optional: true } : {}),
      ...(a.computed ? { computed: true } : {}),
    }]));
  }
  if (blockTypes.length > 0) {
    out.block_types = Object.fromEntries(blockTypes.map(([name, bt]): [string, TfBlockType] => [name, {
      nesting_mode: bt.nesting_mode,
      block: expressible(bt.block),
      ...(bt.min_items ? { min_items: bt.min_items } : {}),
      ...(bt.max_items === 1 ? { max_items: 1 } : {}),
    }]));
  }
  return out;
}

function expectKeysSorted(value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach(expectKeysSorted);
  } else if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    expect(keys).toEqual([...keys].sort());
    for (const v of Object.values(value)) expectKeysSorted(v);
  }
}

/** Every attribute and block of `ga` is in `beta` unchanged, recursively. */
function expectKeepsGa(beta: TfBlock, ga: TfBlock, where: string): void {
  for (const [name, attr] of Object.entries(ga.attributes ?? {})) {
    expect({ at: `${where}.${name}`, attr: beta.attributes?.[name] }).toEqual({ at: `${where}.${name}`, attr });
  }
  for (const [name, gaBlockType] of Object.entries(ga.block_types ?? {})) {
    const at = `${where}.${name}`;
    const { block: betaBlock, ...betaRest } = beta.block_types?.[name] ?? { block: {} };
    const { block: gaBlock, ...gaRest } = gaBlockType;
    expect({ at, ...betaRest }).toEqual({ at, ...gaRest });
    expectKeepsGa(betaBlock, gaBlock, at);
  }
}

let files: Record<ProviderName, string>;
const derived = {} as Record<ProviderName, ProviderSchemaFile>;
let ga: SharedSchema;

beforeAll(async () => {
  files = await deriveProviderSchemas(DEFAULT_OUT_DIR);
  for (const name of PROVIDERS) derived[name] = JSON.parse(fs.readFileSync(files[name], 'utf8')) as ProviderSchemaFile;
  ga = readShared('google-6.50.0.providers-schema.json', 'registry.terraform.io/hashicorp/google');
}, COLD_DERIVATION_MS);

describe('deriveProviderSchemas', () => {
  test('writes one file per provider, named with the provider version from the binding package', () => {
    expect(Object.fromEntries(Object.entries(files).map(([name, file]) => [name, path.basename(file)]))).toEqual({
      google: 'google-6.50.0.json',
      'google-beta': 'google-beta-6.50.0.json',
      kubernetes: 'kubernetes-2.38.0.json',
      tls: 'tls-4.1.0.json',
    });
    for (const name of PROVIDERS) {
      expect(Object.keys(derived[name]).sort()).toEqual(
        ['data_source_schemas', 'derived', 'ephemeral_resource_schemas', 'provider', 'resource_schemas']);
    }
  });

  test('writes sorted keys', () => {
    expectKeysSorted(derived.tls);
    expectKeysSorted(derived['google-beta'].resource_schemas.google_iam_workload_identity_pool);
  });

  test('documents where each part came from', () => {
    expect(derived.google.derived).toMatchObject({
      provider: '@cdktf/provider-google 16.12.1 bindings (lib/provider)',
      resource_schemas: 'hashicorp/google 6.50.0 schema (shared/schemas/google-6.50.0.providers-schema.json)',
    });
    expect(derived.kubernetes.derived).toMatchObject({ provider: '@cdktf/provider-kubernetes 12.1.1 bindings (lib/provider)' });
    expect(derived.tls.derived).toMatchObject({ resource_schemas: '@cdktf/provider-tls 11.0.1 bindings' });
    expect(derived['google-beta'].derived.beta_only_types).toContain('google_network_security_authorization_policy');
  });

  test('keeps current files and derives only the provider whose inputs changed, to the same bytes', async () => {
    const before = Object.fromEntries(PROVIDERS.map((name) => [name, fs.statSync(files[name]).mtimeMs]));
    await deriveProviderSchemas(DEFAULT_OUT_DIR);
    expect(Object.fromEntries(PROVIDERS.map((name) => [name, fs.statSync(files[name]).mtimeMs]))).toEqual(before);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'derive-schemas-'));
    try {
      for (const file of fs.readdirSync(DEFAULT_OUT_DIR).filter((f) => !f.endsWith('.tmp'))) {
        fs.copyFileSync(path.join(DEFAULT_OUT_DIR, file), path.join(dir, file));
      }
      const copies = await deriveProviderSchemas(dir);
      const googleMtime = fs.statSync(copies.google).mtimeMs;
      fs.writeFileSync(copies.tls, '{}');
      fs.writeFileSync(`${copies.tls}.inputs-sha256`, 'stale');
      await deriveProviderSchemas(dir);
      expect(fs.readFileSync(copies.tls, 'utf8')).toBe(fs.readFileSync(files.tls, 'utf8'));
      expect(fs.statSync(copies.google).mtimeMs).toBe(googleMtime);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('provider configuration blocks', () => {
  test('google: project, region, zone, credentials, access_token, without the cdktf-only alias', () => {
    const attributes = block(derived.google.provider).attributes!;
    for (const name of ['project', 'region', 'zone', 'credentials', 'access_token', 'impersonate_service_account']) {
      expect({ name, attr: attributes[name] }).toEqual({ name, attr: { type: 'string', optional: true } });
    }
    expect(attributes.default_labels).toEqual({ type: ['map', 'string'], optional: true });
    expect(attributes.alias).toBeUndefined();
    expect(block(derived.google.provider, 'batching').attributes!.send_after).toEqual({ type: 'string', optional: true });
  });

  test('google-beta: the same configuration as google', () => {
    const beta = block(derived['google-beta'].provider).attributes!;
    expect(beta.project).toEqual({ type: 'string', optional: true });
    expect(Object.keys(beta)).toEqual(expect.arrayContaining(Object.keys(block(derived.google.provider).attributes!)));
  });

  test('kubernetes: host, token, cluster_ca_certificate and the exec block', () => {
    const provider = block(derived.kubernetes.provider);
    for (const name of ['host', 'token', 'cluster_ca_certificate', 'config_path']) {
      expect({ name, attr: provider.attributes![name] }).toEqual({ name, attr: { type: 'string', optional: true } });
    }
    expect(provider.block_types!.exec.nesting_mode).toBe('list');
    expect(block(derived.kubernetes.provider, 'exec').attributes).toEqual({
      api_version: { type: 'string', required: true },
      command: { type: 'string', required: true },
      args: { type: ['list', 'string'], optional: true },
      env: { type: ['map', 'string'], optional: true },
    });
  });

  test('tls: a provider block with the proxy block', () => {
    expect(derived.tls.provider.version).toBe(0);
    expect(block(derived.tls.provider, 'proxy').attributes).toMatchObject({
      url: { type: 'string', optional: true },
      from_env: { type: 'bool', optional: true },
    });
    expect(block(derived.tls.provider).attributes).toBeUndefined();
  });
});

describe('google-beta', () => {
  const resource = (type: string) => derived['google-beta'].resource_schemas[type];

  test('google_network_security_authorization_policy (beta only) with rules, sources and destinations', () => {
    const policy = resource('google_network_security_authorization_policy');
    expect(ga.resource_schemas.google_network_security_authorization_policy).toBeUndefined();
    expect(block(policy).attributes).toMatchObject({
      action: { type: 'string', required: true },
      name: { type: 'string', required: true },
      location: { type: 'string', optional: true },
      labels: { type: ['map', 'string'], optional: true },
    });
    expect(block(policy).block_types!.rules).toMatchObject({ nesting_mode: 'list' });
    expect(block(policy, 'rules', 'sources').attributes).toEqual({
      ip_blocks: { type: ['list', 'string'], optional: true },
      principals: { type: ['list', 'string'], optional: true },
    });
    expect(block(policy, 'rules', 'destinations').attributes).toEqual({
      hosts: { type: ['list', 'string'], required: true },
      methods: { type: ['list', 'string'], required: true },
      ports: { type: ['list', 'number'], required: true },
    });
    const headerMatch = block(policy, 'rules', 'destinations').block_types!.http_header_match;
    expect(headerMatch).toMatchObject({ nesting_mode: 'list', max_items: 1 });
    expect(headerMatch.block.attributes).toEqual({
      header_name: { type: 'string', required: true },
      regex_match: { type: 'string', required: true },
    });
  });

  test('google_iam_workload_identity_pool: GA plus mode, inline_certificate_issuance_config and inline_trust_config', () => {
    const pool = resource('google_iam_workload_identity_pool');
    expect(block(pool).attributes!.mode).toEqual({ type: 'string', optional: true });
    expect(block(pool).block_types!.inline_certificate_issuance_config).toMatchObject({ nesting_mode: 'list', max_items: 1 });
    expect(block(pool, 'inline_certificate_issuance_config').attributes).toMatchObject({
      ca_pools: { type: ['map', 'string'], required: true },
      key_algorithm: { type: 'string', optional: true, computed: true },
    });
    expect(block(pool).block_types!.inline_trust_config).toMatchObject({ nesting_mode: 'list', max_items: 1 });
    expect(block(pool, 'inline_trust_config', 'additional_trust_bundles', 'trust_anchors').attributes).toEqual({
      pem_certificate: { type: 'string', required: true },
    });
    expectKeepsGa(block(pool), block(ga.resource_schemas.google_iam_workload_identity_pool), 'google_iam_workload_identity_pool');
    expect(derived['google-beta'].derived.fields_added_to_ga).toEqual(expect.arrayContaining([
      'google_iam_workload_identity_pool.mode',
      'google_iam_workload_identity_pool.inline_certificate_issuance_config',
      'google_iam_workload_identity_pool.inline_trust_config',
    ]));
  });

  test('google_iam_workload_identity_pool_namespace and _managed_identity (beta only)', () => {
    expect(block(resource('google_iam_workload_identity_pool_namespace')).attributes).toMatchObject({
      workload_identity_pool_id: { type: 'string', required: true },
      workload_identity_pool_namespace_id: { type: 'string', required: true },
    });
    const identity = resource('google_iam_workload_identity_pool_managed_identity');
    expect(block(identity).attributes).toMatchObject({
      workload_identity_pool_managed_identity_id: { type: 'string', required: true },
    });
    expect(block(identity).block_types!.attestation_rules.nesting_mode).toBe('set');
    expect(block(identity, 'attestation_rules').attributes).toEqual({ google_cloud_resource: { type: 'string', required: true } });
  });

  test.each(['google_compute_instance', 'google_compute_instance_template'])(
    '%s: every GA field plus partner_metadata, a map of strings', (type) => {
      expect(block(resource(type)).attributes!.partner_metadata).toEqual({ type: ['map', 'string'], optional: true });
      expect(block(ga.resource_schemas[type]).attributes!.partner_metadata).toBeUndefined();
      expectKeepsGa(block(resource(type)), block(ga.resource_schemas[type]), type);
    });

  test('a shared type the beta binding adds nothing to is the GA schema', () => {
    const added = derived['google-beta'].derived.fields_added_to_ga as string[];
    expect(added.filter((f) => f.startsWith('google_privateca_ca_pool.'))).toEqual([]);
    expect(resource('google_privateca_ca_pool')).toEqual(ga.resource_schemas.google_privateca_ca_pool);
  });

  test('where beta and GA disagree on flags, the beta binding wins (and is listed)', () => {
    expect(derived['google-beta'].derived.fields_changed_from_ga).toEqual([
      'google_assured_workloads_workload.enable_sovereign_controls: computed false -> true',
      'google_container_cluster.enable_tpu: computed false -> true',
      'google_healthcare_fhir_store.version: required true -> false',
      'google_healthcare_fhir_store.version: optional false -> true',
    ]);
    expect(block(resource('google_healthcare_fhir_store')).attributes!.version).toMatchObject({ optional: true });
    expect(block(resource('google_healthcare_fhir_store')).attributes!.version.required).toBeUndefined();
  });

  test('has every GA resource and data source, and only beta-only types besides', () => {
    const beta = derived['google-beta'];
    expect(Object.keys(ga.resource_schemas).filter((t) => !beta.resource_schemas[t])).toEqual([]);
    expect(Object.keys(ga.data_source_schemas).filter((t) => !beta.data_source_schemas[t])).toEqual([]);
    const extra = [
      ...Object.keys(beta.resource_schemas).filter((t) => !ga.resource_schemas[t]),
      ...Object.keys(beta.data_source_schemas).filter((t) => !ga.data_source_schemas[t]).map((t) => `data.${t}`),
    ];
    expect(extra.sort()).toEqual([...(beta.derived.beta_only_types as string[])].sort());
  });
});

describe('tls', () => {
  test('resources and data sources from the binding', () => {
    expect(Object.keys(derived.tls.resource_schemas).sort()).toEqual(
      ['tls_cert_request', 'tls_locally_signed_cert', 'tls_private_key', 'tls_self_signed_cert']);
    expect(Object.keys(derived.tls.data_source_schemas).sort()).toEqual(['tls_certificate', 'tls_public_key']);
  });

  test('tls_private_key: algorithm required, private_key_pem computed (sensitive is not in the binding)', () => {
    const attributes = block(derived.tls.resource_schemas.tls_private_key).attributes!;
    expect(attributes.algorithm).toEqual({ type: 'string', required: true });
    expect(attributes.rsa_bits).toEqual({ type: 'number', optional: true, computed: true });
    expect(attributes.private_key_pem).toEqual({ type: 'string', computed: true });
    expect(derived.tls.derived.limitations).toEqual(expect.arrayContaining([expect.stringContaining('no sensitive')]));
  });

  test('tls_cert_request: the subject block; tls_certificate: computed certificates objects', () => {
    const request = derived.tls.resource_schemas.tls_cert_request;
    expect(block(request).attributes!.private_key_pem).toEqual({ type: 'string', required: true });
    expect(block(request, 'subject').attributes!.common_name).toEqual({ type: 'string', optional: true });
    const certificates = block(derived.tls.data_source_schemas.tls_certificate).attributes!.certificates;
    expect(certificates).toMatchObject({ computed: true, type: ['list', ['object', { cert_pem: 'string', is_ca: 'bool', version: 'number' }]] });
  });
});

describe('cross-check: the derivation reproduces known schemas from their bindings', () => {
  test.each([
    ['privateca-ca-pool', 'resource', 'google_privateca_ca_pool'],
    ['container-node-pool', 'resource', 'google_container_node_pool'],
    ['compute-instance-template', 'resource', 'google_compute_instance_template'],
    // Sharded binding: its structs live in index-structs/.
    ['data-google-container-cluster', 'data', 'google_container_cluster'],
  ])('google binding %s', (folder, kind, type) => {
    const fromBinding = deriveBindingSchema(bindingDir('provider-google', folder));
    expect({ kind: fromBinding.kind, type: fromBinding.tfType }).toEqual({ kind, type });
    const real = (kind === 'data' ? ga.data_source_schemas : ga.resource_schemas)[type];
    expect(fromBinding.schema.block).toEqual(expressible(real.block));
  });

  test('kubernetes binding service-account-v1', () => {
    const k8s = readShared('kubernetes-2.38.0.providers-schema.json', 'registry.terraform.io/hashicorp/kubernetes');
    const fromBinding = deriveBindingSchema(bindingDir('provider-kubernetes', 'service-account-v1'));
    expect(fromBinding.schema.block).toEqual(expressible(k8s.resource_schemas.kubernetes_service_account_v1.block));
  });

  test('every google binding matches the GA schema up to what bindings cannot express', () => {
    const lib = path.dirname(bindingDir('provider-google', 'provider'));
    const mismatches: string[] = [];
    let compared = 0;
    for (const folder of fs.readdirSync(lib, { withFileTypes: true })) {
      if (!folder.isDirectory() || folder.name === 'provider') continue;
      const fromBinding = deriveBindingSchema(path.join(lib, folder.name));
      const real = (fromBinding.kind === 'data' ? ga.data_source_schemas : ga.resource_schemas)[fromBinding.tfType];
      compared += 1;
      if (!real || !isDeepStrictEqual(fromBinding.schema.block, expressible(real.block))) {
        mismatches.push(`${fromBinding.kind} ${fromBinding.tfType}`);
      }
    }
    expect(compared).toBe(Object.keys(ga.resource_schemas).length + Object.keys(ga.data_source_schemas).length);
    expect(mismatches).toEqual([]);
  }, 60_000);
});

