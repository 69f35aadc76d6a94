/** Jest globalTeardown: stops the shared mock provider servers and removes the run's temporary directory (global-setup.ts). */
import * as fs from 'fs';
import { RUN_TMPDIR_VARIABLE, SERVER_PIDS_VARIABLE } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  for (const pid of (process.env[SERVER_PIDS_VARIABLE] ?? '').split(',').filter(Boolean)) {
    try {
      process.kill(Number(pid));
    } catch {
      // Already gone.
    }
  }
  const runDir = process.env[RUN_TMPDIR_VARIABLE];
  if (runDir) fs.rmSync(runDir, { recursive: true, force: true });
}
