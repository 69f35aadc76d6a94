import { TerraformProvider, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * The stack's provider of a type, created with `create` on first use when the stack has none. A stack must not
 * hold two unaliased providers of one type, so constructs share the one the app (or an earlier construct) made.
 */
export function stackProvider<T extends TerraformProvider>(scope: IConstruct,
  type: abstract new (...args: never[]) => T, create: (stack: TerraformStack) => T): T {
  const stack = TerraformStack.of(scope);
  const isType = (c: IConstruct): c is T => c instanceof type;
  // Providers are almost always children of the stack; searching the whole tree for every construct is quadratic.
  return stack.node.children.find(isType) ?? stack.node.findAll().find(isType) ?? create(stack);
}
