import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import * as fs from 'fs';
import * as path from 'path';
import type { JSONSchema } from 'json-schema-to-typescript';
import { parse as parseYaml } from 'yaml';

const REPO_ROOT = path.resolve(__dirname, '..');
const GEN_DIR = path.join(REPO_ROOT, '.gen');

/**
 * Upstream schemas (`../shared/schemas`, see its README for provenance), read in place and never copied into the
 * repository; SHARED_SCHEMAS_DIR overrides the location. Generated files name them as `shared/schemas/…` whatever
 * the location, so the output does not depend on where the checkout is.
 */
export const SHARED_SCHEMAS_DIR = process.env.SHARED_SCHEMAS_DIR ?? path.resolve(REPO_ROOT, '..', 'shared', 'schemas');

const GENERATE_COMMAND = 'npm run gen';
const GENERATOR = 'scripts/generate-crd-types.ts';

/** Whether objects of a kind live in a namespace; it decides whether `metadata.namespace` is allowed. */
export type Scope = 'Namespaced' | 'Cluster';

/**
 * How a kind's schema is found in its source file:
 * - `json-schema`: one JSON schema of the object (spec, status) per file, as datreeio/CRDs-catalog publishes them;
 *   `{kind}` in `source` stands for the lower-case kind.
 * - `crd-yaml`: CustomResourceDefinitions, one per YAML document; the CRD of `group` and `kind`, its
 *   `spec.versions[version].schema.openAPIV3Schema`.
 * - `openapi-v2`: a Kubernetes OpenAPI v2 (swagger) document; the definition whose `x-kubernetes-group-version-kind`
 *   names the kind, with every `$ref` inlined so the schema is self-contained.
 */
export type SourceFormat = 'json-schema' | 'crd-yaml' | 'openapi-v2';

/** One group/version: its kinds become `.gen/<group>/<version>.ts` (types) and `.gen/<group>/<version>.schemas.ts`. */
export interface CrdEntry {
  readonly group: string;
  readonly version: string;
  readonly kinds: readonly string[];
  /** Path under shared/schemas. */
  readonly source: string;
  readonly format: SourceFormat;
  /** Required for the formats that do not record it (json-schema, openapi-v2); a CRD's own `spec.scope` is used otherwise. */
  readonly scope?: Scope;
  /**
   * Replacements for path-derived type names (`WorkloadCertificateConfigSpecKeyAlgorithm` → `KeyAlgorithm`), to keep
   * names other modules import; a replacement that matches no type fails the generator.
   */
  readonly typeNames?: Readonly<Record<string, string>>;
}

const ISTIO_CRDS = 'istio/istio-1.29.6-customresourcedefinitions.gen.yaml';
const KUBERNETES_OPENAPI = 'kubernetes/k8s-1.32-swagger.json';

/** Every custom resource or API object the library renders as a `kubernetes_manifest`. Adding a kind is one row (or one name in `kinds`). */
export const CRDS: readonly CrdEntry[] = [
  {
    group: 'security.cloud.google.com',
    version: 'v1',
    kinds: ['WorkloadCertificateConfig', 'TrustConfig'],
    source: 'gke-security-crds/{kind}_v1.json',
    format: 'json-schema',
    // The GKE certificate controller only reads the cluster-wide objects named default.
    scope: 'Cluster',
    // lib/ca and lib/gke import these names (they date from the hand-written schema this table replaced).
    typeNames: {
      WorkloadCertificateConfigSpecCertificateAuthorityConfig: 'CertificateAuthorityConfig',
      WorkloadCertificateConfigSpecCertificateAuthorityConfigCertificateAuthorityServiceConfig: 'CertificateAuthorityServiceConfig',
      WorkloadCertificateConfigSpecKeyAlgorithm: 'KeyAlgorithm',
      WorkloadCertificateConfigSpecKeyAlgorithmEcdsa: 'EcdsaKeyParameters',
      WorkloadCertificateConfigSpecKeyAlgorithmRsa: 'RsaKeyParameters',
      TrustConfigSpecTrustStores: 'TrustStore',
      TrustConfigSpecTrustStoresTrustAnchors: 'TrustAnchor',
    },
  },
  {
    group: 'networking.istio.io',
    version: 'v1',
    kinds: ['ServiceEntry', 'Gateway', 'VirtualService', 'DestinationRule', 'Sidecar'],
    source: ISTIO_CRDS,
    format: 'crd-yaml',
  },
  { group: 'security.istio.io', version: 'v1', kinds: ['AuthorizationPolicy', 'PeerAuthentication'], source: ISTIO_CRDS, format: 'crd-yaml' },
  { group: 'telemetry.istio.io', version: 'v1', kinds: ['Telemetry'], source: ISTIO_CRDS, format: 'crd-yaml' },
  {
    group: 'admissionregistration.k8s.io',
    version: 'v1',
    // The kubernetes provider has no typed resource for these (E15).
    kinds: ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'],
    source: KUBERNETES_OPENAPI,
    format: 'openapi-v2',
    scope: 'Cluster',
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Schema nodes.

/** A JSON schema node as upstream writes it (OpenAPI v3 structural schema, JSON schema or swagger). */
export interface Schema {
  [keyword: string]: unknown;
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function schemaAt(value: unknown, where: string): Schema {
  if (!isSchema(value)) throw new Error(`${where}: expected a schema object, got ${JSON.stringify(value)}`);
  return value;
}

function schemaList(value: unknown, where: string): Schema[] {
  if (!Array.isArray(value)) throw new Error(`${where}: expected a list of schemas`);
  return value.map((item, index) => schemaAt(item, `${where}[${index}]`));
}

function schemaMap(value: unknown, where: string): [string, Schema][] {
  return Object.entries(schemaAt(value, where)).map(([name, child]) => [name, schemaAt(child, `${where}.${name}`)]);
}

function apiVersionOf(entry: CrdEntry): string {
  return entry.group === '' ? entry.version : `${entry.group}/${entry.version}`;
}

function pascalCase(text: string): string {
  return text.split(/[^A-Za-z0-9]+/).filter(Boolean).map((word) => word[0].toUpperCase() + word.slice(1)).join('');
}

// ---------------------------------------------------------------------------------------------------------------
// Reading upstream.

/** The object schema of a kind as upstream has it (apiVersion, kind, metadata, spec, status…), and its scope. */
interface UpstreamKind {
  readonly object: Schema;
  readonly scope: Scope;
  /** The file it came from, relative to shared/schemas. */
  readonly source: string;
}

/**
 * Reads shared/schemas files, each once per reader. OpenAPI definitions are inlined once per document too, so a
 * definition two kinds share (MatchResources…) is one schema object and thus one type.
 */
class SourceReader {
  private readonly texts = new Map<string, string>();
  private readonly documents = new Map<string, OpenApiFile>();

  constructor(private readonly dir: string) {}

  public text(relativePath: string): string {
    let text = this.texts.get(relativePath);
    if (text === undefined) {
      text = fs.readFileSync(path.join(this.dir, relativePath), 'utf8');
      this.texts.set(relativePath, text);
    }
    return text;
  }

  public openApi(relativePath: string): OpenApiFile {
    let document = this.documents.get(relativePath);
    if (document === undefined) {
      document = { definitions: (JSON.parse(this.text(relativePath)) as OpenApiDocument).definitions, inlined: new Map() };
      this.documents.set(relativePath, document);
    }
    return document;
  }
}

function scopeOf(entry: CrdEntry): Scope {
  if (!entry.scope) throw new Error(`${apiVersionOf(entry)}: a ${entry.format} source does not say whether its kinds are namespaced; set scope in CRDS`);
  return entry.scope;
}

function fromJsonSchema(entry: CrdEntry, kind: string, read: SourceReader): UpstreamKind {
  const source = entry.source.replace('{kind}', kind.toLowerCase());
  return { object: schemaAt(JSON.parse(read.text(source)), source), scope: scopeOf(entry), source };
}

interface CustomResourceDefinition {
  readonly spec?: {
    readonly group?: string;
    readonly scope?: Scope;
    readonly names?: { readonly kind?: string };
    readonly versions?: readonly { readonly name: string; readonly schema?: { readonly openAPIV3Schema?: unknown } }[];
  };
}

function fromCrdYaml(entry: CrdEntry, kind: string, read: SourceReader): UpstreamKind {
  // Parsing only the documents that mention the kind keeps the schema validator fast in tests (a full parse of the
  // Istio file takes ~0.4 s); the parsed CRD has the final say. The files are generated, so a document starts at a
  // line holding only ---, and duplicate keys cannot occur.
  const kindLine = new RegExp(`^\\s*kind:\\s*["']?${kind}["']?\\s*$`, 'm');
  for (const text of read.text(entry.source).split(/^---$/m)) {
    if (!kindLine.test(text)) continue;
    const crd = (parseYaml(text, { uniqueKeys: false }) ?? {}) as CustomResourceDefinition;
    if (crd.spec?.group !== entry.group || crd.spec.names?.kind !== kind) continue;
    const version = crd.spec.versions?.find((candidate) => candidate.name === entry.version);
    const where = `${entry.source}: ${apiVersionOf(entry)} ${kind}`;
    if (!version) throw new Error(`${where}: the CRD has no version ${entry.version}`);
    const scope = crd.spec.scope ?? scopeOf(entry);
    return { object: schemaAt(version.schema?.openAPIV3Schema, `${where} openAPIV3Schema`), scope, source: entry.source };
  }
  throw new Error(`${entry.source}: no CustomResourceDefinition of group ${entry.group} and kind ${kind}`);
}

interface OpenApiDocument {
  readonly definitions: Readonly<Record<string, Schema>>;
}

/** An OpenAPI document's definitions, and those inlined so far (by definition name). */
interface OpenApiFile extends OpenApiDocument {
  readonly inlined: Map<string, Schema>;
}

function fromOpenApi(entry: CrdEntry, kind: string, read: SourceReader): UpstreamKind {
  const file = read.openApi(entry.source);
  const named = Object.entries(file.definitions).find(([, definition]) =>
    ((definition['x-kubernetes-group-version-kind'] ?? []) as { group: string; version: string; kind: string }[]).some(
      (gvk) => gvk.group === entry.group && gvk.version === entry.version && gvk.kind === kind));
  if (!named) throw new Error(`${entry.source}: no definition has x-kubernetes-group-version-kind ${apiVersionOf(entry)} ${kind}`);
  return { object: inlineRefs(named[1], file, [named[0]]), scope: scopeOf(entry), source: entry.source };
}

/**
 * Replaces every `#/definitions/…` reference with the definition, titled with its short name so that each becomes
 * one named type. A definition used twice is the same object both times, which the type pass relies on.
 */
function inlineRefs(node: Schema, file: OpenApiFile, stack: readonly string[]): Schema {
  const ref = node.$ref;
  if (typeof ref === 'string') {
    const name = ref.replace(/^#\/definitions\//, '');
    const cached = file.inlined.get(name);
    if (cached) return cached;
    if (stack.includes(name)) throw new Error(`recursive $ref cannot be inlined: ${[...stack, name].join(' → ')}`);
    const definition = file.definitions[name];
    if (!definition) throw new Error(`unresolvable $ref ${ref}`);
    const inlined = { title: name.split('.').pop(), ...inlineRefs(definition, file, [...stack, name]) };
    file.inlined.set(name, inlined);
    return inlined;
  }
  const copy: Schema = {};
  for (const [keyword, value] of Object.entries(node)) {
    if (keyword === 'properties') {
      copy.properties = Object.fromEntries(schemaMap(value, keyword).map(([name, child]) => [name, inlineRefs(child, file, stack)]));
    } else if (keyword === 'items' || (keyword === 'additionalProperties' && isSchema(value))) {
      copy[keyword] = inlineRefs(schemaAt(value, keyword), file, stack);
    } else {
      copy[keyword] = value;
    }
  }
  return copy;
}

function readUpstream(entry: CrdEntry, kind: string, read: SourceReader): UpstreamKind {
  switch (entry.format) {
    case 'json-schema':
      return fromJsonSchema(entry, kind, read);
    case 'crd-yaml':
      return fromCrdYaml(entry, kind, read);
    case 'openapi-v2':
      return fromOpenApi(entry, kind, read);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The object a manifest holds: apiVersion, kind, a small strict metadata and the upstream body.

const NAME = { type: 'string', description: 'Name of the object, unique within its namespace (or the cluster, for cluster-scoped kinds).' };
const STRING_MAP = (description: string): Schema => ({ type: 'object', description, additionalProperties: { type: 'string' } });
const LABELS = STRING_MAP('Labels, for selection by Kubernetes and Istio selectors.');
const ANNOTATIONS = STRING_MAP('Annotations, for tools and controllers.');

/**
 * The metadata a manifest of this library may carry: the API server owns the rest (uid, resourceVersion…), and
 * generateName cannot work with kubernetes_manifest, which needs the name at plan time.
 */
const OBJECT_META: Schema = {
  title: 'ObjectMeta',
  type: 'object',
  required: ['name'],
  properties: { name: NAME, namespace: { type: 'string', description: 'Namespace of the object.' }, labels: LABELS, annotations: ANNOTATIONS },
  additionalProperties: false,
};
const CLUSTER_OBJECT_META: Schema = {
  title: 'ClusterObjectMeta',
  type: 'object',
  required: ['name'],
  properties: { name: NAME, labels: LABELS, annotations: ANNOTATIONS },
  additionalProperties: false,
};

/** Top-level fields of upstream object schemas that the wrapper replaces, and status, which controllers write. */
const SERVER_OWNED = new Set(['apiVersion', 'kind', 'metadata', 'status']);

function manifestObject(entry: CrdEntry, kind: string, upstream: UpstreamKind): Schema {
  const where = `${upstream.source}: ${apiVersionOf(entry)} ${kind}`;
  const body = schemaMap(upstream.object.properties ?? {}, where).filter(([name]) => !SERVER_OWNED.has(name));
  const required = ((upstream.object.required ?? []) as string[]).filter((name) => !SERVER_OWNED.has(name));
  return {
    title: kind,
    description: `A ${apiVersionOf(entry)} ${kind}, as a kubernetes_manifest holds it.`,
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata', ...required],
    properties: {
      apiVersion: { type: 'string', const: apiVersionOf(entry) },
      kind: { type: 'string', const: kind },
      metadata: upstream.scope === 'Namespaced' ? OBJECT_META : CLUSTER_OBJECT_META,
      ...Object.fromEntries(body),
    },
    additionalProperties: false,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Runtime schemas with the API server's semantics.

/** Keywords ajv evaluates and that mean the same there as in a Kubernetes structural schema. */
const VALIDATION_KEYWORDS = new Set([
  'type', 'required', 'enum', 'const', 'pattern', 'nullable', 'uniqueItems', 'multipleOf',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength',
  'minItems', 'maxItems', 'minProperties', 'maxProperties',
]);

/**
 * Keywords without a runtime check here. `format` (int32, date-time, byte…) is Kubernetes' own vocabulary and not
 * checked; list and map types are merge strategies, apart from list-type set, which becomes uniqueItems.
 */
const ANNOTATION_KEYWORDS = new Set([
  'title', 'description', 'format', 'default', 'example',
  'x-kubernetes-list-type', 'x-kubernetes-list-map-keys', 'x-kubernetes-map-type',
  'x-kubernetes-patch-strategy', 'x-kubernetes-patch-merge-key', 'x-kubernetes-group-version-kind',
]);

/** Structural-schema keywords that change how the node is translated (see the end of runtimeSchema). */
const STRUCTURAL_KEYWORDS = new Set(['x-kubernetes-int-or-string', 'x-kubernetes-preserve-unknown-fields']);

/** A CEL rule (x-kubernetes-validations) that is left out of a runtime schema, with where it applies. */
export interface CelRule {
  readonly path: string;
  readonly message: string;
}

function childPath(at: string, name: string): string {
  return at === '' ? name : `${at}.${name}`;
}

function isIntOrString(node: Schema): boolean {
  return node['x-kubernetes-int-or-string'] === true || node.format === 'int-or-string';
}

const INT_OR_STRING = (): Schema[] => [{ type: 'integer' }, { type: 'string' }];

/**
 * The runtime form of a schema node. The API server prunes unknown fields silently, so an object schema with
 * properties is closed unless upstream says otherwise (additionalProperties, or x-kubernetes-preserve-unknown-fields);
 * CEL rules cannot run here and are collected into `cel` instead. An unknown keyword fails the generator rather than
 * being dropped unnoticed.
 */
function runtimeSchema(node: Schema, at: string, cel: CelRule[]): Schema {
  const out: Schema = {};
  for (const [keyword, value] of Object.entries(node)) {
    if (keyword === 'properties') {
      out.properties = Object.fromEntries(schemaMap(value, at).map(([name, child]) => [name, runtimeSchema(child, childPath(at, name), cel)]));
    } else if (keyword === 'items') {
      out.items = runtimeSchema(schemaAt(value, at), `${at}[]`, cel);
    } else if (keyword === 'additionalProperties') {
      out.additionalProperties = typeof value === 'boolean' ? value : runtimeSchema(schemaAt(value, at), `${at}.*`, cel);
    } else if (keyword === 'oneOf' || keyword === 'anyOf' || keyword === 'allOf') {
      out[keyword] = schemaList(value, at).map((branch) => runtimeSchema(branch, at, cel));
    } else if (keyword === 'not') {
      out.not = runtimeSchema(schemaAt(value, at), at, cel);
    } else if (keyword === 'x-kubernetes-validations') {
      for (const rule of value as { rule: string; message?: string }[]) cel.push({ path: at === '' ? '(object)' : at, message: rule.message ?? rule.rule });
    } else if (VALIDATION_KEYWORDS.has(keyword)) {
      out[keyword] = value;
    } else if (!ANNOTATION_KEYWORDS.has(keyword) && !STRUCTURAL_KEYWORDS.has(keyword)) {
      throw new Error(`${at || '(object)'}: keyword ${keyword} has no runtime meaning in ${GENERATOR}; decide how to validate it there`);
    }
  }
  if (isIntOrString(node)) {
    delete out.type;
    out.anyOf ??= INT_OR_STRING();
  }
  if (node['x-kubernetes-list-type'] === 'set') out.uniqueItems = true;
  if (out.properties && out.additionalProperties === undefined && node['x-kubernetes-preserve-unknown-fields'] !== true) {
    out.additionalProperties = false;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Schemas for json-schema-to-typescript.

/** `{required: [...]}`, or combinations of them: they say which fields may be set together, not what they hold. */
function isPresenceOnly(node: Schema): boolean {
  return Object.entries(node).every(([keyword, value]) => {
    if (keyword === 'required') return true;
    if (keyword === 'not') return isSchema(value) && isPresenceOnly(value);
    if (keyword === 'oneOf' || keyword === 'anyOf' || keyword === 'allOf') return Array.isArray(value) && value.every((branch) => isSchema(branch) && isPresenceOnly(branch));
    return false;
  });
}

/** Names every object type of one output file, once per schema object, and refuses two types of one name. */
class TypeNamer {
  private readonly named = new Map<Schema, Schema>();
  private readonly owners = new Map<string, string>();
  private readonly unusedRenames: Set<string>;

  constructor(private readonly renames: Readonly<Record<string, string>>) {
    this.unusedRenames = new Set(Object.keys(renames));
  }

  public typeSchema(node: Schema, name: string, at: string): Schema {
    // A titled node (metadata, an OpenAPI definition) may be reached along several paths: it is one type.
    if (typeof node.title === 'string') {
      const done = this.named.get(node);
      if (done) return done;
      const result = this.convert(node, node.title, at);
      this.named.set(node, result);
      return result;
    }
    return this.convert(node, name, at);
  }

  /** Fails when a rename in the table no longer matches a generated name. */
  public checkRenamesUsed(where: string): void {
    if (this.unusedRenames.size > 0) throw new Error(`${where}: typeNames ${[...this.unusedRenames].join(', ')} match no generated type`);
  }

  private title(name: string, at: string): string {
    const title = this.renames[name] ?? name;
    this.unusedRenames.delete(name);
    const owner = this.owners.get(title);
    if (owner !== undefined) throw new Error(`type name ${title} is derived from both ${owner} and ${at}; rename one with typeNames`);
    this.owners.set(title, at);
    return title;
  }

  private convert(node: Schema, name: string, at: string): Schema {
    const out: Schema = {};
    if (typeof node.description === 'string') out.description = node.description;
    for (const keyword of ['type', 'enum', 'const', 'required', 'minItems', 'maxItems']) {
      if (node[keyword] !== undefined) out[keyword] = node[keyword];
    }
    if (node.properties !== undefined) {
      out.properties = Object.fromEntries(schemaMap(node.properties, at).map(([property, child]) =>
        [property, this.typeSchema(child, name + pascalCase(property), childPath(at, property))]));
    }
    if (node.items !== undefined) out.items = this.typeSchema(schemaAt(node.items, at), name, `${at}[]`);
    const additional = node.additionalProperties;
    if (additional !== undefined) {
      out.additionalProperties = typeof additional === 'boolean' ? additional : this.typeSchema(schemaAt(additional, at), `${name}Value`, `${at}.*`);
    } else if (node.properties !== undefined && node['x-kubernetes-preserve-unknown-fields'] !== true) {
      out.additionalProperties = false;
    }
    if (isIntOrString(node)) {
      delete out.type;
      out.anyOf = INT_OR_STRING();
    }
    for (const keyword of ['oneOf', 'anyOf', 'allOf', 'not']) {
      const value = node[keyword];
      if (value === undefined || isPresenceOnly({ [keyword]: value }) || (keyword === 'anyOf' && isIntOrString(node))) continue;
      throw new Error(`${at || '(object)'}: ${keyword} with typed branches is not supported by ${GENERATOR}`);
    }
    if (out.properties !== undefined) out.title = this.title(name, at);
    return out;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// One kind, ready for both outputs.

/** A generated kind: its runtime schema, the schema its TypeScript type is compiled from, and what was left out. */
export interface GeneratedKind {
  readonly apiVersion: string;
  readonly kind: string;
  readonly scope: Scope;
  readonly source: string;
  readonly runtime: Schema;
  readonly cel: readonly CelRule[];
}

function generatedKind(entry: CrdEntry, kind: string, read: SourceReader): GeneratedKind & { readonly object: Schema } {
  const upstream = readUpstream(entry, kind, read);
  const object = manifestObject(entry, kind, upstream);
  const cel: CelRule[] = [];
  const runtime = runtimeSchema(object, '', cel);
  return { apiVersion: apiVersionOf(entry), kind, scope: upstream.scope, source: upstream.source, runtime, cel, object };
}

function entryOf(apiVersion: string, kind: string): CrdEntry | undefined {
  return CRDS.find((entry) => apiVersionOf(entry) === apiVersion && entry.kinds.includes(kind));
}

/**
 * The runtime schema of a kind in {@link CRDS}, built from the upstream files in `dir` (what the generated
 * `.schemas.ts` files hold when they are up to date), or undefined for a kind the table does not list.
 */
export function upstreamManifestSchema(apiVersion: string, kind: string, dir = SHARED_SCHEMAS_DIR): GeneratedKind | undefined {
  const entry = entryOf(apiVersion, kind);
  return entry && generatedKind(entry, kind, new SourceReader(dir));
}

// ---------------------------------------------------------------------------------------------------------------
// Output files.

function outputBase(entry: CrdEntry): string {
  return path.join(GEN_DIR, entry.group === '' ? 'core' : entry.group, entry.version);
}

function relativeOutput(entry: CrdEntry, suffix: string): string {
  return path.relative(GEN_DIR, `${outputBase(entry)}${suffix}`).split(path.sep).join('/');
}

function banner(sources: readonly string[], extra: readonly string[] = []): string {
  const lines = [
    `Generated by \`${GENERATE_COMMAND}\` (${GENERATOR}) from`,
    ...sources.map((source) => `- shared/schemas/${source}`),
    `Do not edit by hand: change the table in ${GENERATOR} and run \`${GENERATE_COMMAND}\` again.`,
    ...extra,
  ];
  // No timestamp or tool version: the staleness test compares bytes, so the output depends only on the schemas,
  // the generator and the locked dependencies.
  return `/* eslint-disable */\n/**\n${lines.map((line) => (line === '' ? ' *' : ` * ${line}`)).join('\n')}\n */`;
}

/** Text for a JSDoc comment: a CEL message may contain anything, including the end of a comment. */
function commentText(text: string): string {
  return text.replace(/\*\//g, '*\\/').replace(/\s*\n\s*/g, ' ');
}

const RUNTIME_SEMANTICS = [
  'Runtime JSON schemas with the API server\'s semantics, for ajv in lib/kubernetes/manifest-schemas.ts:',
  '- an object schema with properties and neither additionalProperties nor x-kubernetes-preserve-unknown-fields',
  '  is closed (additionalProperties: false): the API server would prune an unknown field silently;',
  '- x-kubernetes-int-or-string is integer or string; x-kubernetes-list-type: set is uniqueItems;',
  '- metadata holds only name, namespace (namespaced kinds), labels and annotations; status is left out;',
  '- x-kubernetes-validations (CEL rules) cannot be evaluated here and are left out: each kind lists its rules,',
  '  which the API server still enforces at apply time. Formats (int32, date-time…) are not checked.',
];

function schemasFile(kinds: readonly GeneratedKind[]): string {
  const sections = kinds.map((generated) => {
    const cel = generated.cel.length === 0
      ? [' * No CEL rules.']
      : [' * CEL rules not checked at synth time (x-kubernetes-validations):', ...generated.cel.map((rule) => ` * - ${rule.path}: ${commentText(rule.message)}`)];
    return [
      '/**',
      ` * ${generated.apiVersion} ${generated.kind} (${generated.scope === 'Cluster' ? 'cluster-scoped' : 'namespaced'}).`,
      ' *',
      ...cel,
      ' */',
      `export const ${generated.kind}Schema: { readonly [keyword: string]: unknown } = ${JSON.stringify(generated.runtime, null, 2)};`,
    ].join('\n');
  });
  return `${banner(sourcesOf(kinds), ['', ...RUNTIME_SEMANTICS])}\n\n${sections.join('\n\n')}\n`;
}

/**
 * The options lib/kubernetes/manifest-schemas.ts reads errors with: strict about the schema itself (an unknown keyword
 * is a generator bug), but Istio's presence-only branches (`{required: [...]}` without a type) are valid JSON schema
 * that strictTypes and strictRequired would reject; every error, each with the failing schema and its parent
 * (`verbose`), which the messages need (allowed fields, oneOf branches).
 */
const VALIDATOR_OPTIONS = { allErrors: true, verbose: true, strict: true, strictTypes: false, strictRequired: false } as const;

/**
 * ajv's standalone code for one kind, as a CommonJS JavaScript file: as TypeScript, the jsii build spent five seconds
 * more on these 1.4 MB, and nothing in them needs a type check. scripts/build.js copies them into dist.
 */
function validatorFile(kind: GeneratedKind): string {
  const ajv = new Ajv({ ...VALIDATOR_OPTIONS, code: { source: true } });
  ajv.addSchema(kind.runtime as object, kind.kind);
  return `${banner([kind.source], [
    '',
    `ajv's validator of ${kind.apiVersion} ${kind.kind}, compiled from ${kind.kind}Schema in the .schemas.ts file beside this one`,
    '(compiling it at every synth took about 100 ms). lib/kubernetes/manifest-schemas.ts loads it when it first checks the kind.',
  ])}\n${standaloneCode(ajv, { validate: kind.kind })}\n`;
}

function validatorPath(entry: CrdEntry, kind: string): string {
  return relativeOutput(entry, `.${kind}.validate`);
}

function sourcesOf(kinds: readonly GeneratedKind[]): string[] {
  return [...new Set(kinds.map((generated) => generated.source))];
}

function importName(entry: CrdEntry): string {
  const name = pascalCase(`${entry.group} ${entry.version}`);
  return name[0].toLowerCase() + name.slice(1);
}

function indexFile(generated: readonly { readonly entry: CrdEntry; readonly kinds: readonly GeneratedKind[] }[]): string {
  const imports = generated.map(({ entry }) => `import * as ${importName(entry)} from './${relativeOutput(entry, '.schemas')}';`);
  const rows = generated.flatMap(({ entry, kinds }) => kinds.map((kind) => [
    `  {\n    apiVersion: '${kind.apiVersion}', kind: '${kind.kind}', scope: '${kind.scope}', schema: ${importName(entry)}.${kind.kind}Schema,`,
    `    validator: () => require('./${validatorPath(entry, kind.kind)}').validate,\n  },`,
  ].join('\n')));
  return `${banner(sourcesOf(generated.flatMap(({ kinds }) => kinds)))}
import type { ValidateFunction } from 'ajv';
${imports.join('\n')}

/** A kind's runtime schema (see its \`.schemas.ts\` file for the semantics and the CEL rules left out). */
export interface GeneratedManifestSchema {
  readonly apiVersion: string;
  readonly kind: string;
  /** Namespaced objects may set metadata.namespace; cluster-scoped ones may not. */
  readonly scope: 'Namespaced' | 'Cluster';
  readonly schema: { readonly [keyword: string]: unknown };
  /** ajv's validator of \`schema\`, compiled by \`${GENERATE_COMMAND}\`; loaded on the first call. */
  readonly validator: () => ValidateFunction;
}

/** Every kind \`${GENERATE_COMMAND}\` generates, in the order of its table. */
export const MANIFEST_SCHEMAS: readonly GeneratedManifestSchema[] = [
${rows.join('\n')}
];
`;
}

function readme(generated: readonly { readonly entry: CrdEntry; readonly kinds: readonly GeneratedKind[] }[]): string {
  const code = (text: string): string => `\`${text}\``;
  const sources = (kinds: readonly GeneratedKind[]): string => sourcesOf(kinds).map((source) => code(`shared/schemas/${source}`)).join(', ');
  const rows = generated.flatMap(({ entry, kinds }) => {
    const names = kinds.map((kind) => code(kind.kind)).join(', ');
    const cel = kinds.map((kind) => `${kind.kind} ${kind.cel.length}`).join(', ');
    return [
      `| ${code(relativeOutput(entry, '.ts'))} | TypeScript types of ${apiVersionOf(entry)} ${names} | ${sources(kinds)} |`,
      `| ${code(relativeOutput(entry, '.schemas.ts'))} | runtime JSON schema per kind (CEL rules left out: ${cel}) | ${sources(kinds)} |`,
      `| ${code(relativeOutput(entry, '.<Kind>.validate.js'))} | ajv's compiled validator of each kind's runtime schema | ${code(relativeOutput(entry, '.schemas.ts'))} |`,
    ];
  });
  return `# .gen

Generated code only. Nothing in this folder is edited by hand; \`${GENERATE_COMMAND}\`
(${GENERATOR}) writes it from the upstream schemas in \`../shared/schemas\` (see the README there for
provenance), and \`__tests__/gen/crd-types.test.ts\` fails when it is stale. To add a kind, add it to the \`CRDS\`
table in ${GENERATOR} and run \`${GENERATE_COMMAND}\`.

| file | contents | source |
|---|---|---|
${rows.join('\n')}
| ${code('manifest-schemas.ts')} | every runtime schema by apiVersion and kind, for ${code('lib/kubernetes/manifest-schemas.ts')} | the files above |

## Runtime schemas

${code('checkManifest')} (lib/kubernetes/manifest-schemas.ts) validates a manifest at synth time against the kind's
runtime schema, with the validator ajv compiled from it here (ajv's standalone code: compiling at every synth took
about 100 ms). The runtime schema differs from upstream as the API server's behaviour requires:

- The API server prunes unknown fields silently, so every object schema that has \`properties\` and neither
  \`additionalProperties\` nor \`x-kubernetes-preserve-unknown-fields: true\` gets \`additionalProperties: false\`: an
  unknown field is an error at synth time instead of a setting that quietly disappears.
- \`x-kubernetes-int-or-string\` (and the OpenAPI v2 format \`int-or-string\`) is "integer or string";
  \`x-kubernetes-list-type: set\` is \`uniqueItems\`. Keys of \`x-kubernetes-list-type: map\` lists are not checked
  for uniqueness (JSON schema cannot say it).
- **CEL rules (\`x-kubernetes-validations\`) are not checked**: JSON schema cannot express them, so they are left
  out, and each kind's comment in its \`.schemas.ts\` file lists them. The API server still enforces them when the
  manifest is applied. Formats (\`int32\`, \`date-time\`, \`byte\`…) are not checked either.
- Istio's "at most one of" constructs (\`oneOf: [{not: {anyOf: [{required: [a]}, …]}}, {required: [a]}, …]\`) are kept
  as they are; ajv evaluates them like the API server.
- The object is wrapped so that \`apiVersion\` and \`kind\` (constants), \`metadata\` (only \`name\`, \`namespace\` for
  namespaced kinds, \`labels\` and \`annotations\`, all strictly typed) and \`spec\` are validated; \`status\` is left
  out because controllers write it. OpenAPI v2 \`$ref\`s are inlined, so every schema is self-contained.
`;
}

/**
 * Renders every file this generator owns, keyed by absolute path, without touching the disk,
 * so tests can compare the result with what is committed.
 */
export async function generateCrdTypes(dir = SHARED_SCHEMAS_DIR): Promise<Map<string, string>> {
  // Loaded here rather than at the top: the schema validator in __tests__/helpers imports this module for its table,
  // in nearly every test file, and TypeScript alone takes ~150 ms to load.
  const [{ compile }, ts] = await Promise.all([import('json-schema-to-typescript'), import('typescript')]);
  const read = new SourceReader(dir);
  const files = new Map<string, string>();
  const generated: { entry: CrdEntry; kinds: GeneratedKind[] }[] = [];
  for (const entry of CRDS) {
    const kinds = entry.kinds.map((kind) => generatedKind(entry, kind, read));
    const namer = new TypeNamer(entry.typeNames ?? {});
    const rootName = `${pascalCase(`${entry.group} ${entry.version}`)}Resource`;
    const root: Schema = {
      title: rootName,
      description: `An object of group ${entry.group || 'core'}, version ${entry.version}, as a kubernetes_manifest holds it.`,
      oneOf: kinds.map((kind) => namer.typeSchema(kind.object, kind.kind, '')),
    };
    namer.checkRenamesUsed(apiVersionOf(entry));
    const types = await compile(root as JSONSchema, rootName, {
      bannerComment: banner(sourcesOf(kinds)),
      // minItems would turn arrays into non-empty tuples, which arrays built with map() cannot satisfy;
      // the lower bounds stay enforced by the runtime schemas.
      ignoreMinAndMaxItems: true,
      // Formatting would go through prettier 3, whose CommonJS entry loads itself with a dynamic import() that jest's
      // runtime refuses, so the staleness test could not regenerate in memory. The unformatted output is deterministic.
      format: false,
    });
    files.set(`${outputBase(entry)}.ts`, formatTypeScript(ts, types));
    files.set(`${outputBase(entry)}.schemas.ts`, schemasFile(kinds));
    for (const kind of kinds) files.set(path.join(GEN_DIR, `${validatorPath(entry, kind.kind)}.js`), validatorFile(kind));
    generated.push({ entry, kinds });
  }
  files.set(path.join(GEN_DIR, 'manifest-schemas.ts'), indexFile(generated));
  files.set(path.join(GEN_DIR, 'README.md'), readme(generated));
  return files;
}

/**
 * Indents the unformatted output with TypeScript's own printer (a dev dependency already), which keeps JSDoc
 * comments; the result ends with exactly one newline.
 */
function formatTypeScript(ts: typeof import('typescript'), source: string): string {
  const file = ts.createSourceFile('types.ts', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const printed = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed }).printFile(file);
  return `${printed.trimEnd()}\n`;
}

async function main(): Promise<void> {
  for (const [file, contents] of await generateCrdTypes()) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, contents);
    process.stdout.write(`wrote ${path.relative(REPO_ROOT, file)}\n`);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
