import { TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { demo, SUBJECTS } from './subjects';

/**
 * X5: a value known only at apply time is never rejected, never parsed and never part of a construct id. Every
 * string, number and list prop of the egress network's constructs takes a Terraform variable and shows up in the output.
 */

function tokenFor(s: TerraformStack, field: string, valid: unknown): unknown {
  const variable = (type: string) => new TerraformVariable(s, `var-${field}`, { type });
  if (typeof valid === 'string') return variable('string').stringValue;
  if (typeof valid === 'number') return variable('number').numberValue;
  if (Array.isArray(valid) && valid.every((v) => typeof v === 'string')) return variable('list(string)').listValue;
  if (Array.isArray(valid) && valid.every((v) => typeof v === 'number')) return Token.asNumberList(variable('list(number)').listValue);
  return undefined;
}

/** Factories that only refer to existing resources: the token shows in what they expose. */
const REFERENCES = ['network.Vpc.fromNetworkName'];

const CASES = SUBJECTS.flatMap((subject) => {
  const probe = demo();
  const props = { ...subject.valid(probe), ...subject.optional?.(probe) };
  return Object.entries(props).filter(([, valid]) => tokenFor(new TerraformStack(Testing.app(), 'probe'), 'probe', valid) !== undefined)
    .map(([field]) => [`${subject.name}: ${field}`, subject, field] as const);
});

describe('X5: every egress network prop that can hold a token synthesizes with one', () => {
  it(`covers ${CASES.length} props`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(24);
  });

  it.each(CASES)('%s', (_title, subject, field) => {
    const d = demo();
    const props = { ...subject.valid(d), ...subject.optional?.(d) };
    const token = tokenFor(d.stack, field, props[field]);
    const built = subject.build(d, { ...props, [field]: token });
    const json = Testing.synth(d.stack, true);
    if (REFERENCES.includes(subject.name)) {
      expect(Token.isUnresolved((built as { networkId: string }).networkId)).toBe(true);
    } else {
      expect(json).toContain(`var.var-${field}`);
    }
    expect(d.stack.node.findAll().filter((c) => /\$\{TfToken|TOKEN\./.test(c.node.id)).map((c) => c.node.path)).toEqual([]);
  });
});
