import { AnnotationMetadataEntryType, App } from 'cdktf';

/**
 * Prints the app's warning annotations (S16's unattachable gateway policy, S10's health-check port, …) with the
 * construct path, so `npm run synth` shows them as `cdktf synth` would. Returns how many there were.
 */
export function reportWarnings(app: App, write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): number {
  const warnings = app.node.findAll().flatMap((construct) => construct.node.metadata
    .filter((entry) => entry.type === AnnotationMetadataEntryType.WARN)
    .map((entry) => `[WARNING] ${construct.node.path}: ${String(entry.data)}`));
  warnings.forEach(write);
  return warnings.length;
}
