import { TerraformStack, Testing } from 'cdktf';
import { Validation } from '../../lib/core';

/**
 * X2 for callers without a type checker (JavaScript, and Python/Java/Go/.NET through jsii): the shared machinery of
 * the wrong-type tests of each domain. A subject is a construct or method with valid props built in a demo `D`.
 */
export interface WrongTypeSubject<D> {
  readonly name: string;
  /** Required props with valid values. */
  readonly valid: (d: D) => Record<string, unknown>;
  /** Optional props with valid values, to spoil too. */
  readonly optional?: (d: D) => Record<string, unknown>;
  readonly build: (d: D, props: Record<string, unknown>) => unknown;
}

/**
 * Values of the wrong type for a prop whose valid value is `valid`. `mustReject` ones can never be right; the
 * others (null for an optional prop, an empty map, a list of numbers) may be valid for some props and must only not crash.
 */
export function spoiled(valid: unknown, required: boolean): { value: unknown; mustReject: boolean }[] {
  const wrong = (values: unknown[]) => values.map((value) => ({ value, mustReject: true }));
  const maybe = (values: unknown[]) => values.map((value) => ({ value, mustReject: false }));
  const common = required ? wrong([null, undefined]) : maybe([null]);
  if (typeof valid === 'string') return [...common, ...wrong([42, true, {}, ['x']])];
  if (typeof valid === 'number') return [...common, ...wrong(['eight', {}, [8]])];
  if (typeof valid === 'boolean') return [...common, ...wrong(['true', 1])];
  if (Array.isArray(valid)) return [...common, ...wrong(['x', {}, 42, [null]]), ...maybe([[42]])];
  return [...common, ...wrong(['x', 42, []]), ...maybe([{}])];
}

/** What a bad value did: nothing (still valid), a ValidationError, or something else (the defect these tests hunt). */
export function attempt(run: () => void): 'accepted' | 'rejected' | string {
  try {
    run();
    return 'accepted';
  } catch (error) {
    if (Validation.isValidationError(error)) return 'rejected';
    // Synth-time checks (addValidation) reach the caller through cdktf as text in the one error shape.
    const message = error instanceof Error ? error.message : String(error);
    if (/Validation failed with the following errors:[\s\S]*: \S+ [\s\S]* \(got [\s\S]*\)\. /.test(message)) return 'rejected';
    return `${error instanceof Error ? error.constructor.name : typeof error}: ${message.split('\n')[0]}`;
  }
}

/**
 * Spoils every prop of `subject` in turn, each in a fresh demo, and synthesizes `stackOf` the demo. Returns what the
 * valid props did (must be `accepted`) and the defects: a value that must be rejected but was not, or any failure
 * other than the library's ValidationError.
 */
export function wrongTypeDefects<D>(subject: WrongTypeSubject<D>, demo: () => D, stackOf: (d: D) => TerraformStack): { valid: string; defects: string[] } {
  const probe = demo();
  const cases = [
    ...Object.entries(subject.valid(probe)).flatMap(([field, valid]) => spoiled(valid, true).map((v) => ({ field, ...v }))),
    ...Object.entries(subject.optional?.(probe) ?? {}).flatMap(([field, valid]) => spoiled(valid, false).map((v) => ({ field, ...v }))),
  ];
  const defects: string[] = [];
  for (const { field, value, mustReject } of cases) {
    const d = demo();
    const props = { ...subject.valid(d), ...(subject.optional?.(d) ?? {}), [field]: value };
    const outcome = attempt(() => {
      subject.build(d, props);
      Testing.synth(stackOf(d), true);
    });
    if (outcome === 'accepted' && mustReject) defects.push(`${field} = ${JSON.stringify(value) ?? 'undefined'}: accepted`);
    if (outcome !== 'accepted' && outcome !== 'rejected') defects.push(`${field} = ${JSON.stringify(value) ?? 'undefined'}: ${outcome}`);
  }
  const valid = attempt(() => {
    const d = demo();
    subject.build(d, { ...subject.valid(d), ...(subject.optional?.(d) ?? {}) });
    Testing.synth(stackOf(d), true);
  });
  return { valid, defects };
}
