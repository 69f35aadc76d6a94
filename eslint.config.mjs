// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdktf.out/', 'dist/', '.gen/', 'coverage/', '**/*.js', '!scripts/*.js', '!tools/jest/*.js', '!eslint.config.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', __filename: 'readonly' } },
    rules: {
      // Provider packages must be imported by deep path: a package-root import costs ~4 s and ~400 MB per process.
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '^@cdktf/provider-(google|google-beta|kubernetes)$', message: 'Import the resource by deep path, e.g. @cdktf/provider-google/lib/privateca-ca-pool.' }],
      }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-new': 'off',
    },
  },
  {
    files: ['scripts/*.js', 'tools/jest/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
