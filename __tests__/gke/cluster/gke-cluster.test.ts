import { Fn, Testing, Token } from 'cdktf';
import { GkeCluster, ReleaseChannel } from '../../../lib/gke';
import { onlyResource, synth } from '../../helpers/synth';
import { gcpStack, SEED_CLUSTER, seedCluster } from '../fixtures';

function seedClusterJson(overrides: Parameters<typeof seedCluster>[1] = {}) {
  const stack = gcpStack();
  seedCluster(stack, overrides);
  const json = synth(stack);
  return {
    cluster: onlyResource(json, 'google_container_cluster'),
    pool: onlyResource(json, 'google_container_node_pool'),
  };
}

describe('GkeCluster', () => {
  describe('S2: the seeds\' `gcloud container clusters create` as Terraform', () => {
    let cluster: Record<string, unknown>;
    let pool: Record<string, unknown>;
    beforeAll(() => ({ cluster, pool } = seedClusterJson()));

    it('S2: cluster secure-td-cluster in my-project-id, zone us-east1-b', () => {
      expect(cluster).toMatchObject({ project: 'my-project-id', location: 'us-east1-b', name: 'secure-td-cluster' });
    });

    it('S2: cluster enables mesh certificates and workload pool my-project-id.svc.id.goog', () => {
      expect(cluster.workload_identity_config).toEqual({ workload_pool: 'my-project-id.svc.id.goog' });
      expect(cluster.mesh_certificates).toEqual({ enable_certificates: true });
    });

    it('S2: release channel RAPID and minimum master version 1.21.4-gke.1801', () => {
      expect(cluster.release_channel).toEqual({ channel: 'RAPID' });
      expect(cluster.min_master_version).toBe('1.21.4-gke.1801');
    });

    it('S2: VPC-native networking (--enable-ip-alias) on the default network', () => {
      expect(cluster.networking_mode).toBe('VPC_NATIVE');
      expect(cluster.network).toBe('default');
    });

    it('S2/T1: nodes use GKE_METADATA so pods cannot reach node credentials', () => {
      expect(pool.node_config).toMatchObject({ workload_metadata_config: { mode: 'GKE_METADATA' } });
    });

    it('S2: node pool uses COS_CONTAINERD, cloud-platform scope and e2-standard-2', () => {
      expect(pool.node_config).toMatchObject({
        image_type: 'COS_CONTAINERD',
        oauth_scopes: ['https://www.googleapis.com/auth/cloud-platform'],
        machine_type: 'e2-standard-2',
      });
    });

    it('S2/L1: nodes carry the health-check tag allow-health-checks', () => {
      expect((pool.node_config as { tags: string[] }).tags).toContain('allow-health-checks');
    });

    it('S2: node pool belongs to the cluster, in the same project and zone', () => {
      expect(pool).toMatchObject({ project: 'my-project-id', location: 'us-east1-b' });
      expect(pool.cluster).toMatch(/^\$\{google_container_cluster\.[A-Za-z0-9_-]+\.name\}$/);
    });

    it('X6: deletion_protection and prevent_destroy are on by default', () => {
      expect(cluster.deletion_protection).toBe(true);
      expect(cluster.lifecycle).toEqual({ prevent_destroy: true });
    });
  });

  it('S3: nodes also carry secure-td-cluster-node, a tag only this cluster\'s nodes have', () => {
    const stack = gcpStack();
    const created = seedCluster(stack);
    const pool = onlyResource(synth(stack), 'google_container_node_pool');
    expect((pool.node_config as { tags: string[] }).tags).toEqual(['allow-health-checks', 'secure-td-cluster-node']);
    expect(created.nodeTag).toBe('secure-td-cluster-node');
  });

  it('X4: two synths of the same cluster are byte-identical', () => {
    const render = () => {
      const stack = gcpStack();
      seedCluster(stack, { podCidr: '10.4.0.0/14' });
      return Testing.synth(stack, true);
    };
    expect(render()).toBe(render());
  });

  it('S17: allowDestroy turns deletion_protection and prevent_destroy off for teardown', () => {
    const { cluster } = seedClusterJson({ allowDestroy: true });
    expect(cluster.deletion_protection).toBe(false);
    expect(cluster.lifecycle).toEqual({ prevent_destroy: false });
  });

  it('S2/S3: an explicit pod CIDR becomes the ip_allocation_policy of the VPC-native cluster', () => {
    const { cluster } = seedClusterJson({ podCidr: '10.4.0.0/14' });
    expect(cluster.ip_allocation_policy).toEqual({ cluster_ipv4_cidr_block: '10.4.0.0/14', stack_type: 'IPV4' });
  });

  it('S2: another release channel is an explicit choice', () => {
    const { cluster } = seedClusterJson({ releaseChannel: ReleaseChannel.REGULAR });
    expect(cluster.release_channel).toEqual({ channel: 'REGULAR' });
  });

  it('S2/L1: a custom health-check tag is carried by the nodes instead of allow-health-checks', () => {
    const { pool } = seedClusterJson({ healthCheckTag: 'mesh-health' });
    expect((pool.node_config as { tags: string[] }).tags).toContain('mesh-health');
    expect((pool.node_config as { tags: string[] }).tags).not.toContain('allow-health-checks');
  });

  it('S2: exposes cluster ID, workload pool, trust domain and region', () => {
    const cluster = seedCluster(gcpStack());
    expect(cluster.resourceName).toBe('projects/my-project-id/locations/us-east1-b/clusters/secure-td-cluster');
    expect(cluster.workloadPool).toBe('my-project-id.svc.id.goog');
    expect(cluster.trustDomain.name).toBe('my-project-id.svc.id.goog');
    expect(cluster.region).toBe('us-east1');
    expect(cluster.healthCheckTag).toBe('allow-health-checks');
  });

  it('S2: a regional cluster is its own region', () => {
    const cluster = seedCluster(gcpStack(), { location: 'us-east1' });
    expect(cluster.region).toBe('us-east1');
  });

  describe('S2: minimum version for mesh certificates', () => {
    it.each(['latest', '1.30.1-gke.100', '1.21.4-gke.1801', '1.22'])('S2: minMasterVersion %s is accepted', (version) => {
      const { cluster } = seedClusterJson({ minMasterVersion: version });
      expect(cluster.min_master_version).toBe(version);
    });

    it('S2/X2: minMasterVersion 1.20.0 is rejected as older than mesh certificates support', () => {
      expect(() => seedCluster(gcpStack(), { minMasterVersion: '1.20.0' })).toThrow(new Error(
        'test/Cluster: minMasterVersion is older than GKE mesh certificates support (got "1.20.0"). ' +
        'Use 1.21.4-gke.1801 or later (S2), e.g. "1.21.4-gke.1801" or "latest".'));
    });

    it('S2/X2: minMasterVersion 1.21.4-gke.1800 (one build short) is rejected', () => {
      expect(() => seedCluster(gcpStack(), { minMasterVersion: '1.21.4-gke.1800' })).toThrow(new Error(
        'test/Cluster: minMasterVersion is older than GKE mesh certificates support (got "1.21.4-gke.1800"). ' +
        'Use 1.21.4-gke.1801 or later (S2), e.g. "1.21.4-gke.1801" or "latest".'));
    });

    it('S2/X2: a minMasterVersion that is not a version is rejected', () => {
      expect(() => seedCluster(gcpStack(), { minMasterVersion: 'newest' })).toThrow(new Error(
        'test/Cluster: minMasterVersion is not a GKE version (got "newest"). ' +
        'Use 1.21.4-gke.1801 or later (S2), e.g. "1.21.4-gke.1801" or "latest".'));
    });
  });

  describe('X2: bad input', () => {
    it('X2: location "mars" is rejected', () => {
      expect(() => seedCluster(gcpStack(), { location: 'mars' })).toThrow(new Error(
        'test/Cluster: location is not a Google Cloud zone or region (got "mars"). ' +
        'Use a zone such as "us-east1-b" or a region such as "us-east1".'));
    });

    it('X2: name "Secure_Cluster" is rejected', () => {
      expect(() => seedCluster(gcpStack(), { name: 'Secure_Cluster' })).toThrow(new Error(
        'test/Cluster: name is not a valid Google Cloud resource name (got "Secure_Cluster"). ' +
        'Use 1-63 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.'));
    });

    it('X2: a project display name instead of the project ID is rejected', () => {
      expect(() => seedCluster(gcpStack(), { project: 'My Project' })).toThrow(new Error(
        'test/Cluster: project is not a valid project ID (got "My Project"). ' +
        'Use the project ID (6-30 characters: lowercase letters, digits and hyphens, starting with a letter), not its display name or number.'));
    });

    it('X2: nodeCount 0 is rejected', () => {
      expect(() => seedCluster(gcpStack(), { nodeCount: 0 })).toThrow(new Error(
        'test/Cluster: nodeCount must be an integer from 1 to 1000 (got 0). Use a value from 1 to 1000.'));
    });

    it('X2: a health-check tag that is not a network tag is rejected', () => {
      expect(() => seedCluster(gcpStack(), { healthCheckTag: 'Allow_Health' })).toThrow(new Error(
        'test/Cluster: healthCheckTag is not a valid Google Cloud resource name (got "Allow_Health"). ' +
        'Use 1-63 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.'));
    });
  });

  it('X5: unresolved project, location, name and version are not rejected', () => {
    const stack = gcpStack();
    new GkeCluster(stack, 'Cluster', {
      project: Token.asString(Fn.lower('MY-PROJECT-ID')),
      location: Token.asString(Fn.lower('X')),
      name: Token.asString(Fn.lower('SECURE-TD-CLUSTER')),
      minMasterVersion: Token.asString(Fn.lower('X')),
      nodeCount: Token.asNumber(Fn.lengthOf(['a', 'b', 'c'])),
    });
    const cluster = onlyResource(synth(stack), 'google_container_cluster');
    expect(cluster.min_master_version).toBe('${lower("X")}');
    expect(cluster.name).toBe('${lower("SECURE-TD-CLUSTER")}');
  });

  describe('S2: adopting an existing cluster (fromClusterAttributes)', () => {
    it('S2: adopting creates no resources and formats the cluster ID', () => {
      const stack = gcpStack();
      const cluster = GkeCluster.fromClusterAttributes(stack, 'Existing', SEED_CLUSTER);
      const json = synth(stack);
      expect(json.resource).toBeUndefined();
      expect(cluster.resourceName).toBe('projects/my-project-id/locations/us-east1-b/clusters/secure-td-cluster');
      expect(cluster.workloadPool).toBe('my-project-id.svc.id.goog');
      expect(cluster.network).toBe('default');
      expect(cluster.healthCheckTag).toBe('allow-health-checks');
      expect(cluster.nodeTag).toBe('allow-health-checks');
    });

    it('S3: an adopted cluster reports the pod CIDR and node tag it was given', () => {
      const cluster = GkeCluster.fromClusterAttributes(gcpStack(), 'Existing', {
        ...SEED_CLUSTER, podCidr: '10.4.0.0/14', nodeTag: 'gke-cluster-a-9cd18751-node',
      });
      expect(cluster.podCidr).toBe('10.4.0.0/14');
      expect(cluster.nodeTag).toBe('gke-cluster-a-9cd18751-node');
    });

    it('X2: reading podCidr of an adopted cluster without podCidr explains how to get it', () => {
      const cluster = GkeCluster.fromClusterAttributes(gcpStack(), 'Existing', SEED_CLUSTER);
      expect(() => cluster.podCidr).toThrow(new Error(
        'test/Existing: podCidr is unknown for this adopted cluster (got nothing). ' +
        'Pass podCidr to GkeCluster.fromClusterAttributes (gcloud container clusters describe NAME --format="value(clusterIpv4Cidr)").'));
    });

    it('X2: adopting with location "mars" is rejected', () => {
      expect(() => GkeCluster.fromClusterAttributes(gcpStack(), 'Existing', { ...SEED_CLUSTER, location: 'mars' })).toThrow(new Error(
        'test/Existing: location is not a Google Cloud zone or region (got "mars"). ' +
        'Use a zone such as "us-east1-b" or a region such as "us-east1".'));
    });

    it('X2: adopting with name "Secure_Cluster" is rejected', () => {
      expect(() => GkeCluster.fromClusterAttributes(gcpStack(), 'Existing', { ...SEED_CLUSTER, name: 'Secure_Cluster' }))
        .toThrow(new Error('test/Existing: name is not a valid Google Cloud resource name (got "Secure_Cluster"). ' +
          'Use 1-63 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.'));
    });

    it('X5: adopting with unresolved attributes is not rejected', () => {
      const cluster = GkeCluster.fromClusterAttributes(Testing.app(), 'Existing', {
        project: Token.asString(Fn.lower('X')),
        location: Token.asString(Fn.lower('X')),
        name: Token.asString(Fn.lower('X')),
      });
      expect(Token.isUnresolved(cluster.resourceName)).toBe(true);
      expect(Token.isUnresolved(cluster.region)).toBe(true);
    });
  });

  it('S2: the cluster is VPC-native with an explicit ip_allocation_policy even without a pod CIDR', () => {
    const stack = gcpStack();
    seedCluster(stack);
    expect(onlyResource(synth(stack), 'google_container_cluster').ip_allocation_policy).toEqual({ stack_type: 'IPV4' });
  });

  it('X2: a cluster name that leaves no room for the node pool name is rejected', () => {
    const name = 'a-very-long-cluster-name-for-the-demo';
    expect(() => seedCluster(gcpStack(), { name: name })).toThrow(
      `test/Cluster: name is longer than 35 characters (got "${name}"). ` +
      'GKE limits cluster and node pool names to 40 characters and the node pool is named CLUSTER-pool; shorten the name.');
  });
});

describe('T1: hardened cluster defaults, each relaxed only by a named option', () => {
  const stack = gcpStack();
  const created = seedCluster(stack);
  const json = synth(stack);
  const cluster = onlyResource(json, 'google_container_cluster');
  const pool = onlyResource(json, 'google_container_node_pool');
  const nodeConfig = pool.node_config as Record<string, unknown>;

  it('T1: nodes are private (internal addresses only); without controlPlaneCidr GKE connects over Private Service Connect', () => {
    expect(cluster.private_cluster_config).toEqual({ enable_private_nodes: true });
  });

  it('T1/E8: Dataplane V2 enforces NetworkPolicies', () => {
    expect(cluster.datapath_provider).toBe('ADVANCED_DATAPATH');
    expect(created.dataplaneV2).toBe(true);
  });

  it('T1: no legacy ABAC and no client certificate', () => {
    expect(cluster.enable_legacy_abac).toBe(false);
    expect(cluster.master_auth).toEqual({ client_certificate_config: { issue_client_certificate: false } });
  });

  it('T1: workload identity, and GKE_METADATA on the node pool (metadata concealment, seed 004)', () => {
    expect(cluster.workload_identity_config).toEqual({ workload_pool: 'my-project-id.svc.id.goog' });
    expect(nodeConfig.workload_metadata_config).toEqual({ mode: 'GKE_METADATA' });
  });

  it('T1: shielded nodes with secure boot and integrity monitoring, a release channel', () => {
    expect(cluster.enable_shielded_nodes).toBe(true);
    expect(nodeConfig.shielded_instance_config).toEqual({ enable_secure_boot: true, enable_integrity_monitoring: true });
    expect(cluster.release_channel).toEqual({ channel: 'RAPID' });
  });

  it('T1: legacy metadata endpoints and the kubelet read-only port are off', () => {
    expect(nodeConfig.metadata).toEqual({ 'disable-legacy-endpoints': 'true' });
    expect(nodeConfig.kubelet_config).toEqual({ insecure_kubelet_readonly_port_enabled: 'FALSE' });
  });

  it('T1/E6: a dedicated least-privilege node service account, created before the pool that runs as it', () => {
    const accounts = Object.values(json.resource?.google_service_account ?? {});
    expect(accounts).toEqual([expect.objectContaining({ account_id: 'secure-td-cluster-nodes', project: 'my-project-id' })]);
    expect(nodeConfig.service_account).toBe('secure-td-cluster-nodes@my-project-id.iam.gserviceaccount.com');
    const roles = Object.values(json.resource?.google_project_iam_member ?? {})
      .filter((g) => g.member === 'serviceAccount:secure-td-cluster-nodes@my-project-id.iam.gserviceaccount.com').map((g) => g.role).sort();
    expect(roles).toEqual(['roles/artifactregistry.reader', 'roles/logging.logWriter', 'roles/monitoring.metricWriter',
      'roles/monitoring.viewer', 'roles/stackdriver.resourceMetadata.writer']);
    expect(pool.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^google_service_account\.Cluster_NodeIdentity_/)]));
    expect((pool.depends_on as string[]).filter((d) => d.startsWith('google_project_iam_member.'))).toHaveLength(5);
  });

  it('T3: the cluster\'s name, location, project and the rotation commands are outputs', () => {
    expect(json.output).toMatchObject({
      Cluster_name: { value: 'secure-td-cluster' },
      Cluster_location: { value: 'us-east1-b' },
      Cluster_project: { value: 'my-project-id' },
      Cluster_start_credential_rotation: {
        value: 'gcloud container clusters update secure-td-cluster --location us-east1-b --project my-project-id --start-credential-rotation',
      },
      Cluster_complete_credential_rotation: {
        value: 'gcloud container clusters update secure-td-cluster --location us-east1-b --project my-project-id --complete-credential-rotation',
      },
    });
  });

  it('T1: allowPublicNodes, allowLegacyDataplane and allowDefaultNodeServiceAccount relax one protection each', () => {
    const relaxed = gcpStack();
    seedCluster(relaxed, { allowPublicNodes: true, allowLegacyDataplane: true, allowDefaultNodeServiceAccount: true });
    const out = synth(relaxed);
    const c = onlyResource(out, 'google_container_cluster');
    const config = onlyResource(out, 'google_container_node_pool').node_config as Record<string, unknown>;
    expect(c).not.toHaveProperty('private_cluster_config');
    expect(c).not.toHaveProperty('datapath_provider');
    // The legacy dataplane still enforces NetworkPolicies, with Calico.
    expect(c.network_policy).toEqual({ enabled: true, provider: 'CALICO' });
    expect(c.addons_config).toEqual({ network_policy_config: { disabled: false } });
    expect(config).not.toHaveProperty('service_account');
    expect(out.resource?.google_service_account).toBeUndefined();
    // The rest stays hardened.
    expect(config.workload_metadata_config).toEqual({ mode: 'GKE_METADATA' });
    expect(c.enable_legacy_abac).toBe(false);
  });

  it('T1/E1: controlPlaneCidr gives the control plane a private /28 range', () => {
    const { cluster: c } = seedClusterJson({ controlPlaneCidr: '10.5.0.0/28' });
    expect(c.private_cluster_config).toEqual({ enable_private_nodes: true, master_ipv4_cidr_block: '10.5.0.0/28' });
  });

  it('T1: an existing node service account is used as given, and none is created', () => {
    const s = gcpStack();
    seedCluster(s, { nodeServiceAccount: 'nodes@my-project-id.iam.gserviceaccount.com' });
    const out = synth(s);
    expect((onlyResource(out, 'google_container_node_pool').node_config as Record<string, unknown>).service_account)
      .toBe('nodes@my-project-id.iam.gserviceaccount.com');
    expect(out.resource?.google_service_account).toBeUndefined();
  });
});
