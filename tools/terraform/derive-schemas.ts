/**
 * Derives the provider schemas the offline Terraform harness serves but shared/schemas lacks: the provider configuration
 * blocks of google, google-beta, kubernetes and tls, all of google-beta and all of tls. The cdktf bindings were generated
 * from those very schemas, so they are read back here instead of writing schemas by hand.
 *
 * Usage: npx tsx tools/terraform/derive-schemas.ts [outDir]
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { REPO_ROOT, SHARED_SCHEMAS_DIR } from '../../__tests__/helpers/paths';

/** A type constraint as `terraform providers schema -json` writes it. */
export type TfType = string | [string, TfType] | ['object', { [name: string]: TfType }];

export interface TfAttribute {
  type: TfType;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
  description?: string;
  description_kind?: string;
  deprecated?: boolean;
}

export interface TfBlockType {
  nesting_mode: string;
  block: TfBlock;
  min_items?: number;
  max_items?: number;
}

export interface TfBlock {
  attributes?: Record<string, TfAttribute>;
  block_types?: Record<string, TfBlockType>;
  description?: string;
  description_kind?: string;
  deprecated?: boolean;
}

export interface TfSchema {
  version: number;
  block: TfBlock;
}

/** One `<name>-<version>.json` file: `provider_schemas[address]` of `terraform providers schema -json`, plus `provider`. */
export interface ProviderSchemaFile {
  provider: TfSchema;
  resource_schemas: Record<string, TfSchema>;
  data_source_schemas: Record<string, TfSchema>;
  ephemeral_resource_schemas: Record<string, TfSchema>;
  /** Provenance for readers; Terraform never sees it (the mock provider ignores unknown keys). */
  derived: Record<string, unknown>;
}

export interface DerivedBinding {
  kind: 'resource' | 'data' | 'provider';
  /** `google_compute_instance`, or the provider's local name for the provider binding. */
  tfType: string;
  schema: TfSchema;
}

export const PROVIDERS = ['google', 'google-beta', 'kubernetes', 'tls'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

/** Stable per machine (node_modules/.cache is ignored by git), so the slow google-beta derivation runs once. */
export const DEFAULT_OUT_DIR = path.join(REPO_ROOT, 'node_modules', '.cache', 'derived-provider-schemas');

const PROVIDER_BLOCK_LIMITATIONS = [
  'provider block: read from the cdktf provider binding; `alias` (added by cdktf to every provider) removed',
  'provider block: no sensitive or deprecated flags and no descriptions (the bindings do not record them)',
  'provider block: nested blocks (google `batching`, kubernetes `exec`, tls `proxy`, …) are lists without min_items or '
    + 'max_items, as the bindings render them; their attributes are only optional or required (cdktf writes no flags '
    + 'comments for provider structs, so optional+computed cannot be told from optional)',
];

const BINDING_LIMITATIONS = [
  'no sensitive, deprecated or write_only flags; descriptions omitted (the bindings do not record the flags)',
  'schema version 0 (the bindings do not record it)',
  'max_items is known only when it is 1; min_items only as 0 or "at least 1" (served as 1)',
  'collections of collections: the inner collection is served as a list (cdktf encodes list and set alike; none occur)',
  'nested attributes (nested_type) and recursive structures are refused (none occur)',
];

// ---------------------------------------------------------------------------------------------------------------
// Reading a binding

/**
 * The generator's TypeScript, embedded in every compiled file's inline source map. Unlike index.js and index.d.ts it
 * keeps the `// <name> - computed: …, optional: …, required: …` comment the generator writes from the schema for
 * every attribute, so flags need no guessing from getters and `?` markers.
 */
function embeddedSource(jsFile: string): string {
  const marker = '//# sourceMappingURL=data:application/json;base64,';
  const js = fs.readFileSync(jsFile, 'utf8');
  const at = js.lastIndexOf(marker);
  if (at < 0) throw new Error(`${jsFile}: no inline source map to read the generated TypeScript from`);
  const map = JSON.parse(Buffer.from(js.slice(at + marker.length).trim(), 'base64').toString('utf8')) as {
    sourcesContent?: string[];
  };
  const source = map.sourcesContent?.[0];
  if (source === undefined) throw new Error(`${jsFile}: the inline source map has no sourcesContent`);
  return source;
}

interface Flags {
  computed: boolean;
  optional: boolean;
  required: boolean;
}

/** One entry of `synthesizeHclAttributes()` / `xxxToHclTerraform()`: exists for configurable attributes only. */
interface HclEntry {
  type: string;
  storageClassType: string;
  /** `list`: cdktf.listMapperHcl(fn, isBlock); `map`: cdktf.hashMapperHcl(fn); `direct`: fn(value). */
  mapper: 'list' | 'map' | 'direct';
  /** listMapperHcl's second argument: true for blocks, false for attributes whose type is a list or set. */
  blockArg?: boolean;
}

/** An attribute of a resource class or `...OutputReference` class, from its flags comment and the members after it. */
interface ClassAttr extends Flags {
  tfName: string;
  /** `private _x = new <newClass>(this, "x"[, wrapsSet])` */
  newClass?: string;
  newArgCount?: number;
  wrapsSet?: boolean;
  /** Return expression of the first getter. */
  getter?: string;
}

interface InterfaceMember {
  optional: boolean;
  /** The generator describes every block as "<name> block". */
  blockDoc: boolean;
}

interface Binding {
  dir: string;
  kind: DerivedBinding['kind'];
  tfType: string;
  className: string;
  configName: string;
  /** Interface name -> members by Terraform name. Every struct has an interface, even a computed-only one. */
  interfaces: Map<string, Map<string, InterfaceMember>>;
  classAttrs: Map<string, ClassAttr[]>;
  /** Struct name (or the resource class name) -> entries by Terraform name. */
  hcl: Map<string, Map<string, HclEntry>>;
}

/** A binding while its files are read: the resource class supplies the rest. */
type PartialBinding = Partial<Binding> & Pick<Binding, 'dir' | 'hcl' | 'classAttrs' | 'interfaces'>;

const FLAGS_COMMENT = /^\/\/ (\S+) - computed: (true|false), optional: (true|false), required: (true|false)\s*$/;
const DOCS_LINK = /Docs at Terraform Registry: \{@link \S+ \S+#(\S+?)\}/;

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function propertyName(name: ts.PropertyName): string {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  throw new Error(`unexpected property name kind ${ts.SyntaxKind[name.kind]}`);
}

function stringProperty(literal: ts.ObjectLiteralExpression, key: string): string | undefined {
  for (const p of literal.properties) {
    if (ts.isPropertyAssignment(p) && propertyName(p.name) === key && ts.isStringLiteral(p.initializer)) return p.initializer.text;
  }
  return undefined;
}

function findAttrsLiteral(node: ts.Node): ts.ObjectLiteralExpression | undefined {
  if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === 'attrs'
    && node.initializer && ts.isObjectLiteralExpression(node.initializer)) {
    return node.initializer;
  }
  return ts.forEachChild(node, findAttrsLiteral);
}

function hclEntries(body: ts.Node, sf: ts.SourceFile): Map<string, HclEntry> {
  const entries = new Map<string, HclEntry>();
  const literal = findAttrsLiteral(body);
  if (!literal) return entries;
  for (const p of literal.properties) {
    if (!ts.isPropertyAssignment(p) || !ts.isObjectLiteralExpression(p.initializer)) continue;
    const tfName = propertyName(p.name);
    const type = stringProperty(p.initializer, 'type');
    const storageClassType = stringProperty(p.initializer, 'storageClassType');
    const valueProp = p.initializer.properties.find((v) => ts.isPropertyAssignment(v) && propertyName(v.name) === 'value');
    if (!type || !storageClassType || !valueProp || !ts.isPropertyAssignment(valueProp)) {
      throw new Error(`${sf.fileName}: HCL entry ${tfName} lacks value, type or storageClassType`);
    }
    let value = valueProp.initializer;
    // Attributes with a generator default read `x === undefined ? null : mapper(x)`.
    if (ts.isConditionalExpression(value)) value = value.whenFalse;
    const entry: HclEntry = { type, storageClassType, mapper: 'direct' };
    if (ts.isCallExpression(value) && ts.isCallExpression(value.expression)) {
      const factory = value.expression;
      const name = factory.expression.getText(sf);
      if (name === 'cdktf.listMapperHcl') {
        entry.mapper = 'list';
        entry.blockArg = factory.arguments[1]?.kind === ts.SyntaxKind.TrueKeyword;
      } else if (name === 'cdktf.hashMapperHcl') {
        entry.mapper = 'map';
      } else {
        throw new Error(`${sf.fileName}: HCL entry ${tfName} uses unknown mapper ${name}`);
      }
    }
    entries.set(tfName, entry);
  }
  return entries;
}

function interfaceMembers(decl: ts.InterfaceDeclaration, sf: ts.SourceFile): Map<string, InterfaceMember> {
  const members = new Map<string, InterfaceMember>();
  for (const m of decl.members) {
    if (!ts.isPropertySignature(m)) continue;
    const doc = sf.text.slice(m.pos, m.getStart(sf));
    // Keyed by the Terraform name in the docs link: the TypeScript name may be escaped (getX -> fetchX, node -> nodeAttribute).
    const tfName = DOCS_LINK.exec(doc)?.[1] ?? propertyName(m.name);
    const firstLine = doc.split('\n').map((l) => l.replace(/^\s*(\/\*\*|\*\/|\*)\s?/, '').trim()).find((l) => l !== '');
    members.set(tfName, { optional: m.questionToken !== undefined, blockDoc: firstLine === `${tfName} block` });
  }
  return members;
}

function returnExpression(getter: ts.GetAccessorDeclaration, sf: ts.SourceFile): string | undefined {
  const ret = getter.body?.statements.find(ts.isReturnStatement);
  return ret?.expression?.getText(sf);
}

function parseClass(decl: ts.ClassDeclaration, sf: ts.SourceFile, binding: PartialBinding) {
  const className = decl.name!.text;
  const attrs: ClassAttr[] = [];
  let current: ClassAttr | undefined;
  for (const member of decl.members) {
    for (const range of ts.getLeadingCommentRanges(sf.text, member.pos) ?? []) {
      const match = FLAGS_COMMENT.exec(sf.text.slice(range.pos, range.end));
      if (match) {
        current = { tfName: match[1], computed: match[2] === 'true', optional: match[3] === 'true', required: match[4] === 'true' };
        attrs.push(current);
      }
    }
    if (ts.isPropertyDeclaration(member) && member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword)
      && propertyName(member.name) === 'tfResourceType'
      && member.initializer && ts.isStringLiteral(member.initializer)) {
      binding.tfType = member.initializer.text;
      binding.className = className;
      const base = decl.heritageClauses?.[0]?.types[0]?.expression.getText(sf);
      binding.kind = base === 'cdktf.TerraformDataSource' ? 'data' : base === 'cdktf.TerraformProvider' ? 'provider' : 'resource';
    } else if (ts.isConstructorDeclaration(member)) {
      const config = member.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === 'config');
      if (config?.type && ts.isTypeReferenceNode(config.type)) binding.configName = config.type.typeName.getText(sf);
    } else if (ts.isMethodDeclaration(member) && propertyName(member.name) === 'synthesizeHclAttributes' && member.body) {
      binding.hcl.set(className, hclEntries(member.body, sf));
    } else if (current && ts.isPropertyDeclaration(member) && member.initializer && ts.isNewExpression(member.initializer)) {
      const args = member.initializer.arguments ?? ts.factory.createNodeArray();
      current.newClass = member.initializer.expression.getText(sf);
      current.newArgCount = args.length;
      current.wrapsSet = args[2]?.kind === ts.SyntaxKind.TrueKeyword;
    } else if (current && ts.isGetAccessorDeclaration(member) && current.getter === undefined) {
      current.getter = returnExpression(member, sf) ?? '';
    }
  }
  binding.classAttrs.set(className, attrs);
}

function bindingFiles(dir: string): string[] {
  const files = [path.join(dir, 'index.js')];
  const structsDir = path.join(dir, 'index-structs');
  if (fs.existsSync(structsDir)) {
    files.push(...fs.readdirSync(structsDir).filter((f) => f.endsWith('.js')).sort().map((f) => path.join(structsDir, f)));
  }
  return files;
}

function readBinding(dir: string): Binding {
  const binding: PartialBinding = {
    dir, hcl: new Map(), classAttrs: new Map(), interfaces: new Map(),
  };
  for (const file of bindingFiles(dir)) {
    // Doc comments are read as text (interfaceMembers), so TypeScript need not parse them: a quarter of the parse.
    const options = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
    const sf = ts.createSourceFile(file.replace(/\.js$/, '.ts'), embeddedSource(file), options, false);
    for (const st of sf.statements) {
      if (ts.isInterfaceDeclaration(st)) {
        binding.interfaces.set(st.name.text, interfaceMembers(st, sf));
      } else if (ts.isFunctionDeclaration(st) && st.name?.text.endsWith('ToHclTerraform') && st.body) {
        binding.hcl.set(upperFirst(st.name.text.slice(0, -'ToHclTerraform'.length)), hclEntries(st.body, sf));
      } else if (ts.isClassDeclaration(st) && st.name) {
        parseClass(st, sf, binding);
      }
    }
  }
  const { kind, tfType, className, configName } = binding;
  if (!kind || !tfType || !className || !configName) throw new Error(`${dir}: no class with a static tfResourceType and a config`);
  return { ...binding, kind, tfType, className, configName };
}

// ---------------------------------------------------------------------------------------------------------------
// From binding to schema

type TypeNode =
  | { prim: string }
  | { coll: 'list' | 'set' | 'map'; elem: TypeNode }
  | { struct: string };

interface AttrInfo extends Flags {
  tfName: string;
  hcl?: HclEntry;
  cls?: ClassAttr;
  member?: InterfaceMember;
}

function attributesOf(binding: Binding, className: string, hclKey: string, interfaceName: string): AttrInfo[] {
  const hcl = binding.hcl.get(hclKey) ?? new Map<string, HclEntry>();
  const members = binding.interfaces.get(interfaceName) ?? new Map<string, InterfaceMember>();
  const cls = binding.classAttrs.get(className);
  if (cls) return cls.map((c) => ({ ...c, cls: c, hcl: hcl.get(c.tfName), member: members.get(c.tfName) }));
  // Provider structs get no class (so no flags comments): only configurable attributes are known.
  return [...hcl.entries()].map(([tfName, entry]) => {
    const optional = members.get(tfName)?.optional ?? true;
    return { tfName, computed: false, optional, required: !optional, hcl: entry, member: members.get(tfName) };
  });
}

const PLAIN_GETTERS: ReadonlyArray<readonly [RegExp, string, string]> = [
  [/^this\.getStringAttribute\(/, 'string', 'simple'],
  [/^this\.getNumberAttribute\(/, 'number', 'simple'],
  [/^this\.getBooleanAttribute\(/, 'boolean', 'simple'],
  [/^this\.getListAttribute\(/, 'stringList', 'list'],
  [/^this\.getNumberListAttribute\(/, 'numberList', 'list'],
  [/^cdktf\.Fn\.tolist\(this\.getListAttribute\(/, 'stringList', 'set'],
  [/^cdktf\.Token\.asNumberList\(cdktf\.Fn\.tolist\(this\.getNumberListAttribute\(/, 'numberList', 'set'],
  [/^this\.getStringMapAttribute\(/, 'stringMap', 'map'],
  [/^this\.getNumberMapAttribute\(/, 'numberMap', 'map'],
  [/^this\.getBooleanMapAttribute\(/, 'booleanMap', 'map'],
  [/^this\.getAnyMapAttribute\(/, 'anyMap', 'map'],
];

interface TypeSource {
  /** cdktf's storageClassType: `string`, `stringList`, `booleanMap`, `<Struct>List`, … */
  sct: string;
  /** cdktf's type model: simple, list, set, map or struct. */
  outer: string;
  mapper?: HclEntry['mapper'];
  blockArg?: boolean;
}

/** Configurable attributes carry their type in the HCL entry; computed-only ones only in their getter or stored class. */
function typeSource(binding: Binding, info: AttrInfo, where: string): TypeSource {
  if (info.hcl) return { sct: info.hcl.storageClassType, outer: info.hcl.type, mapper: info.hcl.mapper, blockArg: info.hcl.blockArg };
  const cls = info.cls;
  if (cls?.newClass) {
    const name = cls.newClass.startsWith('cdktf.') ? lowerFirst(cls.newClass.slice('cdktf.'.length)) : cls.newClass;
    if (name.endsWith('OutputReference')) return { sct: name.slice(0, -'OutputReference'.length), outer: 'struct' };
    return { sct: name, outer: cls.newArgCount === 3 ? (cls.wrapsSet ? 'set' : 'list') : 'map' };
  }
  const plain = PLAIN_GETTERS.find(([pattern]) => cls?.getter !== undefined && pattern.test(cls.getter));
  if (plain) return { sct: plain[1], outer: plain[2] };
  throw new Error(`${binding.dir}: ${where}: no HCL entry, stored class or known getter to read the type from`);
}

function primitive(sct: string): TypeNode | undefined {
  switch (sct) {
    case 'string': return { prim: 'string' };
    case 'number': return { prim: 'number' };
    case 'boolean': return { prim: 'bool' };
    // cdktf renders `dynamic` as a map of any, and attributes it skips as any.
    case 'anyMap': case 'any': return { prim: 'dynamic' };
    default: return undefined;
  }
}

/** Element of a collection: a struct, a primitive or a nested collection (whose list/set kind cdktf does not keep). */
function decodeElement(binding: Binding, sct: string, where: string): TypeNode {
  if (binding.interfaces.has(sct)) return { struct: sct };
  const prim = primitive(sct);
  if (prim) return prim;
  if (sct.endsWith('List')) return { coll: 'list', elem: decodeElement(binding, sct.slice(0, -'List'.length), where) };
  if (sct.endsWith('Map')) return { coll: 'map', elem: decodeElement(binding, sct.slice(0, -'Map'.length), where) };
  throw new Error(`${binding.dir}: ${where}: unknown storage class ${sct}`);
}

function decode(binding: Binding, src: TypeSource, where: string): TypeNode {
  const suffix = src.outer === 'map' ? 'Map' : 'List';
  const prim = src.outer === 'simple' ? primitive(src.sct) : undefined;
  if (prim) return prim;
  if (src.outer === 'struct') return { struct: src.sct };
  if (src.outer === 'map' && src.sct === 'anyMap') return { prim: 'dynamic' };
  if ((src.outer === 'list' || src.outer === 'set' || src.outer === 'map') && src.sct.endsWith(suffix)) {
    return { coll: src.outer, elem: decodeElement(binding, src.sct.slice(0, -suffix.length), where) };
  }
  throw new Error(`${binding.dir}: ${where}: cannot decode ${src.outer} ${src.sct}`);
}

function structAttributes(binding: Binding, struct: string): AttrInfo[] {
  return attributesOf(binding, `${struct}OutputReference`, struct, struct);
}

function flagsOf(info: Flags): Pick<TfAttribute, 'required' | 'optional' | 'computed'> {
  return {
    ...(info.required ? { required: true } : {}),
    ...(info.optional ? { optional: true } : {}),
    ...(info.computed ? { computed: true } : {}),
  };
}

const sameFlags = (a: Flags, b: Flags) => a.computed === b.computed && a.optional === b.optional && a.required === b.required;

function checkNotRecursive(binding: Binding, struct: string, ancestors: readonly string[], where: string): void {
  // cdktf folds structures that repeat down a path into a loop, which loses their depth: refuse rather than guess one.
  if (ancestors.includes(struct)) throw new Error(`${binding.dir}: ${where}: recursive structure ${struct}`);
}

/**
 * The type of an attribute whose value is (a collection of) objects. cdktf gives the fields of such an object its
 * attribute's flags; own flags would mean a nested attribute (nested_type), which this script does not derive.
 */
function tfType(binding: Binding, node: TypeNode, flags: Flags, where: string, ancestors: readonly string[]): TfType {
  if ('prim' in node) return node.prim;
  if ('coll' in node) return [node.coll, tfType(binding, node.elem, flags, where, ancestors)];
  checkNotRecursive(binding, node.struct, ancestors, where);
  const fields: Record<string, TfType> = {};
  for (const field of structAttributes(binding, node.struct)) {
    const at = `${where}.${field.tfName}`;
    if (!sameFlags(field, flags)) throw new Error(`${binding.dir}: ${at}: nested attribute (nested_type) is not supported`);
    fields[field.tfName] = tfType(binding, decode(binding, typeSource(binding, field, at), at), flags, at, [...ancestors, node.struct]);
  }
  return ['object', fields];
}

function fillBlock(binding: Binding, block: TfBlock, infos: AttrInfo[], where: string, ancestors: readonly string[]): void {
  for (const info of infos) {
    const at = `${where}.${info.tfName}`;
    const src = typeSource(binding, info, at);
    const node = decode(binding, src, at);
    const struct = 'struct' in node ? node.struct : 'coll' in node && 'struct' in node.elem ? node.elem.struct : undefined;
    const singleItem = (src.outer === 'list' || src.outer === 'set') && src.mapper === 'direct';
    const isBlock = src.blockArg === true || singleItem
      || (src.outer === 'struct' && info.member?.blockDoc === true)
      // Only blocks are neither computed nor configurable (map-nested blocks, single blocks of computed attributes).
      || (!info.computed && !info.optional && !info.required);
    if (struct === undefined || !isBlock) {
      (block.attributes ??= {})[info.tfName] = { type: tfType(binding, node, info, at, ancestors), ...flagsOf(info) };
      continue;
    }
    checkNotRecursive(binding, struct, ancestors, at);
    const nested: TfBlock = {};
    fillBlock(binding, nested, structAttributes(binding, struct), at, [...ancestors, struct]);
    const nesting = 'coll' in node ? node.coll : 'single';
    (block.block_types ??= {})[info.tfName] = {
      nesting_mode: nesting,
      block: nested,
      ...(info.required && nesting !== 'single' ? { min_items: 1 } : {}),
      ...(singleItem ? { max_items: 1 } : {}),
    };
  }
}

/** The schema of one binding folder (`node_modules/@cdktf/provider-<name>/lib/<folder>`), from the binding alone. */
export function deriveBindingSchema(bindingDir: string): DerivedBinding {
  const binding = readBinding(bindingDir);
  const block: TfBlock = {};
  let infos = attributesOf(binding, binding.className, binding.className, binding.configName);
  if (binding.kind === 'provider') infos = infos.filter((i) => i.tfName !== 'alias');
  fillBlock(binding, block, infos, binding.tfType, []);
  return { kind: binding.kind, tfType: binding.tfType, schema: { version: 0, block } };
}

// ---------------------------------------------------------------------------------------------------------------
// Providers

interface BindingPackage {
  dir: string;
  label: string;
  /** `registry.terraform.io/hashicorp/google`, from the package's cdktf metadata. */
  providerAddress: string;
  providerVersion: string;
  packageJsonSha: string;
}

function bindingPackage(name: ProviderName): BindingPackage {
  const pkgJson = require.resolve(`@cdktf/provider-${name}/package.json`, { paths: [REPO_ROOT] });
  const text = fs.readFileSync(pkgJson, 'utf8');
  const pkg = JSON.parse(text) as { name: string; version: string; cdktf?: { provider?: { name?: string; version?: string } } };
  const { name: providerAddress, version: providerVersion } = pkg.cdktf?.provider ?? {};
  if (!providerAddress || !providerVersion) throw new Error(`${pkgJson}: no cdktf.provider.name and version`);
  return {
    dir: path.dirname(pkgJson),
    label: `${pkg.name} ${pkg.version} bindings`,
    providerAddress,
    providerVersion,
    packageJsonSha: sha256(text),
  };
}

interface SharedProviderSchema {
  resource_schemas: Record<string, TfSchema>;
  data_source_schemas: Record<string, TfSchema>;
  ephemeral_resource_schemas?: Record<string, TfSchema>;
}

/** The shared schema of the very provider version the binding was generated from (a mismatch fails: no such file). */
function sharedSchemaFile(pkg: BindingPackage): string {
  return path.join(SHARED_SCHEMAS_DIR, `${path.basename(pkg.providerAddress)}-${pkg.providerVersion}.providers-schema.json`);
}

function readShared(pkg: BindingPackage): SharedProviderSchema {
  const file = sharedSchemaFile(pkg);
  const all = JSON.parse(fs.readFileSync(file, 'utf8')) as { provider_schemas: Record<string, SharedProviderSchema> };
  const schema = all.provider_schemas[pkg.providerAddress];
  if (!schema) throw new Error(`${file}: no provider_schemas["${pkg.providerAddress}"]`);
  return schema;
}

function sharedLabel(pkg: BindingPackage): string {
  const file = path.basename(sharedSchemaFile(pkg));
  return `${pkg.providerAddress.replace('registry.terraform.io/', '')} ${pkg.providerVersion} schema (shared/schemas/${file})`;
}

function providerBlock(pkg: BindingPackage): TfSchema {
  return deriveBindingSchema(path.join(pkg.dir, 'lib', 'provider')).schema;
}

function resourceDirs(pkg: BindingPackage): string[] {
  const lib = path.join(pkg.dir, 'lib');
  return fs.readdirSync(lib, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'provider')
    .map((d) => path.join(lib, d.name))
    .sort();
}

interface OverlayLog {
  added: string[];
  changed: string[];
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** GA's type plus the object fields only beta has; beta's type where the shapes differ (beta's binding is exact too). */
function overlayType(ga: TfType, beta: TfType, where: string, log: OverlayLog): TfType {
  if (sameJson(ga, beta)) return ga;
  if (Array.isArray(ga) && Array.isArray(beta) && ga[0] === beta[0]) {
    if (ga[0] === 'object') {
      const gaFields = ga[1] as Record<string, TfType>;
      const fields = { ...gaFields };
      for (const [name, type] of Object.entries(beta[1] as Record<string, TfType>)) {
        if (name in gaFields) {
          fields[name] = overlayType(gaFields[name], type, `${where}.${name}`, log);
        } else {
          fields[name] = type;
          log.added.push(`${where}.${name}`);
        }
      }
      return ['object', fields];
    }
    return [ga[0], overlayType(ga[1] as TfType, beta[1] as TfType, where, log)];
  }
  log.changed.push(`${where}: type ${JSON.stringify(ga)} -> ${JSON.stringify(beta)}`);
  return beta;
}

/**
 * GA's block plus what only the beta binding has, recursively. For shared fields GA supplies what the bindings cannot
 * express (sensitive, deprecated, descriptions, max_items above 1); the required/optional/computed flags come from the
 * beta binding where it disagrees, since the binding's flags are exact (see the GA cross-check in the tests).
 */
function overlay(ga: TfBlock, beta: TfBlock, where: string, log: OverlayLog): TfBlock {
  const attributes = { ...ga.attributes };
  const blockTypes = { ...ga.block_types };
  for (const [name, attr] of Object.entries(beta.attributes ?? {})) {
    const at = `${where}.${name}`;
    const gaAttr = attributes[name];
    if (gaAttr) {
      const merged: TfAttribute = { ...gaAttr, type: overlayType(gaAttr.type, attr.type, at, log) };
      for (const flag of ['required', 'optional', 'computed'] as const) {
        if (Boolean(gaAttr[flag]) === Boolean(attr[flag])) continue;
        log.changed.push(`${at}: ${flag} ${Boolean(gaAttr[flag])} -> ${Boolean(attr[flag])}`);
        if (attr[flag]) merged[flag] = true;
        else delete merged[flag];
      }
      attributes[name] = merged;
    } else if (!(name in blockTypes)) {
      attributes[name] = attr;
      log.added.push(at);
    }
  }
  for (const [name, blockType] of Object.entries(beta.block_types ?? {})) {
    const gaBlockType = blockTypes[name];
    if (gaBlockType) {
      blockTypes[name] = { ...gaBlockType, block: overlay(gaBlockType.block, blockType.block, `${where}.${name}`, log) };
    } else if (!(name in attributes)) {
      blockTypes[name] = blockType;
      log.added.push(`${where}.${name}`);
    }
  }
  const result: TfBlock = { ...ga };
  if (Object.keys(attributes).length > 0) result.attributes = attributes;
  if (Object.keys(blockTypes).length > 0) result.block_types = blockTypes;
  return result;
}

function deriveFromShared(pkg: BindingPackage): ProviderSchemaFile {
  const schema = readShared(pkg);
  const label = sharedLabel(pkg);
  return {
    provider: providerBlock(pkg),
    resource_schemas: schema.resource_schemas,
    data_source_schemas: schema.data_source_schemas,
    ephemeral_resource_schemas: schema.ephemeral_resource_schemas ?? {},
    derived: {
      provider: `${pkg.label} (lib/provider)`,
      resource_schemas: label,
      data_source_schemas: label,
      ephemeral_resource_schemas: schema.ephemeral_resource_schemas ? label : `none in ${label}`,
      limitations: PROVIDER_BLOCK_LIMITATIONS,
    },
  };
}

function deriveGoogleBeta(pkg: BindingPackage, gaPkg: BindingPackage): ProviderSchemaFile {
  if (pkg.providerVersion !== gaPkg.providerVersion) {
    throw new Error(`google-beta ${pkg.providerVersion} cannot be derived from google ${gaPkg.providerVersion}: versions differ`);
  }
  const ga = readShared(gaPkg);
  const resources: Record<string, TfSchema> = {};
  const dataSources: Record<string, TfSchema> = {};
  const betaOnly: string[] = [];
  const log: OverlayLog = { added: [], changed: [] };
  for (const dir of resourceDirs(pkg)) {
    const derived = deriveBindingSchema(dir);
    const [target, gaSchemas, prefix] = derived.kind === 'data'
      ? [dataSources, ga.data_source_schemas, 'data.']
      : [resources, ga.resource_schemas, ''];
    const gaSchema = gaSchemas[derived.tfType];
    if (gaSchema) {
      target[derived.tfType] = { ...gaSchema, block: overlay(gaSchema.block, derived.schema.block, `${prefix}${derived.tfType}`, log) };
    } else {
      target[derived.tfType] = derived.schema;
      betaOnly.push(`${prefix}${derived.tfType}`);
    }
  }
  const gaLabel = sharedLabel(gaPkg);
  return {
    provider: providerBlock(pkg),
    resource_schemas: resources,
    data_source_schemas: dataSources,
    ephemeral_resource_schemas: ga.ephemeral_resource_schemas ?? {},
    derived: {
      provider: `${pkg.label} (lib/provider)`,
      shared_with_ga: `${gaLabel}, plus the fields only the ${pkg.label} have (fields_added_to_ga), with the beta `
        + 'flags and types where the binding disagrees with GA (fields_changed_from_ga)',
      beta_only: `${pkg.label}: ${betaOnly.length} resources and data sources (listed in beta_only_types), schema version 0`,
      ephemeral_resource_schemas: `${gaLabel} (the bindings have no ephemeral resources)`,
      beta_only_types: betaOnly,
      fields_added_to_ga: log.added,
      fields_changed_from_ga: log.changed,
      limitations: [
        ...PROVIDER_BLOCK_LIMITATIONS,
        ...BINDING_LIMITATIONS.map((l) => `beta-only types and fields added to GA types: ${l}`),
        'types shared with GA keep GA versions, descriptions, sensitive/deprecated flags and max_items; GA fields the beta '
          + 'binding lacks would be kept (6.50.0 has none)',
      ],
    },
  };
}

function deriveTls(pkg: BindingPackage): ProviderSchemaFile {
  const resources: Record<string, TfSchema> = {};
  const dataSources: Record<string, TfSchema> = {};
  for (const dir of resourceDirs(pkg)) {
    const derived = deriveBindingSchema(dir);
    (derived.kind === 'data' ? dataSources : resources)[derived.tfType] = derived.schema;
  }
  return {
    provider: providerBlock(pkg),
    resource_schemas: resources,
    data_source_schemas: dataSources,
    ephemeral_resource_schemas: {},
    derived: {
      provider: `${pkg.label} (lib/provider)`,
      resource_schemas: pkg.label,
      data_source_schemas: pkg.label,
      ephemeral_resource_schemas: 'none: cdktf bindings have no ephemeral resources',
      limitations: [...PROVIDER_BLOCK_LIMITATIONS, ...BINDING_LIMITATIONS],
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Output and cache

function sha256(data: string | Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(obj).sort().map((k) => [k, sortKeys(obj[k])]));
  }
  return value;
}

/** Concurrent callers (jest workers) may derive at once: each writes its own temporary file and renames it into place. */
function writeAtomically(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}

/** Inputs: the binding packages, the shared schema files they select (size and mtime), this script, the parser. */
function cacheKey(packages: BindingPackage[], shared: BindingPackage[]): string {
  return sha256(JSON.stringify({
    script: sha256(fs.readFileSync(__filename)),
    typescript: ts.version,
    packages: packages.map((p) => p.packageJsonSha),
    schemas: shared.map((p) => {
      const file = sharedSchemaFile(p);
      const stat = fs.statSync(file);
      return { file, size: stat.size, mtimeMs: stat.mtimeMs };
    }),
  }));
}

/**
 * Writes `<outDir>/<name>-<version>.json` for google, google-beta, kubernetes and tls and returns their paths. A file is
 * derived again only when its inputs (shared schema size and mtime, binding package.json, this script) changed.
 */
export async function deriveProviderSchemas(outDir: string): Promise<Record<ProviderName, string>> {
  fs.mkdirSync(outDir, { recursive: true });
  const packages = Object.fromEntries(PROVIDERS.map((p) => [p, bindingPackage(p)])) as Record<ProviderName, BindingPackage>;
  const { google, kubernetes, tls } = packages;
  const beta = packages['google-beta'];
  const keys: Record<ProviderName, () => string> = {
    google: () => cacheKey([google], [google]),
    'google-beta': () => cacheKey([beta, google], [google]),
    kubernetes: () => cacheKey([kubernetes], [kubernetes]),
    tls: () => cacheKey([tls], []),
  };
  const derive: Record<ProviderName, () => ProviderSchemaFile> = {
    google: () => deriveFromShared(google),
    'google-beta': () => deriveGoogleBeta(beta, google),
    kubernetes: () => deriveFromShared(kubernetes),
    tls: () => deriveTls(tls),
  };
  const written = {} as Record<ProviderName, string>;
  for (const name of PROVIDERS) {
    const file = path.join(outDir, `${name}-${packages[name].providerVersion}.json`);
    const keyFile = `${file}.inputs-sha256`;
    const key = keys[name]();
    const current = fs.existsSync(file) && fs.existsSync(keyFile) && fs.readFileSync(keyFile, 'utf8') === key;
    if (!current) {
      writeAtomically(file, JSON.stringify(sortKeys(derive[name]())));
      writeAtomically(keyFile, key);
    }
    written[name] = file;
  }
  return written;
}

if (require.main === module) {
  const outDir = path.resolve(process.argv[2] ?? DEFAULT_OUT_DIR);
  const started = Date.now();
  deriveProviderSchemas(outDir).then((files) => {
    for (const [name, file] of Object.entries(files)) console.log(`${name.padEnd(12)} ${file} (${fs.statSync(file).size} bytes)`);
    console.log(`${Date.now() - started} ms`);
  }, (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
