import * as fs from 'fs';
import * as path from 'path';
import { compareText } from '../core/order';
import { blockLines } from './json-locations';
import type { TfResource, TfStack } from './tf-model';

/** One stack (Terraform root module) of a configuration, as the posture check and the access map see it. */
export interface TerraformStackSummary {
  /** Stack name, e.g. `lb-api-gcp` (cdktf) or the folder / file name of plain Terraform JSON. */
  readonly name: string;
  /** The stack's Terraform JSON files, relative to the configuration's root, e.g. `stacks/lb-api-gcp/cdk.tf.json`. */
  readonly files: string[];
  /** Stacks this one depends on (cdktf's manifest), nearest first. */
  readonly dependencies: string[];
  /** Number of managed resources. */
  readonly resourceCount: number;
}

/** A stack given as parsed JSON (tests, other tools). */
export interface TerraformStackInput {
  /** Stack name. */
  readonly name: string;
  /** The Terraform JSON document (`{ resource: { TYPE: { NAME: {…} } } }`). */
  // jsii maps `any` to a JSON value in every language; `unknown` has no such mapping.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly json: any;
  /** Path of the file the JSON came from, for finding locations. @default - none */
  readonly file?: string;
  /** Stacks this one depends on. @default - none */
  readonly dependencies?: string[];
}

/**
 * Synthesized Terraform JSON to check: a `cdktf.out` folder (manifest.json + stacks/NAME/cdk.tf.json), a folder of
 * `*.tf.json` files (one root module), a folder of such folders, or one file. Only JSON is read; HCL (`*.tf`) is not.
 */
export class TerraformConfiguration {
  /**
   * Reads a `cdktf.out` folder, a folder of `*.tf.json` files (or of folders holding them), or one `*.tf.json` file.
   * @param location the file or folder
   */
  public static load(location: string): TerraformConfiguration {
    const resolved = path.resolve(location);
    if (!fs.existsSync(resolved)) {
      throw new Error(`${location}: no such file or folder. Run \`cdktf synth\` first, or pass the folder that holds manifest.json or *.tf.json files.`);
    }
    if (fs.statSync(resolved).isFile()) {
      const name = path.basename(resolved).replace(/\.tf\.json$|\.json$/, '');
      return new TerraformConfiguration(path.dirname(resolved), [readStack(path.dirname(resolved), name, [path.basename(resolved)], [])]);
    }
    const manifestFile = path.join(resolved, 'manifest.json');
    if (fs.existsSync(manifestFile)) {
      const manifest = readJson(manifestFile) as { stacks?: Record<string, { name?: string; synthesizedStackPath?: string; dependencies?: string[] }> };
      if (manifest.stacks && typeof manifest.stacks === 'object') {
        const stacks = Object.entries(manifest.stacks).sort(([a], [b]) => compareText(a, b)).map(([id, entry]) => {
          const file = entry.synthesizedStackPath ?? path.join('stacks', id, 'cdk.tf.json');
          if (!fs.existsSync(path.join(resolved, file))) {
            throw new Error(`${path.join(location, file)}: listed in manifest.json but missing. Run \`cdktf synth\` again.`);
          }
          return readStack(resolved, entry.name ?? id, [file], entry.dependencies ?? []);
        });
        return new TerraformConfiguration(resolved, stacks);
      }
    }
    const stacks: TfStack[] = [];
    const visit = (dir: string, depth: number): void => {
      const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => compareText(a.name, b.name));
      const files = entries.filter((e) => e.isFile() && e.name.endsWith('.tf.json')).map((e) => path.relative(resolved, path.join(dir, e.name)));
      if (files.length > 0) {
        const rel = path.relative(resolved, dir);
        stacks.push(readStack(resolved, rel === '' ? path.basename(resolved) : rel.split(path.sep).join('/'), files, []));
      }
      if (depth >= 3) return;
      for (const e of entries) {
        if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') visit(path.join(dir, e.name), depth + 1);
      }
    };
    visit(resolved, 0);
    if (stacks.length === 0) {
      throw new Error(`${location}: holds neither a cdktf manifest.json nor *.tf.json files. Pass a cdktf.out folder or Terraform JSON.`);
    }
    // Folders named stacks/NAME (a cdktf.out without manifest) read better by their stack name.
    const renamed = stacks.map((s) => ({ ...s, name: s.name.replace(/^stacks\//, '') }));
    const unique = new Set(renamed.map((s) => s.name)).size === renamed.length;
    return new TerraformConfiguration(resolved, unique ? renamed : stacks);
  }

  /** A configuration from parsed JSON documents, one per stack. */
  public static fromStacks(stacks: TerraformStackInput[]): TerraformConfiguration {
    return new TerraformConfiguration('', stacks.map((s) =>
      parseStack(s.name, [{ file: s.file, json: s.json, lines: () => NO_LINES }], s.dependencies ?? [])));
  }

  /** The folder file paths are relative to (empty for configurations built from JSON). */
  public readonly root: string;

  /** @internal */
  public readonly _stacks: TfStack[];

  private constructor(root: string, stacks: TfStack[]) {
    this.root = root;
    this._stacks = stacks;
  }

  /** The stacks, in name order. */
  public get stacks(): TerraformStackSummary[] {
    return this._stacks.map((s) => ({ name: s.name, files: [...s.files], dependencies: [...s.dependencies], resourceCount: s.resources.length }));
  }
}

function readJson(file: string): unknown {
  const text = fs.readFileSync(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${file}: not valid JSON (${(err as Error).message}).`);
  }
}

function readStack(root: string, name: string, files: string[], dependencies: string[]): TfStack {
  return parseStack(name, files.map((file) => {
    const full = path.join(root, file);
    const text = fs.readFileSync(full, 'utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new Error(`${full}: not valid JSON (${(err as Error).message}).`);
    }
    // Scanned only when a finding needs a line: most resources of a passing synth never do.
    let lines: ReadonlyMap<string, number> | undefined;
    return { file: file.split(path.sep).join('/'), json, lines: () => (lines ??= blockLines(text)) };
  }), dependencies);
}

interface ParsedFile {
  readonly file?: string;
  readonly json: unknown;
  readonly lines: () => ReadonlyMap<string, number>;
}

const NO_LINES: ReadonlyMap<string, number> = new Map();

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Terraform JSON allows an object or an array of objects wherever blocks are listed. */
function objectsOf(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

function parseStack(name: string, files: ParsedFile[], dependencies: string[]): TfStack {
  const resources: TfResource[] = [];
  const dataSources: TfResource[] = [];
  const documents: Record<string, unknown>[] = [];
  for (const { file, json, lines } of files) {
    if (!isObject(json)) throw new Error(`${file ?? name}: a Terraform JSON document must be an object.`);
    documents.push(json);
    for (const [kind, list] of [['resource', resources], ['data', dataSources]] as const) {
      for (const group of objectsOf(json[kind])) {
        for (const [type, byName] of Object.entries(group)) {
          for (const named of objectsOf(byName)) {
            for (const [resourceName, rawBody] of Object.entries(named)) {
              const body = objectsOf(rawBody)[0];
              if (!body || isDisabled(body)) continue;
              const meta = isObject(body['//']) && isObject(body['//'].metadata) ? body['//'].metadata : undefined;
              list.push({
                stack: name,
                type,
                name: resourceName,
                address: kind === 'data' ? `data.${type}.${resourceName}` : `${type}.${resourceName}`,
                body,
                file,
                get line() {
                  return lines().get(`${kind}/${type}/${resourceName}`);
                },
                constructPath: typeof meta?.path === 'string' ? meta.path : undefined,
                data: kind === 'data',
              });
            }
          }
        }
      }
    }
  }
  return { name, dependencies: [...dependencies], files: files.map((f) => f.file).filter((f): f is string => f !== undefined), documents, resources, dataSources };
}

/** `count = 0` or an empty literal `for_each` creates nothing. */
function isDisabled(body: Record<string, unknown>): boolean {
  const count = body.count;
  if (count === 0 || count === '0') return true;
  const forEach = body.for_each;
  return (Array.isArray(forEach) && forEach.length === 0) || (isObject(forEach) && Object.keys(forEach).length === 0);
}
