import { Testing } from 'cdktf';
import { core } from '../../lib';
import { stack, SUBJECTS } from './catalog';

/**
 * X2 for callers without a type checker (JavaScript, and Python/Java/Go/.NET through jsii): every prop of every
 * public construct and method, given `undefined`, `null` or a value of the wrong type, either still synthesizes
 * or is rejected with the library's ValidationError — never a TypeError, never "x is not a function".
 */

/**
 * Values of the wrong type for a prop whose valid value is `valid`. `mustReject` ones can never be right; the
 * others (null or undefined, an empty map, a list of numbers) may be valid for some props and must only not crash.
 */
function spoiled(valid: unknown, required: boolean): { value: unknown; mustReject: boolean }[] {
  const wrong = (values: unknown[]) => values.map((value) => ({ value, mustReject: true }));
  const maybe = (values: unknown[]) => values.map((value) => ({ value, mustReject: false }));
  const common = required ? [...wrong([null]), ...wrong([undefined])] : maybe([null]);
  if (typeof valid === 'string') return [...common, ...wrong([42, true, {}, ['x']])];
  if (typeof valid === 'number') return [...common, ...wrong(['eight', {}, [8]])];
  if (typeof valid === 'boolean') return [...common, ...wrong(['true', 1])];
  if (Array.isArray(valid)) return [...common, ...wrong(['x', {}, 42, [null]]), ...maybe([[42]])];
  return [...common, ...wrong(['x', 42, []]), ...maybe([{}])];
}

/** What a bad value did: nothing (still valid), a ValidationError, or something else (the defect this test hunts). */
function attempt(run: () => void): 'accepted' | 'rejected' | string {
  try {
    run();
    return 'accepted';
  } catch (error) {
    if (core.Validation.isValidationError(error)) return 'rejected';
    // Synth-time checks (addValidation) reach the caller through cdktf as text in the one error shape.
    const message = error instanceof Error ? error.message : String(error);
    if (/Validation failed with the following errors:[\s\S]*: \S+ [\s\S]* \(got [\s\S]*\)\. /.test(message)) return 'rejected';
    return `${error instanceof Error ? error.constructor.name : typeof error}: ${message.split('\n')[0]}`;
  }
}

const CASES = SUBJECTS.flatMap((subject) => {
  const probe = stack();
  const required = subject.valid(probe);
  const optional = subject.optional?.(probe) ?? {};
  return [
    ...Object.entries(required).flatMap(([field, valid]) => spoiled(valid, true).map((v) => ({ subject, field, ...v, optional: false }))),
    ...Object.entries(optional).flatMap(([field, valid]) => spoiled(valid, false).map((v) => ({ subject, field, ...v, optional: true }))),
    ...[undefined, null, 'x'].map((value) => ({ subject, field: 'props', value, mustReject: true, optional: false })),
  ];
});

describe('X2: undefined, null and wrong types never crash and never slip through', () => {
  it(`covers ${CASES.length} spoiled props over ${SUBJECTS.length} constructs and methods`, () => {
    expect(CASES.length).toBeGreaterThan(600);
  });

  it.each(SUBJECTS.map((s) => [s.name, s] as const))('%s', (name) => {
    const defects: string[] = [];
    for (const { field, value, optional, mustReject } of CASES.filter((c) => c.subject.name === name)) {
      const s = stack();
      const subject = SUBJECTS.find((x) => x.name === name)!;
      const outcome = attempt(() => {
        const props = field === 'props' ? value as Record<string, unknown>
          : { ...subject.valid(s), ...(optional ? subject.optional?.(s) : {}), [field]: value };
        subject.build(s, props);
        Testing.synth(s, true);
      });
      const shown = `${field} = ${JSON.stringify(value) ?? 'undefined'}`;
      if (outcome !== 'accepted' && outcome !== 'rejected') defects.push(`${shown}: ${outcome}`);
      if (outcome === 'accepted' && mustReject) defects.push(`${shown}: accepted`);
    }
    expect(defects).toEqual([]);
  });
});
