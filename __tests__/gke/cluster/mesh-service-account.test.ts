import { Fn, Testing, Token } from 'cdktf';
import { GkeCluster, MeshServiceAccount } from '../../../lib/gke';
import { onlyResource as onlyOfType, resourcesOf, StackJson, synth } from '../../helpers/synth';
import { addressOf as fixtureAddressOf, gcpStack, SEED_CLUSTER, seedCluster } from '../fixtures';

/**
 * The cluster in these stacks creates its own least-privilege node identity (T1); the mesh workloads' account and
 * grants are the resources outside it.
 */
function withoutNodeIdentity(json: StackJson): StackJson {
  const resource = Object.fromEntries(Object.entries(json.resource ?? {}).map(([type, byName]) => [type, Object.fromEntries(
    Object.entries(byName).filter(([, r]) => r.account_id !== 'secure-td-cluster-nodes' && !String(r.member).includes('secure-td-cluster-nodes@')))]));
  return { ...json, resource };
}

function onlyResource(json: StackJson, type: string): Record<string, unknown> {
  return onlyOfType(withoutNodeIdentity(json), type);
}

function addressOf(json: StackJson, type: string): string {
  return fixtureAddressOf(withoutNodeIdentity(json), type);
}

function bindingFor(json: ReturnType<typeof synth>, member: string): Record<string, unknown> {
  const found = Object.values(resourcesOf(json, 'google_service_account_iam_member')).find((b) => b.member === member);
  if (!found) throw new Error(`no google_service_account_iam_member for ${member}`);
  return found;
}

describe('MeshServiceAccount', () => {
  describe('S8: a dedicated Google service account for the mesh workloads', () => {
    let json: ReturnType<typeof synth>;
    let account: MeshServiceAccount;
    beforeAll(() => {
      const stack = gcpStack();
      const cluster = seedCluster(stack);
      account = new MeshServiceAccount(stack, 'MeshSa', { cluster });
      account.allowKubernetesServiceAccount('default', 'demo-server');
      account.allowKubernetesServiceAccount('default', 'demo-client');
      json = synth(stack);
    });

    it('S8/X1: creates the service account mesh-workloads in my-project-id', () => {
      expect(onlyResource(json, 'google_service_account')).toMatchObject({ project: 'my-project-id', account_id: 'mesh-workloads' });
      expect(account.email).toBe('mesh-workloads@my-project-id.iam.gserviceaccount.com');
    });

    it('S8: grants roles/trafficdirector.client on the project to the mesh service account, after creating it', () => {
      expect(onlyResource(json, 'google_project_iam_member')).toEqual({
        project: 'my-project-id',
        role: 'roles/trafficdirector.client',
        member: 'serviceAccount:mesh-workloads@my-project-id.iam.gserviceaccount.com',
        depends_on: [addressOf(json, 'google_service_account')],
      });
    });

    it('S8: demo-server in namespace default may act as the service account (roles/iam.workloadIdentityUser)', () => {
      expect(bindingFor(json, 'serviceAccount:my-project-id.svc.id.goog[default/demo-server]')).toMatchObject({
        role: 'roles/iam.workloadIdentityUser',
        service_account_id: 'projects/my-project-id/serviceAccounts/mesh-workloads@my-project-id.iam.gserviceaccount.com',
      });
    });

    it('S8: demo-client in namespace default may act as the service account (roles/iam.workloadIdentityUser)', () => {
      expect(bindingFor(json, 'serviceAccount:my-project-id.svc.id.goog[default/demo-client]')).toMatchObject({
        role: 'roles/iam.workloadIdentityUser',
        service_account_id: 'projects/my-project-id/serviceAccounts/mesh-workloads@my-project-id.iam.gserviceaccount.com',
      });
    });

    it('S8: the workload identity bindings wait for the cluster, whose creation makes the workload pool exist', () => {
      const cluster = addressOf(json, 'google_container_cluster');
      const serviceAccount = addressOf(json, 'google_service_account');
      for (const member of ['serviceAccount:my-project-id.svc.id.goog[default/demo-server]', 'serviceAccount:my-project-id.svc.id.goog[default/demo-client]']) {
        expect(bindingFor(json, member).depends_on).toEqual(expect.arrayContaining([cluster, serviceAccount]));
      }
    });

    it('S8: exposes project and trust domain of the cluster', () => {
      expect(account.project).toBe('my-project-id');
      expect(account.trustDomain.name).toBe('my-project-id.svc.id.goog');
    });
  });

  it('S8: allowing the same Kubernetes service account twice yields one binding', () => {
    const stack = gcpStack();
    const account = new MeshServiceAccount(stack, 'MeshSa', { cluster: seedCluster(stack) });
    const first = account.allowKubernetesServiceAccount('default', 'demo-server');
    expect(account.allowKubernetesServiceAccount('default', 'demo-server')).toBe(first);
    expect(Object.keys(resourcesOf(synth(stack), 'google_service_account_iam_member'))).toHaveLength(1);
  });

  it('S8: a custom accountId names the created service account', () => {
    const stack = gcpStack();
    const account = new MeshServiceAccount(stack, 'MeshSa', { cluster: seedCluster(stack), accountId: 'td-workloads' });
    expect(onlyResource(synth(stack), 'google_service_account').account_id).toBe('td-workloads');
    expect(account.email).toBe('td-workloads@my-project-id.iam.gserviceaccount.com');
  });

  describe('S8: the seeds\' Compute Engine default service account (existingServiceAccountEmail)', () => {
    let json: ReturnType<typeof synth>;
    let account: MeshServiceAccount;
    beforeAll(() => {
      const stack = gcpStack();
      account = new MeshServiceAccount(stack, 'MeshSa', {
        cluster: seedCluster(stack), existingServiceAccountEmail: '123456789012-compute@developer.gserviceaccount.com',
      });
      account.allowKubernetesServiceAccount('default', 'demo-server');
      json = synth(stack);
    });

    it('S8: creates no google_service_account for the mesh workloads', () => {
      expect(resourcesOf(withoutNodeIdentity(json), 'google_service_account')).toEqual({});
      expect(account.resource).toBeUndefined();
      expect(account.email).toBe('123456789012-compute@developer.gserviceaccount.com');
    });

    it('S8: grants roles/trafficdirector.client to the existing account', () => {
      expect(onlyResource(json, 'google_project_iam_member')).toEqual({
        project: 'my-project-id',
        role: 'roles/trafficdirector.client',
        member: 'serviceAccount:123456789012-compute@developer.gserviceaccount.com',
      });
    });

    it('S8: binds roles/iam.workloadIdentityUser on the existing account, waiting only for the cluster', () => {
      expect(onlyResource(json, 'google_service_account_iam_member')).toEqual({
        service_account_id: 'projects/my-project-id/serviceAccounts/123456789012-compute@developer.gserviceaccount.com',
        role: 'roles/iam.workloadIdentityUser',
        member: 'serviceAccount:my-project-id.svc.id.goog[default/demo-server]',
        depends_on: [addressOf(json, 'google_container_cluster')],
      });
    });
  });

  it('S8: an adopted cluster in another project gives that project\'s workload pool', () => {
    const stack = gcpStack();
    const cluster = GkeCluster.fromClusterAttributes(stack, 'Existing', { ...SEED_CLUSTER, project: 'other-project' });
    const account = new MeshServiceAccount(stack, 'MeshSa', { cluster });
    account.allowKubernetesServiceAccount('payments', 'demo-server');
    const binding = onlyResource(synth(stack), 'google_service_account_iam_member');
    expect(binding.member).toBe('serviceAccount:other-project.svc.id.goog[payments/demo-server]');
    expect(binding.depends_on).toEqual([expect.stringMatching(/^google_service_account\./)]);
  });

  it('S8: a cluster in another stack makes the identity stack depend on the cluster stack', () => {
    const app = Testing.app();
    const clusters = gcpStack(app, 'clusters');
    const identities = gcpStack(app, 'identities');
    const account = new MeshServiceAccount(identities, 'MeshSa', { cluster: seedCluster(clusters) });
    account.allowKubernetesServiceAccount('default', 'demo-server');
    expect(identities.dependencies).toEqual([clusters]);
    const json = synth(identities);
    expect(onlyResource(json, 'google_service_account_iam_member').depends_on)
      .toEqual([addressOf(json, 'google_service_account')]);
    expect(json.data).toBeUndefined();
  });

  describe('X2: bad input', () => {
    it('X2: accountId combined with existingServiceAccountEmail is rejected', () => {
      const stack = gcpStack();
      expect(() => new MeshServiceAccount(stack, 'MeshSa', {
        cluster: seedCluster(stack), accountId: 'mesh-workloads', existingServiceAccountEmail: '123456789012-compute@developer.gserviceaccount.com',
      })).toThrow(new Error(
        'test/MeshSa: accountId cannot be combined with existingServiceAccountEmail (got "mesh-workloads"). ' +
        'Either create a dedicated account (accountId) or adopt one (existingServiceAccountEmail).'));
    });

    it.each(['Mesh_Workloads', 'mesh', '1mesh-workloads', 'mesh-workloads-'])('X2: accountId %s is rejected', (accountId) => {
      const stack = gcpStack();
      expect(() => new MeshServiceAccount(stack, 'MeshSa', { cluster: seedCluster(stack), accountId })).toThrow(new Error(
        `test/MeshSa: accountId is not a valid service account ID (got "${accountId}"). ` +
        'Use 6-30 lowercase letters, digits and hyphens, starting with a letter.'));
    });

    it('X2: a namespace that is not a Kubernetes name is rejected', () => {
      const stack = gcpStack();
      const account = new MeshServiceAccount(stack, 'MeshSa', { cluster: seedCluster(stack) });
      expect(() => account.allowKubernetesServiceAccount('Default', 'demo-server')).toThrow(new Error(
        'test/MeshSa: namespace is not a valid Kubernetes name (got "Default"). ' +
        'Use at most 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit.'));
    });

    it('X2: a Kubernetes service account name that is not a Kubernetes object name is rejected', () => {
      const stack = gcpStack();
      const account = new MeshServiceAccount(stack, 'MeshSa', { cluster: seedCluster(stack) });
      expect(() => account.allowKubernetesServiceAccount('default', 'Demo_Server')).toThrow(new Error(
        'test/MeshSa: name is not a valid Kubernetes object name (got "Demo_Server"). ' +
        'Use at most 253 lowercase letters, digits, hyphens and dots, starting and ending with a letter or digit.'));
    });
  });

  it('X5: namespaces, names and accounts known only at apply time are granted, not rejected', () => {
    const stack = gcpStack();
    const cluster = seedCluster(stack);
    const account = new MeshServiceAccount(stack, 'MeshIdentity', {
      cluster, existingServiceAccountEmail: Token.asString(Fn.lower('SA@MY-PROJECT-ID.IAM.GSERVICEACCOUNT.COM')),
    });
    account.allowKubernetesServiceAccount(Token.asString(Fn.lower('DEFAULT')), Token.asString(Fn.lower('DEMO-SERVER')));
    const json = synth(stack);
    const binding = onlyResource(json, 'google_service_account_iam_member');
    expect(binding.role).toBe('roles/iam.workloadIdentityUser');
    expect(binding.member).toBe('serviceAccount:my-project-id.svc.id.goog[${lower("DEFAULT")}/${lower("DEMO-SERVER")}]');
    expect(onlyResource(json, 'google_project_iam_member').role).toBe('roles/trafficdirector.client');
  });

  it('X2: an existingServiceAccountEmail that is not a service account email names that field', () => {
    const stack = gcpStack();
    expect(() => new MeshServiceAccount(stack, 'MeshIdentity', {
      cluster: seedCluster(stack), existingServiceAccountEmail: 'compute default',
    })).toThrow('test/MeshIdentity: existingServiceAccountEmail is not a service account email (got "compute default"). ' +
      'Use the account\'s email, e.g. "mesh-workloads@my-project-id.iam.gserviceaccount.com" or "PROJECT_NUMBER-compute@developer.gserviceaccount.com".');
  });
});
