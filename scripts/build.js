#!/usr/bin/env node
// `npm run build` (and `npm pack` through prepack): a clean jsii build, so files of deleted sources never reach the
// package.
//
// jsii prints a banner on Node 20, which reached end-of-life on 2026-04-30 and which jsii stopped supporting on
// 2026-10-30. The library itself runs on Node 20.16 or newer (package.json `engines`), and this project's CI runs on
// Node 20, so the banner is silenced for Node 20 only: on any other unsupported version it still shows.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
for (const entry of ['dist', '.jsii']) fs.rmSync(path.join(root, entry), { recursive: true, force: true });

const jsii = require.resolve('jsii/bin/jsii', { paths: [root] });
// jsii parses the provider assemblies (about 260 MB of JSON); a smaller heap makes it collect sooner and keeps the
// build near 800 MB instead of 1 GB, which matters on CI machines where it runs beside the test workers.
const result = spawnSync(process.execPath, ['--max-old-space-size=640', jsii, '--silence-warnings=reserved-word', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20', ...process.env },
});
process.exit(result.status ?? 1);
