import '../app/fast-synth';
import { Testing } from 'cdktf';

// Registers cdktf's jest matchers (toHaveResourceWithProperties, …) for every test file.
Testing.setupJest();

// Apps synthesized by tests keep their warnings in the manifest instead of printing them (lib/core/warnings.ts);
// __tests__/core/warnings.test.ts checks the printing itself.
process.env.CDKTF_CONTEXT_JSON = JSON.stringify({ '@zerotrust-gcp/cdktf-mesh-security:printWarnings': false });

// cdktf records the call stack of every token it creates (creationStack), and shows it only when a token cannot be
// resolved: the tests cap those stacks as main.ts does (app/fast-synth.ts). Under jest, source-map-support would
// also map every frame back to TypeScript (more than half of the run): creation stacks are formatted plainly, while
// traces of real errors (Error instances) are still mapped.
const mapStackTrace = Error.prepareStackTrace;
Error.prepareStackTrace = (error: unknown, frames: NodeJS.CallSite[]) => (error instanceof Error && mapStackTrace
  ? mapStackTrace(error, frames)
  : `${String(error)}\n${frames.map((frame) => `    at ${String(frame)}`).join('\n')}`);

// A test that asserts nothing is a defect: fail it.
beforeEach(() => {
  expect.hasAssertions();
});
