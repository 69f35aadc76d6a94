/**
 * Jest globalSetup: gives the run its own temporary directory, prepares the Terraform harness once, before the
 * workers start, so they find it ready instead of racing to build it, and starts the mock provider servers they share.
 *
 * cdktf's `Testing` helpers leave a `cdktf.outdir.*` folder in the temp directory for every app they build (about
 * 1,300 per run); workers inherit `TMPDIR` from this process, so all of them land in one folder that
 * `global-teardown.ts` removes.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SHARED_SERVERS_VARIABLE, startSharedServers } from '../terraform/harness';

export const RUN_TMPDIR_VARIABLE = 'ZT_TEST_RUN_TMPDIR';
/** Process ids of the mock provider servers the run shares, for global-teardown.ts. */
export const SERVER_PIDS_VARIABLE = 'ZT_TEST_MOCK_PROVIDER_PIDS';

/** The package test's path: the jsii build is started here only for runs that include it. */
const PACKAGE_TEST = path.join('__tests__', 'package', 'package.test.ts');

export default async function globalSetup(globalConfig: { readonly testPathPattern?: string }): Promise<void> {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zt-mesh-test-'));
  process.env[RUN_TMPDIR_VARIABLE] = runDir;
  process.env.TMPDIR = runDir;
  // The package test packs the library, which builds it with jsii first (seconds on a clean clone). Built here, the
  // build runs on the core that preparing the harness leaves idle, and the package test finds it up to date. A
  // failed build is left for that test to report: its `npm pack` builds again and shows jsii's errors.
  const packageTestRuns = new RegExp(globalConfig.testPathPattern || '.', 'i').test(PACKAGE_TEST);
  const build = !packageTestRuns ? Promise.resolve() : new Promise<void>((resolve) => {
    spawn(process.execPath, [path.join(__dirname, '..', '..', 'scripts', 'build.js')], { stdio: 'ignore' }).on('close', () => resolve()).on('error', () => resolve());
  });
  // One mock provider server per provider for the whole run: workers (and the workers jest replaces when their memory
  // grows) attach to them instead of starting their own.
  const { reattach, pids } = await startSharedServers();
  await build;
  process.env[SHARED_SERVERS_VARIABLE] = reattach;
  process.env[SERVER_PIDS_VARIABLE] = pids.join(',');
}
