import { TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { stack, SUBJECTS } from './catalog';

/**
 * X5: a value known only at apply time is never rejected, never parsed element by element and never becomes part
 * of a construct id. Every string, number and list prop of every construct and method takes a Terraform variable.
 */

/** A token of the same kind as `valid`, from a variable of the stack; undefined for props a token cannot stand for. */
function tokenFor(s: TerraformStack, field: string, valid: unknown): unknown {
  const variable = (type: string) => new TerraformVariable(s, `var-${field}`, { type });
  if (typeof valid === 'string') return variable('string').stringValue;
  if (typeof valid === 'number') return variable('number').numberValue;
  if (Array.isArray(valid) && valid.every((v) => typeof v === 'string')) return variable('list(string)').listValue;
  if (Array.isArray(valid) && valid.every((v) => typeof v === 'number')) return Token.asNumberList(variable('list(number)').listValue);
  return undefined;
}

/**
 * Lists whose length decides how many resources exist: each generation is a CA, each zone a NEG. CDK for Terraform
 * creates resources at synth, so these must be known then; they are rejected with that reason, never misread.
 */
const STRUCTURAL: Record<string, string> = {
  'ca.CaHierarchy: subordinateGenerations': 'each generation is a CA of its own, so their number decides the resources',
  'mesh.MeshWorkload.exposeViaNegService: zones': 'GKE creates one NEG per zone and the backend service names each of them',
};

/** Factories that only refer to existing resources: the token shows in what they expose, not in any resource. */
const REFERENCES = ['ca.CaPool.fromPoolAttributes', 'ca.RootCertificateAuthority.fromCertificateAuthorityAttributes', 'gke.GkeCluster.fromClusterAttributes'];

const CASES = SUBJECTS.flatMap((subject) => {
  const probe = stack();
  const props = { ...subject.valid(probe), ...subject.optional?.(probe) };
  return Object.entries(props).filter(([field, valid]) => tokenFor(stack(), field, valid) !== undefined)
    .map(([field]) => [`${subject.name}: ${field}`, subject, field] as const);
});

describe('X5: every prop that can hold a token synthesizes with one', () => {
  it(`covers ${CASES.length} props`, () => {
    expect(CASES.length).toBeGreaterThan(120);
  });

  it.each(CASES.filter(([title]) => !STRUCTURAL[title]))('%s', (_title, subject, field) => {
    const s = stack();
    const props = { ...subject.valid(s), ...subject.optional?.(s) };
    const token = tokenFor(s, field, props[field]);
    const built = subject.build(s, { ...props, [field]: token });
    const json = Testing.synth(s, true);
    if (REFERENCES.includes(subject.name)) {
      // The typed reference carries the value on to whatever uses it (or a keyFamily token, which only skips a check).
      expect(Token.isUnresolved(JSON.stringify(built, (k, v) => (k === 'node' || k === 'host' ? undefined : v))) || field === 'keyFamily' || field === 'holdsRootCa').toBe(true);
    } else {
      expect(json).toContain(`var.var-${field}`);
    }
    // Construct ids never hold a token's placeholder text.
    expect(s.node.findAll().filter((c) => /\$\{TfToken|TOKEN\./.test(c.node.id)).map((c) => c.node.path)).toEqual([]);
  });

  it.each(Object.entries(STRUCTURAL))('%s must be known at synth time, and says why', (title, why) => {
    const [, subject, field] = CASES.find(([t]) => t === title)!;
    const s = stack();
    const props = { ...subject.valid(s), ...subject.optional?.(s) };
    expect(() => subject.build(s, { ...props, [field]: tokenFor(s, field, props[field]) })).toThrow(
      `${field} must be known at synth time (got a list known only at apply time). ` +
      `List the values in the app rather than as a Terraform variable or reference: ${why}.`);
  });
});
