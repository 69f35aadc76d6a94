import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import type { ValidationProblem } from './validation-problem';

/**
 * Renders a value for an error message: strings quoted, lists and objects as JSON,
 * missing values spelled out, so `(got …)` never reads `(got undefined)`.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  // A token's placeholder text (`${TfToken[TOKEN.12]}`, an encoded number) would mean nothing to the reader.
  if (Token.isUnresolved(value)) return Array.isArray(value) ? 'a list known only at apply time' : 'a value known only at apply time';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'function') return `a function${value.name ? ` (${value.name})` : ''}`;
  if (typeof value === 'object' && isConstruct(value)) return `the construct ${value.node.path || '<root>'}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function isConstruct(value: object): value is IConstruct {
  return 'node' in value && typeof (value as { node?: { path?: unknown } }).node?.path === 'string';
}

/**
 * The one error the library throws for bad input. Its message is
 * `<construct path>: <field> <problem> (got <value>). <how to fix>.`
 *
 * Not part of the jsii API (jsii cannot export `Error` subclasses): other languages see the message, and
 * {@link Validation.problemOf} gives every language the structured form.
 */
export class ValidationError extends Error implements ValidationProblem {
  public readonly path: string;
  public readonly field: string;
  public readonly problem: string;
  public readonly value: string;
  public readonly fix: string;

  constructor(problem: ValidationProblem) {
    super(`${problem.path}: ${problem.field} ${problem.problem} (got ${problem.value}). ${problem.fix}`);
    this.name = 'ValidationError';
    this.path = problem.path;
    this.field = problem.field;
    this.problem = problem.problem;
    this.value = problem.value;
    this.fix = problem.fix;
  }
}

/** The problem in the one error shape; `fix` gets its final full stop here. */
export function problemAt(scope: IConstruct, field: string, problem: string, value: unknown, fix: string): ValidationProblem {
  return {
    path: scope.node.path || '<root>',
    field,
    problem,
    value: describeValue(value),
    fix: fix.endsWith('.') ? fix : `${fix}.`,
  };
}

/** The one error shape of the library (X2) as text, for `addValidation` results and warnings. */
export function formatProblem(scope: IConstruct, field: string, problem: string, value: unknown, fix: string): string {
  return new ValidationError(problemAt(scope, field, problem, value, fix)).message;
}

/** Error raised at synth time for bad input; the message follows {@link formatProblem}. */
export function invalidInput(scope: IConstruct, field: string, problem: string, value: unknown, fix: string): ValidationError {
  return new ValidationError(problemAt(scope, field, problem, value, fix));
}
