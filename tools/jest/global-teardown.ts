/** Jest globalTeardown: removes the run's temporary directory made by `global-setup.ts`. */
import * as fs from 'fs';
import { RUN_TMPDIR_VARIABLE } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const runDir = process.env[RUN_TMPDIR_VARIABLE];
  if (runDir) fs.rmSync(runDir, { recursive: true, force: true });
}
