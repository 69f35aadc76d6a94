#!/usr/bin/env node
// `npm run build` (and `npm pack` through prepack): a clean jsii build, so files of deleted sources never reach the
// package. When dist/ and .jsii were built from exactly the current inputs (sources, generated types, configuration,
// README, jsii version), the build is skipped: the package test packs the library on every `npm test`. `--force`
// always builds.
//
// jsii prints a banner on Node 20, which reached end-of-life on 2026-04-30 and which jsii stopped supporting on
// 2026-10-30. The library itself runs on Node 20.16 or newer (package.json `engines`), and this project's CI runs on
// Node 20, so the banner is silenced for Node 20 only: on any other unsupported version it still shows.
const { spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const stamp = path.join(root, 'dist', '.inputs-sha256');
const args = process.argv.slice(2).filter((arg) => arg !== '--force');
const digest = inputsDigest();

if (!process.argv.includes('--force') && fs.existsSync(path.join(root, '.jsii')) && fs.existsSync(stamp)
  && fs.readFileSync(stamp, 'utf8') === digest) {
  process.stdout.write('build: dist/ and .jsii are up to date with their inputs (npm run build -- --force rebuilds)\n');
  process.exit(0);
}

for (const entry of ['dist', '.jsii']) fs.rmSync(path.join(root, entry), { recursive: true, force: true });
const jsii = require.resolve('jsii/bin/jsii', { paths: [root] });
// jsii parses the provider assemblies (about 260 MB of JSON); a smaller heap makes it collect sooner and keeps the
// build near 800 MB instead of 1 GB, which matters on CI machines where it runs beside the test workers.
const result = spawnSync(process.execPath, ['--max-old-space-size=640', jsii, '--silence-warnings=reserved-word', ...args], {
  cwd: root,
  stdio: 'inherit',
  env: { JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20', ...process.env },
});
if (result.status === 0) {
  // The manifest validators `npm run gen` writes as JavaScript, which jsii does not compile.
  for (const file of walk('.gen').filter((f) => f.endsWith('.validate.js'))) {
    fs.mkdirSync(path.dirname(path.join(root, 'dist', file)), { recursive: true });
    fs.copyFileSync(path.join(root, file), path.join(root, 'dist', file));
  }
  fs.writeFileSync(stamp, digest);
}
process.exit(result.status ?? 1);

function inputsDigest() {
  const hash = crypto.createHash('sha256');
  const files = [...walk('lib'), ...walk('.gen'), 'package.json', 'tsconfig.jsii.json', 'README.md', 'node_modules/jsii/package.json'];
  for (const file of files.sort()) hash.update(`${file}\0`).update(fs.readFileSync(path.join(root, file))).update('\0');
  return hash.digest('hex');
}

function walk(dir) {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath ?? entry.path, entry.name)));
}
