import { TerraformVariable } from 'cdktf';
import { IamMember } from '../../lib/core';
import { VmServiceAccount } from '../../lib/vm';
import { only, synthVm, vmStack } from './fixtures';

describe('VmServiceAccount', () => {
  it('W2: creates a dedicated service account for the VMs, with no roles', () => {
    const stack = vmStack();
    const account = new VmServiceAccount(stack, 'Account', { accountId: 'mwlid-backend' });
    expect(account.email).toBe('mwlid-backend@my-project-id.iam.gserviceaccount.com');
    expect(account.member).toEqual(IamMember.serviceAccount('mwlid-backend@my-project-id.iam.gserviceaccount.com'));
    const json = synthVm(stack);
    expect(only(json, 'google_service_account')).toMatchObject({ account_id: 'mwlid-backend', project: 'my-project-id' });
    expect(Object.keys(json.resource ?? {})).toEqual(['google_service_account']);
  });

  it('W2: adopts an existing account by email', () => {
    const account = VmServiceAccount.fromServiceAccountAttributes(vmStack(), 'Existing', { email: '123456789012-compute@developer.gserviceaccount.com' });
    expect(account.member.member).toBe('serviceAccount:123456789012-compute@developer.gserviceaccount.com');
  });

  describe('X2: bad input', () => {
    const FIX = 'Use 6-30 lowercase letters, digits and hyphens, starting with a letter, e.g. "mwlid-backend".';
    it.each([
      [undefined, `test/Account: accountId is required (got nothing). ${FIX}`],
      [null, `test/Account: accountId is required (got null). ${FIX}`],
      [12345678, `test/Account: accountId must be a string (got 12345678). ${FIX}`],
      ['vm', `test/Account: accountId is not a valid service account ID (got "vm"). ${FIX}`],
    ])('accountId = %j', (accountId, message) => {
      expect(() => new VmServiceAccount(vmStack(), 'Account', { accountId: accountId as string })).toThrow(message);
    });

    it('an adopted account without an email', () => {
      expect(() => VmServiceAccount.fromServiceAccountAttributes(vmStack(), 'Existing', { email: 'not-an-email' })).toThrow(
        'test/Existing: email is not a service account email (got "not-an-email").');
    });
  });

  it('X5: an account ID known only at apply time is not rejected', () => {
    const stack = vmStack();
    const accountId = new TerraformVariable(stack, 'account', { type: 'string' }).stringValue;
    new VmServiceAccount(stack, 'Account', { accountId });
    expect(only(synthVm(stack), 'google_service_account').account_id).toBe('${var.account}');
  });
});
