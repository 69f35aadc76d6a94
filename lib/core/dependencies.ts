import { TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * Makes `consumer` wait for `producer`. Inside one stack this is a `depends_on` on the producer's
 * resources; across stacks it is a stack dependency, because cdktf cross-stack references do not work
 * in `depends_on` (terraform-cdk#3023) and the deploy order is what matters there.
 */
export function waitFor(consumer: TerraformResource, producer: IConstruct | undefined): void {
  if (!producer) return;
  const consumerStack = TerraformStack.of(consumer);
  const producerStack = TerraformStack.of(producer);
  if (consumerStack !== producerStack) {
    if (!consumerStack.dependencies.includes(producerStack)) consumerStack.addDependency(producerStack);
    return;
  }
  const fqns = primaryResources(producer).map((r) => r.fqn);
  if (fqns.length === 0) return;
  const current = consumer.dependsOn ?? [];
  consumer.dependsOn = [...current, ...fqns.filter((fqn) => !current.includes(fqn))];
}

/** The construct's own resource (its `defaultChild`) when it has one, else every resource inside it. */
function primaryResources(scope: IConstruct): TerraformResource[] {
  if (scope instanceof TerraformResource) return [scope];
  const main = scope.node.defaultChild;
  if (main instanceof TerraformResource) return [main];
  return scope.node.findAll().filter((c): c is TerraformResource => c instanceof TerraformResource);
}

/** Construct id of an IAM grant derived from its content, so two grants never collide and re-granting is a no-op. */
export function grantId(role: string, member: string): string {
  return `grant-${role.replace(/^roles\//, '')}-${member}`.replace(/\//g, '_');
}
