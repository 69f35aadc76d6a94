/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Examples import the library by its package name, as users do.
  moduleNameMapper: { '^@zerotrust-gcp/cdktf-mesh-security$': '<rootDir>/lib/index.ts' },
  // swc strips types only; `npm test` runs `tsc --noEmit` first for the type check.
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true }, target: 'es2022' }, module: { type: 'commonjs' } }] },
  setupFilesAfterEnv: ['<rootDir>/__tests__/setup.ts'],
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
