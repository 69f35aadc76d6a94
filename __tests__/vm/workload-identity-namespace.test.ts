import { TerraformVariable } from 'cdktf';
import { WorkloadIdentityNamespace, WorkloadIdentityPool, WorkloadIdentityPoolMode } from '../../lib/vm';
import { only, PROJECT_NUMBER, synthVm, vmStack } from './fixtures';

const NAMESPACE = 'google_iam_workload_identity_pool_namespace';
const MODE_FIX = 'Managed workload identities exist only in a pool created in TRUST_DOMAIN mode, and a pool\'s mode cannot be changed: ' +
  'create a new WorkloadIdentityPool (mode TRUST_DOMAIN) with a new ID — a deleted pool\'s ID stays reserved for 30 days.';

describe('WorkloadIdentityNamespace', () => {
  it('W1: creates a namespace in the pool (google-beta), referencing the pool so it is created after it', () => {
    const stack = vmStack();
    const pool = new WorkloadIdentityPool(stack, 'Pool', { projectNumber: PROJECT_NUMBER, name: 'mwlid-pool' });
    const namespace = pool.addNamespace('Namespace', { name: 'mtls-demo', description: 'demo' });
    expect(namespace.resourceName).toBe('projects/123456789012/locations/global/workloadIdentityPools/mwlid-pool/namespaces/mtls-demo');
    expect(pool.findNamespace('mtls-demo')).toBe(namespace);
    expect(only(synthVm(stack), NAMESPACE)).toMatchObject({
      provider: 'google-beta',
      project: 'my-project-id',
      workload_identity_pool_id: expect.stringMatching(/^\$\{google_iam_workload_identity_pool\.Pool_\w+\.workload_identity_pool_id\}$/),
      workload_identity_pool_namespace_id: 'mtls-demo',
      description: 'demo',
    });
  });

  it('W1: creates a namespace in an adopted pool by name', () => {
    const stack = vmStack();
    const pool = WorkloadIdentityPool.fromWorkloadIdentityPoolAttributes(stack, 'Pool', { projectNumber: PROJECT_NUMBER, name: 'shared-pool' });
    new WorkloadIdentityNamespace(stack, 'Namespace', { pool, name: 'payments' });
    expect(only(synthVm(stack), NAMESPACE)).toMatchObject({ workload_identity_pool_id: 'shared-pool', workload_identity_pool_namespace_id: 'payments' });
  });

  it('W1: a pool not in TRUST_DOMAIN mode is rejected', () => {
    const stack = vmStack();
    const pool = WorkloadIdentityPool.fromWorkloadIdentityPoolAttributes(stack, 'Federation', {
      projectNumber: PROJECT_NUMBER, name: 'federation-pool', mode: WorkloadIdentityPoolMode.FEDERATION_ONLY,
    });
    expect(() => new WorkloadIdentityNamespace(stack, 'Namespace', { pool, name: 'payments' })).toThrow(
      `test/Namespace: pool.mode is not TRUST_DOMAIN (got "FEDERATION_ONLY"). ${MODE_FIX}`);
  });

  describe('X2: bad input', () => {
    const POOL_FIX = 'Pass a WorkloadIdentityPool, or WorkloadIdentityPool.fromWorkloadIdentityPoolAttributes(scope, id, { projectNumber, name }) for an existing one.';
    const ID_FIX = 'Use 2-63 lowercase letters, digits and hyphens, starting and ending with a letter or digit and not starting with "gcp-", e.g. "payments".';
    it.each([
      ['pool', undefined, `test/Namespace: pool is required (got nothing). ${POOL_FIX}`],
      ['pool', null, `test/Namespace: pool is required (got null). ${POOL_FIX}`],
      ['pool', 'mwlid-pool', `test/Namespace: pool is not an IWorkloadIdentityPool (got "mwlid-pool"). ${POOL_FIX}`],
      ['name', undefined, `test/Namespace: name is required (got nothing). ${ID_FIX}`],
      ['name', null, `test/Namespace: name is required (got null). ${ID_FIX}`],
      ['name', 7, `test/Namespace: name must be a string (got 7). ${ID_FIX}`],
      ['name', 'Payments', `test/Namespace: name is not a valid workload identity namespace ID (got "Payments"). ${ID_FIX}`],
      ['disabled', 'no', 'test/Namespace: disabled must be true or false (got "no"). Set disabled to true or false.'],
    ])('%s = %j', (field, value, message) => {
      const stack = vmStack();
      const pool = new WorkloadIdentityPool(stack, 'Pool', { projectNumber: PROJECT_NUMBER, name: 'mwlid-pool' });
      expect(() => new WorkloadIdentityNamespace(stack, 'Namespace', { pool, name: 'payments', [field]: value })).toThrow(message);
    });
  });

  it('X5: a namespace ID known only at apply time is not rejected', () => {
    const stack = vmStack();
    const pool = new WorkloadIdentityPool(stack, 'Pool', { projectNumber: PROJECT_NUMBER, name: 'mwlid-pool' });
    const name = new TerraformVariable(stack, 'namespace', { type: 'string' }).stringValue;
    pool.addNamespace('Namespace', { name });
    expect(only(synthVm(stack), NAMESPACE).workload_identity_pool_namespace_id).toBe('${var.namespace}');
  });
});
