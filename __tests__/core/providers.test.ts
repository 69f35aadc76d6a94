import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { Construct } from 'constructs';
import { projectOf } from '../../lib/core/project';
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

describe('the provider a stack remembers (one lookup per construct stays cheap)', () => {
  it('a provider removed after a lookup is not returned again: the next one is', () => {
    const stack = testStack();
    const first = new GoogleProvider(stack, 'first', { project: 'first-project' });
    expect(projectOf(new Construct(stack, 'A'), undefined)).toBe('first-project');
    stack.node.tryRemoveChild(first.node.id);
    new GoogleProvider(stack, 'second', { project: 'second-project' });
    expect(projectOf(new Construct(stack, 'B'), undefined)).toBe('second-project');
  });

  it('a provider given an alias after a lookup no longer counts as the default one', () => {
    const stack = testStack();
    const first = new GoogleProvider(stack, 'first', { project: 'first-project' });
    new GoogleProvider(stack, 'second', { project: 'second-project' });
    expect(projectOf(new Construct(stack, 'A'), undefined)).toBe('first-project');
    first.alias = 'other';
    expect(projectOf(new Construct(stack, 'B'), undefined)).toBe('second-project');
  });
});
