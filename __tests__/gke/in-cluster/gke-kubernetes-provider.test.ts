import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { GkeCluster, GkeKubernetesProvider, KubernetesServiceAccount, MeshServiceAccount, TrustConfig, WorkloadCertificateConfig } from '../../../lib/gke';
import { synth } from '../../helpers/synth';
import { meshStacks, SEED_CLUSTER } from '../fixtures';

type Json = ReturnType<typeof synth>;

function dataOf(json: Json, type: string): Array<[string, Record<string, unknown>]> {
  return Object.entries(json.data?.[type] ?? {});
}

function kubernetesProviders(json: Json): Array<Record<string, unknown>> {
  return (json.provider?.kubernetes ?? []) as Array<Record<string, unknown>>;
}

describe('GkeKubernetesProvider', () => {
  describe('S7/S8: a Kubernetes stack configured for secure-td-cluster from a data source', () => {
    let json: Json;
    beforeAll(() => {
      json = synth(meshStacks().k8s);
    });

    it('S2: looks the cluster up by plain name, location and project (no cross-stack tokens)', () => {
      const clusters = dataOf(json, 'google_container_cluster');
      expect(clusters).toHaveLength(1);
      expect(clusters[0][1]).toMatchObject({ name: 'secure-td-cluster', location: 'us-east1-b', project: 'my-project-id' });
    });

    it('S8: the kubernetes provider host is the endpoint of the looked-up cluster', () => {
      const [[cluster]] = dataOf(json, 'google_container_cluster');
      expect(kubernetesProviders(json)).toHaveLength(1);
      expect(kubernetesProviders(json)[0].host).toBe(`https://\${data.google_container_cluster.${cluster}.endpoint}`);
    });

    it('S8: the token comes from data.google_client_config', () => {
      const clients = dataOf(json, 'google_client_config');
      expect(clients).toHaveLength(1);
      expect(kubernetesProviders(json)[0].token).toBe(`\${data.google_client_config.${clients[0][0]}.access_token}`);
    });

    it('S8: the cluster CA certificate is base64-decoded from master_auth', () => {
      const [[cluster]] = dataOf(json, 'google_container_cluster');
      expect(kubernetesProviders(json)[0].cluster_ca_certificate)
        .toBe(`\${base64decode(data.google_container_cluster.${cluster}.master_auth[0].cluster_ca_certificate)}`);
    });

    it('S8: a Google provider for my-project-id is created for the lookups', () => {
      expect(json.provider?.google).toEqual([{ project: 'my-project-id' }]);
      for (const type of ['google_container_cluster', 'google_client_config']) {
        expect(dataOf(json, type)[0][1].provider).toBe('google');
      }
    });
  });

  it('S8: a given Google provider is used for the lookups instead of a new one', () => {
    const stack = new TerraformStack(Testing.app(), 'k8s');
    const googleProvider = new GoogleProvider(stack, 'gke-google', { project: 'my-project-id', alias: 'gke' });
    const cluster = GkeCluster.fromClusterAttributes(stack, 'Existing', SEED_CLUSTER);
    const configured = new GkeKubernetesProvider(stack, 'Cluster', { cluster, googleProvider });
    const json = synth(stack);
    expect(configured.googleProvider).toBe(googleProvider);
    expect(json.provider?.google).toEqual([{ project: 'my-project-id', alias: 'gke' }]);
    expect(dataOf(json, 'google_container_cluster')[0][1].provider).toBe('google.gke');
    expect(dataOf(json, 'google_client_config')[0][1].provider).toBe('google.gke');
  });

  describe('S7/S8: a Kubernetes stack with WorkloadCertificateConfig, TrustConfig and service accounts', () => {
    let gcp: Json;
    let k8s: Json;
    beforeAll(() => {
      const stacks = meshStacks();
      const account = new MeshServiceAccount(stacks.gcp, 'MeshSa', { cluster: stacks.cluster });
      account.allowKubernetesServiceAccount('default', 'demo-server');
      new WorkloadCertificateConfig(stacks.k8s, 'Wcc', { cluster: stacks.cluster, issuingPool: stacks.hierarchy.subordinatePool });
      new TrustConfig(stacks.k8s, 'Trust', { cluster: stacks.cluster, trustAnchors: [stacks.hierarchy.rootPool] });
      new KubernetesServiceAccount(stacks.k8s, 'Server', { name: 'demo-server', googleServiceAccount: account });
      k8s = synth(stacks.k8s);
      gcp = synth(stacks.gcp);
    });

    it('S8: the Kubernetes stack has no terraform_remote_state data source', () => {
      expect(k8s.data?.terraform_remote_state).toBeUndefined();
      expect(JSON.stringify(k8s)).not.toContain('terraform_remote_state');
    });

    it('S8: the Kubernetes stack has no google_* resource, only google data sources', () => {
      expect(Object.keys(k8s.resource ?? {}).sort()).toEqual(['kubernetes_manifest', 'kubernetes_service_account_v1']);
      expect(Object.keys(k8s.data ?? {}).sort()).toEqual(['google_client_config', 'google_container_cluster']);
    });

    it('S8: the Google Cloud stack exports nothing for the Kubernetes stack (no cross-stack outputs, only the cluster\'s T3 outputs)', () => {
      expect(Object.keys(gcp.output ?? {}).filter((name) => !name.startsWith('Cluster_'))).toEqual([]);
      expect(JSON.stringify(gcp.output)).not.toContain('cross-stack');
    });
  });

  it('the Kubernetes stack depends on the cluster\'s stack, so cdktf deploys the cluster first', () => {
    const { gcp, k8s } = meshStacks();
    expect(k8s.dependencies).toContain(gcp);
  });
});
