import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT } from '../helpers/paths';
import { validateTerraformJson } from '../helpers/schema-validator';
import { expectTerraformAccepts } from '../../tools/terraform/expect';
import { prepareHarness, StackResult } from '../../tools/terraform/harness';
import { PostureCheck, TerraformConfiguration } from '../../lib/posture';

// Each example is planned by Terraform against the offline mock providers: seconds, not milliseconds.
jest.setTimeout(120_000);

/**
 * The examples in README.md and docs/*.md are the files in examples/: each doc embeds a file verbatim after a
 * `<!-- example: examples/NAME.ts -->` marker. This test keeps both in step, and runs every example as
 * `cdktf synth` would (tsc type-checks them in `npm run typecheck`).
 */
const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
const DOCS = ['README.md', ...fs.readdirSync(path.join(REPO_ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const EXAMPLES = fs.readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.ts')).sort();

interface Embed { readonly doc: string; readonly file: string; readonly code: string }

function embedsIn(doc: string): Embed[] {
  const text = fs.readFileSync(path.join(REPO_ROOT, doc), 'utf8');
  const found: Embed[] = [];
  const marker = /<!-- example: (examples\/[\w-]+\.ts) -->\n```ts\n([\s\S]*?)```/g;
  for (let m = marker.exec(text); m; m = marker.exec(text)) found.push({ doc, file: m[1], code: m[2] });
  return found;
}

const EMBEDS = DOCS.flatMap(embedsIn);

/** Runs an example with its own output folder; returns each stack's JSON. */
function runExample(file: string): Record<string, unknown> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'example-'));
  const previous = process.env.CDKTF_OUTDIR;
  process.env.CDKTF_OUTDIR = outdir;
  try {
    // Each example is a program whose side effect is `app.synth()`; requiring it runs it. The examples share the
    // library's modules, as one process would: each builds its own App.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(path.join(EXAMPLES_DIR, file));
  } finally {
    if (previous === undefined) delete process.env.CDKTF_OUTDIR;
    else process.env.CDKTF_OUTDIR = previous;
  }
  const stacksDir = path.join(outdir, 'stacks');
  const stacks: Record<string, unknown> = {};
  for (const stack of fs.readdirSync(stacksDir)) {
    stacks[stack] = JSON.parse(fs.readFileSync(path.join(stacksDir, stack, 'cdk.tf.json'), 'utf8'));
  }
  fs.rmSync(outdir, { recursive: true, force: true });
  return stacks;
}


describe('documentation examples', () => {
  it('every example is embedded in the docs and every embed names an existing example', () => {
    expect(EMBEDS.map((e) => e.file.replace('examples/', '')).filter((f) => !EXAMPLES.includes(f))).toEqual([]);
    expect(EXAMPLES.filter((f) => !EMBEDS.some((e) => e.file === `examples/${f}`))).toEqual([]);
  });

  it.each(EMBEDS.map((e) => [e.doc, e.file, e] as const))('%s embeds %s verbatim', (_doc, file, embed) => {
    expect(embed.code).toBe(fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'));
  });

  // Every example runs once; Terraform then validates and plans all their stacks together, in parallel.
  const synthesized = Object.fromEntries(EXAMPLES.map((file) => [file, runExample(file)]));
  let planned: Record<string, StackResult>;
  beforeAll(async () => {
    const all = Object.fromEntries(Object.entries(synthesized).flatMap(([file, stacks]) =>
      Object.entries(stacks).map(([name, stack]) => [`${file}/${name}`, stack])));
    planned = await (await prepareHarness()).check(all as Record<string, object>, { validate: true });
  });

  it.each(EXAMPLES)('examples/%s synthesizes into stacks that pass the upstream schemas and Terraform (X7)', (file) => {
    const stacks = synthesized[file];
    expect(Object.keys(stacks).length).toBeGreaterThan(0);
    for (const [name, stack] of Object.entries(stacks)) {
      expect({ stack: name, issues: validateTerraformJson(stack) }).toEqual({ stack: name, issues: [] });
      expect(Object.keys((stack as { resource?: object }).resource ?? {}).length).toBeGreaterThan(0);
    }
    expectTerraformAccepts(Object.fromEntries(Object.keys(stacks).map((name) => [name, planned[`${file}/${name}`]])));
    for (const name of Object.keys(stacks)) expect(planned[`${file}/${name}`].commands.validate?.exitCode).toBe(0);
  });

  it.each(EXAMPLES)('examples/%s is secure by default: no posture error, and every warning names the option that relaxed it (X1, T2)', (file) => {
    const config = TerraformConfiguration.fromStacks(Object.entries(synthesized[file]).map(([name, json]) => ({ name, json })));
    const report = PostureCheck.run(config);
    expect(report.errors.map((f) => f.message)).toEqual([]);
    expect(report.warnings.filter((f) => f.relaxedBy === undefined && f.ruleId !== 'POSTURE-ISTIO-SERVICEENTRY-EXPORT').map((f) => f.message)).toEqual([]);
  });
});
