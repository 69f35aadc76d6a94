import { Testing } from 'cdktf';

// Registers cdktf's jest matchers (toHaveResourceWithProperties, …) for every test file.
Testing.setupJest();

// Apps synthesized by tests keep their warnings in the manifest instead of printing them (lib/core/warnings.ts);
// __tests__/core/warnings.test.ts checks the printing itself.
process.env.CDKTF_CONTEXT_JSON = JSON.stringify({ '@zerotrust-gcp/cdktf-mesh-security:printWarnings': false });

// cdktf records the full call stack of every token it creates (creationStack), through Error.captureStackTrace on a
// plain object. Under jest, source-map-support maps every frame of those stacks back to TypeScript, which took more
// than half of the run. Traces of real errors (Error instances) are still mapped; creation stacks are formatted plainly,
// their first frames only (cdktf shows them only when a token cannot be resolved).
const mapStackTrace = Error.prepareStackTrace;
Error.prepareStackTrace = (error: unknown, frames: NodeJS.CallSite[]) => (error instanceof Error && mapStackTrace
  ? mapStackTrace(error, frames)
  : `${String(error)}\n${frames.slice(0, 10).map((frame) => `    at ${String(frame)}`).join('\n')}`);

// A test that asserts nothing is a defect: fail it.
beforeEach(() => {
  expect.hasAssertions();
});
