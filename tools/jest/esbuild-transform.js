/**
 * Jest's TypeScript transform: esbuild strips the types and emits CommonJS, as `tsc` would with isolatedModules (set
 * in tsconfig.json, whose compiler options it reads). It does not type-check: `npm test` runs `tsc --noEmit` first.
 *
 * Replaces ts-jest, which spent seconds per clean run loading TypeScript in every worker and transpiling with it.
 * esbuild is already a dev dependency (the app command's bundler); its jest wrappers on npm are unmaintained.
 *
 * Unlike ts-jest, nothing hoists `jest.mock()` calls above the imports: a test that mocks a module its imports load
 * requires them after the mock.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');

const tsconfigRaw = fs.readFileSync(path.join(__dirname, '..', '..', 'tsconfig.json'), 'utf8');
const salt = crypto.createHash('sha256').update(esbuild.version).update(tsconfigRaw).update(fs.readFileSync(__filename)).digest('hex');

module.exports = {
  getCacheKey(sourceText, sourcePath) {
    return crypto.createHash('sha256').update(salt).update(sourcePath).update('\0').update(sourceText).digest('hex');
  },
  process(sourceText, sourcePath) {
    const { code, map } = esbuild.transformSync(sourceText, {
      loader: 'ts', format: 'cjs', target: `node${process.versions.node.split('.')[0]}`, tsconfigRaw, sourcefile: sourcePath, sourcemap: 'external',
      // import() becomes a require, as tsc emits it for CommonJS: jest runs no ES modules without a Node flag.
      supported: { 'dynamic-import': false },
    });
    return { code, map };
  },
};
