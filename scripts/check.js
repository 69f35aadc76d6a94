#!/usr/bin/env node
// `npm test`'s pretest: the type check (`npm run typecheck`) and the lint (`npm run lint`) side by side, one per
// core, each printed whole once done; fails when either fails.
const { spawn } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
const bin = (pkg, file) => path.join(root, 'node_modules', pkg, file);
const checks = [
  { name: 'typecheck', args: [bin('typescript', 'bin/tsc'), '--noEmit', '-p', 'tsconfig.json'] },
  // The cache (keyed by file content and the configuration) lints only what changed since the last run.
  { name: 'lint', args: [bin('eslint', 'bin/eslint.js'), '--max-warnings', '0', '--cache', '--cache-strategy', 'content', '--cache-location', 'node_modules/.cache/eslint/', '.'] },
];

Promise.all(checks.map(({ name, args }) => new Promise((resolve) => {
  const child = spawn(process.execPath, args, { cwd: root });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  child.on('close', (code) => {
    process.stdout.write(`> ${name}: ${code === 0 ? 'ok' : `failed (exit code ${code})`}\n${output}`);
    resolve(code === 0);
  });
}))).then((passed) => { process.exitCode = passed.every(Boolean) ? 0 : 1; });
