/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Examples import the library by its package name, as users do.
  moduleNameMapper: { '^@zerotrust-gcp/cdktf-mesh-security$': '<rootDir>/lib/index.ts' },
  // Transpile only (isolatedModules in tsconfig.json), with esbuild: `npm test` runs `tsc --noEmit` first for the type check.
  transform: { '^.+\\.ts$': '<rootDir>/tools/jest/esbuild-transform.js' },
  setupFilesAfterEnv: ['<rootDir>/__tests__/setup.ts'],
  // One temporary directory per run, removed afterwards; the offline Terraform harness is built once, before the workers start.
  globalSetup: '<rootDir>/tools/jest/global-setup.ts',
  globalTeardown: '<rootDir>/tools/jest/global-teardown.ts',
  testSequencer: '<rootDir>/tools/jest/sequencer.js',
  // Two cores: two workers (jest's default would be one). A worker whose heap outgrows the limit after a test file is
  // replaced, so the module registries of earlier files do not pile up. Each replacement costs a second or two; at
  // 400 MB jest replaced six workers per run and the run took 8 s longer; at 550 MB the largest worker stays near
  // 0.8 GB.
  maxWorkers: 2,
  workerIdleMemoryLimit: '550MB',
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
