/**
 * Imported first by main.ts: process settings that make synthesis faster without changing its output (`npm run
 * bench`). An app's choice, never the library's: a library must not change its host process.
 *
 * - tsx turns on source maps for stack traces, which makes Node parse the inline source map of every module it loads
 *   (the provider packages carry large ones). Synthesis never needs mapped stack traces; error messages are unaffected.
 * - cdktf records the full call stack of every token it creates (Error.captureStackTrace with the frame limit lifted),
 *   and shows it only when a token cannot be resolved: five frames are kept, which name the construct that made it.
 */
process.setSourceMapsEnabled(false);

const captureStackTrace = Error.captureStackTrace;
Error.captureStackTrace = (target: object, constructorOpt?: (...args: never[]) => unknown): void => {
  if (target instanceof Error) return captureStackTrace(target, constructorOpt);
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = Math.min(limit, 5);
  try {
    captureStackTrace(target, constructorOpt);
  } finally {
    Error.stackTraceLimit = limit;
  }
};
