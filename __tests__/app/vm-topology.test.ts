import { AnnotationMetadataEntryType, Testing } from 'cdktf';
import { buildVmTopology, VM_STACK_NAME, VM_TOPOLOGY_DEFAULTS, VmTopologyConfig, vmKeyAlgorithm } from '../../app/vm-topology';
import { expectTerraformAccepts } from '../../tools/terraform/expect';
import { Harness, prepareHarness } from '../../tools/terraform/harness';
import { StackJson } from '../helpers/synth';
import { schemaIssues } from '../vm/fixtures';

/**
 * Seed 003 as the VM stack of the reference topology: every W requirement asserted by ID on the demo defaults, one
 * reviewed snapshot, and Terraform's verdict offline (X7): validate and plan, prevent_destroy on what is precious
 * (X6), and the template roll-over of W7.
 */
jest.setTimeout(300_000);

type Json = Record<string, unknown>;

function topology(config: VmTopologyConfig = {}): { json: StackJson; warnings: string[] } {
  const app = Testing.app();
  const stack = buildVmTopology(app, config);
  const json = JSON.parse(Testing.synth(stack, true)) as StackJson;
  const warnings = stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => String(m.data)));
  return { json, warnings };
}

const { json, warnings } = topology();

function all(type: string): Json[] {
  return Object.values(json.resource?.[type] ?? {});
}

function one(type: string, where: (r: Json) => boolean = () => true): Json {
  const found = all(type).filter(where);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0];
}

function addressOf(stack: StackJson, type: string): string {
  const names = Object.keys(stack.resource?.[type] ?? {});
  if (names.length !== 1) throw new Error(`expected one ${type}, found ${names.length}`);
  return `${type}.${names[0]}`;
}

const TRUST_DOMAIN = 'mwlid-pool.global.123456789012.workload.id.goog';
const SERVER_SPIFFE = `spiffe://${TRUST_DOMAIN}/ns/mtls-demo/sa/backend`;
const CLIENT_SPIFFE = `spiffe://${TRUST_DOMAIN}/ns/mtls-demo/sa/client`;
const SUB_POOL = 'projects/my-project-id/locations/us-east1/caPools/mwlid-sub-pool';
const PRINCIPAL_SET = 'principalSet://iam.googleapis.com/projects/123456789012/name/locations/global/workloadIdentityPools/mwlid-pool/*';
const named = (name: string) => (r: Json) => r.name === name;

describe('VM topology (seed 003) on its demo defaults', () => {
  it('one stack, checked against the provider schemas (google-beta against its bindings), without warnings', () => {
    expect(VM_STACK_NAME).toBe('vm-workload-identity');
    expect(schemaIssues(json)).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('the placeholders of the seed: my-project-id, 123456789012, and the seed\'s rsa-2048', () => {
    expect([VM_TOPOLOGY_DEFAULTS.projectId, VM_TOPOLOGY_DEFAULTS.projectNumber, VM_TOPOLOGY_DEFAULTS.keyAlgorithm]).toEqual(['my-project-id', '123456789012', 'rsa-2048']);
    expect(json.provider).toMatchObject({
      google: [{ project: 'my-project-id', region: 'us-east1' }],
      'google-beta': [{ project: 'my-project-id', region: 'us-east1', billing_project: 'my-project-id', user_project_override: true }],
    });
  });

  it('enables compute, iam and privateca', () => {
    expect(all('google_project_service').map((s) => s.service)).toEqual(['compute.googleapis.com', 'iam.googleapis.com', 'privateca.googleapis.com']);
  });

  it('W1: a TRUST_DOMAIN pool, a namespace and two managed identities', () => {
    expect(one('google_iam_workload_identity_pool')).toMatchObject({ workload_identity_pool_id: 'mwlid-pool', mode: 'TRUST_DOMAIN', provider: 'google-beta' });
    expect(one('google_iam_workload_identity_pool_namespace').workload_identity_pool_namespace_id).toBe('mtls-demo');
    expect(all('google_iam_workload_identity_pool_managed_identity').map((i) => i.workload_identity_pool_managed_identity_id).sort()).toEqual(['backend', 'client']);
  });

  it('W2: a service account per identity and the attestation rule binding the identity to VMs running as it', () => {
    expect(all('google_service_account').map((a) => a.account_id).sort()).toEqual(['mwlid-backend', 'mwlid-client']);
    const rules = Object.fromEntries(all('google_iam_workload_identity_pool_managed_identity')
      .map((i) => [i.workload_identity_pool_managed_identity_id, i.attestation_rules]));
    expect(rules).toEqual({
      backend: [{ google_cloud_resource: '//compute.googleapis.com/projects/123456789012/type/Instance/attached_service_account.email/mwlid-backend@my-project-id.iam.gserviceaccount.com' }],
      client: [{ google_cloud_resource: '//compute.googleapis.com/projects/123456789012/type/Instance/attached_service_account.email/mwlid-client@my-project-id.iam.gserviceaccount.com' }],
    });
  });

  it('W3: root ENTERPRISE pool and CA, subordinate DEVOPS pool in the VMs\' region with subordinate_mtls_pathlen_0', () => {
    expect(one('google_privateca_ca_pool', named('mwlid-root-pool'))).toMatchObject({ tier: 'ENTERPRISE', location: 'us-east1' });
    expect(one('google_privateca_ca_pool', named('mwlid-sub-pool'))).toMatchObject({ tier: 'DEVOPS', location: 'us-east1' });
    const sub = one('google_privateca_certificate_authority', (r) => r.type === 'SUBORDINATE');
    expect(sub).toMatchObject({ certificate_authority_id: 'mwlid-sub-ca', pool: 'mwlid-sub-pool', location: 'us-east1' });
    expect((sub.config as Json).x509_config).toMatchObject({
      ca_options: { is_ca: true, max_issuer_path_length: 0, zero_max_issuer_path_length: true },
      key_usage: { extended_key_usage: { server_auth: true, client_auth: true } },
    });
    expect(one('google_privateca_certificate_authority', (r) => r.type === 'SELF_SIGNED').certificate_authority_id).toBe('mwlid-root-ca');
  });

  it('W3: the pool\'s identities may request certificates from and read the subordinate pool, as one principal set', () => {
    expect(all('google_privateca_ca_pool_iam_member').map((g) => [g.ca_pool, g.role, g.member])).toEqual([
      [SUB_POOL, 'roles/privateca.poolReader', PRINCIPAL_SET],
      [SUB_POOL, 'roles/privateca.workloadCertificateRequester', PRINCIPAL_SET],
    ]);
  });

  it('W4: the partner metadata of each VM parses to the seed\'s CONFIGS.json structure', () => {
    const configs = (spiffeId: string) => ({
      'iam.googleapis.com': { entries: { 'workload-identity': spiffeId } },
      'wc.compute.googleapis.com': {
        entries: {
          'certificate-issuance-config': {
            primary_certificate_authority_config: { certificate_authority_config: { ca_pool: SUB_POOL } },
            key_algorithm: 'rsa-2048',
          },
          'trust-config': { [TRUST_DOMAIN]: { trust_anchors: [{ ca_pool: SUB_POOL }] } },
        },
      },
    });
    const parsed = (r: Json) => Object.fromEntries(Object.entries(r.partner_metadata as Record<string, string>).map(([k, v]) => [k, JSON.parse(v)]));
    expect(parsed(one('google_compute_instance_template'))).toEqual(configs(SERVER_SPIFFE));
    expect(parsed(one('google_compute_instance'))).toEqual(configs(CLIENT_SPIFFE));
  });

  it('W5: an instance template with the service account, enable-workload-certificate=true, the partner metadata, Shielded VM, no external IP', () => {
    const template = one('google_compute_instance_template');
    expect(template).toMatchObject({
      service_account: { email: 'mwlid-backend@my-project-id.iam.gserviceaccount.com' },
      metadata: { 'enable-workload-certificate': 'true' },
      shielded_instance_config: { enable_secure_boot: true, enable_vtpm: true, enable_integrity_monitoring: true },
      network_interface: [{ network: 'default' }],
    });
  });

  it('W5: a managed instance group of two from the template, in us-east1-b', () => {
    expect(one('google_compute_instance_group_manager')).toMatchObject({ name: 'mwlid-backend', zone: 'us-east1-b', target_size: 2 });
  });

  it('W6: an individual client VM with the same configuration', () => {
    expect(one('google_compute_instance')).toMatchObject({
      name: 'mwlid-client', zone: 'us-east1-b',
      service_account: { email: 'mwlid-client@my-project-id.iam.gserviceaccount.com' },
      metadata: { 'enable-workload-certificate': 'true' },
      network_interface: [{ network: 'default' }],
    });
  });

  it('W7: new template before the old one goes, and a gapless roll of the group', () => {
    expect(one('google_compute_instance_template')).toMatchObject({ lifecycle: { create_before_destroy: true }, name_prefix: expect.stringMatching(/^mwlid-backend-[0-9a-f]{8}-$/) });
    expect(one('google_compute_instance_group_manager').update_policy).toMatchObject({
      type: 'PROACTIVE', minimal_action: 'REPLACE', max_surge_fixed: 1, max_unavailable_fixed: 0,
    });
  });

  it('W7: a change of issuance config yields a new template name; the client VM keeps its name', () => {
    const { json: changed } = topology({ keyAlgorithm: 'ecdsa-p256' });
    const prefix = (stack: StackJson) => Object.values(stack.resource?.google_compute_instance_template ?? {})[0].name_prefix;
    const vmName = (stack: StackJson) => Object.values(stack.resource?.google_compute_instance ?? {})[0].name;
    expect(prefix(changed)).not.toBe(prefix(json));
    expect(vmName(changed)).toBe(vmName(json));
  });

  it('W8: each identity\'s SPIFFE ID, credential files and metadata endpoints as outputs', () => {
    const outputs = json.output as Record<string, { value: Json }>;
    expect(Object.keys(outputs)).toEqual(['workload_identity_mtls_demo_backend', 'workload_identity_mtls_demo_client']);
    expect(outputs.workload_identity_mtls_demo_backend.value).toMatchObject({
      spiffe_id: SERVER_SPIFFE,
      trust_domain: TRUST_DOMAIN,
      credential_files: {
        certificates: '/var/run/secrets/workload-spiffe-credentials/certificates.pem',
        private_key: '/var/run/secrets/workload-spiffe-credentials/private_key.pem',
        ca_certificates: '/var/run/secrets/workload-spiffe-credentials/ca_certificates.pem',
        minimum_guest_agent_version: '20231103.01',
      },
      metadata_endpoints: {
        config_status: 'http://metadata.google.internal/computeMetadata/v1/instance/gce-workload-certificates/config-status',
        workload_identities: 'http://metadata.google.internal/computeMetadata/v1/instance/gce-workload-certificates/workload-identities',
        trust_anchors: 'http://metadata.google.internal/computeMetadata/v1/instance/gce-workload-certificates/trust-anchors',
        poll_interval_seconds: 300,
      },
    });
  });

  it('X6: the workload identity pool, CA pools and CAs are protected; allowDestroy lifts it', () => {
    const protectedTypes = ['google_iam_workload_identity_pool', 'google_privateca_ca_pool', 'google_privateca_certificate_authority'];
    for (const type of protectedTypes) for (const r of all(type)) expect({ type, lifecycle: r.lifecycle }).toEqual({ type, lifecycle: { prevent_destroy: true } });
    const { json: demoJson } = topology({ allowDestroy: true });
    for (const type of protectedTypes) {
      for (const r of Object.values(demoJson.resource?.[type] ?? {})) expect({ type, lifecycle: r.lifecycle }).toEqual({ type, lifecycle: { prevent_destroy: false } });
    }
  });

  it('X4: two synths are byte-identical', () => {
    expect(JSON.stringify(topology().json)).toBe(JSON.stringify(json));
  });

  it('the seed\'s alternative: issuance config on the pool, VMs with only their identity', () => {
    const { json: onPool } = topology({ certificateIssuance: 'workload-identity-pool' });
    const pool = Object.values(onPool.resource?.google_iam_workload_identity_pool ?? {})[0];
    expect(pool.inline_certificate_issuance_config).toEqual({
      ca_pools: { 'us-east1': SUB_POOL }, key_algorithm: 'RSA_2048', lifetime: '86400s', rotation_window_percentage: 50,
    });
    const template = Object.values(onPool.resource?.google_compute_instance_template ?? {})[0];
    expect(Object.keys(template.partner_metadata as object)).toEqual(['iam.googleapis.com']);
  });

  it('configuration errors name the setting', () => {
    expect(() => vmKeyAlgorithm('rsa-1024')).toThrow(
      'Configuration: VM_KEY_ALGORITHM (keyAlgorithm) must be one of rsa-2048, rsa-3072, rsa-4096, ecdsa-p256, ecdsa-p384 (got "rsa-1024").');
    expect(() => topology({ zone: 'us-east1' })).toThrow('vm-workload-identity/ServerGroup: zone is not a Compute Engine zone (got "us-east1").');
  });

  it('snapshot of the whole stack (review diffs, never update blindly)', () => {
    expect(json).toMatchSnapshot();
  });
});

describe('X7: Terraform validates and plans the VM stack offline', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await prepareHarness();
  });

  it('X7: the demo defaults and the pool-issuance alternative validate and plan', async () => {
    const results = await harness.check({ [VM_STACK_NAME]: json, 'vm-pool-issuance': topology({ certificateIssuance: 'workload-identity-pool' }).json }, { validate: true });
    expectTerraformAccepts(results);
    for (const result of Object.values(results)) expect(result.commands.plan?.stdout).toMatch(/Plan: \d+ to add, 0 to change, 0 to destroy\./);
  });

  it('X6: after an apply, plan -destroy refuses the workload identity pool; with allowDestroy it succeeds', async () => {
    const workspace = await harness.workspace('vm-x6', json);
    try {
      for (const step of ['init', 'plan', 'apply'] as const) expect((await workspace.run(step)).errors).toEqual([]);
      const destroy = await workspace.run('planDestroy');
      expect(destroy.exitCode).not.toBe(0);
      const pool = addressOf(json, 'google_iam_workload_identity_pool');
      expect(destroy.errors.some((e) => e.includes(`Resource ${pool}`) && e.includes('prevent_destroy'))).toBe(true);
    } finally {
      workspace.dispose();
    }
    const { [VM_STACK_NAME]: result } = await harness.check({ [VM_STACK_NAME]: topology({ allowDestroy: true }).json }, { apply: true, planDestroy: true });
    expectTerraformAccepts({ [VM_STACK_NAME]: result });
    expect(result.commands.planDestroy?.stdout).toMatch(/Plan: 0 to add, 0 to change, \d+ to destroy\./);
  });

  it('W7: after an apply, a new issuance config replaces the template create-before-destroy and updates the group in place', async () => {
    const changed = topology({ keyAlgorithm: 'ecdsa-p256' }).json;
    const template = addressOf(json, 'google_compute_instance_template');
    const group = addressOf(json, 'google_compute_instance_group_manager');
    const vm = addressOf(json, 'google_compute_instance');
    expect(addressOf(changed, 'google_compute_instance_template')).toBe(template);
    const workspace = await harness.workspace('vm-w7', json);
    try {
      for (const step of ['init', 'plan', 'apply'] as const) expect((await workspace.run(step)).errors).toEqual([]);
      workspace.write(changed);
      // The real provider replaces a template whose name_prefix changed (ForceNew); the schema-driven mock provider
      // cannot know that, so the plan is told with -replace. What is checked is Terraform's order: create_before_destroy.
      const plan = await workspace.run('plan', [`-replace=${template}`]);
      expect(plan.errors).toEqual([]);
      expect(plan.stdout).toContain(`# ${template} will be replaced, as requested`);
      expect(plan.stdout).toMatch(new RegExp(`\\+/- resource "google_compute_instance_template" "${template.split('.')[1]}"`));
      expect(plan.stdout).not.toContain('-/+ resource');
      expect(plan.stdout).toContain(`# ${group} will be updated in-place`);
      expect(plan.stdout).toContain(`# ${vm} will be updated in-place`);
      expect(plan.stdout).toMatch(/Plan: 1 to add, \d+ to change, 1 to destroy\./);
    } finally {
      workspace.dispose();
    }
  });
});
