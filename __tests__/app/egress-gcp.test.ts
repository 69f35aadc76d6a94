import { AnnotationMetadataEntryType, Testing } from 'cdktf';
import { EGRESS_DEFAULTS, EgressTopologyConfig } from '../../app/egress-config';
import { buildEgressGcpStack, EGRESS_GCP_STACK_NAME } from '../../app/egress-gcp';
import { gke, network } from '../../lib';
import { expectTerraformAccepts } from '../../tools/terraform/expect';
import { Harness, prepareHarness } from '../../tools/terraform/harness';
import { StackJson } from '../helpers/synth';
import { validateTerraformJson } from '../helpers/schema-validator';

/**
 * The Google Cloud side of seed 001 (egress gateways with defence in depth) as the stack `egress-gcp`: every E
 * requirement this stack carries asserted by ID on the tutorial's values, one reviewed snapshot, and Terraform's
 * verdict offline (X7).
 */
jest.setTimeout(300_000);

type Json = Record<string, unknown>;

function build(config: EgressTopologyConfig = EGRESS_DEFAULTS) {
  const app = Testing.app();
  const parts = buildEgressGcpStack(app, config);
  const json = JSON.parse(Testing.synth(parts.stack, true)) as StackJson;
  const warnings = parts.stack.node.findAll()
    .flatMap((c) => c.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => String(m.data)));
  return { parts, json, warnings };
}

const { parts, json, warnings } = build();

function all(type: string): Json[] {
  return Object.values(json.resource?.[type] ?? {});
}

function one(type: string, where: (r: Json) => boolean = () => true): Json {
  const found = all(type).filter(where);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0];
}

function addressOf(type: string, where: (r: Json) => boolean = () => true): string {
  const found = Object.entries(json.resource?.[type] ?? {}).filter(([, r]) => where(r as Json));
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return `${type}.${found[0][0]}`;
}

const named = (name: string) => (r: Json) => r.name === name;
const rule = (suffix: string) => one('google_compute_firewall', named(`vpc-network-${suffix}`));
const GATEWAY_SA = 'cluster1-gateway@my-project-id.iam.gserviceaccount.com';
const WORKLOAD_SA = 'cluster1-nodes@my-project-id.iam.gserviceaccount.com';

describe(`${EGRESS_GCP_STACK_NAME}: seed 001 on the tutorial's values`, () => {
  it('one stack egress-gcp for my-project-id in us-central1, valid against the provider schemas, without warnings', () => {
    expect(parts.stack.node.id).toBe('egress-gcp');
    expect(json.provider).toMatchObject({ google: [{ project: 'my-project-id', region: 'us-central1' }] });
    expect(validateTerraformJson(json)).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('enables the APIs the network, the cluster, private DNS, the fleet and the managed mesh need', () => {
    expect(all('google_project_service').map((s) => s.service).sort()).toEqual([
      'cloudresourcemanager.googleapis.com', 'compute.googleapis.com', 'container.googleapis.com', 'dns.googleapis.com',
      'gkehub.googleapis.com', 'iam.googleapis.com', 'mesh.googleapis.com',
    ]);
    expect(all('google_project_service').every((s) => s.disable_on_destroy === false)).toBe(true);
  });

  describe('E1: private, VPC-native cluster on a custom-mode network', () => {
    it('E1: vpc-network is a custom-mode network that keeps its default route (NAT and the API VIP need it)', () => {
      expect(one('google_compute_network')).toMatchObject({
        name: 'vpc-network', auto_create_subnetworks: false, delete_default_routes_on_create: false, routing_mode: 'REGIONAL',
      });
    });

    it('E1: subnet-gke 10.0.0.0/24 in us-central1 with the named secondary ranges pods 10.1.0.0/16 and services 10.2.0.0/20', () => {
      expect(one('google_compute_subnetwork')).toMatchObject({
        name: 'subnet-gke', region: 'us-central1', ip_cidr_range: '10.0.0.0/24',
        network: `\${${addressOf('google_compute_network')}.id}`,
        secondary_ip_range: [{ range_name: 'pods', ip_cidr_range: '10.1.0.0/16' }, { range_name: 'services', ip_cidr_range: '10.2.0.0/20' }],
      });
    });

    it('E1: cluster1 in us-central1-a: private nodes, control plane 10.5.0.0/28, the subnet\'s named ranges, Dataplane V2, workload identity, RAPID', () => {
      expect(one('google_container_cluster')).toMatchObject({
        name: 'cluster1', location: 'us-central1-a', network: 'vpc-network',
        subnetwork: `\${${addressOf('google_compute_subnetwork')}.id}`,
        networking_mode: 'VPC_NATIVE',
        ip_allocation_policy: { cluster_secondary_range_name: 'pods', services_secondary_range_name: 'services' },
        private_cluster_config: { enable_private_nodes: true, master_ipv4_cidr_block: '10.5.0.0/28' },
        datapath_provider: 'ADVANCED_DATAPATH',
        workload_identity_config: { workload_pool: 'my-project-id.svc.id.goog' },
        release_channel: { channel: 'RAPID' },
        mesh_certificates: { enable_certificates: true },
        deletion_protection: true,
      });
    });
  });

  describe('E2: Cloud NAT for the subnet', () => {
    it('E2: nat-config on nat-router, for every range of subnet-gke only, with 2048 ports per VM and error logging', () => {
      expect(one('google_compute_router')).toMatchObject({ name: 'nat-router', region: 'us-central1', network: `\${${addressOf('google_compute_network')}.id}` });
      expect(one('google_compute_router_nat')).toMatchObject({
        name: 'nat-config', region: 'us-central1', router: `\${${addressOf('google_compute_router')}.name}`,
        nat_ip_allocate_option: 'AUTO_ONLY', source_subnetwork_ip_ranges_to_nat: 'LIST_OF_SUBNETWORKS',
        subnetwork: [{ name: `\${${addressOf('google_compute_subnetwork')}.id}`, source_ip_ranges_to_nat: ['ALL_IP_RANGES'] }],
        min_ports_per_vm: 2048, enable_dynamic_port_allocation: false, enable_endpoint_independent_mapping: false,
        log_config: { enable: true, filter: 'ERRORS_ONLY' },
      });
    });
  });

  describe('E3: Private Google Access and private DNS for Google APIs and registries', () => {
    it('E3: Private Google Access is on for subnet-gke', () => {
      expect(one('google_compute_subnetwork').private_ip_google_access).toBe(true);
    });

    it('E3: private zones googleapis.com., gcr.io. and pkg.dev., visible to vpc-network only', () => {
      const network = `\${${addressOf('google_compute_network')}.id}`;
      expect(all('google_dns_managed_zone').map((z) => [z.name, z.dns_name, z.visibility, z.private_visibility_config]).sort()).toEqual([
        ['vpc-network-gcr-io', 'gcr.io.', 'private', { networks: [{ network_url: network }] }],
        ['vpc-network-googleapis', 'googleapis.com.', 'private', { networks: [{ network_url: network }] }],
        ['vpc-network-pkg-dev', 'pkg.dev.', 'private', { networks: [{ network_url: network }] }],
      ]);
    });

    it('E3: *.googleapis.com is a CNAME for private.googleapis.com, whose A records are 199.36.153.8/30', () => {
      const records = all('google_dns_record_set').map((r) => [r.name, r.type, r.rrdatas]);
      const vip = ['199.36.153.8', '199.36.153.9', '199.36.153.10', '199.36.153.11'];
      expect(records.sort()).toEqual([
        ['*.gcr.io.', 'CNAME', ['gcr.io.']],
        ['*.googleapis.com.', 'CNAME', ['private.googleapis.com.']],
        ['*.pkg.dev.', 'CNAME', ['pkg.dev.']],
        ['gcr.io.', 'A', vip],
        ['pkg.dev.', 'A', vip],
        ['private.googleapis.com.', 'A', vip],
      ]);
    });

    it('E3: the VIP range is routed to the default internet gateway, and the parts expose the VIP to the Kubernetes stack', () => {
      expect(one('google_compute_route')).toMatchObject({ dest_range: '199.36.153.8/30', next_hop_gateway: 'default-internet-gateway' });
      expect(parts.googleApisVip).toBe(network.GoogleApisVip.PRIVATE);
    });

    it('E3: DNS waits for dns.googleapis.com and the mesh feature for mesh.googleapis.com', () => {
      const dnsApi = addressOf('google_project_service', (s) => s.service === 'dns.googleapis.com');
      const meshApi = addressOf('google_project_service', (s) => s.service === 'mesh.googleapis.com');
      for (const type of ['google_dns_managed_zone', 'google_dns_record_set']) {
        expect(all(type).every((r) => (r.depends_on as string[]).includes(dnsApi))).toBe(true);
      }
      expect(one('google_gke_hub_feature').depends_on).toContain(meshApi);
      expect(one('google_gke_hub_feature_membership').depends_on).toContain(meshApi);
    });
  });

  describe('E6: node pools with their own service accounts; a tainted, labelled gateway pool', () => {
    it('E6: cluster1-pool runs as cluster1-nodes, gateway as cluster1-gateway, both least-privilege accounts', () => {
      expect(one('google_container_node_pool', named('cluster1-pool')).node_config).toMatchObject({ service_account: WORKLOAD_SA });
      expect(one('google_container_node_pool', named('gateway')).node_config).toMatchObject({ service_account: GATEWAY_SA });
      expect(all('google_service_account').map((a) => a.account_id).sort()).toEqual(['cluster1-gateway', 'cluster1-nodes']);
      const roles = (email: string) => all('google_project_iam_member').filter((g) => g.member === `serviceAccount:${email}`).map((g) => g.role).sort();
      expect(roles(GATEWAY_SA)).toEqual([...gke.NodeServiceAccount.ROLES].sort());
      expect(roles(WORKLOAD_SA)).toEqual([...gke.NodeServiceAccount.ROLES].sort());
    });

    it('E6: the gateway pool carries dedicated=gateway:NoSchedule and the label dedicated=gateway', () => {
      expect(one('google_container_node_pool', named('gateway')).node_config).toMatchObject({
        taint: [{ key: 'dedicated', value: 'gateway', effect: 'NO_SCHEDULE' }],
        labels: { dedicated: 'gateway' },
      });
      expect(one('google_container_node_pool', named('cluster1-pool')).node_config).not.toHaveProperty('taint');
    });

    it('E6: the gateway pool waits for its account and roles; the parts give the Kubernetes stack the pool named gateway', () => {
      const dependsOn = one('google_container_node_pool', named('gateway')).depends_on as string[];
      expect(dependsOn).toContain(addressOf('google_service_account', (a) => a.account_id === 'cluster1-gateway'));
      const grants = Object.entries(json.resource?.google_project_iam_member ?? {})
        .filter(([, g]) => (g as Json).member === `serviceAccount:${GATEWAY_SA}`).map(([name]) => `google_project_iam_member.${name}`);
      expect(grants).toHaveLength(5);
      expect(dependsOn).toEqual(expect.arrayContaining(grants));
      expect(parts.gatewayPool.name).toBe('gateway');
      expect(parts.gatewayPool.taints).toEqual([{ key: 'dedicated', value: 'gateway', effect: gke.TaintEffect.NO_SCHEDULE }]);
      expect(parts.cluster.name).toBe('cluster1');
    });
  });

  describe('E7: VPC firewall, nodes selected by service account', () => {
    it('E7: vpc-network-deny-all-egress denies all egress of the whole network at priority 65535, logged', () => {
      const deny = rule('deny-all-egress');
      expect(deny).toMatchObject({
        direction: 'EGRESS', priority: 65535, destination_ranges: ['0.0.0.0/0'], deny: [{ protocol: 'all' }],
        log_config: { metadata: 'INCLUDE_ALL_METADATA' },
      });
      expect(deny).not.toHaveProperty('target_service_accounts');
      expect(deny).not.toHaveProperty('target_tags');
    });

    it('E7: only the gateway nodes\' account reaches the internet, on tcp 80 and 443, at priority 1000', () => {
      expect(rule('allow-gateway-web-egress')).toMatchObject({
        direction: 'EGRESS', priority: 1000, destination_ranges: ['0.0.0.0/0'], allow: [{ protocol: 'tcp', ports: ['80', '443'] }],
        target_service_accounts: [GATEWAY_SA],
      });
    });

    it('E7: both accounts reach the control plane on tcp 443 and 10250', () => {
      expect(rule('allow-control-plane-egress')).toMatchObject({
        direction: 'EGRESS', destination_ranges: ['10.5.0.0/28'], allow: [{ protocol: 'tcp', ports: ['443', '10250'] }],
        target_service_accounts: [GATEWAY_SA, WORKLOAD_SA],
      });
    });

    it('E7: both accounts reach the subnet, pod and Service ranges on every protocol', () => {
      expect(rule('allow-internal-egress')).toMatchObject({
        direction: 'EGRESS', destination_ranges: ['10.0.0.0/24', '10.1.0.0/16', '10.2.0.0/20'], allow: [{ protocol: 'all' }],
        target_service_accounts: [GATEWAY_SA, WORKLOAD_SA],
      });
    });

    it('E3/E7: both accounts reach the Google API VIP 199.36.153.8/30 on tcp 443', () => {
      expect(rule('allow-google-apis-egress')).toMatchObject({
        direction: 'EGRESS', destination_ranges: ['199.36.153.8/30'], allow: [{ protocol: 'tcp', ports: ['443'] }],
        target_service_accounts: [GATEWAY_SA, WORKLOAD_SA],
      });
    });

    it('E7: health checkers 35.191.0.0/16 and 130.211.0.0/22 reach both pools', () => {
      expect(rule('allow-health-checks')).toMatchObject({
        direction: 'INGRESS', source_ranges: ['35.191.0.0/16', '130.211.0.0/22'], allow: [{ protocol: 'tcp' }],
        target_service_accounts: [GATEWAY_SA, WORKLOAD_SA],
      });
    });

    it('E7: the control plane reaches the sidecar injector webhooks: 15017 (istiod) and 9443 (Traffic Director injector)', () => {
      expect(rule('allow-webhooks')).toMatchObject({
        direction: 'INGRESS', source_ranges: ['10.5.0.0/28'], allow: [{ protocol: 'tcp', ports: ['15017', '9443'] }],
        target_service_accounts: [GATEWAY_SA, WORKLOAD_SA],
      });
    });

    it('E7: no rule selects nodes by tag; the deny-all rule comes after every allow rule', () => {
      expect(all('google_compute_firewall').filter((r) => 'target_tags' in r || 'source_tags' in r)).toEqual([]);
      const allows = Object.entries(json.resource?.google_compute_firewall ?? {})
        .filter(([, r]) => (r as Json).name !== 'vpc-network-deny-all-egress').map(([name]) => `google_compute_firewall.${name}`);
      expect(allows).toHaveLength(6);
      expect(rule('deny-all-egress').depends_on).toEqual(expect.arrayContaining(allows));
    });
  });

  describe('Cloud Service Mesh on the fleet (the Istio control plane seed 001 assumes)', () => {
    it('S4: cluster1 is registered to the fleet with workload identity', () => {
      expect(one('google_gke_hub_membership')).toMatchObject({
        membership_id: 'cluster1', location: 'global',
        endpoint: { gke_cluster: { resource_link: '//container.googleapis.com/projects/my-project-id/locations/us-central1-a/clusters/cluster1' } },
      });
    });

    it('E9-E16: the servicemesh feature with MANAGEMENT_AUTOMATIC on the membership, and the command to check it', () => {
      expect(one('google_gke_hub_feature')).toMatchObject({ name: 'servicemesh', location: 'global', project: 'my-project-id' });
      expect(one('google_gke_hub_feature_membership')).toMatchObject({
        location: 'global', feature: `\${${addressOf('google_gke_hub_feature')}.name}`,
        membership: `\${${addressOf('google_gke_hub_membership')}.membership_id}`, membership_location: 'global',
        mesh: { management: 'MANAGEMENT_AUTOMATIC' },
      });
      expect(json.output).toMatchObject({ ServiceMesh_mesh_status_command: { value: 'gcloud container fleet mesh describe --project my-project-id' } });
    });
  });

  it('X4: two synths are byte-identical', () => {
    expect(JSON.stringify(build().json)).toBe(JSON.stringify(json));
  });

  it('X2: the configuration is checked by the constructs (overlapping pod range)', () => {
    expect(() => build({ ...EGRESS_DEFAULTS, podCidr: '10.0.0.0/16' })).toThrow(new Error(
      'egress-gcp/Network/Subnet: secondaryRanges[0].cidr overlaps cidr 10.0.0.0/24 (got "10.0.0.0/16"). ' +
      'Give the primary range and each secondary range its own, non-overlapping part of the address space, e.g. 10.0.0.0/24, 10.1.0.0/16 and 10.2.0.0/20.'));
  });

  it('snapshot of egress-gcp (reviewed)', () => {
    expect(json).toMatchSnapshot();
  });
});

describe('X7: Terraform validates and plans egress-gcp offline', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await prepareHarness();
  });

  it('X7: init, validate and plan pass; everything is to be created', async () => {
    const results = await harness.check({ [EGRESS_GCP_STACK_NAME]: json }, { validate: true });
    expectTerraformAccepts(results);
    expect(results[EGRESS_GCP_STACK_NAME].commands.plan?.stdout).toMatch(/Plan: \d+ to add, 0 to change, 0 to destroy\./);
  });

  it('X6: the cluster refuses plan -destroy unless allowDestroy', async () => {
    const workspace = await harness.workspace('egress-x6', json);
    try {
      for (const step of ['init', 'plan', 'apply'] as const) expect((await workspace.run(step)).errors).toEqual([]);
      const destroy = await workspace.run('planDestroy');
      expect(destroy.errors.join('\n')).toContain('lifecycle.prevent_destroy set, but the plan calls for this resource to be\ndestroyed');
    } finally {
      workspace.dispose();
    }
    const allowed = build({ ...EGRESS_DEFAULTS, allowDestroy: true }).json;
    const { gcp } = await harness.check({ gcp: allowed }, { apply: true, planDestroy: true });
    expectTerraformAccepts({ gcp });
  });
});
