#!/usr/bin/env node
// The cdktf app command (cdktf.json "app": "node scripts/run-app.js main.ts"): runs main.ts, or the TypeScript entry
// given as the first argument, as one esbuild bundle instead of type-stripping every file with tsx at each synth
// (issue 12, `npm run bench`).
//
// - The bundle and its V8 code cache live in node_modules/.cache/cdktf-app/ (ignored by git). The bundle is rebuilt
//   when a project file it was built from changes (size or modification time), or tsconfig.json, package.json, the lock
//   file, the installed packages, esbuild or this script do; the first synth after a change pays the build (about a
//   second), later ones reuse it.
// - One file instead of hundreds saves resolving and reading the modules of cdktf and the provider bindings; the code
//   cache saves V8 parsing and compiling the bundle's ten megabytes again at every synth.
// - esbuild does not type-check: `npm test` (tsc --noEmit) does.
const { Buffer } = require('buffer');
const fs = require('fs');
const Module = require('module');
const path = require('path');
const { setImmediate } = require('timers');
const vm = require('vm');

const root = path.resolve(__dirname, '..');
const cacheDir = path.join(root, 'node_modules', '.cache', 'cdktf-app');
/** Files every bundle depends on besides its inputs: resolution settings and the build itself. */
const buildFiles = ['tsconfig.json', 'package.json', 'package-lock.json', 'node_modules/esbuild/package.json', path.relative(root, module.filename)];
/**
 * npm rewrites this file at every install, update or removal: with the lock file it stands for the packages' files,
 * which are not checked one by one (three quarters of the inputs; a file patched by hand in node_modules goes unnoticed).
 */
const installedPackages = 'node_modules/.package-lock.json';

const randomHex = (bytes) => require('crypto').randomBytes(bytes).toString('hex');

/** Where the bundle of `entry` (a path relative to the project, e.g. `main.ts`) and its caches go. */
function bundlePaths(entry, dir = cacheDir) {
  const name = path.relative(root, path.resolve(root, entry)).replace(/\.[cm]?tsx?$/, '').replace(/[^A-Za-z0-9_.-]/g, '_');
  const base = path.join(dir, name);
  return { entry: path.resolve(root, entry), js: `${base}.js`, meta: `${base}.inputs.json`, codeCache: `${base}.v8-cache` };
}

function fileStamp(file) {
  const stat = fs.statSync(path.join(root, file), { throwIfNoEntry: false });
  return stat ? [stat.mtimeMs, stat.size] : null;
}

/** Whether the bundle exists and none of the files it was built from changed since. */
function isFresh(paths) {
  let inputs;
  try {
    inputs = JSON.parse(fs.readFileSync(paths.meta, 'utf8'));
  } catch {
    return false;
  }
  for (const [file, stamp] of Object.entries(inputs)) {
    const now = fileStamp(file);
    if (!now || now[0] !== stamp[0] || now[1] !== stamp[1]) return false;
  }
  return fs.existsSync(paths.js);
}

/**
 * Whether the bundle must be built first: it is missing or stale. `RUN_APP_REBUILD=never` keeps a stale bundle (it
 * still checks, at the same cost): `npm run bench` times synths, not rebuilds caused by edits made meanwhile.
 */
function needsBuild(paths) {
  return !isFresh(paths) && !(process.env.RUN_APP_REBUILD === 'never' && fs.existsSync(paths.js));
}

/**
 * The project's TypeScript files as CommonJS modules, one function each, as `tsc` emits them. esbuild would otherwise
 * hoist them all into the bundle's top-level function, and V8 formats a stack frame by scanning its function's
 * position table from the start: cdktf records a full stack trace for every token and nested block it creates, and
 * with a frame deep in the bundle's largest function in each of them, synth took a third longer.
 * As separate modules no identifier is renamed either, so class names in messages stay as written (no keepNames).
 */
function typescriptAsCommonJs(esbuild, target) {
  const tsconfigRaw = fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8');
  return {
    name: 'typescript-as-commonjs',
    setup(builder) {
      builder.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const source = await fs.promises.readFile(args.path, 'utf8');
        const { code } = await esbuild.transform(source, { loader: 'ts', format: 'cjs', target, tsconfigRaw, sourcefile: args.path });
        return { contents: code, loader: 'js' };
      });
    },
  };
}

/**
 * Bundles `paths.entry` with esbuild and returns the bundle's text. The files are replaced atomically (written under
 * a temporary name, then renamed); when they cannot be written (a read-only node_modules), the text still runs.
 */
async function build(paths) {
  const esbuild = require('esbuild');
  const started = Date.now();
  const target = `node${process.versions.node.split('.')[0]}`;
  const result = await esbuild.build({
    // The bundle exports a function that runs the app, so the app does not run inside the bundle's top-level
    // function either (see typescriptAsCommonJs).
    stdin: { contents: `module.exports = () => require(${JSON.stringify(paths.entry)});`, resolveDir: root, sourcefile: 'run-app-entry.js' },
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target,
    format: 'cjs',
    plugins: [typescriptAsCommonJs(esbuild, target)],
    // Names this build, for its code cache (see runBundle).
    banner: { js: `// run-app bundle ${randomHex(8)}` },
    // Whitespace and comments only (names stay as written): V8 reads a third less source at every synth, which took
    // 40 ms off the reference topology's synth (`npm run bench`).
    minifyWhitespace: true,
    // esbuild's default, stated because runBundle relies on it: every other character is written as an escape.
    charset: 'ascii',
    metafile: true,
    write: false,
    outfile: paths.js,
    logLevel: 'warning',
  });
  // Wrapped as Node wraps a CommonJS module, once here rather than at every synth (a copy of megabytes).
  const output = result.outputFiles[0].text;
  const newline = output.indexOf('\n');
  const text = `${output.slice(0, newline)}\n${Module.wrap(output.slice(newline + 1))}`;
  const inputs = {};
  for (const file of [...Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules/')), ...buildFiles, installedPackages]) {
    const stamp = fileStamp(file);
    // A file edited while esbuild read it may be bundled in its old state: record it as changed.
    if (stamp) inputs[file] = stamp[0] >= started ? [-1, -1] : stamp;
  }
  try {
    fs.mkdirSync(path.dirname(paths.js), { recursive: true });
    const suffix = `.${process.pid}.${randomHex(4)}.tmp`;
    fs.rmSync(paths.codeCache, { force: true });
    fs.writeFileSync(paths.js + suffix, text);
    fs.renameSync(paths.js + suffix, paths.js);
    fs.writeFileSync(paths.meta + suffix, JSON.stringify(inputs));
    fs.renameSync(paths.meta + suffix, paths.meta);
  } catch (error) {
    process.emitWarning(`run-app: cannot keep the bundle in ${path.dirname(paths.js)} (${error.message}); it is rebuilt at every synth.`);
  }
  return text;
}

/**
 * The V8 code cache of this very build of the bundle, if there is one. V8 accepts a cache for any source of the same
 * length, so the cache file starts with the bundle's banner line, which names its build.
 */
function readCodeCache(paths, banner) {
  let data;
  try {
    data = fs.readFileSync(paths.codeCache);
  } catch {
    return undefined;
  }
  const header = Buffer.from(`${banner}\n`);
  return data.subarray(0, header.length).equals(header) ? data.subarray(header.length) : undefined;
}

/**
 * The bundle's text. It is ASCII (`charset` in build), so latin1 reads it byte for byte, and Node hands V8 a string
 * that points at the file's bytes instead of decoding UTF-8 into an 8 MB copy on the V8 heap: the heap stays smaller
 * and needs fewer collections, 20 ms less wall time and 40 ms less CPU per synth of the reference topology.
 */
function readBundle(paths) {
  return fs.readFileSync(paths.js, 'latin1');
}

/**
 * Runs the bundle as Node runs a CommonJS main module, with a V8 code cache: created at exit of the first run (it
 * then holds the functions the synth compiled) and again whenever V8 rejects it (another Node version or V8 flags).
 */
function runBundle(paths, source = readBundle(paths)) {
  const filename = paths.js;
  const banner = source.slice(0, source.indexOf('\n'));
  const cachedData = readCodeCache(paths, banner);
  const script = new vm.Script(source, {
    filename,
    cachedData,
    importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (cachedData === undefined || script.cachedDataRejected) {
    process.once('exit', () => {
      try {
        const suffix = `.${process.pid}.tmp`;
        fs.writeFileSync(paths.codeCache + suffix, Buffer.concat([Buffer.from(`${banner}\n`), script.createCachedData()]));
        fs.renameSync(paths.codeCache + suffix, paths.codeCache);
      } catch {
        // Only a cache: the next run tries again.
      }
    });
  }
  const bundle = new Module(filename, null);
  bundle.filename = filename;
  bundle.paths = Module._nodeModulePaths(path.dirname(filename));
  script.runInThisContext().call(bundle.exports, bundle.exports, Module.createRequire(filename), bundle, filename, path.dirname(filename));
  bundle.loaded = true;
  bundle.exports();
}

module.exports = { build, bundlePaths, needsBuild, runBundle };

if (require.main === module) {
  const entry = process.argv[2] ?? 'main.ts';
  // The app sees the arguments after the entry, as if it had been started directly.
  process.argv.splice(1, 2, path.resolve(root, entry));
  const paths = bundlePaths(entry);
  if (!needsBuild(paths)) {
    runBundle(paths);
  } else {
    // The app runs outside the promise, so its errors are reported as when it runs directly.
    build(paths).then((source) => setImmediate(runBundle, paths, source), (error) => {
      process.exitCode = 1;
      console.error(error);
    });
  }
}
