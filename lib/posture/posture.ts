import { Annotations, Aspects, IAspect, TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { invalidInput } from '../core/errors';
import { markRelaxed } from '../core/relaxations';
import { MARKER_KEY } from './markers';
import { PostureCheck, PostureFinding } from './posture-check';
import { PostureSeverity } from './rule';
import { TerraformConfiguration } from './terraform-configuration';

/** How the synth-time check behaves. */
export interface PostureEnforceOptions {
  /**
   * Fail the synth on warnings as well as errors.
   * @default false
   */
  readonly failOnWarnings?: boolean;
}

interface Suppression {
  readonly scope: IConstruct;
  readonly ruleId: string;
  readonly reason: string;
}

/** The posture state of one app (suppressions, checked stacks, findings of the running synth). */
interface Registry {
  readonly suppressions: Suppression[];
  readonly enforced: Map<TerraformStack, PostureEnforceOptions>;
  /** Scopes `enforce` was called on; stacks created later under them are picked up at synth. */
  readonly scopes: { scope: IConstruct; options: PostureEnforceOptions }[];
  readonly pending: Map<TerraformStack, PostureFinding[]>;
  readonly current: Map<TerraformStack, PostureFinding[]>;
  readonly annotated: WeakMap<IConstruct, Set<string>>;
  /** Stacks that write the suppression markers at validation (for apps that suppress without enforcing). */
  readonly markerStacks: WeakSet<TerraformStack>;
  readonly aspect: PostureAspect;
}

const REGISTRY = Symbol.for('@zerotrust-gcp/cdktf-mesh-security.posture');

function registryOf(scope: IConstruct): Registry {
  const root = scope.node.root as IConstruct & { [REGISTRY]?: Registry };
  let registry = root[REGISTRY];
  if (!registry) {
    registry = {
      suppressions: [],
      enforced: new Map(),
      scopes: [],
      pending: new Map(),
      current: new Map(),
      annotated: new WeakMap(),
      markerStacks: new WeakSet(),
      aspect: undefined as unknown as PostureAspect,
    };
    (registry as { aspect: PostureAspect }).aspect = new PostureAspect(registry);
    Object.defineProperty(root, REGISTRY, { value: registry, enumerable: false, configurable: false });
  }
  return registry;
}

function stacksUnder(scope: IConstruct): TerraformStack[] {
  if (TerraformStack.isStack(scope)) return [scope];
  const inside = scope.node.scopes.find((s) => TerraformStack.isStack(s));
  if (inside) return [inside as TerraformStack];
  return scope.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
}

function isUnder(node: IConstruct, scope: IConstruct): boolean {
  return node.node.scopes.includes(scope);
}

/**
 * The posture check inside a cdktf app (T2, X1): at synth, every checked stack's resources are checked together with
 * the rest of the app (`PostureCheck`); error findings fail the synth, warnings become annotations. Suppressions and
 * explicit relaxations are written into the synthesized JSON (`//` comments Terraform ignores), so
 * `cdktf-mesh-security posture cdktf.out` reports the same as the synth did.
 *
 * ```ts
 * Posture.of(app).enforce();                                                          // check every stack
 * Posture.of(app).suppress('POSTURE-ISTIO-SERVICEENTRY-EXPORT', 'shared mirror host, reviewed 2026-01');
 * Posture.of(labStack).suppress('POSTURE-GKE-PRIVATE-NODES', 'throw-away lab cluster');  // only below labStack
 * ```
 */
export class Posture {
  /**
   * The posture settings of a scope: an app, a stack or any construct. Suppressions apply to the resources below
   * the scope; enforcement to the stacks below (or around) it.
   */
  public static of(scope: IConstruct): Posture {
    return new Posture(scope);
  }

  /**
   * Marks a resource as relaxing a rule through an explicit, named option (X1), e.g. GkeCluster's
   * `allowPublicNodes: true`. The check then reports the rule's findings on this resource (and, for a cluster, its
   * node pools) as warnings naming the option, instead of errors. Written to the JSON as
   * `"//": { "posture": { "relaxations": { RULE: OPTION } } }`.
   * @param resource the resource that carries the relaxed setting
   * @param ruleId the rule, e.g. `POSTURE-GKE-PRIVATE-NODES`
   * @param option the option as the user wrote it, e.g. `GkeCluster allowPublicNodes: true`
   */
  public static relax(resource: TerraformResource, ruleId: string, option: string): void {
    checkRule(resource, ruleId);
    if (typeof option !== 'string' || option.trim() === '') {
      throw invalidInput(resource, 'option', 'must name the option that relaxes the rule', option, 'Pass it as the user wrote it, e.g. "GkeCluster allowPublicNodes: true"');
    }
    markRelaxed(resource, ruleId, option);
  }

  /** The scope these settings apply to. */
  public readonly scope: IConstruct;

  private constructor(scope: IConstruct) {
    this.scope = scope;
  }

  /**
   * Checks the stacks below (or around) the scope at synth. Call it once the stacks exist; stacks added to an
   * enforced app later are picked up when the first checked stack synthesizes.
   */
  public enforce(options: PostureEnforceOptions = {}): Posture {
    const registry = registryOf(this.scope);
    registry.scopes.push({ scope: this.scope, options });
    for (const stack of stacksUnder(this.scope)) attach(registry, stack, options);
    return this;
  }

  /**
   * Silences a rule for every resource below the scope, with a reason that the reports keep.
   * @param ruleId the rule, e.g. `POSTURE-GKE-PRIVATE-NODES`
   * @param reason why, in a sentence
   */
  public suppress(ruleId: string, reason: string): Posture {
    checkRule(this.scope, ruleId);
    if (typeof reason !== 'string' || reason.trim() === '') {
      throw invalidInput(this.scope, 'reason', 'must say why the rule is suppressed', reason, 'Give a reason, e.g. "lab cluster without production data (ticket SEC-123)"');
    }
    const registry = registryOf(this.scope);
    registry.suppressions.push({ scope: this.scope, ruleId, reason });
    // A checked stack writes the markers when it synthesizes; the others write them at validation, before their JSON.
    for (const stack of stacksUnder(this.scope)) {
      if (registry.markerStacks.has(stack)) continue;
      registry.markerStacks.add(stack);
      stack.node.addValidation({ validate: () => { writeMarkers(registry); return []; } });
    }
    return this;
  }
}

function checkRule(scope: IConstruct, ruleId: string): void {
  try {
    PostureCheck.rule(ruleId);
  } catch {
    throw invalidInput(scope, 'ruleId', 'is not a posture rule', ruleId, `Use one of: ${PostureCheck.rules().map((r) => r.id).join(', ')}`);
  }
}

function attach(registry: Registry, stack: TerraformStack, options: PostureEnforceOptions): void {
  if (registry.enforced.has(stack)) return;
  registry.enforced.set(stack, options);
  Aspects.of(stack).add(registry.aspect);
  stack.node.addValidation({
    validate: () => {
      const findings = registry.current.get(stack) ?? [];
      const failOn = (f: PostureFinding): boolean => !f.suppressed && (f.severity === PostureSeverity.ERROR || options.failOnWarnings === true);
      return findings.filter(failOn).map(formatFinding);
    },
  });
}

/** A finding in the message cdktf prints: rule, the one error shape, and why. */
function formatFinding(f: PostureFinding): string {
  const relaxed = f.relaxedBy ? ` Relaxed explicitly by ${f.relaxedBy}.` : '';
  return `${f.ruleId} (${f.severity}): ${f.message}${relaxed} Why: ${f.reason}`;
}

function writeMarkers(registry: Registry): void {
  for (const s of registry.suppressions) {
    const path = `//.${MARKER_KEY}.suppressions.${s.ruleId}`;
    if (s.scope.node.scope === undefined) {
      for (const stack of stacksUnder(s.scope)) stack.addOverride(path, s.reason);
    } else if (TerraformStack.isStack(s.scope)) {
      s.scope.addOverride(path, s.reason);
    } else {
      for (const c of s.scope.node.findAll()) if (TerraformResource.isTerraformResource(c)) c.addOverride(path, s.reason);
    }
  }
}

/** Runs the check once per app synth, when the first checked stack synthesizes, and hands each stack its findings. */
class PostureAspect implements IAspect {
  constructor(private readonly registry: Registry) {}

  public visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node) || !this.registry.enforced.has(node)) return;
    if (!this.registry.pending.has(node)) this.checkApp(node);
    const findings = this.registry.pending.get(node) ?? [];
    this.registry.pending.delete(node);
    this.registry.current.set(node, findings);
    this.annotate(node, findings);
  }

  private checkApp(from: IConstruct): void {
    const root = from.node.root;
    const stacks = root.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
    // Stacks created after enforce() on an app (or a folder of stacks) are checked too.
    for (const { scope, options } of this.registry.scopes) {
      for (const stack of stacks) if (stack === scope || isUnder(stack, scope)) attach(this.registry, stack, options);
    }
    writeMarkers(this.registry);
    const config = TerraformConfiguration.fromStacks(stacks.map((stack) => ({
      name: stack.node.id,
      json: stack.toTerraform(),
      dependencies: stack.dependencies.map((d) => d.node.id),
    })));
    const report = PostureCheck.run(config);
    for (const stack of stacks) {
      if (!this.registry.enforced.has(stack)) continue;
      this.registry.pending.set(stack, report.findings.filter((f) => f.stack === stack.node.id));
    }
  }

  private annotate(stack: TerraformStack, findings: PostureFinding[]): void {
    const byPath = new Map(stack.node.findAll().map((c) => [c.node.path, c]));
    for (const f of findings) {
      const target = (f.constructPath && byPath.get(f.constructPath)) || stack;
      let done = this.registry.annotated.get(target);
      if (!done) {
        done = new Set();
        this.registry.annotated.set(target, done);
      }
      const text = f.suppressed ? `${f.ruleId} suppressed: ${f.suppressionReason} (${f.message})` : formatFinding(f);
      if (done.has(text)) continue;
      done.add(text);
      // Errors fail through the stack's validation; warnings and suppressions are annotations that never fail.
      if (f.suppressed) Annotations.of(target).addInfo(text);
      else if (f.severity === PostureSeverity.WARNING) Annotations.of(target).addWarning(text);
    }
  }
}
