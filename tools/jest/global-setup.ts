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
/** Process id of the library build started for the package test, for global-teardown.ts. */
export const BUILD_PID_VARIABLE = 'ZT_TEST_BUILD_PID';

/** The package test's path: the jsii build is started here only for runs that include it. */
const PACKAGE_TEST = path.join('__tests__', 'package', 'package.test.ts');

export default async function globalSetup(globalConfig: { readonly testPathPattern?: string }): Promise<void> {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zt-mesh-test-'));
  process.env[RUN_TMPDIR_VARIABLE] = runDir;
  process.env.TMPDIR = runDir;
  // The package test packs the library, which builds it with jsii first (seconds on a clean clone). Started here, the
  // build runs while the harness is prepared and the first tests run, not before them; the package test's `npm pack`
  // waits for it (scripts/build.js takes a lock) and finds dist/ up to date. A failed build is left for that test to
  // report: its `npm pack` builds again and shows jsii's errors.
  if (new RegExp(globalConfig.testPathPattern || '.', 'i').test(PACKAGE_TEST)) {
    // Its own process group, so that global-teardown.ts can stop jsii with it if the run ends first.
    const build = spawn(process.execPath, [path.join(__dirname, '..', '..', 'scripts', 'build.js')], { stdio: 'ignore', detached: true });
    build.on('error', () => undefined);
    process.env[BUILD_PID_VARIABLE] = String(build.pid);
  }
  // One mock provider server per provider for the whole run: workers (and the workers jest replaces when their memory
  // grows) attach to them instead of starting their own.
  const { reattach, pids } = await startSharedServers();
  process.env[SHARED_SERVERS_VARIABLE] = reattach;
  process.env[SERVER_PIDS_VARIABLE] = pids.join(',');
}
