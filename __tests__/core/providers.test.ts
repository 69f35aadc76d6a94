import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { Construct } from 'constructs';
import { stackProvider } from '../../lib/core/providers';
import { testStack } from '../helpers/synth';

describe('stackProvider', () => {
  it('creates the provider once per stack and reuses it', () => {
    const stack = testStack();
    const create = jest.fn((s) => new GoogleProvider(s, 'google', {}));
    const first = stackProvider(new Construct(stack, 'A'), GoogleProvider, create);
    const second = stackProvider(new Construct(stack, 'B'), GoogleProvider, create);
    expect(second).toBe(first);
    expect(create).toHaveBeenCalledTimes(1);
  });

  it('uses a provider the app created itself', () => {
    const stack = testStack();
    const own = new GoogleProvider(stack, 'mine', { project: 'my-project-id' });
    expect(stackProvider(stack, GoogleProvider, () => { throw new Error('must not create'); })).toBe(own);
  });
});
