import { Testing } from 'cdktf';

// Registers cdktf's jest matchers (toHaveResourceWithProperties, …) for every test file.
Testing.setupJest();

// Apps synthesized by tests keep their warnings in the manifest instead of printing them (lib/core/warnings.ts);
// __tests__/core/warnings.test.ts checks the printing itself.
process.env.CDKTF_CONTEXT_JSON = JSON.stringify({ '@zerotrust-gcp/cdktf-mesh-security:printWarnings': false });

// cdktf records the full call stack of every token it creates (creationStack: Error.captureStackTrace on a plain
// object, with Error.stackTraceLimit lifted to infinity), and shows it only when a token cannot be resolved. Under
// jest those stacks are deep, and source-map-support maps every frame back to TypeScript: together more than half
// of the run. Creation stacks keep their first five frames, formatted without source maps; traces of real errors
// (Error instances) are untouched.
const captureStackTrace = Error.captureStackTrace;
Error.captureStackTrace = (target: object, constructorOpt?: (...args: never[]) => unknown) => {
  if (target instanceof Error) return captureStackTrace(target, constructorOpt);
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = Math.min(limit, 5);
  try {
    captureStackTrace(target, constructorOpt);
  } finally {
    Error.stackTraceLimit = limit;
  }
};
const mapStackTrace = Error.prepareStackTrace;
Error.prepareStackTrace = (error: unknown, frames: NodeJS.CallSite[]) => (error instanceof Error && mapStackTrace
  ? mapStackTrace(error, frames)
  : `${String(error)}\n${frames.map((frame) => `    at ${String(frame)}`).join('\n')}`);

// A test that asserts nothing is a defect: fail it.
beforeEach(() => {
  expect.hasAssertions();
});
