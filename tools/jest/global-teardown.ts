/**
 * Jest globalTeardown: stops the shared mock provider servers and a library build still running (a run that ended
 * before the package test), and removes the run's temporary directory (global-setup.ts).
 */
import * as fs from 'fs';
import { BUILD_PID_VARIABLE, RUN_TMPDIR_VARIABLE, SERVER_PIDS_VARIABLE } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const build = Number(process.env[BUILD_PID_VARIABLE]);
  if (build > 0) {
    try {
      // The build's process group: scripts/build.js and jsii.
      process.kill(-build);
    } catch {
      // Finished.
    }
  }
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
