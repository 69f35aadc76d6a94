import { AnnotationMetadataEntryType, Annotations } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * App context key: `false` stops the library from printing warnings when the app synthesizes outside the cdktf CLI
 * (they stay in the manifest). Set it in cdktf.json's `context`, `new App({ context })` or `CDKTF_CONTEXT_JSON`.
 */
export const PRINT_WARNINGS_CONTEXT = '@zerotrust-gcp/cdktf-mesh-security:printWarnings';

/** Node metadata on the app root: the printer is installed. cdktf writes only its own annotation types out. */
const PRINTER_INSTALLED = '@zerotrust-gcp/cdktf-mesh-security:warningPrinter';

/**
 * Adds a warning annotation to `scope` and makes sure the app prints its warnings once, at the end of `app.synth()`.
 *
 * The cdktf CLI prints the annotations it finds in the manifest; a plain `node app.js` prints nothing, so a
 * consumer would never see them. The printer is a validation on the app root, which `app.synth()` runs after every
 * stack's own validations (warnings added there included); under the CLI, which tells the app so with
 * `CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS`, it prints nothing and the CLI shows each warning once.
 * @internal
 */
export function warn(scope: IConstruct, message: string): void {
  Annotations.of(scope).addWarning(message);
  const root = scope.node.root;
  if (root.node.metadata.some((entry) => entry.type === PRINTER_INSTALLED)) return;
  root.node.addMetadata(PRINTER_INSTALLED, true);
  root.node.addValidation({
    validate: () => {
      printWarnings(root);
      return [];
    },
  });
}

/** Every warning annotation of the app, as `[WARNING] <construct path>: <message>` lines, each once. @internal */
export function warningLines(root: IConstruct): string[] {
  const lines = root.node.findAll().flatMap((construct) => construct.node.metadata
    .filter((entry) => entry.type === AnnotationMetadataEntryType.WARN)
    .map((entry) => `[WARNING] ${construct.node.path}: ${String(entry.data)}`));
  return [...new Set(lines)];
}

function printWarnings(root: IConstruct): void {
  if (process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS === 'true') return;
  if (root.node.tryGetContext(PRINT_WARNINGS_CONTEXT) === false) return;
  for (const line of warningLines(root)) process.stderr.write(`${line}\n`);
}
