import * as path from 'path';
import { core, posture } from '@zerotrust-gcp/cdktf-mesh-security';
import { AnnotationMetadataEntryType, App, DISABLE_STACK_TRACE_IN_METADATA, TerraformStack } from 'cdktf';

/** App context key that turns off the library's own warning printer: the summary lists the warnings instead. */
const PRINT_WARNINGS_CONTEXT = '@zerotrust-gcp/cdktf-mesh-security:printWarnings';

/** Where the summary goes; tests pass their own. */
export interface SynthOutput {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const PROCESS_OUTPUT: SynthOutput = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** One synthesized stack in deploy order. */
export interface SynthesizedStack {
  readonly name: string;
  readonly resources: number;
  readonly dependsOn: readonly string[];
}

/**
 * Builds and synthesizes an app the way `npm run synth` does, and returns the exit code.
 *
 * Under the cdktf CLI (which sets `CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS` for the app) the CLI prints the
 * stacks and the warnings itself, so only errors are printed here. Run directly, it prints the warnings once each,
 * the stacks in deploy order with their resource counts, the output folder and the next command. Either way an
 * error is printed as its message alone (the construct path, field, value and fix are in it), not as Node's report
 * of an uncaught exception, which quotes a line of minified provider code first.
 *
 * Then it runs the posture check over what it wrote, as `npm run posture` does (T2): an error finding fails the run
 * and is printed with its rule, resource, reason and fix. (Reading the written JSON back costs less than
 * `Posture.of(app).enforce()`, which resolves every stack a second time during synthesis.)
 *
 * The output does not depend on where the project lives (X4): annotations in the manifest carry no stack traces
 * (they hold absolute paths), and the stacks' local state paths are relative (app/stacks.ts).
 */
export function runSynth(build: (app: App) => void, nextSteps: (stacks: readonly SynthesizedStack[]) => string[], output: SynthOutput = PROCESS_OUTPUT): number {
  const underCli = process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS === 'true';
  let app: App;
  try {
    app = new App({ context: { [PRINT_WARNINGS_CONTEXT]: false, [DISABLE_STACK_TRACE_IN_METADATA]: true } });
    build(app);
    app.synth();
  } catch (error) {
    output.err(describeFailure(error));
    return 1;
  }
  const configuration = posture.TerraformConfiguration.load(app.outdir);
  const report = posture.PostureCheck.run(configuration);
  if (report.findings.some((f) => !f.suppressed)) output.err(`${report.toText(path.relative(process.cwd(), app.outdir) || '.')}\n`);
  if (report.failed) return 1;
  if (underCli) return 0;

  const warnings = warningLines(app);
  for (const line of warnings) output.err(`${line}\n`);
  const stacks = deployOrder(app, configuration);
  const width = Math.max(...stacks.map((s) => s.name.length));
  const lines = [
    `${warnings.length === 0 ? '' : '\n'}Synthesized ${stacks.length} stacks into ${path.join(path.relative(process.cwd(), app.outdir) || '.', 'stacks')}, in deploy order:`,
    ...stacks.map((s) => `  ${s.name.padEnd(width)}  ${String(s.resources).padStart(4)} resources${s.dependsOn.length ? `  after ${s.dependsOn.join(', ')}` : ''}`),
    warnings.length === 0 ? 'No warnings.' : `${warnings.length} warning${warnings.length === 1 ? '' : 's'} (above).`,
    `Posture check: ${report.errors.length} errors, ${report.warnings.length} warnings, ${report.suppressed.length} suppressed (npm run posture).`,
    ...nextSteps(stacks),
  ];
  output.out(`${lines.join('\n')}\n`);
  return 0;
}

/** The failure as a person reads it: a validation or configuration error's message alone; anything else with its stack. */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return `Synthesis failed: ${String(error)}\n`;
  if (core.Validation.isValidationError(error) || error.message.startsWith('Configuration: ') || error.message.startsWith('Validation failed')) {
    return `Synthesis failed:\n${error.message}\n`;
  }
  // Not a reported problem: most likely a bug, so keep the stack for the report.
  return `Synthesis failed: ${error.message}\n\n${error.stack ?? ''}\n`;
}

function warningLines(app: App): string[] {
  const lines = app.node.findAll().flatMap((construct) => construct.node.metadata
    .filter((entry) => entry.type === AnnotationMetadataEntryType.WARN)
    .map((entry) => `[WARNING] ${construct.node.path}: ${String(entry.data)}`));
  return [...new Set(lines)];
}

/** The app's stacks, each after the stacks it depends on (in creation order otherwise), with their resource counts. */
export function deployOrder(app: App, synthesized: posture.TerraformConfiguration): SynthesizedStack[] {
  const resources = new Map(synthesized.stacks.map((stack) => [stack.name, stack.resourceCount]));
  const stacks = app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c));
  const ordered: TerraformStack[] = [];
  const visit = (stack: TerraformStack): void => {
    if (ordered.includes(stack)) return;
    for (const dependency of stack.dependencies as TerraformStack[]) visit(dependency);
    ordered.push(stack);
  };
  stacks.forEach(visit);
  return ordered.map((stack) => ({
    name: stack.node.id,
    resources: resources.get(stack.node.id) ?? 0,
    dependsOn: (stack.dependencies as TerraformStack[]).map((d) => d.node.id),
  }));
}
