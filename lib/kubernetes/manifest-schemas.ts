import type { ErrorObject } from 'ajv';
import { IConstruct } from 'constructs';
import { GeneratedManifestSchema, MANIFEST_SCHEMAS } from '../../.gen/manifest-schemas';
import { invalidInput } from '../core/errors';
import { isUnresolved } from '../core/validation';

/**
 * Synth-time validation of Kubernetes manifests against the upstream schemas of their kind (generated into
 * `.gen/<group>/<version>.schemas.ts` by `npm run gen`, with ajv's validator of each kind beside it). The API server
 * prunes unknown fields silently, so an unknown field is an error here rather than a setting that quietly disappears
 * at apply time. CEL rules (x-kubernetes-validations) are not in the generated schemas and are left to the API server.
 *
 * Internal: not exported from the library's index.
 */

type Json = { readonly [key: string]: unknown };

function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The manifest as it will be synthesized: `undefined` never reaches JSON, so a field set to undefined is absent.
 * Tokens are kept as they are, without looking inside them.
 */
function withoutUndefined(value: unknown): unknown {
  if (isUnresolved(value)) return value;
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, child]) => child !== undefined).map(([key, child]) => [key, withoutUndefined(child)]));
}

function pointerSegments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The values from the root down to the pointer's target (the root first). */
function valuesAlong(root: unknown, segments: readonly string[]): unknown[] {
  const values = [root];
  for (const segment of segments) {
    const parent = values[values.length - 1];
    values.push(Array.isArray(parent) || isPlainObject(parent) ? (parent as Json)[segment] : undefined);
  }
  return values;
}

function containsToken(value: unknown): boolean {
  if (isUnresolved(value)) return true;
  if (Array.isArray(value)) return value.some(containsToken);
  return isPlainObject(value) && Object.values(value).some(containsToken);
}

/** `{required: [...]}` and combinations of it: constraints on which fields are set together, never on their values. */
function isPresenceOnly(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.every(isPresenceOnly);
  return isPlainObject(schema) && Object.entries(schema).every(([keyword, value]) =>
    keyword === 'required' || (['not', 'oneOf', 'anyOf', 'allOf'].includes(keyword) && isPresenceOnly(value)));
}

const COMBINATORS = ['oneOf', 'anyOf', 'allOf', 'not'];

/**
 * A value known only at apply time satisfies any type (X5): an error at or below a token, on a token field name, or
 * from a combinator that looks at values containing a token, says nothing about the configuration.
 */
function isCausedByToken(data: unknown, error: ErrorObject): boolean {
  const values = valuesAlong(data, pointerSegments(error.instancePath));
  if (values.some(isUnresolved)) return true;
  if (error.keyword === 'additionalProperties' && isUnresolved((error.params as { additionalProperty: string }).additionalProperty)) return true;
  return COMBINATORS.includes(error.keyword) && !isPresenceOnly(error.schema) && containsToken(values[values.length - 1]);
}

/** Errors of the branches of a failed oneOf/anyOf/not are reported by that combinator, which says what is wrong. */
function isInsideFailedCombinator(error: ErrorObject, errors: readonly ErrorObject[]): boolean {
  return errors.some((other) => other !== error && ['oneOf', 'anyOf', 'not'].includes(other.keyword) && error.schemaPath.startsWith(`${other.schemaPath}/`));
}

/** `spec.servers[0].tls`, keys with dots or slashes (labels, annotations) quoted, as the library's other fields. */
function fieldPath(field: string, segments: readonly string[]): string {
  return segments.reduce((at, segment) => {
    if (/^\d+$/.test(segment)) return `${at}[${segment}]`;
    return /^[A-Za-z_$][\w$-]*$/.test(segment) ? `${at}.${segment}` : `${at}[${JSON.stringify(segment)}]`;
  }, field);
}

/** Longer lists of allowed fields (VirtualService routes have ~20) would bury the fix; the types list them anyway. */
const FIELD_LIST_LIMIT = 12;

function typeNoun(type: unknown): string {
  const nouns: Record<string, string> = { string: 'a string', integer: 'an integer', number: 'a number', boolean: 'true or false', object: 'an object', array: 'a list', null: 'null' };
  const types = Array.isArray(type) ? type : [type];
  return types.map((each) => nouns[String(each)] ?? String(each)).join(' or ');
}

function listValues(values: readonly unknown[]): string {
  return values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value))).join(', ');
}

/** The field names one "at most one of" oneOf (Istio's `oneOf: [{not: {anyOf: …}}, {required: [a]}, …]`) chooses between. */
function alternatives(branches: unknown): string[] {
  if (!Array.isArray(branches)) return [];
  return branches.flatMap((branch) => (isPlainObject(branch) && Array.isArray(branch.required) ? (branch.required as string[]) : []));
}

interface Problem {
  readonly segments: readonly string[];
  readonly problem: string;
  readonly value: unknown;
  readonly fix: string;
}

function describeError(error: ErrorObject, data: unknown, schema: GeneratedManifestSchema): Problem {
  const label = `${schema.apiVersion} ${schema.kind}`;
  const segments = pointerSegments(error.instancePath);
  const value = valuesAlong(data, segments).pop();
  const params = error.params as Record<string, unknown>;
  const asAjvSaysIt = (fix: string): Problem => ({ segments, problem: error.message ?? error.keyword, value, fix });
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const child = [...segments, name];
      const fieldValue = isPlainObject(value) ? value[name] : undefined;
      const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      if (segments.length === 1 && segments[0] === 'metadata') {
        if (name === 'namespace' && schema.scope === 'Cluster') {
          return { segments: child, problem: `is not allowed: ${label} is cluster-scoped`, value: fieldValue, fix: 'Remove it' };
        }
        return { segments: child, problem: `is not supported in the metadata of ${label}`, value: fieldValue, fix: `Remove it; manifests here carry only ${allowed.join(', ')}` };
      }
      const known = allowed.length > 0 && allowed.length <= FIELD_LIST_LIMIT ? ` (fields here: ${allowed.join(', ')})` : '';
      return { segments: child, problem: `is not a field of ${label}`, value: fieldValue, fix: `Remove it or correct its name${known}: the API server would prune it silently` };
    }
    case 'required': {
      const child = [...segments, String(params.missingProperty)];
      return { segments: child, problem: `is required by ${label}`, value: undefined, fix: `Set ${fieldPath('', child).replace(/^\./, '')}` };
    }
    case 'type':
      return { segments, problem: `must be ${typeNoun(params.type)}`, value, fix: `Use ${typeNoun(params.type)}` };
    case 'enum':
      return { segments, problem: `is not a value ${label} allows`, value, fix: `Use one of: ${listValues(params.allowedValues as unknown[])}` };
    case 'const':
      return { segments, problem: `must be ${JSON.stringify(params.allowedValue)}`, value, fix: `Set it to ${JSON.stringify(params.allowedValue)}` };
    case 'oneOf': {
      const names = alternatives(error.schema);
      if (isPresenceOnly(error.schema) && names.length > 0) {
        return { segments, problem: `sets more than one of ${names.join(', ')}`, value, fix: 'Set only one of them: they are alternatives' };
      }
      return asAjvSaysIt(`Use exactly one of the forms ${label} allows here`);
    }
    case 'anyOf': {
      const types = (Array.isArray(error.schema) ? error.schema : []).map((branch: unknown) => (isPlainObject(branch) ? branch.type : undefined));
      if (types.length > 0 && types.every((type) => typeof type === 'string')) {
        return { segments, problem: `must be ${typeNoun(types)}`, value, fix: `Use ${typeNoun(types)}` };
      }
      return asAjvSaysIt(`Use one of the forms ${label} allows here`);
    }
    case 'pattern':
      return { segments, problem: `does not match the pattern ${String(params.pattern)}`, value, fix: `Use a value that matches ${String(params.pattern)}` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { segments, problem: `must be ${String(params.comparison)} ${String(params.limit)}`, value, fix: `Use a value ${String(params.comparison)} ${String(params.limit)}` };
    case 'minLength':
      return { segments, problem: `must be at least ${String(params.limit)} characters long`, value, fix: 'Use a longer value' };
    case 'maxLength':
      return { segments, problem: `must be at most ${String(params.limit)} characters long`, value, fix: 'Use a shorter value' };
    case 'minItems':
    case 'minProperties':
      return { segments, problem: `must have at least ${String(params.limit)} ${error.keyword === 'minItems' ? 'items' : 'entries'}`, value, fix: 'Add the missing entries' };
    case 'maxItems':
    case 'maxProperties':
      return { segments, problem: `must have at most ${String(params.limit)} ${error.keyword === 'maxItems' ? 'items' : 'entries'}`, value, fix: 'Remove entries, or split the object' };
    case 'uniqueItems':
      return { segments, problem: `has the same item twice (items ${String(params.j)} and ${String(params.i)})`, value, fix: 'Remove the duplicate' };
    default:
      return asAjvSaysIt(`Change it to match the schema of ${label}`);
  }
}

function knownKinds(): string {
  return MANIFEST_SCHEMAS.map((schema) => `${schema.apiVersion} ${schema.kind}`).join(', ');
}

/**
 * Checks a Kubernetes manifest against the upstream schema of its apiVersion and kind, with the API server's
 * semantics (an unknown field is an error: the API server would prune it silently), and throws the library's
 * error for the first problem: `<path>: <field>.<location> <problem> (got <value>). <fix>.`
 *
 * Tokens are never rejected (X5): a value that is an unresolved token is valid for any type, and nothing below it is
 * checked. apiVersion and kind must be literals, because the schema (and the provider's CRD lookup at plan time)
 * depends on them.
 */
export function checkManifest(scope: IConstruct, field: string, manifest: object): void {
  if (isUnresolved(manifest)) return;
  if (!isPlainObject(manifest)) {
    throw invalidInput(scope, field, 'must be an object', manifest, 'Build it from the generated types in .gen, e.g. a Sidecar from .gen/networking.istio.io/v1');
  }
  for (const typeField of ['apiVersion', 'kind']) {
    const value = manifest[typeField];
    if (typeof value !== 'string' || isUnresolved(value)) {
      throw invalidInput(scope, `${field}.${typeField}`, 'must be a literal string', value,
        `Write ${typeField} out: the manifest's schema is found by apiVersion and kind, and so is the CRD the provider plans against`);
    }
  }
  const apiVersion = String(manifest.apiVersion);
  const kind = String(manifest.kind);
  const schema = MANIFEST_SCHEMAS.find((candidate) => candidate.apiVersion === apiVersion && candidate.kind === kind);
  if (!schema) {
    throw invalidInput(scope, `${field}.kind`, `has no schema for apiVersion "${apiVersion}"`, kind,
      `Use one of: ${knownKinds()}; or add the kind to the table in scripts/generate-crd-types.ts and run npm run gen`);
  }
  // Compiled by `npm run gen`; the module system loads each kind's validator once.
  const validate = schema.validator();
  const data = withoutUndefined(manifest);
  if (validate(data)) return;
  const errors = validate.errors ?? [];
  const relevant = errors.filter((error) => !isInsideFailedCombinator(error, errors) && !isCausedByToken(data, error));
  if (relevant.length === 0) return;
  const found = describeError(relevant[0], data, schema);
  throw invalidInput(scope, fieldPath(field, found.segments), found.problem, found.value, found.fix);
}
