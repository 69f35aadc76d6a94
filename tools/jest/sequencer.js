/**
 * Jest's test order: the files that run Terraform, derive provider schemas or pack the library first, then the others,
 * each group in jest's own order (longest last duration first, or largest file when jest has no timings).
 *
 * Those files take seconds each. On a clean clone jest knows no durations, and started last they would leave one of
 * the two cores idle at the end of the run. (JavaScript: jest loads its sequencer without transforming it.)
 */
const fs = require('fs');
const Sequencer = require('@jest/test-sequencer').default;

const SLOW = /from '(\.\.\/)+tools\/terraform\/(harness|derive-schemas)'|\['pack'/;

class SlowFirstSequencer extends Sequencer {
  /** @param {import('@jest/test-result').Test[]} tests */
  sort(tests) {
    const ordered = super.sort(tests);
    const slow = new Set(ordered.filter((test) => SLOW.test(fs.readFileSync(test.path, 'utf8'))));
    return [...ordered.filter((test) => slow.has(test)), ...ordered.filter((test) => !slow.has(test))];
  }
}

module.exports = SlowFirstSequencer;
