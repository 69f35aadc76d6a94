import { TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { describeValue } from './errors';
import { isUnresolved } from './validation';

/** Node metadata type of a name claim; cdktf writes only its own annotation types into the output. */
const CLAIM = '@zerotrust-gcp/cdktf-mesh-security:name';

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
 * clusters of one name in a zone, two Services of one name in a namespace). The claim travels on the construct's
 * own node metadata; one check per stack compares the claims of the whole app at synth time and names both
 * construct paths. A key with a value known only at apply time cannot be compared and is not claimed (X5).
 */
export function claimUniqueName(scope: IConstruct, field: string, what: string, key: readonly string[], where: string): void {
  if (key.some((part) => isUnresolved(part))) return;
  const claim: NameClaim = { what, key, field, value: key[key.length - 1], scope: where };
  scope.node.addMetadata(CLAIM, claim);
  const stack = TerraformStack.of(scope);
  if (!stack.node.tryFindChild(CHECK_ID)) new UniqueNameCheck(stack, CHECK_ID);
}

const CHECK_ID = 'UniqueNames';

/**
 * Reports, for its stack, every claim of the stack that an earlier construct already made in the same deployment:
 * the stack and the stacks linked to it by dependencies. Stacks of one app with no dependency between them are
 * alternatives (the reference topology's two API variants), not one deployment.
 */
class UniqueNameCheck extends Construct {
  constructor(scope: TerraformStack, id: string) {
    super(scope, id);
    this.node.addValidation({ validate: () => this.duplicates() });
  }

  private duplicates(): string[] {
    const stack = this.node.scope as TerraformStack;
    // One walk of the app serves both the stacks and the claims; `node.metadata` copies the list at every read.
    const constructs = this.node.root.node.findAll();
    const deployment = deploymentOf(stack, constructs);
    const first = new Map<string, IConstruct>();
    const problems: string[] = [];
    for (const construct of constructs) {
      const metadata = construct.node.metadata;
      // Only claims are looked at: other metadata can sit on constructs outside any stack, such as the app itself.
      if (!metadata.some((entry) => entry.type === CLAIM)) continue;
      const constructStack = TerraformStack.of(construct);
      if (!deployment.has(constructStack)) continue;
      for (const entry of metadata) {
        if (entry.type !== CLAIM) continue;
        const claim = entry.data as NameClaim;
        const key = JSON.stringify([claim.what, ...claim.key]);
        const earlier = first.get(key);
        if (!earlier) {
          first.set(key, construct);
        } else if (constructStack === stack) {
          problems.push(`${construct.node.path}: ${claim.field} names a ${claim.what} that ${earlier.node.path} already defines in ${claim.scope} ` +
            `(got ${describeValue(claim.value)}). Google Cloud and Kubernetes refuse a second one of that name; rename one of them, or ` +
            `reference the existing one instead of creating it twice.`);
        }
      }
    }
    return problems;
  }
}

/** The stacks connected to `stack` through stack dependencies, in either direction; `constructs` are all of the app's. */
function deploymentOf(stack: TerraformStack, constructs: readonly IConstruct[]): Set<TerraformStack> {
  const stacks = constructs.filter((c): c is TerraformStack => TerraformStack.isStack(c));
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
  return linked;
}
