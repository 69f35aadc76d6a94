import * as path from 'path';

/** Repository root (the folder holding package.json). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/**
 * Upstream schemas shared by every developer machine and CI (`../shared/schemas`).
 * They are read in place, never copied into the repository; SHARED_SCHEMAS_DIR overrides the location.
 */
export const SHARED_SCHEMAS_DIR = process.env.SHARED_SCHEMAS_DIR ?? path.resolve(REPO_ROOT, '..', 'shared', 'schemas');
