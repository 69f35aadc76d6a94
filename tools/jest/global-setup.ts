/**
 * Jest globalSetup: prepares the Terraform harness once before the workers start, so they find it ready
 * instead of racing to build it. Wire it in jest.config.js:
 *
 *   globalSetup: '<rootDir>/tools/terraform/jest-global-setup.ts',
 */
import { prepareHarness } from './harness';

export default async function globalSetup(): Promise<void> {
  await prepareHarness();
}
