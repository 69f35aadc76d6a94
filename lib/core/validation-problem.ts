import { ValidationError } from './errors';

/**
 * What is wrong with one input, as tools (the posture check, an IDE plugin, a test) read it instead of parsing
 * the message: the construct path, the field, the bad value, the problem and how to fix it (X2).
 */
export interface ValidationProblem {
  /** Construct path, e.g. `mesh-gcp/Ca/SubordinatePool`. */
  readonly path: string;
  /** The prop or field, e.g. `location` or `rules[0].destinations[1].ports[0]`. */
  readonly field: string;
  /** What is wrong, e.g. `is not a CA Service region`. */
  readonly problem: string;
  /** The bad value as the message shows it, e.g. `"us-east9"`. */
  readonly value: string;
  /** How to fix it, as a sentence. */
  readonly fix: string;
}

/** Reads the structured form of the library's validation errors. */
export class Validation {
  /** Whether `error` is a validation error of this library. */
  public static isValidationError(error: unknown): boolean {
    return error instanceof ValidationError;
  }

  /**
   * The problem a validation error describes, or undefined for any other value.
   * @param error what a failed synth threw
   */
  public static problemOf(error: unknown): ValidationProblem | undefined {
    if (!(error instanceof ValidationError)) return undefined;
    return { path: error.path, field: error.field, problem: error.problem, value: error.value, fix: error.fix };
  }

  private constructor() {}
}

