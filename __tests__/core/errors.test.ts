import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { describeValue, formatProblem, invalidInput } from '../../lib/core/errors';
import { testStack } from '../helpers/synth';

describe('describeValue', () => {
  it('X2: spells out a missing value instead of printing undefined', () => {
    expect(describeValue(undefined)).toBe('nothing');
    expect(describeValue(null)).toBe('null');
  });

  it('X2: quotes strings, so an empty or blank value is visible', () => {
    expect(describeValue('us-east9')).toBe('"us-east9"');
    expect(describeValue('')).toBe('""');
    expect(describeValue(' ')).toBe('" "');
    expect(describeValue('say "hi"')).toBe('"say \\"hi\\""');
  });

  it('X2: prints numbers and booleans as they are', () => {
    expect(describeValue(65536)).toBe('65536');
    expect(describeValue(1.5)).toBe('1.5');
    expect(describeValue(true)).toBe('true');
    expect(describeValue(false)).toBe('false');
  });

  it('X2: prints lists and objects as JSON', () => {
    expect(describeValue([])).toBe('[]');
    expect(describeValue(['tcp', 'udp'])).toBe('["tcp","udp"]');
    expect(describeValue({ app: 'payments' })).toBe('{"app":"payments"}');
  });

  it('X2: falls back to String() for values JSON cannot print', () => {
    const circular: { self?: unknown } = {};
    circular.self = circular;
    expect(describeValue(circular)).toBe('[object Object]');
    expect(describeValue(BigInt(10))).toBe('10');
  });
});

describe('formatProblem', () => {
  it('X2: builds "<construct path>: <field> <problem> (got <value>). <fix>."', () => {
    const scope = new Construct(new Construct(testStack(), 'Ca'), 'SubordinatePool');
    expect(formatProblem(scope, 'location', 'is not a CA Service region', 'us-east9', 'Use one of: us-east1, us-west1'))
      .toBe('test/Ca/SubordinatePool: location is not a CA Service region (got "us-east9"). Use one of: us-east1, us-west1.');
  });

  it('X2: does not double the final period of a fix that already ends with one', () => {
    const scope = new Construct(testStack(), 'Pool');
    expect(formatProblem(scope, 'poolId', 'is not valid', 'a.b', 'Use letters.'))
      .toBe('test/Pool: poolId is not valid (got "a.b"). Use letters.');
  });

  it('X2: names the root scope "<root>" rather than leaving the path empty', () => {
    expect(formatProblem(Testing.app(), 'stacks', 'must not be empty', [], 'Add a stack'))
      .toBe('<root>: stacks must not be empty (got []). Add a stack.');
  });

  it('X2: describes a missing value as "nothing"', () => {
    const scope = new Construct(testStack(), 'Ca');
    expect(formatProblem(scope, 'rootPoolId', 'is required', undefined, 'Set rootPoolId'))
      .toBe('test/Ca: rootPoolId is required (got nothing). Set rootPoolId.');
  });
});

describe('invalidInput', () => {
  it('X2: returns (does not throw) an Error whose message has the library shape', () => {
    const scope = new Construct(testStack(), 'Policy');
    const error = invalidInput(scope, 'port', 'is not a TCP port', 0, 'Use an integer from 1 to 65535');
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('test/Policy: port is not a TCP port (got 0). Use an integer from 1 to 65535.');
  });
});
