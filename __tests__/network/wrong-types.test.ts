import { attempt, wrongTypeDefects } from '../helpers/wrong-types';
import { demo, SUBJECTS } from './subjects';

/**
 * X2 for callers without a type checker (JavaScript, and Python/Java/Go/.NET through jsii): every prop of the egress
 * network's constructs, given `undefined`, `null` or a value of the wrong type, either still synthesizes or is
 * rejected with the library's ValidationError in the one error shape — never a TypeError. Required props given
 * `undefined` or `null` are always rejected.
 */

describe('X2: every egress network prop given undefined, null or a wrong type', () => {
  it.each(SUBJECTS.map((s) => [s.name, s] as const))('%s: accepted or rejected in the one error shape, never a crash', (_name, subject) => {
    expect(wrongTypeDefects(subject, demo, (d) => d.stack)).toEqual({ valid: 'accepted', defects: [] });
  });

  it('X2: a missing props object is rejected in the one error shape', () => {
    for (const subject of SUBJECTS.filter((s) => !s.name.includes('.add') && s.name !== 'gke.ServiceMeshFeature')) {
      const d = demo();
      expect({ subject: subject.name, outcome: attempt(() => subject.build(d, undefined as never)) }).toEqual({ subject: subject.name, outcome: 'rejected' });
    }
  });
});
