import { TerraformProvider, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * The stack's provider of a type, created with `create` on first use when the stack has none. A stack must not
 * hold two unaliased providers of one type, so constructs share the one the app (or an earlier construct) made.
 */
export function stackProvider<T extends TerraformProvider>(scope: IConstruct,
  type: abstract new (...args: never[]) => T, create: (stack: TerraformStack) => T): T {
  const stack = TerraformStack.of(scope);
  return findStackProvider(stack, type, anyProvider) ?? create(stack);
}

/** Accepts every provider of the type. */
const anyProvider = (): boolean => true;

/** Property of a stack holding its {@link ProviderMemo}: a cache that lives and dies with the stack. */
const PROVIDER_MEMO = Symbol('@zerotrust-gcp/cdktf-mesh-security:providers');

/** For each type and test, the direct child of the stack the last lookup found. */
type ProviderMemo = Map<unknown, Map<unknown, TerraformProvider>>;

/**
 * The first direct child of `stack` that is a `type` and passes `accept`, else the first one anywhere under the stack.
 * Providers are almost always children of the stack, and every construct looks its provider up: scanning the stack's
 * children each time made synth quadratic in the number of constructs (`npm run bench`). So the child found is
 * remembered on the stack and returned while it is still that child and still passes `accept`: children are only ever
 * appended, so no other child can come before it.
 */
export function findStackProvider<T extends TerraformProvider>(stack: TerraformStack, type: abstract new (...args: never[]) => T,
  accept: (provider: T) => boolean): T | undefined {
  const memo = providerMemo(stack);
  let byTest = memo.get(type);
  if (!byTest) memo.set(type, byTest = new Map());
  const known = byTest.get(accept) as T | undefined;
  if (known && stack.node.tryFindChild(known.node.id) === known && accept(known)) return known;
  const isWanted = (c: IConstruct): c is T => c instanceof type && accept(c as T);
  const child = stack.node.children.find(isWanted);
  if (child) {
    byTest.set(accept, child);
    return child;
  }
  byTest.delete(accept);
  return stack.node.findAll().find(isWanted);
}

function providerMemo(stack: TerraformStack): ProviderMemo {
  const holder = stack as unknown as { [PROVIDER_MEMO]?: ProviderMemo };
  let memo = holder[PROVIDER_MEMO];
  if (!memo) {
    memo = new Map();
    Object.defineProperty(stack, PROVIDER_MEMO, { value: memo, enumerable: false });
  }
  return memo;
}
