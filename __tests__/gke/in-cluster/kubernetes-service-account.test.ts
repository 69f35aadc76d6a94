import { Fn, Token } from 'cdktf';
import { KubernetesServiceAccount, MeshServiceAccount } from '../../../lib/gke';
import { resourcesOf, synth } from '../../helpers/synth';
import { meshStacks, MeshStacks } from '../fixtures';

/** The seeds' mesh identities: a Google service account in the Google Cloud stack, KSAs in the Kubernetes stack. */
function withMeshAccount(props: { existingServiceAccountEmail?: string } = {}): MeshStacks & { account: MeshServiceAccount } {
  const stacks = meshStacks();
  const account = new MeshServiceAccount(stacks.gcp, 'MeshSa', { cluster: stacks.cluster, ...props });
  return { ...stacks, account };
}

function serviceAccountNamed(json: ReturnType<typeof synth>, name: string): { metadata: Record<string, unknown> } {
  const found = Object.values(resourcesOf(json, 'kubernetes_service_account_v1'))
    .find((sa) => (sa.metadata as { name: string }).name === name);
  if (!found) throw new Error(`no kubernetes_service_account_v1 named ${name}`);
  return found as { metadata: Record<string, unknown> };
}

describe('KubernetesServiceAccount', () => {
  describe('S8: the seeds\' DEMO_SERVER_KSA and DEMO_CLIENT_KSA', () => {
    let json: ReturnType<typeof synth>;
    let server: KubernetesServiceAccount;
    let client: KubernetesServiceAccount;
    beforeAll(() => {
      const { k8s, account } = withMeshAccount();
      server = new KubernetesServiceAccount(k8s, 'Server', { name: 'demo-server', googleServiceAccount: account });
      client = new KubernetesServiceAccount(k8s, 'Client', { name: 'demo-client', googleServiceAccount: account });
      json = synth(k8s);
    });

    it('S8: demo-server lives in namespace default, annotated with iam.gke.io/gcp-service-account', () => {
      expect(serviceAccountNamed(json, 'demo-server').metadata).toEqual({
        name: 'demo-server',
        namespace: 'default',
        annotations: { 'iam.gke.io/gcp-service-account': 'mesh-workloads@my-project-id.iam.gserviceaccount.com' },
      });
    });

    it('S8: demo-client lives in namespace default, annotated with iam.gke.io/gcp-service-account', () => {
      expect(serviceAccountNamed(json, 'demo-client').metadata).toEqual({
        name: 'demo-client',
        namespace: 'default',
        annotations: { 'iam.gke.io/gcp-service-account': 'mesh-workloads@my-project-id.iam.gserviceaccount.com' },
      });
    });

    it('S11/S13: spiffeId is spiffe://my-project-id.svc.id.goog/ns/default/sa/NAME', () => {
      expect(server.spiffeId.uri).toBe('spiffe://my-project-id.svc.id.goog/ns/default/sa/demo-server');
      expect(client.spiffeId.uri).toBe('spiffe://my-project-id.svc.id.goog/ns/default/sa/demo-client');
    });

    it('S8: exposes namespace, name and the kubernetes_service_account_v1', () => {
      expect(server.namespace).toBe('default');
      expect(server.name).toBe('demo-server');
      expect(server.resource.terraformResourceType).toBe('kubernetes_service_account_v1');
    });

    it('S8: the Kubernetes stack reads the Google account only as a plain email: no cross-stack reference', () => {
      expect(json.data?.terraform_remote_state).toBeUndefined();
      expect(JSON.stringify(json)).not.toContain('terraform_remote_state');
    });
  });

  it('S8: the seeds\' Compute Engine default service account is the annotation when adopted', () => {
    const { k8s, account } = withMeshAccount({ existingServiceAccountEmail: '123456789012-compute@developer.gserviceaccount.com' });
    new KubernetesServiceAccount(k8s, 'Server', { name: 'demo-server', googleServiceAccount: account });
    expect(serviceAccountNamed(synth(k8s), 'demo-server').metadata).toMatchObject({
      annotations: { 'iam.gke.io/gcp-service-account': '123456789012-compute@developer.gserviceaccount.com' },
    });
  });

  it('S8: another namespace is used in the object and the SPIFFE ID', () => {
    const { k8s, account } = withMeshAccount();
    const server = new KubernetesServiceAccount(k8s, 'Server', { namespace: 'payments', name: 'demo-server', googleServiceAccount: account });
    expect(serviceAccountNamed(synth(k8s), 'demo-server').metadata).toMatchObject({ namespace: 'payments' });
    expect(server.spiffeId.uri).toBe('spiffe://my-project-id.svc.id.goog/ns/payments/sa/demo-server');
  });

  describe('X2: bad input', () => {
    it('X2: a name that is not a Kubernetes object name is rejected', () => {
      const { k8s, account } = withMeshAccount();
      expect(() => new KubernetesServiceAccount(k8s, 'Server', { name: 'Demo_Server', googleServiceAccount: account })).toThrow(new Error(
        'k8s/Server: name is not a valid Kubernetes object name (got "Demo_Server"). ' +
        'Use at most 253 lowercase letters, digits, hyphens and dots, starting and ending with a letter or digit.'));
    });

    it('X2: a namespace that is not a Kubernetes name is rejected', () => {
      const { k8s, account } = withMeshAccount();
      expect(() => new KubernetesServiceAccount(k8s, 'Server', { namespace: 'Default', name: 'demo-server', googleServiceAccount: account }))
        .toThrow(new Error('k8s/Server: namespace is not a valid Kubernetes name (got "Default"). ' +
          'Use at most 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit.'));
    });
  });

  it('X5: an unresolved name and namespace are not rejected', () => {
    const { k8s, account } = withMeshAccount();
    new KubernetesServiceAccount(k8s, 'Server', {
      namespace: Token.asString(Fn.lower('DEFAULT')), name: Token.asString(Fn.lower('DEMO-SERVER')), googleServiceAccount: account,
    });
    expect(serviceAccountNamed(synth(k8s), '${lower("DEMO-SERVER")}').metadata).toMatchObject({ namespace: '${lower("DEFAULT")}' });
  });
});
