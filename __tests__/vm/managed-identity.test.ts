import { TerraformOutput, TerraformVariable, Testing } from 'cdktf';
import { SpiffeId } from '../../lib/core';
import { AttestationRule, ManagedIdentity, VmServiceAccount, WorkloadIdentityPool } from '../../lib/vm';
import { demo, only, PROJECT_NUMBER, SPIFFE_ID, synthVm, TRUST_DOMAIN, vmStack } from './fixtures';

const IDENTITY = 'google_iam_workload_identity_pool_managed_identity';
const SEED_RULE = '//compute.googleapis.com/projects/123456789012/type/Instance/attached_service_account.email/mwlid-backend@my-project-id.iam.gserviceaccount.com';

describe('ManagedIdentity', () => {
  it('W1: creates the identity in its namespace (google-beta)', () => {
    const d = demo();
    expect(only(synthVm(d.stack), IDENTITY)).toMatchObject({
      provider: 'google-beta',
      project: 'my-project-id',
      workload_identity_pool_id: 'mwlid-pool',
      workload_identity_pool_namespace_id: expect.stringMatching(/^\$\{google_iam_workload_identity_pool_namespace\.\w+\.workload_identity_pool_namespace_id\}$/),
      workload_identity_pool_managed_identity_id: 'backend',
    });
  });

  it('W1: the SPIFFE ID is spiffe://POOL_ID.global.PROJECT_NUMBER.workload.id.goog/ns/NAMESPACE/sa/MANAGED_IDENTITY', () => {
    const d = demo();
    expect(d.identity.spiffeId).toBeInstanceOf(SpiffeId);
    expect(d.identity.spiffeId.uri).toBe(SPIFFE_ID);
    expect(d.identity.spiffeId.trustDomain).toBe(TRUST_DOMAIN);
    expect(d.identity.resourceName).toBe('projects/123456789012/locations/global/workloadIdentityPools/mwlid-pool/namespaces/mtls-demo/managedIdentities/backend');
  });

  it('W2: allowVmsWithServiceAccount adds the seed\'s attached_service_account.email rule, after the account exists', () => {
    const d = demo();
    const identity = only(synthVm(d.stack), IDENTITY);
    expect(identity.attestation_rules).toEqual([{ google_cloud_resource: SEED_RULE }]);
    expect(identity.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^google_service_account\.ServiceAccount_/)]));
  });

  it('W2: rules are not repeated, and other rule forms can be added', () => {
    const d = demo();
    d.identity.allowVmsWithServiceAccount(d.serviceAccount);
    d.identity.addAttestationRule(AttestationRule.attachedServiceAccountUid(PROJECT_NUMBER, '112233445566778899'));
    d.identity.addAttestationRule(AttestationRule.instance(PROJECT_NUMBER, 'us-east1-b', '1234567890'));
    expect(only(synthVm(d.stack), IDENTITY).attestation_rules).toEqual([
      { google_cloud_resource: SEED_RULE },
      { google_cloud_resource: '//compute.googleapis.com/projects/123456789012/type/Instance/attached_service_account.uid/112233445566778899' },
      { google_cloud_resource: '//compute.googleapis.com/projects/123456789012/uid/zones/us-east1-b/instances/1234567890' },
    ]);
  });

  it('W2: at most 50 attestation rules per identity', () => {
    const d = demo();
    for (let i = 1; i < 50; i++) d.identity.addAttestationRule(AttestationRule.instance(PROJECT_NUMBER, 'us-east1-b', String(i)));
    expect(d.identity.attestationRules).toHaveLength(50);
    expect(() => d.identity.addAttestationRule(AttestationRule.instance(PROJECT_NUMBER, 'us-east1-b', '51'))).toThrow(
      'test/Pool/Namespace/Backend: attestationRules has more than 50 rules (got 51). ' +
      'A managed identity takes at most 50 attestation rules; attest VMs by a shared service account instead of one rule per VM.');
  });

  it('W2: a malformed rule is rejected', () => {
    const d = demo();
    expect(() => d.identity.addAttestationRule(AttestationRule.attachedServiceAccount('my-project-id', 'vm@my-project-id.iam.gserviceaccount.com'))).toThrow(
      'test/Pool/Namespace/Backend: attestationRules[1].projectNumber is not a project number (got "my-project-id"). ' +
      'Use the numeric project number shown by `gcloud projects describe PROJECT_ID --format="value(projectNumber)"`.');
    expect(() => d.identity.addAttestationRule(AttestationRule.of('compute/instances/1'))).toThrow(
      'test/Pool/Namespace/Backend: attestationRules[1] is not a Google Cloud resource name (got "compute/instances/1"). ' +
      'Use the full resource name of the workloads, e.g. "//compute.googleapis.com/projects/123456789012/type/Instance/attached_service_account.email/vm@my-project-id.iam.gserviceaccount.com".');
    expect(() => d.identity.addAttestationRule('//compute.googleapis.com/x' as unknown as AttestationRule)).toThrow(
      'test/Pool/Namespace/Backend: attestationRules[1] is not a AttestationRule (got "//compute.googleapis.com/x"). ' +
      'Use AttestationRule.attachedServiceAccount(projectNumber, email).');
  });

  it('W2: a missing service account is rejected with the reason', () => {
    const d = demo();
    expect(() => d.identity.allowVmsWithServiceAccount(undefined as unknown as VmServiceAccount)).toThrow(
      'test/Pool/Namespace/Backend: serviceAccount is required (got nothing). Managed workload identities are attested by the VM\'s attached ' +
      'service account (seed 003): pass a VmServiceAccount, or VmServiceAccount.fromServiceAccountAttributes(scope, id, { email }) for an existing one.');
  });

  describe('X2: bad input', () => {
    const NS_FIX = 'Pass a WorkloadIdentityNamespace (pool.addNamespace(...)), or WorkloadIdentityNamespace.fromNamespaceAttributes(scope, id, { pool, name }).';
    const ID_FIX = 'Use 2-63 lowercase letters, digits and hyphens, starting and ending with a letter or digit and not starting with "gcp-", e.g. "backend".';
    it.each([
      ['namespace', undefined, `test/Identity: namespace is required (got nothing). ${NS_FIX}`],
      ['namespace', null, `test/Identity: namespace is required (got null). ${NS_FIX}`],
      ['namespace', 'mtls-demo', `test/Identity: namespace is not an IWorkloadIdentityNamespace (got "mtls-demo"). ${NS_FIX}`],
      ['name', undefined, `test/Identity: name is required (got nothing). ${ID_FIX}`],
      ['name', null, `test/Identity: name is required (got null). ${ID_FIX}`],
      ['name', false, `test/Identity: name must be a string (got false). ${ID_FIX}`],
      ['name', 'gcp-backend', `test/Identity: name is not a valid managed identity ID (got "gcp-backend"). ${ID_FIX}`],
      ['attestationRules', 'rule', 'test/Identity: attestationRules must be a list (got "rule"). List rules such as AttestationRule.attachedServiceAccount(projectNumber, email).'],
    ])('%s = %j', (field, value, message) => {
      const d = demo();
      expect(() => new ManagedIdentity(d.stack, 'Identity', { namespace: d.namespace, name: 'client', [field]: value })).toThrow(message);
    });
  });

  describe('fromSpiffeId: adopting an identity by the SPIFFE ID of CONFIGS.json', () => {
    it('W1: reads namespace and identity from the ID', () => {
      const d = demo();
      const adopted = ManagedIdentity.fromSpiffeId(d.stack, 'Adopted', { pool: d.pool, spiffeId: SpiffeId.of(SPIFFE_ID) });
      expect([adopted.namespace.name, adopted.name, adopted.spiffeId.uri]).toEqual(['mtls-demo', 'backend', SPIFFE_ID]);
      expect(() => synthVm(d.stack)).not.toThrow();
    });

    it('W4: a SPIFFE ID of another pool is rejected', () => {
      const d = demo();
      const other = 'spiffe://other-pool.global.123456789012.workload.id.goog/ns/mtls-demo/sa/backend';
      expect(() => ManagedIdentity.fromSpiffeId(d.stack, 'Adopted', { pool: d.pool, spiffeId: SpiffeId.of(other) })).toThrow(
        `test/Adopted: spiffeId is in the trust domain of another pool (other-pool.global.123456789012.workload.id.goog), not of pool "mwlid-pool" (${TRUST_DOMAIN}) ` +
        `(got "${other}"). Use an identity of pool "mwlid-pool" (spiffe://${TRUST_DOMAIN}/ns/NAMESPACE/sa/MANAGED_IDENTITY), or pass the pool the ID belongs to.`);
    });

    it('W4: a SPIFFE ID outside the managed identity trust domains (a GKE one) is rejected', () => {
      const d = demo();
      const gke = 'spiffe://my-project-id.svc.id.goog/ns/default/sa/client';
      expect(() => ManagedIdentity.fromSpiffeId(d.stack, 'Adopted', { pool: d.pool, spiffeId: SpiffeId.of(gke) })).toThrow(
        `test/Adopted: spiffeId is not in the trust domain of a workload identity pool (got "${gke}"). Use the SPIFFE ID of a managed identity, ` +
        'spiffe://POOL_ID.global.PROJECT_NUMBER.workload.id.goog/ns/NAMESPACE/sa/MANAGED_IDENTITY, e.g. pool.trustDomain plus "/ns/payments/sa/backend"; ' +
        'its trust domain has the form POOL_ID.global.PROJECT_NUMBER.workload.id.goog.');
    });

    it('W1: a managed identity outside any namespace is rejected', () => {
      const d = demo();
      const noNamespace = `spiffe://${TRUST_DOMAIN}/sa/backend`;
      expect(() => ManagedIdentity.fromSpiffeId(d.stack, 'Adopted', { pool: d.pool, spiffeId: SpiffeId.of(noNamespace) })).toThrow(
        `test/Adopted: spiffeId names a managed identity outside any namespace (got "${noNamespace}"). Use the SPIFFE ID of a managed identity, ` +
        'spiffe://POOL_ID.global.PROJECT_NUMBER.workload.id.goog/ns/NAMESPACE/sa/MANAGED_IDENTITY, e.g. pool.trustDomain plus "/ns/payments/sa/backend": ' +
        'every managed identity lives in a namespace of its pool.');
    });

    it('W4: a malformed SPIFFE ID is rejected', () => {
      const d = demo();
      expect(() => ManagedIdentity.fromSpiffeId(d.stack, 'Adopted', { pool: d.pool, spiffeId: SpiffeId.of('https://example.com/backend') })).toThrow(
        'test/Adopted: spiffeId is not a valid SPIFFE ID: it must start with "spiffe://" (got "https://example.com/backend").');
    });

    it('W4: the namespace and the identity must exist in a pool this app creates (checked at synth)', () => {
      const d = demo();
      ManagedIdentity.fromSpiffeId(d.stack, 'NoNamespace', { pool: d.pool, spiffeId: SpiffeId.of(`spiffe://${TRUST_DOMAIN}/ns/payments/sa/backend`) });
      expect(() => Testing.synth(d.stack, true)).toThrow(
        `test/NoNamespace: spiffeId names namespace "payments", which does not exist in pool "mwlid-pool" (got "spiffe://${TRUST_DOMAIN}/ns/payments/sa/backend"). ` +
        'Create it with pool.addNamespace(id, { name: "payments" }), or correct the SPIFFE ID.');
      const e = demo();
      ManagedIdentity.fromSpiffeId(e.stack, 'NoIdentity', { pool: e.pool, spiffeId: SpiffeId.of(`spiffe://${TRUST_DOMAIN}/ns/mtls-demo/sa/frontend`) });
      expect(() => Testing.synth(e.stack, true)).toThrow(
        'test/NoIdentity: spiffeId names managed identity "frontend", which does not exist in namespace "mtls-demo" of pool "mwlid-pool" ' +
        `(got "spiffe://${TRUST_DOMAIN}/ns/mtls-demo/sa/frontend"). Create it with namespace.addManagedIdentity(id, { name: "frontend" }), or correct the SPIFFE ID.`);
    });

    it('W4: the SPIFFE ID of an identity created later in the app is accepted', () => {
      const d = demo();
      ManagedIdentity.fromSpiffeId(d.stack, 'Early', { pool: d.pool, spiffeId: SpiffeId.of(`spiffe://${TRUST_DOMAIN}/ns/mtls-demo/sa/late`) });
      d.namespace.addManagedIdentity('Late', { name: 'late' });
      expect(() => synthVm(d.stack)).not.toThrow();
    });

    it('X5: a SPIFFE ID known only at apply time is not rejected; Terraform reads its parts', () => {
      const stack = vmStack();
      const pool = WorkloadIdentityPool.fromWorkloadIdentityPoolAttributes(stack, 'Pool', { projectNumber: PROJECT_NUMBER, name: 'mwlid-pool' });
      const id = new TerraformVariable(stack, 'spiffe', { type: 'string' }).stringValue;
      const adopted = ManagedIdentity.fromSpiffeId(stack, 'Adopted', { pool, spiffeId: SpiffeId.of(id) });
      new TerraformOutput(stack, 'namespace', { value: adopted.namespace.name });
      new TerraformOutput(stack, 'identity', { value: adopted.name });
      expect(synthVm(stack).output).toEqual({
        namespace: { value: '${element(split("/", var.spiffe), 4)}' },
        identity: { value: '${element(split("/", var.spiffe), 6)}' },
      });
    });
  });

  it('X5: identity IDs known only at apply time are not rejected', () => {
    const d = demo();
    const name = new TerraformVariable(d.stack, 'identity', { type: 'string' }).stringValue;
    d.namespace.addManagedIdentity('FromVariable', { name });
    expect(() => synthVm(d.stack)).not.toThrow();
  });
});
