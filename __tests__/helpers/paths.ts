import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

/** Repository root (the folder holding package.json). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/**
 * Upstream schemas shared by every developer machine and CI (`../shared/schemas`).
 * They are read in place, never copied into the repository; SHARED_SCHEMAS_DIR overrides the location.
 */
export const SHARED_SCHEMAS_DIR = process.env.SHARED_SCHEMAS_DIR ?? path.resolve(REPO_ROOT, '..', 'shared', 'schemas');

assert.ok(fs.existsSync(SHARED_SCHEMAS_DIR),
  `Upstream schemas not found at ${SHARED_SCHEMAS_DIR}: clone the repository next to shared/ or set SHARED_SCHEMAS_DIR.`);
