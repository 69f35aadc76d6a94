import { Construct } from 'constructs';
import { AttestationRule, AttestationRuleKind } from '../../lib/vm';
import { PROJECT_NUMBER, vmStack } from './fixtures';

function scope(): Construct {
  return new Construct(vmStack(), 'Identity');
}

describe('AttestationRule', () => {
  it('W2: attachedServiceAccount is the seed\'s rule for VMs running as a service account', () => {
    const rule = AttestationRule.attachedServiceAccount(PROJECT_NUMBER, 'mwlid-backend@my-project-id.iam.gserviceaccount.com');
    expect(rule.googleCloudResource).toBe(
      '//compute.googleapis.com/projects/123456789012/type/Instance/attached_service_account.email/mwlid-backend@my-project-id.iam.gserviceaccount.com');
    expect([rule.kind, rule.serviceAccountEmail]).toEqual([AttestationRuleKind.SERVICE_ACCOUNT_EMAIL, 'mwlid-backend@my-project-id.iam.gserviceaccount.com']);
    expect(() => rule._validate(scope(), 'rule')).not.toThrow();
  });

  it('W2: the service account UID and instance ID forms of the IAM guide', () => {
    expect(AttestationRule.attachedServiceAccountUid(PROJECT_NUMBER, '1234').toString())
      .toBe('//compute.googleapis.com/projects/123456789012/type/Instance/attached_service_account.uid/1234');
    expect(AttestationRule.instance(PROJECT_NUMBER, 'us-east1-b', '987').toString())
      .toBe('//compute.googleapis.com/projects/123456789012/uid/zones/us-east1-b/instances/987');
  });

  it('X2: a service account email that is not one is named with the fix', () => {
    expect(() => AttestationRule.attachedServiceAccount(PROJECT_NUMBER, 'alice@example.com')._validate(scope(), 'rule')).toThrow(
      'test/Identity: rule.email is not a service account email (got "alice@example.com"). Use the account\'s email, e.g. ' +
      '"mesh-workloads@my-project-id.iam.gserviceaccount.com" or "PROJECT_NUMBER-compute@developer.gserviceaccount.com".');
  });

  it('X2: an instance rule with a bad zone is not a Compute Engine rule', () => {
    expect(() => AttestationRule.instance(PROJECT_NUMBER, 'us-east1', '987')._validate(scope(), 'rule')).toThrow(
      'test/Identity: rule is not a Compute Engine attestation rule (got "//compute.googleapis.com/projects/123456789012/uid/zones/us-east1/instances/987"). ' +
      'Use AttestationRule.attachedServiceAccount(projectNumber, email) or identity.allowVmsWithServiceAccount(serviceAccount).');
  });
});
