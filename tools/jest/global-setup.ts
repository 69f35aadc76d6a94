/**
 * Jest globalSetup: gives the run its own temporary directory and prepares the Terraform harness once, before the
 * workers start, so they find it ready instead of racing to build it.
 *
 * cdktf's `Testing` helpers leave a `cdktf.outdir.*` folder in the temp directory for every app they build (about
 * 1,300 per run); workers inherit `TMPDIR` from this process, so all of them land in one folder that
 * `global-teardown.ts` removes.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { prepareHarness } from '../terraform/harness';

export const RUN_TMPDIR_VARIABLE = 'ZT_TEST_RUN_TMPDIR';

export default async function globalSetup(): Promise<void> {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zt-mesh-test-'));
  process.env[RUN_TMPDIR_VARIABLE] = runDir;
  process.env.TMPDIR = runDir;
  await prepareHarness();
}
