/**
 * Reading Terraform JSON values when some are known only at apply time (X5). A string holding `${…}` (an
 * interpolation, a cdktf token after synth, a cross-stack reference) or `%{…}` is UNKNOWN, and so is a block
 * that a `dynamic` block generates. Rules treat UNKNOWN as "could be fine": they never report it.
 * @internal
 */

/** A value known only at apply time. @internal */
export const UNKNOWN: unique symbol = Symbol('unknown at apply time');
/** @internal */
export type Unknown = typeof UNKNOWN;

/** @internal */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @internal */
export function isInterpolation(value: unknown): boolean {
  return typeof value === 'string' && (value.includes('${') || value.includes('%{'));
}

/**
 * The value at a dotted path of nested blocks (`private_cluster_config.enable_private_nodes`). A block written as a
 * list takes its first element (max-one blocks); a `dynamic` block or an interpolated block makes the result UNKNOWN.
 * @internal
 */
export function valueAt(body: unknown, dotted: string): unknown {
  let current: unknown = body;
  for (const key of dotted.split('.')) {
    if (Array.isArray(current)) current = current[0];
    if (current === undefined || current === null) return undefined;
    if (isInterpolation(current)) return UNKNOWN;
    if (!isObject(current)) return undefined;
    if (!(key in current) && isObject(current.dynamic) && key in current.dynamic) return UNKNOWN;
    current = current[key];
  }
  if (Array.isArray(current) && current.length === 1 && isObject(current[0])) return current[0];
  return isInterpolation(current) ? UNKNOWN : current;
}

/**
 * The raw value at a path, interpolations kept as written: for references (`${TYPE.NAME.id}`), which
 * CheckContext.resolve follows. UNKNOWN only when a block on the way is generated.
 * @internal
 */
export function referenceAt(body: unknown, dotted: string): unknown {
  const keys = dotted.split('.');
  const parent = keys.length > 1 ? valueAt(body, keys.slice(0, -1).join('.')) : body;
  if (parent === UNKNOWN) return UNKNOWN;
  const holder = Array.isArray(parent) ? parent[0] : parent;
  return isObject(holder) ? holder[keys[keys.length - 1]] : undefined;
}

/** Every block at a path, for repeated blocks (`network_interface`); UNKNOWN when generated. @internal */
export function blocksAt(body: unknown, dotted: string): Record<string, unknown>[] | Unknown {
  const value = valueAt(body, dotted);
  if (value === UNKNOWN) return UNKNOWN;
  if (Array.isArray(value)) {
    if (value.some(isInterpolation)) return UNKNOWN;
    return value.filter(isObject);
  }
  if (isObject(value)) return [value];
  return [];
}

/** true / false / UNKNOWN / undefined, accepting Terraform's string forms "true" and "false". @internal */
export function boolAt(body: unknown, dotted: string): boolean | Unknown | undefined {
  const value = valueAt(body, dotted);
  if (value === UNKNOWN) return UNKNOWN;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return undefined;
}

/** A string value, UNKNOWN, or undefined when absent or not a string. @internal */
export function stringAt(body: unknown, dotted: string): string | Unknown | undefined {
  const value = valueAt(body, dotted);
  if (value === UNKNOWN) return UNKNOWN;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** A list of strings; UNKNOWN if the list or any element is unknown; [] when absent. @internal */
export function stringsAt(body: unknown, dotted: string): string[] | Unknown {
  const value = valueAt(body, dotted);
  if (value === UNKNOWN) return UNKNOWN;
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  if (list.some(isInterpolation)) return UNKNOWN;
  return list.filter((v) => typeof v === 'string' || typeof v === 'number').map(String);
}

/** A value as `(got …)` shows it. @internal */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === UNKNOWN) return 'a value known only at apply time';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
