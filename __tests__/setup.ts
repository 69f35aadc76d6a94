import { Testing } from 'cdktf';

// Registers cdktf's jest matchers (toHaveResourceWithProperties, …) for every test file.
Testing.setupJest();

// Apps synthesized by tests keep their warnings in the manifest instead of printing them (lib/core/warnings.ts);
// __tests__/core/warnings.test.ts checks the printing itself.
process.env.CDKTF_CONTEXT_JSON = JSON.stringify({ '@zerotrust-gcp/cdktf-mesh-security:printWarnings': false });

// A test that asserts nothing is a defect: fail it.
beforeEach(() => {
  expect.hasAssertions();
});
