import { Testing } from 'cdktf';

// Registers cdktf's jest matchers (toHaveResourceWithProperties, …) for every test file.
Testing.setupJest();

// A test that asserts nothing is a defect: fail it.
beforeEach(() => {
  expect.hasAssertions();
});
