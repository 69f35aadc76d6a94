import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { warn, warningLines } from '../../lib/core/warnings';

/**
 * Warnings appear exactly once: printed by `app.synth()` in a plain `node app.js`, left to the cdktf CLI (which
 * prints the manifest's annotations) when the CLI runs the app, and always in the manifest.
 */
function synthWithWarnings(env: Record<string, string | undefined>): { stderr: string; manifest: { stacks: Record<string, { annotations: { level: string; message: string; constructPath: string }[] }> } } {
  const saved = { ...process.env };
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'warnings-'));
  const written: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    delete process.env.CDKTF_CONTEXT_JSON;
    Object.assign(process.env, env);
    for (const [key, value] of Object.entries(env)) if (value === undefined) delete process.env[key];
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'stack');
    const policy = new Construct(stack, 'Policy');
    warn(policy, 'first warning');
    warn(policy, 'second warning');
    // Warnings added while validating (after construction) are printed too.
    stack.node.addValidation({ validate: () => { warn(stack, 'added during validation'); return []; } });
    app.synth();
  } finally {
    spy.mockRestore();
    process.env = saved;
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  fs.rmSync(outdir, { recursive: true, force: true });
  return { stderr: written.join(''), manifest };
}

describe('warnings', () => {
  it('a plain `node app.js` prints each warning once, with its construct path, after synthesis', () => {
    const { stderr } = synthWithWarnings({ CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: undefined });
    expect(stderr).toBe([
      '[WARNING] stack: added during validation',
      '[WARNING] stack/Policy: first warning',
      '[WARNING] stack/Policy: second warning',
    ].map((line) => `${line}\n`).join(''));
  });

  it('under the cdktf CLI nothing is printed: the CLI shows the manifest\'s warnings itself', () => {
    const { stderr, manifest } = synthWithWarnings({ CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: 'true' });
    expect(stderr).toBe('');
    expect(manifest.stacks.stack.annotations.map((a) => [a.level, a.constructPath, a.message])).toEqual(expect.arrayContaining([
      ['@cdktf/warn', 'stack/Policy', 'first warning'],
      ['@cdktf/warn', 'stack/Policy', 'second warning'],
      ['@cdktf/warn', 'stack', 'added during validation'],
    ]));
  });

  it('the printWarnings context set to false keeps them in the manifest only', () => {
    const { stderr } = synthWithWarnings({ CDKTF_CONTEXT_JSON: JSON.stringify({ '@zerotrust-gcp/cdktf-mesh-security:printWarnings': false }) });
    expect(stderr).toBe('');
  });

  it('warningLines lists a warning repeated on one construct once', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'warnings-')) });
    const scope = new Construct(new TerraformStack(app, 'stack'), 'Scope');
    warn(scope, 'same');
    warn(scope, 'same');
    expect(warningLines(app)).toEqual(['[WARNING] stack/Scope: same']);
  });
});
