import { Testing } from 'cdktf';
import { Validation } from '../../lib/core';
import { demo, SUBJECTS } from './subjects';

/**
 * X2 for callers without a type checker (JavaScript, and Python/Java/Go/.NET through jsii): every prop of the egress
 * network's constructs, given `undefined`, `null` or a value of the wrong type, either still synthesizes or is
 * rejected with the library's ValidationError in the one error shape — never a TypeError. Required props given
 * `undefined` or `null` are always rejected.
 */

/** Wrong values for a prop whose valid value is `valid`; `mustReject` ones can never be right. */
function spoiled(valid: unknown, required: boolean): { value: unknown; mustReject: boolean }[] {
  const wrong = (values: unknown[]) => values.map((value) => ({ value, mustReject: true }));
  const maybe = (values: unknown[]) => values.map((value) => ({ value, mustReject: false }));
  const common = required ? wrong([null, undefined]) : maybe([null]);
  if (typeof valid === 'string') return [...common, ...wrong([42, true, {}, ['x']])];
  if (typeof valid === 'number') return [...common, ...wrong(['eight', {}, [8]])];
  if (typeof valid === 'boolean') return [...common, ...wrong(['true', 1])];
  if (Array.isArray(valid)) return [...common, ...wrong(['x', {}, 42, [null]]), ...maybe([[42]])];
  return [...common, ...wrong(['x', 42, []]), ...maybe([{}])];
}

function attempt(run: () => void): 'accepted' | 'rejected' | string {
  try {
    run();
    return 'accepted';
  } catch (error) {
    if (Validation.isValidationError(error)) return 'rejected';
    const message = error instanceof Error ? error.message : String(error);
    if (/Validation failed with the following errors:[\s\S]*: \S+ [\s\S]* \(got [\s\S]*\)\. /.test(message)) return 'rejected';
    return `${error instanceof Error ? error.constructor.name : typeof error}: ${message.split('\n')[0]}`;
  }
}

describe('X2: every egress network prop given undefined, null or a wrong type', () => {
  it.each(SUBJECTS.map((s) => [s.name, s] as const))('%s: accepted or rejected in the one error shape, never a crash', (_name, subject) => {
    const probe = demo();
    const required = subject.valid(probe);
    const optional = subject.optional?.(probe) ?? {};
    const cases = [
      ...Object.entries(required).flatMap(([field, valid]) => spoiled(valid, true).map((v) => ({ field, ...v }))),
      ...Object.entries(optional).flatMap(([field, valid]) => spoiled(valid, false).map((v) => ({ field, ...v }))),
    ];
    const defects: string[] = [];
    for (const { field, value, mustReject } of cases) {
      const d = demo();
      const props = { ...subject.valid(d), ...(subject.optional?.(d) ?? {}), [field]: value };
      const outcome = attempt(() => {
        subject.build(d, props);
        Testing.synth(d.stack, true);
      });
      if (outcome === 'accepted' && mustReject) defects.push(`${field} = ${JSON.stringify(value) ?? 'undefined'}: accepted`);
      if (outcome !== 'accepted' && outcome !== 'rejected') defects.push(`${field} = ${JSON.stringify(value) ?? 'undefined'}: ${outcome}`);
    }
    const valid = attempt(() => {
      const d = demo();
      subject.build(d, { ...subject.valid(d), ...(subject.optional?.(d) ?? {}) });
      Testing.synth(d.stack, true);
    });
    expect({ valid, defects }).toEqual({ valid: 'accepted', defects: [] });
  });

  it('X2: a missing props object is rejected in the one error shape', () => {
    for (const subject of SUBJECTS.filter((s) => !s.name.includes('.add') && s.name !== 'gke.ServiceMeshFeature')) {
      const d = demo();
      expect({ subject: subject.name, outcome: attempt(() => subject.build(d, undefined as never)) }).toEqual({ subject: subject.name, outcome: 'rejected' });
    }
  });
});
