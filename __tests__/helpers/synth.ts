import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing, TerraformStack } from 'cdktf';
import { validateTerraformJson } from './schema-validator';

/** Synthesized Terraform JSON of one stack. */
export interface StackJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly provider?: Record<string, unknown>;
  readonly terraform?: Record<string, unknown>;
  readonly [key: string]: unknown;
}

let outdir: string | undefined;

/**
 * A fresh app for tests, as Testing.app makes it (cdktf version stubbed for stable output), sharing one output folder
 * per test file: Testing.app's own makes a temporary folder per app, a thousand per suite of bad inputs, and only
 * `app.synth()` ever writes into it.
 */
export function testApp(): App {
  outdir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf.outdir.'));
  return Testing.app({ outdir });
}

/** A fresh test stack inside a fresh app (see {@link testApp}). */
export function testStack(id = 'test'): TerraformStack {
  return new TerraformStack(testApp(), id);
}

/** A test stack with a Google provider for my-project-id: cdktf's synth validation requires a provider. */
export function googleStack(stack: TerraformStack = testStack()): TerraformStack {
  new GoogleProvider(stack, 'google', { project: 'my-project-id' });
  return stack;
}

/**
 * Synthesizes `stack` the way `cdktf synth` does (aspects and `addValidation` checks included), checks the
 * result against the upstream provider and CRD schemas, and returns the parsed JSON.
 */
export function synth(stack: TerraformStack): StackJson {
  const json = JSON.parse(Testing.synth(stack, true)) as StackJson;
  expect({ stack: stack.node.path, schemaIssues: validateTerraformJson(json) }).toEqual({ stack: stack.node.path, schemaIssues: [] });
  return json;
}

/** Builds into a fresh stack and synthesizes it (see {@link synth}). */
export function synthWith(build: (stack: TerraformStack) => void): StackJson {
  const stack = testStack();
  build(stack);
  return synth(stack);
}

/** All resources of one type, by Terraform name. */
export function resourcesOf(json: StackJson, type: string): Record<string, Record<string, unknown>> {
  return json.resource?.[type] ?? {};
}

/** The only resource of a type; fails when there is not exactly one. */
export function onlyResource(json: StackJson, type: string): Record<string, unknown> {
  const all = Object.values(resourcesOf(json, type));
  expect({ type, count: all.length }).toEqual({ type, count: 1 });
  return all[0];
}

/** The stack JSON of every stack of an app after a full `app.synth()`-like synthesis. */
export function synthApp(app: App): Record<string, StackJson> {
  const out: Record<string, StackJson> = {};
  for (const child of app.node.children) {
    if (child instanceof TerraformStack) out[child.node.id] = synth(child);
  }
  return out;
}
