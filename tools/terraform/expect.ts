/** Jest assertions on harness results that fail with Terraform's own messages. */
import { StackResult } from './harness';

/** Every stack passed every command it ran. */
export function expectTerraformAccepts(results: Record<string, StackResult>): void {
  for (const [stack, result] of Object.entries(results)) expect({ stack, errors: result.errors }).toEqual({ stack, errors: [] });
}

/**
 * Terraform rejected the stack with an error containing each of `texts`. Whitespace runs compare equal: `plan` wraps
 * its messages at 78 columns where `validate -json` does not.
 */
export function expectTerraformRejects(result: StackResult, ...texts: string[]): void {
  const flat = (text: string): string => text.replace(/\s+/g, ' ');
  const errors = flat(result.errors.join('\n\n'));
  for (const text of texts) expect(errors).toContain(flat(text));
}
