/**
 * The rules as Markdown for docs/posture.md and `cdktf-mesh-security rules`: a summary table, then one section per
 * rule (the anchors SARIF's helpUri points at). A test keeps the doc in step with the code.
 * @internal
 */
import type { PostureRuleInfo } from './rule';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function anchor(id: string): string {
  return id.toLowerCase();
}

/** @internal */
export function renderRuleTable(rules: PostureRuleInfo[]): string {
  const lines = [
    '| rule | severity | finds | explicit relaxation (reported as a warning) |',
    '|---|---|---|---|',
  ];
  for (const r of rules) {
    lines.push(`| [\`${r.id}\`](#${anchor(r.id)}) | ${r.severity} | ${cell(r.title)} | ${r.relaxedBy ? cell(r.relaxedBy) : '—'} |`);
  }
  lines.push('');
  for (const r of rules) {
    lines.push(`#### ${r.id}`, '');
    lines.push(`**${r.title}** (${r.severity}; reads ${r.resourceTypes.map((t) => `\`${t}\``).join(', ')})`, '');
    lines.push(`*Why:* ${r.reason}`, '');
    lines.push(`*Source:* ${r.source}`, '');
    lines.push(`*Fix:* ${r.fix}`, '');
    if (r.relaxedBy) lines.push(`*Explicit relaxation:* ${r.relaxedBy}`, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
