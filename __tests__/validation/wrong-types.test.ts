import { Testing } from 'cdktf';
import { attempt, spoiled } from '../helpers/wrong-types';
import { stack, SUBJECTS } from './catalog';

/**
 * X2 for callers without a type checker (JavaScript, and Python/Java/Go/.NET through jsii): every prop of every
 * public construct and method, given `undefined`, `null` or a value of the wrong type, either still synthesizes
 * or is rejected with the library's ValidationError — never a TypeError, never "x is not a function".
 */

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
