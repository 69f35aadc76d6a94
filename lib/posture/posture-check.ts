import { compareText } from '../core/order';
import type { ValidationProblem } from '../core/validation-problem';
import { CheckContext } from './context';
import { markersOf } from './markers';
import { renderText } from './report-text';
import { PostureRuleInfo, PostureSeverity } from './rule';
import type { RuleHit } from './rule-model';
import { renderRuleTable } from './rule-docs';
import { ALL_RULES } from './rules';
import { clusterOf } from './rules/gke';
import { renderSarif } from './sarif';
import { TerraformConfiguration, TerraformStackSummary } from './terraform-configuration';
import type { TfResource } from './tf-model';
import { UNKNOWN } from './values';

/**
 * One posture problem of one resource. The ValidationProblem fields give it the library's one error shape:
 * `<path>: <field> <problem> (got <value>). <fix>` (`message`).
 */
export interface PostureFinding extends ValidationProblem {
  /** e.g. `POSTURE-GKE-PRIVATE-NODES`. */
  readonly ruleId: string;
  /** The rule's title. */
  readonly title: string;
  /** Effective severity: a rule's errors become warnings on resources that carry an explicit relaxation. */
  readonly severity: PostureSeverity;
  /** Why it matters. */
  readonly reason: string;
  /** The document the reason comes from. */
  readonly source: string;
  /** Stack of the resource. */
  readonly stack: string;
  /** Terraform address, `TYPE.NAME`. */
  readonly address: string;
  /** Terraform JSON file of the resource, relative to the configuration's root. @default - unknown */
  readonly file?: string;
  /** Line of the resource in that file. @default - unknown */
  readonly line?: number;
  /** cdktf construct path of the resource. @default - not a cdktf resource */
  readonly constructPath?: string;
  /** The explicit option that relaxed this finding to a warning, e.g. `GkeCluster allowPublicNodes: true`. @default - not relaxed */
  readonly relaxedBy?: string;
  /** Whether a suppression with a reason silences it (it still appears in reports, marked suppressed). */
  readonly suppressed: boolean;
  /** Why it is suppressed. @default - not suppressed */
  readonly suppressionReason?: string;
  /** `<path>: <field> <problem> (got <value>). <fix>` */
  readonly message: string;
}

/** Silences a rule for a scope, with a reason. */
export interface PostureSuppression {
  /** The rule, e.g. `POSTURE-GKE-PRIVATE-NODES`. */
  readonly ruleId: string;
  /** Why, for the audit trail; required. */
  readonly reason: string;
  /** Only resources of this stack. @default - every stack */
  readonly stack?: string;
  /** Only the resource with this address (`TYPE.NAME`). @default - every resource */
  readonly address?: string;
  /** Only resources whose construct path is this path or below it. @default - every resource */
  readonly constructPath?: string;
}

/** How to run the check. */
export interface PostureCheckOptions {
  /** Suppressions besides those in the JSON (`//` markers). @default - none */
  readonly suppressions?: PostureSuppression[];
}

/** The findings of one check. */
export class PostureReport {
  /** @internal */
  public static _create(config: TerraformConfiguration, findings: PostureFinding[]): PostureReport {
    return new PostureReport(config, findings);
  }

  /** Every finding, suppressed ones included, ordered by stack, file position and rule. */
  public readonly findings: PostureFinding[];
  /** The checked stacks. */
  public readonly stacks: TerraformStackSummary[];
  /** The configuration's root folder (file paths are relative to it). */
  public readonly root: string;

  private constructor(config: TerraformConfiguration, findings: PostureFinding[]) {
    this.findings = findings;
    this.stacks = config.stacks;
    this.root = config.root;
  }

  /** Findings that are not suppressed. */
  public get active(): PostureFinding[] {
    return this.findings.filter((f) => !f.suppressed);
  }

  /** Active error findings: any makes the check fail. */
  public get errors(): PostureFinding[] {
    return this.active.filter((f) => f.severity === PostureSeverity.ERROR);
  }

  /** Active warnings. */
  public get warnings(): PostureFinding[] {
    return this.active.filter((f) => f.severity === PostureSeverity.WARNING);
  }

  /** Suppressed findings. */
  public get suppressed(): PostureFinding[] {
    return this.findings.filter((f) => f.suppressed);
  }

  /** Whether the check fails. */
  public get failed(): boolean {
    return this.errors.length > 0;
  }

  /**
   * The report as text for a terminal or a CI log.
   * @param displayRoot how to show the configuration's folder in locations @default - the root as given
   */
  public toText(displayRoot?: string): string {
    return renderText(this, displayRoot ?? this.root);
  }

  /**
   * The report as SARIF 2.1.0 (JSON text) for code scanning.
   * @param baseDir locations are made relative to this folder @default - the current working directory
   */
  public toSarif(baseDir?: string): string {
    return renderSarif(this, baseDir ?? process.cwd());
  }
}

/**
 * The posture check over synthesized Terraform JSON: pure, reads only the JSON, so it checks apps written with or
 * without this library. Values known only at apply time never produce a finding (X5).
 */
export class PostureCheck {
  /** Runs every rule over the configuration. */
  public static run(config: TerraformConfiguration, options: PostureCheckOptions = {}): PostureReport {
    const ctx = new CheckContext(config);
    const extra = options.suppressions ?? [];
    for (const s of extra) PostureCheck.rule(s.ruleId);
    const findings: PostureFinding[] = [];
    for (const rule of ALL_RULES) {
      let hits: RuleHit[];
      try {
        hits = rule.check(ctx);
      } catch (err) {
        throw new Error(`posture rule ${rule.id} failed: ${(err as Error).stack ?? err}`);
      }
      const seen = new Set<string>();
      for (const h of hits) {
        const key = `${h.resource.stack}|${h.resource.address}|${h.field}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push(toFinding(ctx, rule, h, extra));
      }
    }
    const order = new Map(ALL_RULES.map((r, i) => [r.id, i]));
    findings.sort((a, b) => compareText(a.stack, b.stack) || compareText(a.file ?? '', b.file ?? '')
      || (a.line ?? 0) - (b.line ?? 0) || compareText(a.address, b.address)
      || (order.get(a.ruleId) ?? 0) - (order.get(b.ruleId) ?? 0) || compareText(a.field, b.field));
    return PostureReport._create(config, findings);
  }

  /** Every rule: ID, severity, reason, fix. */
  public static rules(): PostureRuleInfo[] {
    return ALL_RULES.map(({ id, title, severity, resourceTypes, reason, source, fix, relaxedBy }) =>
      ({ id, title, severity, resourceTypes: [...resourceTypes], reason, source, fix, relaxedBy }));
  }

  /** One rule; throws for an unknown ID, listing the known ones. */
  public static rule(id: string): PostureRuleInfo {
    const found = PostureCheck.rules().find((r) => r.id === id);
    if (!found) {
      throw new Error(`ruleId is not a posture rule (got ${JSON.stringify(id)}). Use one of: ${ALL_RULES.map((r) => r.id).join(', ')}.`);
    }
    return found;
  }

  /** The rules as a Markdown table (docs/posture.md embeds it). */
  public static rulesMarkdown(): string {
    return renderRuleTable(PostureCheck.rules());
  }

  private constructor() {}
}

function matches(s: PostureSuppression, ruleId: string, r: TfResource): boolean {
  if (s.ruleId !== ruleId) return false;
  if (s.stack !== undefined && s.stack !== r.stack) return false;
  if (s.address !== undefined && s.address !== r.address) return false;
  if (s.constructPath !== undefined) {
    const p = r.constructPath;
    if (p === undefined || (p !== s.constructPath && !p.startsWith(`${s.constructPath}/`))) return false;
  }
  return true;
}

function suppressionOf(ctx: CheckContext, ruleId: string, r: TfResource, extra: PostureSuppression[]): string | undefined {
  const own = markersOf(r.body).suppressions[ruleId];
  if (own !== undefined) return own;
  for (const doc of ctx.stack(r.stack)?.documents ?? []) {
    const stackLevel = markersOf(doc).suppressions[ruleId];
    if (stackLevel !== undefined) return stackLevel;
  }
  return extra.find((s) => matches(s, ruleId, r))?.reason;
}

function relaxationOf(ctx: CheckContext, ruleId: string, r: TfResource): string | undefined {
  const own = markersOf(r.body).relaxations[ruleId];
  if (own !== undefined) return own;
  // A cluster's relaxation covers its node pools (GkeCluster creates both).
  if (r.type === 'google_container_node_pool') {
    const cluster = clusterOf(ctx, r);
    if (cluster !== UNKNOWN && cluster !== undefined) return markersOf(cluster.body).relaxations[ruleId];
  }
  return undefined;
}

function toFinding(ctx: CheckContext, rule: PostureRuleInfo, hit: RuleHit, extra: PostureSuppression[]): PostureFinding {
  const r = hit.resource;
  const relaxedBy = relaxationOf(ctx, rule.id, r);
  const suppressionReason = suppressionOf(ctx, rule.id, r, extra);
  const rawFix = hit.fix ?? rule.fix;
  const fix = rawFix.endsWith('.') ? rawFix : `${rawFix}.`;
  const path = r.constructPath ?? `${r.stack}/${r.address}`;
  return {
    ruleId: rule.id,
    title: rule.title,
    severity: relaxedBy !== undefined ? PostureSeverity.WARNING : rule.severity,
    reason: rule.reason,
    source: rule.source,
    stack: r.stack,
    address: r.address,
    file: r.file,
    line: r.line,
    constructPath: r.constructPath,
    relaxedBy,
    suppressed: suppressionReason !== undefined,
    suppressionReason,
    path,
    field: hit.field,
    problem: hit.problem,
    value: hit.value,
    fix,
    message: `${path}: ${hit.field} ${hit.problem} (got ${hit.value}). ${fix}`,
  };
}
