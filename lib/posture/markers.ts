/**
 * Suppressions and relaxations travel in the synthesized JSON, in the `//` comment objects Terraform ignores, so
 * the command reading `cdktf.out` sees what the app said at synth:
 *
 * ```json
 * "//": { "posture": { "suppressions": { "POSTURE-GKE-PRIVATE-NODES": "lab cluster, no sensitive data" },
 *                      "relaxations": { "POSTURE-GKE-PRIVATE-NODES": "GkeCluster allowPublicNodes: true" } } }
 * ```
 *
 * on a resource, or `suppressions` in the stack's top-level `//` (every resource of the stack). Plain Terraform JSON
 * can carry the same objects.
 * @internal
 */
import { isObject } from './values';

/** Key under `//`. @internal */
export const MARKER_KEY = 'posture';

/** @internal */
export interface Markers {
  readonly suppressions: Record<string, string>;
  readonly relaxations: Record<string, string>;
}

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObject(value)) for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** The markers of a resource body or a stack document. @internal */
export function markersOf(body: Record<string, unknown>): Markers {
  const comment = body['//'];
  const posture = isObject(comment) ? comment[MARKER_KEY] : undefined;
  if (!isObject(posture)) return { suppressions: {}, relaxations: {} };
  return { suppressions: stringMap(posture.suppressions), relaxations: stringMap(posture.relaxations) };
}
