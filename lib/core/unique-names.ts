import { TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { describeValue } from './errors';
import { isUnresolved } from './validation';

interface NameClaim {
  /** What must be unique, e.g. `GKE cluster`. */
  readonly what: string;
  /** The scope and name that must be unique, e.g. `["my-project-id", "us-east1-b", "secure-td-cluster"]`. */
  readonly key: readonly string[];
  readonly field: string;
  readonly value: string;
  /** Where the name must be unique, for the message, e.g. `project my-project-id, location us-east1-b`. */
  readonly scope: string;
}

/**
 * Declares that `value` names something Google Cloud or Kubernetes refuses twice within `key`'s scope (two
 * clusters of one name in a zone, two Services of one name in a namespace). The claim is kept by its stack's check,
 * which compares, at synth time, the claims of every stack in the same deployment and names both construct paths.
 * A key with a value known only at apply time cannot be compared and is not claimed (X5).
 */
export function claimUniqueName(scope: IConstruct, field: string, what: string, key: readonly string[], where: string): void {
  if (key.some((part) => isUnresolved(part))) return;
  const stack = TerraformStack.of(scope);
  const found = stack.node.tryFindChild(CHECK_ID);
  const check = found instanceof UniqueNameCheck ? found : new UniqueNameCheck(stack, CHECK_ID);
  check.claims.push({ construct: scope, claim: { what, key, field, value: key[key.length - 1], scope: where } });
}

const CHECK_ID = 'UniqueNames';

/**
 * Holds the claims of its stack, in the order they were made, and reports every one that a construct of an earlier
 * stack, or an earlier claim of this stack, already made in the same deployment: the stack and the stacks linked to
 * it by dependencies. Stacks of one app with no dependency between them are alternatives (the reference topology's
 * two API variants), not one deployment. Kept here, the claims are read from the deployment's checks, not from the
 * metadata of every construct of the app (a copy per construct, for every stack).
 */
class UniqueNameCheck extends Construct {
  readonly claims: Array<{ readonly construct: IConstruct; readonly claim: NameClaim }> = [];

  constructor(scope: TerraformStack, id: string) {
    super(scope, id);
    this.node.addValidation({ validate: () => this.duplicates() });
  }

  private duplicates(): string[] {
    const stack = this.node.scope as TerraformStack;
    const first = new Map<string, IConstruct>();
    const problems: string[] = [];
    for (const other of deploymentOf(stack, stacksOf(this.node.root))) {
      const check = other.node.tryFindChild(CHECK_ID);
      for (const { construct, claim } of check instanceof UniqueNameCheck ? check.claims : []) {
        const key = JSON.stringify([claim.what, ...claim.key]);
        const earlier = first.get(key);
        if (!earlier) {
          first.set(key, construct);
        } else if (other === stack) {
          problems.push(`${construct.node.path}: ${claim.field} names a ${claim.what} that ${earlier.node.path} already defines in ${claim.scope} ` +
            `(got ${describeValue(claim.value)}). Google Cloud and Kubernetes refuse a second one of that name; rename one of them, or ` +
            `reference the existing one instead of creating it twice.`);
        }
      }
    }
    return problems;
  }
}

/** The app's stacks in tree order, those nested in other stacks included. */
function stacksOf(root: IConstruct): TerraformStack[] {
  return root.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
}

/** The stacks connected to `stack` through stack dependencies, in either direction, in the order of `stacks`. */
function deploymentOf(stack: TerraformStack, stacks: readonly TerraformStack[]): TerraformStack[] {
  const linked = new Set<TerraformStack>([stack]);
  for (let grown = true; grown;) {
    grown = false;
    for (const other of stacks) {
      if (linked.has(other)) continue;
      const dependencies = other.dependencies as TerraformStack[];
      if (dependencies.some((d) => linked.has(d)) || [...linked].some((l) => (l.dependencies as TerraformStack[]).includes(other))) {
        linked.add(other);
        grown = true;
      }
    }
  }
  return stacks.filter((other) => linked.has(other));
}
