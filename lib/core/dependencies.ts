import { IResolvable, TerraformResource, TerraformStack, Token, Tokenization } from 'cdktf';
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
  for (const resource of primaryResources(producer)) addDependsOn(consumer, resource);
}

/**
 * Adds `producer` to `consumer.depends_on` once. Terraform accepts only a bare static reference there
 * (`type.name`); `resource.fqn` renders as the interpolation `${type.name}`, which Terraform rejects with
 * "A single static variable reference is required".
 */
export function addDependsOn(consumer: TerraformResource, producer: TerraformResource): void {
  const current = consumer.dependsOn ?? [];
  const listed = current.some((entry) => {
    const token = Tokenization.reverseString(entry).firstToken;
    return token instanceof DependencyReference && token.producer === producer;
  });
  if (!listed) consumer.dependsOn = [...current, Token.asString(new DependencyReference(producer))];
}

/** A `depends_on` entry, rendered at synth time so a later `overrideLogicalId` of the producer is honoured. */
class DependencyReference implements IResolvable {
  public readonly creationStack: string[] = [];

  constructor(public readonly producer: TerraformResource) {}

  public resolve(): string {
    return `${this.producer.terraformResourceType}.${this.producer.friendlyUniqueId}`;
  }

  public toString(): string {
    return Token.asString(this);
  }
}

/**
 * The construct's own resource (its `defaultChild`, the child with id `Resource`). Adopted constructs have
 * none: there is nothing to wait for, and their grants must not become dependencies.
 */
function primaryResources(scope: IConstruct): TerraformResource[] {
  if (scope instanceof TerraformResource) return [scope];
  const main = scope.node.defaultChild;
  return main instanceof TerraformResource ? [main] : [];
}
