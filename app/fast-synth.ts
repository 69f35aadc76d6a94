/**
 * Imported first by main.ts: process settings that make synthesis faster without changing its output (`npm run
 * bench`). An app's choice, never the library's: a library must not change its host process.
 *
 * - tsx turns on source maps for stack traces, which makes Node parse the inline source map of every module it loads
 *   (the provider packages carry large ones). Synthesis never needs mapped stack traces; error messages are unaffected.
 * - cdktf records the call stack of every token it creates (Error.captureStackTrace with the frame limit lifted), and
 *   shows it only when a token cannot be resolved. Five frames are kept, which name the construct that made it, as
 *   `new MeshBackendService`: without file positions, which V8 computes by scanning each function's position table
 *   (a third of the reference topology's construction time) and which in the app's bundle say nothing anyway.
 */
process.setSourceMapsEnabled(false);

const names = (_target: unknown, frames: NodeJS.CallSite[]): string => `Error${frames.map((frame) => {
  const name = frame.getFunctionName() ?? '<anonymous>';
  if (frame.isConstructor()) return `\n    at new ${name}`;
  const type = frame.getTypeName();
  return `\n    at ${type && type !== 'Object' && !name.startsWith(`${type}.`) ? `${type}.${name}` : name}`;
}).join('')}`;

const captureStackTrace = Error.captureStackTrace;
Error.captureStackTrace = (target: object, constructorOpt?: (...args: never[]) => unknown): void => {
  if (target instanceof Error) return captureStackTrace(target, constructorOpt);
  const limit = Error.stackTraceLimit;
  const prepare = Error.prepareStackTrace;
  Error.stackTraceLimit = Math.min(limit, 5);
  Error.prepareStackTrace = names;
  try {
    captureStackTrace(target, constructorOpt);
    // V8 formats the trace when it is first read: here, while `names` is the formatter.
    void (target as { stack?: unknown }).stack;
  } finally {
    Error.stackTraceLimit = limit;
    Error.prepareStackTrace = prepare;
  }
};
