/**
 * The posture report as text: one block per finding, errors first, then a summary line.
 * @internal
 */
import * as path from 'path';
import type { PostureFinding, PostureReport } from './posture-check';
import { PostureSeverity } from './rule';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `cdktf.out/stacks/x/cdk.tf.json:12`, or the stack name when the file is unknown. @internal */
export function locationOf(f: PostureFinding, displayRoot: string): string {
  if (f.file === undefined) return f.stack;
  const file = displayRoot === '' ? f.file : path.join(displayRoot, f.file);
  return f.line === undefined ? file : `${file}:${f.line}`;
}

/** @internal */
export function renderText(report: PostureReport, displayRoot: string): string {
  const out: string[] = [];
  const where = displayRoot === '' ? 'the configuration' : displayRoot;
  out.push(`Posture check of ${where}: ${plural(report.stacks.length, 'stack')}, ${plural(report.errors.length, 'error')}, `
    + `${plural(report.warnings.length, 'warning')}, ${report.suppressed.length} suppressed.`);
  const active = [...report.errors, ...report.warnings];
  for (const f of active) {
    out.push('');
    out.push(`${f.severity === PostureSeverity.ERROR ? 'error  ' : 'warning'} ${f.ruleId}  ${f.title}`);
    out.push(`  resource: ${f.address}  (stack ${f.stack}, ${locationOf(f, displayRoot)})`);
    out.push(`  ${f.message}`);
    if (f.relaxedBy !== undefined) out.push(`  relaxed explicitly by ${f.relaxedBy}: reported as a warning.`);
    out.push(`  why: ${f.reason} (${f.source})`);
  }
  if (report.suppressed.length > 0) {
    out.push('');
    out.push('Suppressed:');
    for (const f of report.suppressed) out.push(`  ${f.ruleId}  ${f.address}  (stack ${f.stack}): ${f.suppressionReason}`);
  }
  out.push('');
  out.push(report.failed
    ? `FAILED: ${plural(report.errors.length, 'error-severity finding')}. Fix them, or suppress a rule with a reason (docs/posture.md).`
    : `OK: no error-severity findings${report.warnings.length > 0 ? ` (${plural(report.warnings.length, 'warning')})` : ''}.`);
  return `${out.join('\n')}\n`;
}
