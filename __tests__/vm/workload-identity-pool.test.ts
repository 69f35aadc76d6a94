import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import { TerraformVariable, Token } from 'cdktf';
import { CaPool, CaPoolTier } from '../../lib/ca';
import { IamMember, TrustDomain } from '../../lib/core';
import { WorkloadIdentityPool, WorkloadIdentityPoolMode } from '../../lib/vm';
import { all, only, PROJECT_NUMBER, synthVm, TRUST_DOMAIN, vmStack } from './fixtures';

const POOL = 'google_iam_workload_identity_pool';
const PRINCIPAL_SET = 'principalSet://iam.googleapis.com/projects/123456789012/name/locations/global/workloadIdentityPools/mwlid-pool/*';

function pool(extra: Record<string, unknown> = {}) {
  const stack = vmStack();
  const created = new WorkloadIdentityPool(stack, 'Pool', { projectNumber: PROJECT_NUMBER, name: 'mwlid-pool', ...extra });
  return { stack, pool: created };
}

describe('WorkloadIdentityPool', () => {
  it('W1: creates the pool in TRUST_DOMAIN mode with google-beta', () => {
    const { stack } = pool();
    expect(only(synthVm(stack), POOL)).toMatchObject({
      provider: 'google-beta',
      project: 'my-project-id',
      workload_identity_pool_id: 'mwlid-pool',
      mode: 'TRUST_DOMAIN',
    });
  });

  it('W1: computes the trust domain POOL_ID.global.PROJECT_NUMBER.workload.id.goog and the IAM resource name', () => {
    const { pool: p } = pool();
    expect(p.trustDomain).toBeInstanceOf(TrustDomain);
    expect(p.trustDomain.name).toBe(TRUST_DOMAIN);
    expect(p.name).toBe('mwlid-pool');
    expect(p.resourceName).toBe('projects/123456789012/locations/global/workloadIdentityPools/mwlid-pool');
    expect(p.mode).toBe(WorkloadIdentityPoolMode.TRUST_DOMAIN);
  });

  it('X6: the pool carries prevent_destroy unless allowDestroy (a deleted pool ID is held for 30 days)', () => {
    expect(only(synthVm(pool().stack), POOL).lifecycle).toEqual({ prevent_destroy: true });
    expect(only(synthVm(pool({ allowDestroy: true }).stack), POOL).lifecycle).toEqual({ prevent_destroy: false });
  });

  it('uses the stack\'s google-beta provider, or creates one for the project', () => {
    const { stack } = pool();
    expect((synthVm(stack).provider as Record<string, unknown>)['google-beta']).toEqual([{ project: 'my-project-id' }]);
    const shared = vmStack();
    new GoogleBetaProvider(shared, 'beta', { project: 'my-project-id', billingProject: 'my-project-id', userProjectOverride: true });
    new WorkloadIdentityPool(shared, 'Pool', { projectNumber: PROJECT_NUMBER, name: 'mwlid-pool' });
    expect((synthVm(shared).provider as Record<string, unknown>)['google-beta']).toEqual([
      { billing_project: 'my-project-id', project: 'my-project-id', user_project_override: true },
    ]);
  });

  describe('W3: the principal set of the pool\'s managed identities', () => {
    it('W3: defaults to the /name/ form of Google\'s current guide', () => {
      expect(pool().pool.principalSet.member).toBe(PRINCIPAL_SET);
      expect(WorkloadIdentityPool.principalSetOf('42', 'p')).toEqual(IamMember.of(
        'principalSet://iam.googleapis.com/projects/42/name/locations/global/workloadIdentityPools/p/*'));
    });

    it('W3: grants workloadCertificateRequester and poolReader on the CA pool, after the pool exists', () => {
      const { stack, pool: p } = pool();
      const caPool = new CaPool(stack, 'Sub', { location: 'us-east1', name: 'mwlid-sub-pool', tier: CaPoolTier.DEVOPS });
      p.authorizeCertificateRequests(caPool);
      p.authorizeCertificateRequests(caPool);
      const grants = all(synthVm(stack), 'google_privateca_ca_pool_iam_member');
      expect(grants.map((g) => [g.role, g.member, g.ca_pool])).toEqual([
        ['roles/privateca.poolReader', PRINCIPAL_SET, 'projects/my-project-id/locations/us-east1/caPools/mwlid-sub-pool'],
        ['roles/privateca.workloadCertificateRequester', PRINCIPAL_SET, 'projects/my-project-id/locations/us-east1/caPools/mwlid-sub-pool'],
      ]);
      for (const grant of grants) expect(grant.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^google_iam_workload_identity_pool\.Pool_/)]));
    });

    it('W3: a user can override the member, e.g. with the older form without /name/', () => {
      const older = IamMember.of('principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/mwlid-pool/*');
      const { stack, pool: p } = pool({ principalSet: older });
      p.authorizeCertificateRequests(new CaPool(stack, 'Sub', { location: 'us-east1', name: 'mwlid-sub-pool', tier: CaPoolTier.DEVOPS }));
      expect(all(synthVm(stack), 'google_privateca_ca_pool_iam_member').map((g) => g.member)).toEqual([older.member, older.member]);
    });

    it('W3: an override that is no principal (set) is rejected', () => {
      expect(() => pool({ principalSet: IamMember.user('alice@example.com') })).toThrow(
        'test/Pool: principalSet is not a principal or principal set of the pool (got "user:alice@example.com"). ' +
        'Use the pool\'s principal set, e.g. WorkloadIdentityPool.principalSetOf(projectNumber, poolId).');
    });
  });

  describe('adoption', () => {
    it('W1: adopts a pool by attributes or by trust domain, with the same trust domain', () => {
      const stack = vmStack();
      const byAttributes = WorkloadIdentityPool.fromWorkloadIdentityPoolAttributes(stack, 'A', { projectNumber: PROJECT_NUMBER, name: 'mwlid-pool' });
      const byTrustDomain = WorkloadIdentityPool.fromTrustDomain(stack, 'B', { trustDomain: TrustDomain.of(TRUST_DOMAIN) });
      expect([byAttributes.trustDomain.name, byTrustDomain.trustDomain.name]).toEqual([TRUST_DOMAIN, TRUST_DOMAIN]);
      expect([byTrustDomain.name, byTrustDomain.projectNumber]).toEqual(['mwlid-pool', PROJECT_NUMBER]);
      expect(byAttributes.principalSet.member).toBe(PRINCIPAL_SET);
    });

    it('W4: a trust domain that is not a pool\'s is rejected', () => {
      expect(() => WorkloadIdentityPool.fromTrustDomain(vmStack(), 'B', { trustDomain: TrustDomain.forGkeProject('my-project-id') })).toThrow(
        'test/B: trustDomain is not the trust domain of a workload identity pool (got "my-project-id.svc.id.goog"). ' +
        'Managed workload identities live in the trust domain POOL_ID.global.PROJECT_NUMBER.workload.id.goog, e.g. "vm-workloads.global.123456789012.workload.id.goog".');
    });
  });

  describe('X2: bad input names the construct path, the field, the value and the fix', () => {
    const NUMBER_FIX = 'Use the numeric project number shown by `gcloud projects describe PROJECT_ID --format="value(projectNumber)"`.';
    const ID_FIX = 'Use 4-32 lowercase letters, digits and hyphens, starting and ending with a letter or digit and not starting with "gcp-", e.g. "vm-workloads".';
    it.each([
      ['projectNumber', undefined, `test/Pool: projectNumber is required (got nothing). ${NUMBER_FIX}`],
      ['projectNumber', null, `test/Pool: projectNumber is required (got null). ${NUMBER_FIX}`],
      ['projectNumber', 123456789012, `test/Pool: projectNumber must be a string (got 123456789012). ${NUMBER_FIX}`],
      ['projectNumber', 'my-project-id', `test/Pool: projectNumber is not a project number (got "my-project-id"). ${NUMBER_FIX}`],
      ['name', undefined, `test/Pool: name is required (got nothing). ${ID_FIX}`],
      ['name', null, `test/Pool: name is required (got null). ${ID_FIX}`],
      ['name', 42, `test/Pool: name must be a string (got 42). ${ID_FIX}`],
      ['name', 'gcp-pool', `test/Pool: name is not a valid workload identity pool ID (got "gcp-pool"). ${ID_FIX}`],
      ['name', 'abc', `test/Pool: name is not a valid workload identity pool ID (got "abc"). ${ID_FIX}`],
      ['name', 'Pool_1', `test/Pool: name is not a valid workload identity pool ID (got "Pool_1"). ${ID_FIX}`],
      ['allowDestroy', 'yes', 'test/Pool: allowDestroy must be true or false (got "yes"). Set allowDestroy to true or false.'],
      ['displayName', 'x'.repeat(33), `test/Pool: displayName is longer than 32 characters (got "${'x'.repeat(33)}"). Shorten the display name to at most 32 characters.`],
      ['principalSet', 'principalSet://x', 'test/Pool: principalSet is not a IamMember (got "principalSet://x"). Pass IamMember.of("principalSet://iam.googleapis.com/projects/PROJECT_NUMBER/name/locations/global/workloadIdentityPools/POOL_ID/*"), or leave it out.'],
      ['betaProvider', {}, 'test/Pool: betaProvider is not a GoogleBetaProvider (got {}). Pass the stack\'s GoogleBetaProvider, or leave betaProvider out.'],
    ])('%s = %j', (field, value, message) => {
      expect(() => pool({ [field]: value })).toThrow(message);
    });

    it('props themselves missing', () => {
      expect(() => new WorkloadIdentityPool(vmStack(), 'Pool', undefined as never)).toThrow(
        'test/Pool: props is required (got nothing). Pass { projectNumber, name }, e.g. { projectNumber: "123456789012", name: "vm-workloads" }.');
    });

    it('an adopted pool of an unknown mode', () => {
      expect(() => WorkloadIdentityPool.fromWorkloadIdentityPoolAttributes(vmStack(), 'A', {
        projectNumber: PROJECT_NUMBER, name: 'mwlid-pool', mode: 'TRUST' as WorkloadIdentityPoolMode,
      })).toThrow('test/A: mode is not a workload identity pool mode (got "TRUST"). Use one of: TRUST_DOMAIN, FEDERATION_ONLY.');
    });
  });

  it('X5: tokens for the project number and pool ID are not rejected', () => {
    const stack = vmStack();
    const number = new TerraformVariable(stack, 'number', { type: 'string' });
    const p = new WorkloadIdentityPool(stack, 'Pool', { projectNumber: number.stringValue, name: Token.asString('mwlid-pool') });
    expect(p.trustDomain.name).toContain('.global.');
    expect(only(synthVm(stack), POOL).workload_identity_pool_id).toBe('mwlid-pool');
  });

  it('X4: two synths are byte-identical', () => {
    const render = () => {
      const { stack, pool: p } = pool();
      p.authorizeCertificateRequests(new CaPool(stack, 'Sub', { location: 'us-east1', name: 'mwlid-sub-pool', tier: CaPoolTier.DEVOPS }));
      return JSON.stringify(synthVm(stack));
    };
    expect(render()).toBe(render());
  });
});
