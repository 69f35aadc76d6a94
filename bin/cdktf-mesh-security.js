#!/usr/bin/env node
// The package's command: `npx @zerotrust-gcp/cdktf-mesh-security posture cdktf.out` (docs/posture.md).
// It loads only the posture module's CLI (lib/posture/cli), which reads JSON and needs neither cdktf nor the
// providers, so it also checks Terraform JSON of apps written without this library.
// Installed from npm it runs the compiled module in dist/; in the repository under tsx (`npm run posture`), the
// TypeScript source, so no build is needed.
'use strict';
const fs = require('fs');
const path = require('path');

const source = path.join(__dirname, '..', 'lib', 'posture', 'cli.ts');
const compiled = path.join(__dirname, '..', 'dist', 'lib', 'posture', 'cli.js');
// tsx registers a loader for .ts files; plain node does not.
const canLoadTypeScript = require.extensions['.ts'] !== undefined;

let cli;
if (canLoadTypeScript && fs.existsSync(source)) cli = require(source);
else if (fs.existsSync(compiled)) cli = require(compiled);
else {
  process.stderr.write(`cdktf-mesh-security: ${compiled} is missing. Run \`npm run build\`, or run this file with tsx.\n`);
  process.exit(2);
}
cli.PostureCli.main(process.argv.slice(2));
