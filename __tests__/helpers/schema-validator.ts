/**
 * Checks synthesized cdktf JSON (`cdk.tf.json`, `Testing.synth(...)`) against upstream schemas without terraform:
 * provider schemas for resources and data sources, CRD schemas for `kubernetes_manifest` objects.
 * Every schema file is read from SHARED_SCHEMAS_DIR on first use and kept for the rest of the process.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { upstreamManifestSchema } from '../../scripts/generate-crd-types';
import { deriveBindingSchema } from '../../tools/terraform/derive-schemas';
import { REPO_ROOT, SHARED_SCHEMAS_DIR } from './paths';

/** A type constraint as `terraform providers schema -json` writes it. */
type TfType =
  | 'string'
  | 'number'
  | 'bool'
  | 'dynamic'
  | readonly ['list' | 'set' | 'map', TfType]
  | readonly ['object', Readonly<Record<string, TfType>>];

interface SchemaAttribute {
  readonly type: TfType;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
}

interface SchemaBlockType {
  readonly nesting_mode: 'list' | 'set' | 'single';
  readonly min_items?: number;
  readonly max_items?: number;
  readonly block: SchemaBlock;
}

interface SchemaBlock {
  readonly attributes?: Readonly<Record<string, SchemaAttribute>>;
  readonly block_types?: Readonly<Record<string, SchemaBlockType>>;
}

interface ProviderSchema {
  readonly resource_schemas: Readonly<Record<string, { readonly block: SchemaBlock }>>;
  readonly data_source_schemas: Readonly<Record<string, { readonly block: SchemaBlock }>>;
}

type JsonObject = Record<string, unknown>;
type Section = 'resource' | 'data';

// ---------------------------------------------------------------------------------------------------------------
// Schema loading. Jest gives every test file its own module registry, so "once" means once per test file.

function once<T>(load: () => T): () => T {
  let cached: { readonly value: T } | undefined;
  return () => (cached ??= { value: load() }).value;
}

function readSchemaText(relativePath: string): string {
  return fs.readFileSync(path.join(SHARED_SCHEMAS_DIR, relativePath), 'utf8');
}

function loadProviderSchema(file: string, address: string): ProviderSchema {
  const providers = (JSON.parse(readSchemaText(file)) as { provider_schemas?: Record<string, ProviderSchema> }).provider_schemas;
  const schema = providers?.[address];
  if (!schema) throw new Error(`${file} has no provider schema for ${address}`);
  return schema;
}

interface KnownProvider {
  readonly typePrefix: string;
  readonly label: string;
  readonly file: string;
  readonly address: string;
}

const KNOWN_PROVIDERS: readonly KnownProvider[] = [
  { typePrefix: 'google_', label: 'hashicorp/google 6.50.0', file: 'google-6.50.0.providers-schema.json', address: 'registry.terraform.io/hashicorp/google' },
  { typePrefix: 'kubernetes_', label: 'hashicorp/kubernetes 2.38.0', file: 'kubernetes-2.38.0.providers-schema.json', address: 'registry.terraform.io/hashicorp/kubernetes' },
];

/**
 * The schema of one resource or data source type. A provider schema is 5-10 MB of JSON, and every test file would
 * parse it again (jest gives each its own module registry), so the first reader splits it into one small file per
 * type under node_modules/.cache, keyed by the schema file's path, size and time; later readers open only the types
 * they check.
 */
function providerBlock(provider: KnownProvider, section: Section, type: string): SchemaBlock | undefined {
  const file = path.join(splitSchemaDir(provider), section, `${type}.json`);
  if (!typeBlocks.has(file)) typeBlocks.set(file, fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) as SchemaBlock : undefined);
  return typeBlocks.get(file);
}

const typeBlocks = new Map<string, SchemaBlock | undefined>();

const splitDirs = new Map<string, string>();

function splitSchemaDir(provider: KnownProvider): string {
  const known = splitDirs.get(provider.file);
  if (known) return known;
  const stat = fs.statSync(path.join(SHARED_SCHEMAS_DIR, provider.file));
  const digest = crypto.createHash('sha256').update(`${path.resolve(SHARED_SCHEMAS_DIR, provider.file)} ${stat.size} ${stat.mtimeMs}`).digest('hex').slice(0, 16);
  const dir = path.join(REPO_ROOT, 'node_modules', '.cache', 'provider-schema-by-type', `${provider.file}-${digest}`);
  if (!fs.existsSync(dir)) {
    const schema = loadProviderSchema(provider.file, provider.address);
    // Written aside and renamed, so a concurrent worker never sees a half-written folder.
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    const building = fs.mkdtempSync(`${dir}.building-`);
    for (const [section, schemas] of [['resource', schema.resource_schemas], ['data', schema.data_source_schemas]] as const) {
      fs.mkdirSync(path.join(building, section));
      for (const [name, entry] of Object.entries(schemas)) fs.writeFileSync(path.join(building, section, `${name}.json`), JSON.stringify(entry.block));
    }
    try {
      fs.renameSync(building, dir);
    } catch {
      // Another worker finished first.
      fs.rmSync(building, { recursive: true, force: true });
    }
  }
  splitDirs.set(provider.file, dir);
  return dir;
}

// ---------------------------------------------------------------------------------------------------------------
// google-beta: no provider schema is published for it, so the beta-only resource is rebuilt from its magic-modules
// definition, following the rules the provider generator applies.

const BETA_AUTHORIZATION_POLICY = 'google_network_security_authorization_policy';

interface MagicModuleType {
  readonly type: string;
  readonly properties?: readonly MagicModuleField[];
  readonly item_type?: MagicModuleType;
}

interface MagicModuleField extends MagicModuleType {
  readonly name: string;
  readonly required?: boolean;
  readonly output?: boolean;
}

interface MagicModuleResource {
  readonly parameters?: readonly MagicModuleField[];
  readonly properties?: readonly MagicModuleField[];
}

const MAGIC_MODULES_SCALARS: Readonly<Record<string, TfType>> = {
  String: 'string',
  Enum: 'string',
  Time: 'string',
  Integer: 'number',
  Double: 'number',
  Boolean: 'bool',
  KeyValueLabels: ['map', 'string'],
};

const OPTIONAL_COMPUTED_STRING: SchemaAttribute = { type: 'string', optional: true, computed: true };
const OPTIONAL_STRING: SchemaAttribute = { type: 'string', optional: true };

/** Arguments the generator adds to every magic-modules resource. */
const MAGIC_MODULES_STANDARD_ATTRIBUTES: Readonly<Record<string, SchemaAttribute>> = {
  id: OPTIONAL_COMPUTED_STRING,
  project: OPTIONAL_COMPUTED_STRING,
};

const MAGIC_MODULES_TIMEOUTS: SchemaBlockType = {
  nesting_mode: 'single',
  block: { attributes: { create: OPTIONAL_STRING, update: OPTIONAL_STRING, delete: OPTIONAL_STRING } },
};

function snakeCase(camelCase: string): string {
  return camelCase.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function magicModuleType(field: MagicModuleType): TfType {
  if (field.type === 'Array' && field.item_type) return ['list', magicModuleType(field.item_type)];
  const scalar = MAGIC_MODULES_SCALARS[field.type];
  if (!scalar) throw new Error(`magic-modules type ${field.type} has no Terraform equivalent in schema-validator`);
  return scalar;
}

function magicModuleBlockType(field: MagicModuleField): SchemaBlockType | undefined {
  const minItems = field.required ? { min_items: 1 } : {};
  if (field.type === 'NestedObject') {
    return { nesting_mode: 'list', max_items: 1, ...minItems, block: magicModuleBlock(field.properties ?? []) };
  }
  if (field.type === 'Array' && field.item_type?.type === 'NestedObject') {
    return { nesting_mode: 'list', ...minItems, block: magicModuleBlock(field.item_type.properties ?? []) };
  }
  return undefined;
}

function magicModuleBlock(fields: readonly MagicModuleField[]): SchemaBlock {
  const attributes: Record<string, SchemaAttribute> = {};
  const blockTypes: Record<string, SchemaBlockType> = {};
  // Output fields are read-only API state; the provider exposes them as computed attributes only.
  for (const field of fields.filter((candidate) => !candidate.output)) {
    const name = snakeCase(field.name);
    const blockType = magicModuleBlockType(field);
    if (blockType) blockTypes[name] = blockType;
    else attributes[name] = { type: magicModuleType(field), ...(field.required ? { required: true } : { optional: true }) };
  }
  return { attributes, block_types: blockTypes };
}

const authorizationPolicyBlock = once((): SchemaBlock => {
  const resource = parseYaml(readSchemaText('magic-modules/networksecurity-AuthorizationPolicy.yaml')) as MagicModuleResource;
  const block = magicModuleBlock([...(resource.parameters ?? []), ...(resource.properties ?? [])]);
  return {
    attributes: { ...block.attributes, ...MAGIC_MODULES_STANDARD_ATTRIBUTES },
    block_types: { ...block.block_types, timeouts: MAGIC_MODULES_TIMEOUTS },
  };
});

// ---------------------------------------------------------------------------------------------------------------
// Value helpers.

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lookup<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** `${...}` or `%{...}` not escaped as `$${` / `%%{`: terraform only knows the value at apply time. */
function isInterpolation(value: unknown): value is string {
  return typeof value === 'string' && /(?:^|[^$])\$\{|(?:^|[^%])%\{/.test(value);
}

function containsInterpolation(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(containsInterpolation);
  if (isPlainObject(value)) return Object.values(value).some(containsInterpolation);
  return isInterpolation(value);
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function describeType(type: TfType): string {
  if (typeof type === 'string') return type;
  if (type[0] === 'object') return 'object';
  return `${type[0]}(${describeType(type[1])})`;
}

/** Appends a key to a location so that keys with dots or slashes (labels, annotations) stay readable. */
function childPath(location: string, key: string | number): string {
  if (typeof key === 'number' || /^\d+$/.test(key)) return `${location}[${key}]`;
  return /^[A-Za-z_][\w-]*$/.test(key) ? `${location}.${key}` : `${location}[${JSON.stringify(key)}]`;
}

// ---------------------------------------------------------------------------------------------------------------
// Attribute values.

const NUMERIC_STRING = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

const PRIMITIVE_ACCEPTS: Readonly<Record<'string' | 'number' | 'bool' | 'dynamic', (value: unknown) => boolean>> = {
  // Terraform converts numbers and bools to strings without complaint, so only structures are wrong here.
  string: (value) => ['string', 'number', 'boolean'].includes(typeof value),
  number: (value) => (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && NUMERIC_STRING.test(value)),
  bool: (value) => typeof value === 'boolean' || value === 'true' || value === 'false',
  dynamic: () => true,
};

function mismatch(location: string, type: TfType, value: unknown): string[] {
  return [`${location}: expected ${describeType(type)}, got ${describe(value)}`];
}

function checkObjectValue(location: string, type: TfType, attributeTypes: Readonly<Record<string, TfType>>, value: unknown): string[] {
  if (!isPlainObject(value)) return mismatch(location, type, value);
  const unknown = Object.keys(value)
    .filter((key) => !lookup(attributeTypes, key))
    .map((key) => `${location}: object attribute "${key}" is not one of ${Object.keys(attributeTypes).join(', ')}`);
  const checked = Object.entries(attributeTypes).flatMap(([key, attributeType]) =>
    value[key] === undefined
      ? [`${location}: object attribute "${key}" is missing (terraform requires every attribute of an object type)`]
      : checkValue(childPath(location, key), attributeType, value[key]),
  );
  return [...unknown, ...checked];
}

function checkValue(location: string, type: TfType, value: unknown): string[] {
  if (value === null || isInterpolation(value)) return [];
  if (typeof type === 'string') return PRIMITIVE_ACCEPTS[type](value) ? [] : mismatch(location, type, value);
  if (type[0] === 'object') return checkObjectValue(location, type, type[1], value);
  const elementType = type[1];
  if (type[0] === 'map') {
    if (!isPlainObject(value)) return mismatch(location, type, value);
    return Object.entries(value).flatMap(([key, element]) => checkValue(childPath(location, key), elementType, element));
  }
  if (!Array.isArray(value)) return mismatch(location, type, value);
  return value.flatMap((element, index) => checkValue(childPath(location, index), elementType, element));
}

function checkAttribute(blockLocation: string, name: string, attribute: SchemaAttribute, value: unknown): string[] {
  if (attribute.computed && !attribute.optional && !attribute.required) {
    return [`${blockLocation}: attribute "${name}" is read-only (computed by the provider)`];
  }
  return checkValue(childPath(blockLocation, name), attribute.type, value);
}

// ---------------------------------------------------------------------------------------------------------------
// Blocks.

/** Terraform meta-arguments plus cdktf's `//` metadata; their contents are not provider schema. */
const RESOURCE_META_ARGUMENTS: ReadonlySet<string> = new Set([
  '//',
  'depends_on',
  'lifecycle',
  'provider',
  'count',
  'for_each',
  'provisioner',
  'connection',
  'dynamic',
]);
/** cdktf renders iterator-driven blocks as `dynamic` at any depth; their content refers to the iterator. */
const NESTED_META_ARGUMENTS: ReadonlySet<string> = new Set(['dynamic']);

function itemCountIssues(blockLocation: string, name: string, blockType: SchemaBlockType, count: number): string[] {
  const maxItems = blockType.nesting_mode === 'single' ? 1 : blockType.max_items;
  const minItems = blockType.min_items ?? 0;
  if (maxItems !== undefined && count > maxItems) {
    return [`${blockLocation}: block "${name}" has ${count} items but max_items is ${maxItems}`];
  }
  return count < minItems ? [`${blockLocation}: block "${name}" has ${count} items but min_items is ${minItems}`] : [];
}

/** Terraform JSON accepts a block as one object or as an array of objects; cdktf writes max_items=1 blocks as objects. */
function checkNestedBlocks(blockLocation: string, schemaName: string, name: string, blockType: SchemaBlockType, value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  const itemLocation = (index: number): string =>
    Array.isArray(value) ? childPath(childPath(blockLocation, name), index) : childPath(blockLocation, name);
  const itemIssues = items.flatMap((item, index) =>
    isPlainObject(item)
      ? checkBlock(itemLocation(index), `${schemaName}.${name}`, blockType.block, item, NESTED_META_ARGUMENTS)
      : [`${itemLocation(index)}: block "${name}" must be an object or an array of objects, got ${describe(item)}`],
  );
  return [...itemCountIssues(blockLocation, name, blockType, items.length), ...itemIssues];
}

function missingRequired(blockLocation: string, block: SchemaBlock, body: JsonObject): string[] {
  const isSet = (key: string): boolean => body[key] !== undefined && body[key] !== null;
  const dynamicBlocks = isPlainObject(body.dynamic) ? body.dynamic : {};
  const attributes = Object.entries(block.attributes ?? {})
    .filter(([name, attribute]) => attribute.required && !isSet(name))
    .map(([name]) => `${blockLocation}: required attribute "${name}" is missing`);
  const blocks = Object.entries(block.block_types ?? {})
    .filter(([name, blockType]) => (blockType.min_items ?? 0) > 0 && !isSet(name) && !Object.hasOwn(dynamicBlocks, name))
    .map(([name, blockType]) => `${blockLocation}: required block "${name}" is missing (min_items ${blockType.min_items})`);
  return [...attributes, ...blocks];
}

function unknownKeyIssue(blockLocation: string, schemaName: string, key: string, value: unknown): string {
  const looksLikeBlock = isPlainObject(value) || (Array.isArray(value) && value.length > 0 && value.every(isPlainObject));
  return `${blockLocation}: ${looksLikeBlock ? 'block' : 'attribute'} "${key}" is not in the schema of ${schemaName}`;
}

function checkBlock(
  blockLocation: string,
  schemaName: string,
  block: SchemaBlock,
  body: JsonObject,
  metaArguments: ReadonlySet<string>,
): string[] {
  const issues = Object.entries(body).flatMap(([key, value]) => {
    // undefined never reaches JSON; hand-written configs use it to leave a field out.
    if (value === undefined || metaArguments.has(key)) return [];
    const attribute = lookup(block.attributes, key);
    const blockType = lookup(block.block_types, key);
    // null is how Terraform JSON spells "not set".
    if (attribute) return value === null ? [] : checkAttribute(blockLocation, key, attribute, value);
    if (blockType) return value === null ? [] : checkNestedBlocks(blockLocation, schemaName, key, blockType, value);
    return [unknownKeyIssue(blockLocation, schemaName, key, value)];
  });
  return [...issues, ...missingRequired(blockLocation, block, body)];
}

// ---------------------------------------------------------------------------------------------------------------
// kubernetes_manifest objects.

/**
 * The kinds of the generator's table, each built from its upstream file (GKE CRD catalog, Istio CRDs, Kubernetes
 * OpenAPI) with the API server's semantics: unknown fields are errors, since the API server would prune them
 * silently. CEL rules are not checked (see .gen/README.md).
 */
const ajv = once(() => new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false }));
const manifestValidators = new Map<string, ValidateFunction | undefined>();

function manifestValidator(apiVersion: string, kind: string): ValidateFunction | undefined {
  const key = `${apiVersion}/${kind}`;
  if (!manifestValidators.has(key)) {
    const generated = upstreamManifestSchema(apiVersion, kind, SHARED_SCHEMAS_DIR);
    manifestValidators.set(key, generated && ajv().compile(generated.runtime));
  }
  return manifestValidators.get(key);
}

function pointerSegments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function valueAtPointer(root: unknown, pointer: string): unknown {
  return pointerSegments(pointer).reduce<unknown>(
    (value, segment) => (Array.isArray(value) || isPlainObject(value) ? (value as JsonObject)[segment] : undefined),
    root,
  );
}

const COMBINING_KEYWORDS: ReadonlySet<string> = new Set(['oneOf', 'anyOf', 'allOf', 'not', 'if']);

/** An error caused by a value terraform only knows at apply time says nothing about the configuration. */
function isCausedByInterpolation(manifest: JsonObject, error: ErrorObject): boolean {
  const data = valueAtPointer(manifest, error.instancePath);
  return isInterpolation(data) || (COMBINING_KEYWORDS.has(error.keyword) && containsInterpolation(data));
}

function ajvErrorDetail(error: ErrorObject): string {
  const params = error.params as { additionalProperty?: string; allowedValues?: unknown[] };
  if (error.keyword === 'additionalProperties') return `: "${params.additionalProperty}"`;
  if (error.keyword === 'enum') return `: ${(params.allowedValues ?? []).map((value) => JSON.stringify(value)).join(', ')}`;
  return '';
}

function formatAjvError(manifestLocation: string, error: ErrorObject): string {
  const location = pointerSegments(error.instancePath).reduce(childPath, manifestLocation);
  return `${location}: ${error.message ?? error.keyword}${ajvErrorDetail(error)}`;
}

/** Errors of the branches of a failed oneOf/anyOf/not (Istio's "at most one of" constructs) repeat that combinator's. */
function isInsideFailedCombinator(error: ErrorObject, errors: readonly ErrorObject[]): boolean {
  return errors.some((other) => other !== error && ['oneOf', 'anyOf', 'not'].includes(other.keyword) && error.schemaPath.startsWith(`${other.schemaPath}/`));
}

function manifestSchemaIssues(manifestLocation: string, apiVersion: string, kind: string, manifest: JsonObject): string[] {
  const validate = manifestValidator(apiVersion, kind);
  if (!validate) return [`${manifestLocation}: no schema is known for apiVersion "${apiVersion}" kind "${kind}"`];
  if (validate(manifest)) return [];
  const errors = validate.errors ?? [];
  return errors
    .filter((error) => !isInsideFailedCombinator(error, errors) && !isCausedByInterpolation(manifest, error))
    .map((error) => formatAjvError(manifestLocation, error));
}

/** The provider resolves the CRD schema during plan, so the object's type must be a literal. */
function typeFieldIssues(manifestLocation: string, manifest: JsonObject): string[] {
  return ['apiVersion', 'kind'].flatMap((field) => {
    const value = manifest[field];
    if (value === undefined) return [`${manifestLocation}: ${field} is missing`];
    return typeof value === 'string' && !isInterpolation(value)
      ? []
      : [`${manifestLocation}: ${field} must be a literal string, got ${describe(value)}`];
  });
}

function checkManifest(resourceLocation: string, manifest: unknown): string[] {
  const manifestLocation = `${resourceLocation}.manifest`;
  // A missing manifest is already reported as a missing required attribute.
  if (manifest === undefined || manifest === null || isInterpolation(manifest)) return [];
  if (!isPlainObject(manifest)) return [`${manifestLocation}: expected an object, got ${describe(manifest)}`];
  const typeIssues = typeFieldIssues(manifestLocation, manifest);
  if (typeIssues.length === 0) return manifestSchemaIssues(manifestLocation, String(manifest.apiVersion), String(manifest.kind), manifest);
  // Without a type there is no schema, but the provider still requires a name.
  const metadata = manifest.metadata;
  return isPlainObject(metadata) && typeof metadata.name === 'string' ? typeIssues : [...typeIssues, `${manifestLocation}: metadata.name is missing`];
}

// ---------------------------------------------------------------------------------------------------------------
// Resources and data sources.

/**
 * Other google-beta resources (the managed workload identity pool's `mode`, namespaces, managed identities,
 * `partner_metadata`): the schema of their cdktf binding, which was generated from google-beta 6.50.0 — the same
 * derivation the offline Terraform harness serves (tools/terraform/derive-schemas.ts).
 */
const betaBindingBlocks = new Map<string, SchemaBlock | undefined>();

function betaBindingBlock(type: string): SchemaBlock | undefined {
  if (!betaBindingBlocks.has(type)) {
    const dir = path.join(REPO_ROOT, 'node_modules', '@cdktf', 'provider-google-beta', 'lib', type.replace(/_/g, '-'));
    betaBindingBlocks.set(type, fs.existsSync(dir) ? deriveBindingSchema(dir).schema.block as SchemaBlock : undefined);
  }
  return betaBindingBlocks.get(type);
}

function resolveBlock(section: Section, type: string, providerMetaArgument: unknown): SchemaBlock | string {
  const isBeta = typeof providerMetaArgument === 'string' && providerMetaArgument.startsWith('google-beta');
  if (isBeta && section === 'resource' && type === BETA_AUTHORIZATION_POLICY) return authorizationPolicyBlock();
  const betaBlock = isBeta && section === 'resource' ? betaBindingBlock(type) : undefined;
  if (betaBlock) return betaBlock;
  const provider = KNOWN_PROVIDERS.find((candidate) => type.startsWith(candidate.typePrefix));
  if (!provider) return `no provider schema is known for "${type}" (only google, google-beta and kubernetes)`;
  const found = providerBlock(provider, section, type);
  if (found) return found;
  const also = isBeta ? ` nor in the google-beta magic-modules definition of ${BETA_AUTHORIZATION_POLICY}` : '';
  return `${section === 'resource' ? 'resource' : 'data source'} type "${type}" is not in the schema of ${provider.label}${also}`;
}

/**
 * Types the library renders whose provider has no schema file in ../shared/schemas: hashicorp/tls, for the sidecar
 * injector's webhook certificate. They are not checked here; the injector's tests assert their fields.
 */
export const TYPES_WITHOUT_UPSTREAM_SCHEMA: readonly string[] = ['tls_private_key', 'tls_self_signed_cert'];

function checkResource(section: Section, type: string, name: string, config: unknown): string[] {
  const location = `${section}.${type}.${name}`;
  if (section === 'resource' && TYPES_WITHOUT_UPSTREAM_SCHEMA.includes(type)) return [];
  if (!isPlainObject(config)) return [`${location}: expected an object, got ${describe(config)}`];
  const block = resolveBlock(section, type, config.provider);
  if (typeof block === 'string') return [`${location}: ${block}`];
  const issues = checkBlock(location, type, block, config, RESOURCE_META_ARGUMENTS);
  return section === 'resource' && type === 'kubernetes_manifest' ? [...issues, ...checkManifest(location, config.manifest)] : issues;
}

function checkSection(section: Section, byType: unknown): string[] {
  if (byType === undefined) return [];
  if (!isPlainObject(byType)) return [`${section}: expected an object keyed by type, got ${describe(byType)}`];
  return Object.entries(byType).flatMap(([type, byName]) =>
    isPlainObject(byName)
      ? Object.entries(byName).flatMap(([name, config]) => checkResource(section, type, name, config))
      : [`${section}.${type}: expected an object keyed by name, got ${describe(byName)}`],
  );
}

/** Issues found in the resources and data sources of a parsed cdktf stack JSON; empty when it is valid. */
export function validateTerraformJson(json: unknown): string[] {
  if (!isPlainObject(json)) return [`expected a Terraform JSON object, got ${describe(json)}`];
  return [...checkSection('resource', json.resource), ...checkSection('data', json.data)];
}

/** Throws, listing every issue, unless the stack JSON (parsed, or the string from `Testing.synth`) is valid. */
export function expectValidTerraformJson(json: unknown): void {
  const issues = validateTerraformJson(typeof json === 'string' ? JSON.parse(json) : json);
  if (issues.length > 0) {
    throw new Error(`Terraform JSON does not match the upstream schemas (${issues.length} issues):\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
  }
}
