/**
 * The posture report as SARIF 2.1.0, the format code hosts and CI systems read for code scanning. One run, the
 * rules in `tool.driver.rules`, each finding a result located at its stack's Terraform JSON file and the line of
 * the resource block, with the Terraform address as logical location.
 * @internal
 */
import { createHash } from 'crypto';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { PostureReport } from './posture-check';
import { PostureSeverity } from './rule';
import { ALL_RULES } from './rules';

/** @internal */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/zerotrust-gcp/cdktf-mesh-security/blob/main/docs/posture.md';

function uriOf(root: string, file: string, baseDir: string): string {
  if (root === '') return file.split(path.sep).join('/');
  const full = path.resolve(root, file);
  const rel = path.relative(path.resolve(baseDir), full);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return pathToFileURL(full).href;
  return rel.split(path.sep).join('/');
}

/** @internal */
export function renderSarif(report: PostureReport, baseDir: string): string {
  const ruleIndex = new Map(ALL_RULES.map((r, i) => [r.id, i]));
  const rules = ALL_RULES.map((r) => ({
    id: r.id,
    name: r.id.toLowerCase().replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: r.title },
    fullDescription: { text: `${r.reason} (${r.source})` },
    help: {
      text: `${r.fix}${r.relaxedBy ? ` Explicit relaxation: ${r.relaxedBy}.` : ''}`,
      markdown: `**Why:** ${r.reason}\n\n*Source:* ${r.source}\n\n**Fix:** ${r.fix}${r.relaxedBy ? `\n\n**Explicit relaxation:** ${r.relaxedBy}` : ''}`,
    },
    helpUri: `${INFORMATION_URI}#${r.id.toLowerCase()}`,
    defaultConfiguration: { level: r.severity === PostureSeverity.ERROR ? 'error' : 'warning' },
    properties: {
      tags: ['security', 'terraform', ...r.resourceTypes],
      'security-severity': r.severity === PostureSeverity.ERROR ? '8.0' : '5.0',
    },
  }));
  const results = report.findings.map((f) => {
    const physical = f.file === undefined ? undefined : {
      artifactLocation: { uri: uriOf(report.root, f.file, baseDir) },
      ...(f.line !== undefined ? { region: { startLine: f.line } } : {}),
    };
    return {
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId),
      level: f.severity === PostureSeverity.ERROR ? 'error' : 'warning',
      message: { text: `${f.message}${f.relaxedBy ? ` Relaxed explicitly by ${f.relaxedBy}.` : ''}` },
      locations: [{
        ...(physical ? { physicalLocation: physical } : {}),
        logicalLocations: [{ name: f.address, fullyQualifiedName: `${f.stack}/${f.address}`, kind: 'resource' }],
      }],
      partialFingerprints: {
        'postureFinding/v1': createHash('sha256').update(`${f.ruleId}|${f.stack}|${f.address}|${f.field}`).digest('hex'),
      },
      ...(f.suppressed ? { suppressions: [{ kind: 'inSource', justification: f.suppressionReason ?? '' }] } : {}),
      properties: {
        stack: f.stack,
        address: f.address,
        field: f.field,
        ...(f.constructPath ? { constructPath: f.constructPath } : {}),
        ...(f.relaxedBy ? { relaxedBy: f.relaxedBy } : {}),
      },
    };
  });
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'cdktf-mesh-security posture', informationUri: INFORMATION_URI, rules } },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
