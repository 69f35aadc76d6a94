import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { AccessMap } from './access-map';
import { PostureCheck, PostureSuppression } from './posture-check';
import { TerraformConfiguration } from './terraform-configuration';

/** Where the command runs. */
export interface PostureCliOptions {
  /** Folder relative paths are resolved against. @default - the process's working directory */
  readonly cwd?: string;
  /** Render access-map.svg with Graphviz `dot` when it is installed. @default true */
  readonly renderSvg?: boolean;
}

/** What a command run produced. */
export interface PostureCliResult {
  /** 0: no error finding; 1: error findings; 2: bad usage or unreadable input. */
  readonly exitCode: number;
  /** What the command prints on standard output: the report, the SARIF log, the access map's tables. */
  readonly stdout: string;
  /** Errors and notes, e.g. that Graphviz is not installed. */
  readonly stderr: string;
  /** Files the command wrote (absolute paths). */
  readonly filesWritten: string[];
}

const USAGE = `Usage:
  cdktf-mesh-security posture [DIR|FILE] [--format text|sarif] [--output FILE] [--suppress RULE=REASON]... [--fail-on-warnings]
  cdktf-mesh-security access-map [DIR|FILE] [--no-svg]
  cdktf-mesh-security rules

DIR is a cdktf.out folder (manifest.json + stacks/*/cdk.tf.json), a folder of *.tf.json files, or one file;
default cdktf.out. posture exits 1 when any error-severity finding is not suppressed, 2 on bad usage.
access-map writes access-map.md, access-map.dot and (with Graphviz installed) access-map.svg into DIR.
See docs/posture.md.
`;

class UsageError extends Error {}

interface Parsed {
  readonly command: string;
  readonly target: string;
  readonly format: string;
  readonly output?: string;
  readonly suppressions: PostureSuppression[];
  readonly failOnWarnings: boolean;
  readonly svg: boolean;
}

function parse(args: string[]): Parsed {
  const [command, ...rest] = args;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') throw new UsageError('');
  if (!['posture', 'access-map', 'rules'].includes(command)) throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  let target: string | undefined;
  let format = 'text';
  let output: string | undefined;
  let failOnWarnings = false;
  let svg = true;
  const suppressions: PostureSuppression[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const value = (): string => {
      const inline = arg.includes('=') && arg.startsWith('--') ? arg.slice(arg.indexOf('=') + 1) : undefined;
      if (inline !== undefined) return inline;
      const next = rest[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    const flag = arg.startsWith('--') ? arg.split('=')[0] : arg;
    if (flag === '--format') {
      format = value();
      if (format !== 'text' && format !== 'sarif') throw new UsageError(`--format must be text or sarif (got ${JSON.stringify(format)})`);
    } else if (flag === '--output' || flag === '-o') output = value();
    else if (flag === '--suppress') {
      const spec = value();
      const eq = spec.indexOf('=');
      if (eq <= 0 || spec.slice(eq + 1).trim() === '') throw new UsageError(`--suppress takes RULE=REASON (got ${JSON.stringify(spec)})`);
      suppressions.push({ ruleId: spec.slice(0, eq), reason: spec.slice(eq + 1) });
    } else if (flag === '--fail-on-warnings') failOnWarnings = true;
    else if (flag === '--no-svg') svg = false;
    else if (arg === '--help' || arg === '-h') throw new UsageError('');
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else if (target === undefined) target = arg;
    else throw new UsageError(`unexpected argument ${JSON.stringify(arg)}`);
  }
  return { command, target: target ?? 'cdktf.out', format, output, suppressions, failOnWarnings, svg };
}

/**
 * The `cdktf-mesh-security` command (`posture`, `access-map`, `rules`) as a function: tests call `run` without
 * spawning a process; the package's bin calls `main`.
 */
export class PostureCli {
  /**
   * Runs a command and returns its exit code and output (files it is asked to write are written).
   * @param args the arguments after the program name, e.g. `["posture", "cdktf.out", "--format", "sarif"]`
   */
  public static run(args: string[], options: PostureCliOptions = {}): PostureCliResult {
    const cwd = options.cwd ?? process.cwd();
    let parsed: Parsed;
    try {
      parsed = parse(args);
    } catch (err) {
      const message = (err as Error).message;
      return { exitCode: message === '' ? 0 : 2, stdout: message === '' ? USAGE : '', stderr: message === '' ? '' : `error: ${message}\n\n${USAGE}`, filesWritten: [] };
    }
    try {
      if (parsed.command === 'rules') return { exitCode: 0, stdout: PostureCheck.rulesMarkdown(), stderr: '', filesWritten: [] };
      const location = path.resolve(cwd, parsed.target);
      const config = TerraformConfiguration.load(location);
      if (parsed.command === 'access-map') return accessMap(config, location, parsed.svg && options.renderSvg !== false);
      for (const s of parsed.suppressions) PostureCheck.rule(s.ruleId);
      const report = PostureCheck.run(config, { suppressions: parsed.suppressions });
      const failed = report.failed || (parsed.failOnWarnings && report.warnings.length > 0);
      const exitCode = failed ? 1 : 0;
      const displayRoot = path.isAbsolute(parsed.target) ? parsed.target : path.relative(cwd, config.root) || '.';
      const text = report.toText(displayRoot);
      const rendered = parsed.format === 'sarif' ? report.toSarif(cwd) : text;
      if (parsed.output === undefined) return { exitCode, stdout: rendered, stderr: '', filesWritten: [] };
      const file = path.resolve(cwd, parsed.output);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, rendered);
      // With SARIF in a file, the log still shows the findings.
      return { exitCode, stdout: parsed.format === 'sarif' ? `${text}SARIF written to ${parsed.output}\n` : `Report written to ${parsed.output}\n`, stderr: '', filesWritten: [file] };
    } catch (err) {
      return { exitCode: 2, stdout: '', stderr: `error: ${(err as Error).message}\n`, filesWritten: [] };
    }
  }

  /** Runs a command with the process's arguments and streams, and sets the process's exit code. */
  public static main(args: string[]): void {
    const result = PostureCli.run(args);
    if (result.stdout) process.stdout.write(result.stdout);
    if (result.stderr) process.stderr.write(result.stderr);
    process.exitCode = result.exitCode;
  }

  private constructor() {}
}

function accessMap(config: TerraformConfiguration, location: string, svg: boolean): PostureCliResult {
  const map = AccessMap.of(config);
  const dir = fs.statSync(location).isDirectory() ? location : path.dirname(location);
  const files: string[] = [];
  const write = (name: string, content: string): void => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    files.push(file);
  };
  const dot = map.toDot();
  write('access-map.md', map.toMarkdown());
  write('access-map.dot', dot);
  let stderr = '';
  if (svg) {
    const rendered = spawnSync('dot', ['-Tsvg'], { input: dot, encoding: 'utf8' });
    if (rendered.error || rendered.status !== 0) {
      stderr = rendered.error && (rendered.error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'note: Graphviz `dot` is not installed, so no access-map.svg (Debian/Ubuntu: apt-get install graphviz).\n'
        : `note: dot failed, so no access-map.svg: ${rendered.stderr || rendered.error?.message}\n`;
    } else {
      write('access-map.svg', rendered.stdout);
    }
  }
  const notes = map.notes.length > 0 ? `\nNotes:\n${map.notes.map((n) => `- ${n}`).join('\n')}\n` : '';
  return {
    exitCode: 0,
    stdout: `${map.toMarkdownTable()}${notes}\nWrote ${files.map((f) => path.basename(f)).join(', ')} to ${dir}\n`,
    stderr,
    filesWritten: files,
  };
}
