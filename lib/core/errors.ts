import { IConstruct } from 'constructs';

/**
 * Renders a value for an error message: strings quoted, lists and objects as JSON,
 * missing values spelled out, so `(got …)` never reads `(got undefined)`.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/**
 * The one error shape of the library (X2):
 * `<construct path>: <field> <problem> (got <value>). <how to fix>.`
 */
export function formatProblem(scope: IConstruct, field: string, problem: string, value: unknown, fix: string): string {
  const path = scope.node.path || '<root>';
  const sentence = fix.endsWith('.') ? fix : `${fix}.`;
  return `${path}: ${field} ${problem} (got ${describeValue(value)}). ${sentence}`;
}

/** Error raised at synth time for bad input; the message follows {@link formatProblem}. */
export function invalidInput(scope: IConstruct, field: string, problem: string, value: unknown, fix: string): Error {
  return new Error(formatProblem(scope, field, problem, value, fix));
}
