import { Fn, Token } from 'cdktf';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { Construct } from 'constructs';
import { IamMember } from '../../lib/core';
import { testStack } from '../helpers/synth';

const FIX = 'Use the type:value form, e.g. IamMember.user("alice@example.com"), ' +
  'IamMember.serviceAccount("sa@project.iam.gserviceaccount.com") or IamMember.of("domain:example.com").';

function scope(): Construct {
  return new Construct(testStack(), 'Pool');
}

describe('IamMember factories', () => {
  it('user, group and serviceAccount prefix the member type', () => {
    expect(IamMember.user('alice@example.com').member).toBe('user:alice@example.com');
    expect(IamMember.group('mesh-admins@example.com').member).toBe('group:mesh-admins@example.com');
    expect(IamMember.serviceAccount('sa@my-project-id.iam.gserviceaccount.com').member)
      .toBe('serviceAccount:sa@my-project-id.iam.gserviceaccount.com');
  });

  it('S6: gkeServiceAgent is service-PROJNUM@container-engine-robot.iam.gserviceaccount.com', () => {
    expect(IamMember.gkeServiceAgent('123456789012').member)
      .toBe('serviceAccount:service-123456789012@container-engine-robot.iam.gserviceaccount.com');
  });

  it('S8: kubernetesServiceAccount is serviceAccount:POOL[NAMESPACE/KSA]', () => {
    expect(IamMember.kubernetesServiceAccount('p.svc.id.goog', 'ns', 'ksa').member).toBe('serviceAccount:p.svc.id.goog[ns/ksa]');
  });

  it('of keeps the member string as given, and toString returns it', () => {
    expect(IamMember.of('domain:example.com').member).toBe('domain:example.com');
    expect(IamMember.of('domain:example.com').toString()).toBe('domain:example.com');
  });

  it('factories never throw, even for a bad member', () => {
    expect(() => IamMember.of('alice@example.com')).not.toThrow();
    expect(() => IamMember.user('')).not.toThrow();
  });
});

describe('IamMember.validate', () => {
  it.each([
    'user:alice@example.com',
    'group:mesh-admins@example.com',
    'serviceAccount:service-123456789012@container-engine-robot.iam.gserviceaccount.com',
    'serviceAccount:p.svc.id.goog[ns/ksa]',
    'domain:example.com',
    'principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/pool/subject/alice',
    'principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/pool/*',
  ])('accepts %s', (member) => {
    expect(() => IamMember.of(member).validate(scope(), 'member')).not.toThrow();
  });

  it('X2: rejects a bare e-mail address with path, field, value and fix', () => {
    expect(() => IamMember.of('alice@example.com').validate(scope(), 'member'))
      .toThrow(`test/Pool: member is not an IAM member (got "alice@example.com"). ${FIX}`);
  });

  it.each([
    ['users:alice@example.com', '"users:alice@example.com"'],
    ['', '""'],
    ['alice', '"alice"'],
  ])('X2: rejects %j (unknown type, empty string, no type)', (member, got) => {
    expect(() => IamMember.of(member).validate(scope(), 'members[1]'))
      .toThrow(`test/Pool: members[1] is not an IAM member (got ${got}). ${FIX}`);
  });

  it.each([
    ['user:', 'user', 'user:alice@example.com'],
    ['user:alice', 'user', 'user:alice@example.com'],
    ['user:alice smith@example.com', 'user', 'user:alice@example.com'],
    ['group:admins', 'group', 'group:platform-admins@example.com'],
    ['serviceAccount:mesh-workloads', 'serviceAccount', 'serviceAccount:sa@my-project-id.iam.gserviceaccount.com'],
    ['domain:example', 'domain', 'domain:example.com'],
    ['principalSet:pool/*', 'principalSet', 'principalSet://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/POOL/*'],
  ])('X2: rejects %j, a malformed %s member', (member, type, example) => {
    expect(() => IamMember.of(member).validate(scope(), 'member'))
      .toThrow(`test/Pool: member is not a valid ${type} member (got ${JSON.stringify(member)}). Use the ${type}: form IAM expects, e.g. ${example}.`);
  });

  it('X2: rejects a deleted: principal, which cannot be granted', () => {
    expect(() => IamMember.of('deleted:serviceAccount:sa@my-project-id.iam.gserviceaccount.com?uid=1').validate(scope(), 'member')).toThrow(
      'test/Pool: member is a deleted principal (got "deleted:serviceAccount:sa@my-project-id.iam.gserviceaccount.com?uid=1"). ' +
      'Grant roles to an existing principal; deleted: members only appear in policies after a deletion.');
  });

  it('X2: gkeServiceAgent given a project ID instead of the number names the mistake', () => {
    expect(() => IamMember.gkeServiceAgent('my-project-id').validate(scope(), 'member')).toThrow(
      'test/Pool: member is the GKE service agent of something that is not a project number (got "my-project-id"). ' +
      'Pass the numeric project number to IamMember.gkeServiceAgent (gcloud projects describe PROJECT_ID --format="value(projectNumber)"), not the project ID.');
  });

  it('X5: accepts an unresolved token', () => {
    expect(() => IamMember.of(Token.asString(Fn.lower('X'))).validate(scope(), 'member')).not.toThrow();
  });

  it('X5: accepts a member built from a resource attribute', () => {
    const stack = testStack();
    const sa = new ServiceAccount(stack, 'Sa', { accountId: 'mesh-client' });
    expect(() => IamMember.serviceAccount(sa.email).validate(new Construct(stack, 'Pool'), 'member')).not.toThrow();
  });
});
