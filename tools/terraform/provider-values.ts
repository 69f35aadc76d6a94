/**
 * Terraform values as the mock provider sees them: provider schemas in the JSON form of
 * `terraform providers schema -json`, and cty values decoded from msgpack. Unknown values stay msgpack
 * extension values (ExtData, type 0 or 12 with its refinements) so they go back to Terraform byte for byte.
 */
import { Decoder, Encoder, ExtData } from '@msgpack/msgpack';

/** A cty type in its JSON form: "string", ["list", "string"], ["object", {...}], "dynamic", … */
export type CtyType = string | [string, ...unknown[]];

export interface SchemaAttribute {
  readonly type?: CtyType;
  readonly nested_type?: NestedType;
  readonly description?: string;
  readonly description_kind?: string;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  readonly deprecated?: boolean;
  readonly write_only?: boolean;
}

export interface NestedType {
  readonly attributes: Record<string, SchemaAttribute>;
  readonly nesting_mode: 'single' | 'list' | 'set' | 'map';
}

export interface SchemaBlock {
  readonly attributes?: Record<string, SchemaAttribute>;
  readonly block_types?: Record<string, NestedBlock>;
  readonly description?: string;
  readonly description_kind?: string;
  readonly deprecated?: boolean;
}

export interface NestedBlock {
  readonly block: SchemaBlock;
  readonly nesting_mode: 'single' | 'list' | 'set' | 'map' | 'group';
  readonly min_items?: number;
  readonly max_items?: number;
}

export interface Schema {
  readonly version?: number;
  readonly block: SchemaBlock;
}

/** One provider's schema: the format of the files the harness hands to the mock provider. */
export interface ProviderSchemaFile {
  readonly provider: Schema;
  readonly resource_schemas?: Record<string, Schema>;
  readonly data_source_schemas?: Record<string, Schema>;
  readonly ephemeral_resource_schemas?: Record<string, Schema>;
}

type Obj = Record<string, unknown>;

export const UNKNOWN = new ExtData(0, new Uint8Array([0]));
const isUnknown = (v: unknown): v is ExtData => v instanceof ExtData;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v) && !isUnknown(v) && !(v instanceof Uint8Array);

// useBigInt64 keeps 64-bit integers exact; numbers beyond int64 arrive as strings, which are passed through.
const decoder = new Decoder({ useBigInt64: true });
const encoder = new Encoder({ useBigInt64: true });
export const decodeValue = (bytes: Uint8Array): unknown => (bytes.length === 0 ? null : decoder.decode(bytes));
export const encodeValue = (value: unknown): Buffer => Buffer.from(encoder.encode(value));

const utf8 = new TextEncoder();
const typeBytes = (type: CtyType): Uint8Array => utf8.encode(JSON.stringify(type));

function nestedTypeOf(nested: NestedType): CtyType {
  const object = impliedType({ attributes: nested.attributes });
  return nested.nesting_mode === 'single' ? object : [nested.nesting_mode, object];
}

const attributeType = (a: SchemaAttribute): CtyType => a.type ?? nestedTypeOf(a.nested_type!);

/** The object type Terraform derives from a block. */
export function impliedType(block: SchemaBlock): CtyType {
  const fields: Record<string, CtyType> = {};
  for (const [name, a] of Object.entries(block.attributes ?? {})) fields[name] = attributeType(a);
  for (const [name, b] of Object.entries(block.block_types ?? {})) fields[name] = nestedBlockType(b);
  return ['object', fields];
}

function nestedBlockType(b: NestedBlock): CtyType {
  const object = impliedType(b.block);
  return b.nesting_mode === 'single' || b.nesting_mode === 'group' ? object : [b.nesting_mode, object];
}

/** A known stand-in of `type`. Data-source strings are base64 so configurations may base64decode() them. */
function placeholder(type: CtyType, name: string, dataSource: boolean): unknown {
  if (type === 'string') return dataSource ? 'bW9jaw==' : `mock-${name}`;
  if (type === 'number') return 1;
  if (type === 'bool') return false;
  if (type === 'dynamic') return [typeBytes('string'), placeholder('string', name, dataSource)];
  const [kind, inner] = type;
  switch (kind) {
    case 'list':
    case 'set': {
      // One element for lists of objects (computed nested blocks of SDKv2 providers), so `x[0].y` works.
      const element = inner as CtyType;
      return Array.isArray(element) && element[0] === 'object' ? [placeholder(element, name, dataSource)] : [];
    }
    case 'map': return {};
    case 'tuple': return (inner as CtyType[]).map((t) => placeholder(t, name, dataSource));
    default: return Object.fromEntries(Object.entries(inner as Record<string, CtyType>).map(([k, t]) => [k, placeholder(t, k, dataSource)]));
  }
}

/** Replaces every unknown inside `value` by a placeholder of its type. */
function fillUnknowns(type: CtyType, value: unknown, name: string, dataSource: boolean): unknown {
  if (isUnknown(value)) return placeholder(type, name, dataSource);
  if (value === null || (typeof type === 'string' && type !== 'dynamic')) return value;
  if (type === 'dynamic') {
    // cty's msgpack encoding of a dynamic value: [type JSON, value].
    const [dynamicType, inner] = value as [Uint8Array | string, unknown];
    const innerType = JSON.parse(typeof dynamicType === 'string' ? dynamicType : Buffer.from(dynamicType).toString()) as CtyType;
    return [dynamicType, fillUnknowns(innerType, inner, name, dataSource)];
  }
  const [kind, inner] = type;
  switch (kind) {
    case 'list':
    case 'set': return (value as unknown[]).map((v) => fillUnknowns(inner as CtyType, v, name, dataSource));
    case 'tuple': return (value as unknown[]).map((v, i) => fillUnknowns((inner as CtyType[])[i], v, name, dataSource));
    case 'map': return mapValues(value as Obj, (v) => fillUnknowns(inner as CtyType, v, name, dataSource));
    default: return mapValues(value as Obj, (v, k) => fillUnknowns((inner as Record<string, CtyType>)[k], v, k, dataSource));
  }
}

const mapValues = (o: Obj, f: (v: unknown, k: string) => unknown): Obj => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v, k)]));

/**
 * The value walks the mock provider needs, all driven by the resource schema:
 * - plan: null computed attributes become unknown (the provider "will know after apply");
 * - apply: unknowns become placeholders;
 * - read: like apply, and null computed attributes are filled too (data sources return whole objects).
 * Write-only attributes are always null in what a provider returns.
 */
export function walk(block: SchemaBlock, value: unknown, mode: 'plan' | 'apply' | 'read'): unknown {
  if (!isObject(value)) return value;
  const out: Obj = { ...value };
  const dataSource = mode === 'read';
  for (const [name, a] of Object.entries(block.attributes ?? {})) {
    const v = value[name];
    if (a.write_only) out[name] = null;
    else if (a.computed && v === null) out[name] = mode === 'plan' ? UNKNOWN : mode === 'read' ? placeholder(attributeType(a), name, true) : null;
    else if (a.nested_type && !isUnknown(v)) out[name] = walkNested({ block: { attributes: a.nested_type.attributes }, nesting_mode: a.nested_type.nesting_mode }, v, mode);
    else if (mode !== 'plan') out[name] = fillUnknowns(attributeType(a), v, name, dataSource);
  }
  for (const [name, b] of Object.entries(block.block_types ?? {})) {
    const v = value[name];
    out[name] = isUnknown(v) && mode !== 'plan' ? placeholder(nestedBlockType(b), name, dataSource) : walkNested(b, v, mode);
  }
  return out;
}

function walkNested(b: NestedBlock, value: unknown, mode: 'plan' | 'apply' | 'read'): unknown {
  if (Array.isArray(value)) return value.map((v) => walk(b.block, v, mode));
  if (!isObject(value)) return value;
  return b.nesting_mode === 'map' ? mapValues(value, (v) => walk(b.block, v, mode)) : walk(b.block, value, mode);
}

/** A value of the schema's type with every attribute null and no nested blocks, to hold an imported id. */
export function emptyObject(block: SchemaBlock): Obj {
  const out: Obj = {};
  for (const name of Object.keys(block.attributes ?? {})) out[name] = null;
  for (const [name, b] of Object.entries(block.block_types ?? {})) {
    out[name] = b.nesting_mode === 'list' || b.nesting_mode === 'set' ? [] : b.nesting_mode === 'map' ? {} : b.nesting_mode === 'group' ? emptyObject(b.block) : null;
  }
  return out;
}

/**
 * Parses Terraform's JSON state of one resource. Numbers that a JavaScript number would not reproduce exactly
 * stay strings, which cty's msgpack decoder accepts for numbers.
 */
export function parseStateJson(text: string): unknown {
  return JSON.parse(text.replace(/("(?:[^"\\]|\\.)*")|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g,
    (token, quoted?: string) => quoted ?? (String(Number(token)) === token ? token : `"${token}"`)));
}

/** Converts a JSON state value (cty's JSON encoding) to the msgpack-ready form of `type`. */
export function fromStateJson(type: CtyType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'dynamic') {
    // cty's JSON encoding of a dynamic value carries its type: {"value": …, "type": …}.
    const { value: inner, type: innerType } = value as { value: unknown; type: CtyType };
    return [typeBytes(innerType), fromStateJson(innerType, inner)];
  }
  if (typeof type === 'string') return value;
  const [kind, inner] = type;
  switch (kind) {
    case 'list':
    case 'set': return (value as unknown[]).map((v) => fromStateJson(inner as CtyType, v));
    case 'tuple': return (value as unknown[]).map((v, i) => fromStateJson((inner as CtyType[])[i], v));
    case 'map': return mapValues(value as Obj, (v) => fromStateJson(inner as CtyType, v));
    default: return mapValues(inner as Record<string, CtyType>, (t, k) => fromStateJson(t as CtyType, (value as Obj)[k]));
  }
}
