import { spawnSync } from 'child_process';
import * as path from 'path';
import { REPO_ROOT } from '../helpers/paths';

/**
 * main.ts's process settings (app/fast-synth.ts), in a process of their own: the tests' setup replaces them. cdktf
 * reads a token's creation stack as the lines after the first, each without its leading "at ".
 */
describe('app/fast-synth.ts', () => {
  const script = `
    require(${JSON.stringify(path.join(REPO_ROOT, 'app', 'fast-synth.ts'))});
    const { captureStackTrace } = require('cdktf/lib/tokens/private/stack-trace');
    class MeshBackendService { constructor() { this.stack = captureStackTrace(); } create() { return captureStackTrace(); } }
    const service = new MeshBackendService();
    const error = new Error('real');
    console.log(JSON.stringify({ constructed: service.stack, called: service.create(), error: error.stack.split('\\n')[1] }));
  `;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8' });

  it('keeps five frames of a creation stack, named, without file positions', () => {
    expect(child.stderr).toBe('');
    const { constructed, called } = JSON.parse(child.stdout) as { constructed: string[]; called: string[] };
    expect(constructed[0]).toBe('new MeshBackendService');
    expect(called[0]).toBe('MeshBackendService.create');
    expect(constructed).toHaveLength(5);
    expect([...constructed, ...called].filter((frame) => /:\d+/.test(frame))).toEqual([]);
  });

  it('leaves the stack traces of errors as they were, with positions', () => {
    expect((JSON.parse(child.stdout) as { error: string }).error).toMatch(/^ {4}at .+:\d+:\d+\)?$/);
  });
});
