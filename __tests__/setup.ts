import { Testing } from 'cdktf';

// Registers cdktf's jest matchers (toHaveResourceWithProperties, …) for every test file.
Testing.setupJest();

// Apps synthesized by tests keep their warnings in the manifest instead of printing them (lib/core/warnings.ts);
// __tests__/core/warnings.test.ts checks the printing itself.
process.env.CDKTF_CONTEXT_JSON = JSON.stringify({ '@zerotrust-gcp/cdktf-mesh-security:printWarnings': false });

// cdktf records the call stack of every token it creates (creationStack) and shows it only when a token cannot be
// resolved. main.ts keeps five frame names (app/fast-synth.ts, tested in __tests__/app/fast-synth.test.ts); tests keep
// none, which saves about 5 s of CPU per run (capturing and formatting, with source-map-support mapping every frame).
// Real errors keep their mapped traces.
const captureStackTrace = Error.captureStackTrace;
Error.captureStackTrace = (target: object, constructorOpt?: (...args: never[]) => unknown): void => {
  if (target instanceof Error) captureStackTrace(target, constructorOpt);
};

// A test that asserts nothing is a defect: fail it.
beforeEach(() => {
  expect.hasAssertions();
});
