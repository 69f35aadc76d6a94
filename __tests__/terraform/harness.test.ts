import { expectTerraformAccepts, expectTerraformRejects } from '../../tools/terraform/expect';
import { Harness, prepareHarness, StackResult } from '../../tools/terraform/harness';
import { decodeValue, encodeValue, fromStateJson, parseStateJson, UNKNOWN, walk } from '../../tools/terraform/provider-values';

// Terraform runs for real (offline, against the mock provider): seconds per stack, not milliseconds.
jest.setTimeout(120_000);

let harness: Harness;
beforeAll(async () => {
  harness = await prepareHarness();
}, 300_000);

const GOOGLE = { google: { source: 'google', version: '6.50.0' } };
const KUBERNETES = { kubernetes: { source: 'kubernetes', version: '2.38.0' } };
const POOL = { name: 'pool', location: 'us-east1', tier: 'DEVOPS' };

/** A cdktf-style stack: pinned providers, a local backend outside the harness (which must never be touched). */
function stack(resource: object, extra: object = {}, providers: object = GOOGLE): object {
  return {
    terraform: { required_providers: providers, backend: { local: { path: '/nonexistent/terraform.real-stack.tfstate' } } },
    provider: { google: [{ project: 'my-project-id' }] },
    resource,
    ...extra,
  };
}

describe('mock provider values', () => {
  test('64-bit integers and numbers beyond them survive msgpack and JSON state exactly', () => {
    expect(decodeValue(encodeValue({ n: 9007199254740993n, big: '123456789012345678901234567890' }))).toEqual({ n: 9007199254740993n, big: '123456789012345678901234567890' });
    expect(parseStateJson('{"n": 123456789012345678901234567890, "e": 1e400, "f": 0.5, "s": "7e1"}')).toEqual({ n: '123456789012345678901234567890', e: '1e400', f: 0.5, s: '7e1' });
  });

  test('dynamic values keep their type; computed values are unknown in plans and base64 placeholders in data sources', () => {
    const block = { attributes: { manifest: { type: 'dynamic', required: true }, object: { type: 'dynamic', optional: true, computed: true } } } as const;
    const state = fromStateJson(['object', { manifest: 'dynamic', object: 'dynamic' }], { manifest: { value: { kind: 'ConfigMap' }, type: ['object', { kind: 'string' }] }, object: null });
    expect(state).toEqual({ manifest: [new TextEncoder().encode('["object",{"kind":"string"}]'), { kind: 'ConfigMap' }], object: null });
    expect(walk(block, state, 'plan')).toEqual({ ...(state as object), object: UNKNOWN });
    expect(walk({ attributes: { certificate: { type: ['list', ['object', { ca: 'string' }]], computed: true } } }, { certificate: null }, 'read')).toEqual({ certificate: [{ ca: 'bW9jaw==' }] });
  });
});

describe('a valid stack', () => {
  test('passes validate, plan and apply, with data sources feeding the kubernetes provider', async () => {
    const { mesh } = await harness.check({
      mesh: stack({
        google_privateca_ca_pool: { pool: { ...POOL, lifecycle: { prevent_destroy: true } } },
        kubernetes_manifest: {
          trust: { manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'trust', namespace: 'default' }, data: { pool: '${google_privateca_ca_pool.pool.id}' } } },
        },
      }, {
        data: {
          google_client_config: { client: {} },
          google_container_cluster: { cluster: { project: 'my-project-id', location: 'us-east1', name: 'cluster' } },
        },
        provider: {
          google: [{ project: 'my-project-id' }],
          kubernetes: [{
            host: 'https://${data.google_container_cluster.cluster.endpoint}',
            token: '${data.google_client_config.client.access_token}',
            cluster_ca_certificate: '${base64decode(data.google_container_cluster.cluster.master_auth[0].cluster_ca_certificate)}',
          }],
        },
      }, { ...GOOGLE, ...KUBERNETES }),
    }, { validate: true, apply: true });
    expectTerraformAccepts({ mesh });
    expect(mesh.commands.validate?.exitCode).toBe(0);
    expect(mesh.commands.plan?.stdout).toContain('Plan: 2 to add, 0 to change, 0 to destroy.');
    expect(mesh.commands.apply?.stdout).toContain('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');
  });
});

describe('providers launched by Terraform from the mirror (go-plugin handshake with mTLS)', () => {
  test('validate and plan work without the shared servers, as a real `terraform init` + `plan` run them', async () => {
    process.env.TERRAFORM_HARNESS_LAUNCH = '1';
    try {
      const { launched } = await harness.check({ launched: stack({ google_privateca_ca_pool: { pool: POOL } }) });
      expectTerraformAccepts({ launched });
      expect(launched.commands.plan?.stdout).toContain('Plan: 1 to add, 0 to change, 0 to destroy.');
    } finally {
      delete process.env.TERRAFORM_HARNESS_LAUNCH;
    }
  });

  test('a version pin the mirror cannot satisfy fails terraform init', async () => {
    const { pinned } = await harness.check({ pinned: stack({ google_privateca_ca_pool: { pool: POOL } }, {}, { google: { source: 'google', version: '5.0.0' } }) });
    expectTerraformRejects(pinned, 'Failed to query available provider packages', 'no available releases match the given constraints 5.0.0');
  });
});

describe('Terraform rejects, with its own message', () => {
  const broken = {
    unknownAttribute: stack({ google_privateca_ca_pool: { x: { ...POOL, colour: 'blue' } } }),
    wrongType: stack({ google_privateca_ca_pool: { x: { ...POOL, name: ['a', 'b'] } } }),
    missingArgument: stack({ google_privateca_ca_pool: { x: { name: 'pool', location: 'us-east1' } } }),
    undeclaredResource: stack({ google_privateca_ca_pool: { x: { ...POOL, name: '${google_project_service.missing.service}' } } }),
    bracedDependsOn: stack({
      google_project_service: { x: { service: 'privateca.googleapis.com' } },
      google_privateca_ca_pool: { x: { ...POOL, depends_on: ['${google_project_service.x}'] } },
    }),
    // The servers send Terraform only the schemas a configuration names: a name the provider lacks must still fail.
    unknownType: stack({ google_privateca_pool: { x: POOL } }),
    betaOnlyType: stack({ google_iam_workload_identity_pool_namespace: { x: { workload_identity_pool_id: 'pool', workload_identity_pool_namespace_id: 'ns' } } }),
  };
  let results: Record<string, StackResult>;
  let validated: Record<string, StackResult>;
  beforeAll(async () => {
    [results, validated] = await Promise.all([harness.check(broken), harness.check(broken, { validate: true })]);
  }, 300_000);

  test.each([
    ['unknownAttribute', 'Extraneous JSON object property', 'No argument or block type is named "colour".'],
    ['wrongType', 'Incorrect attribute value type', 'Inappropriate value for attribute "name": string required.'],
    ['missingArgument', 'Missing required argument', 'The argument "tier" is required, but no definition was found.'],
    ['undeclaredResource', 'Reference to undeclared resource', 'A managed resource "google_project_service" "missing" has not been declared in the root module.'],
    ['bracedDependsOn', 'Invalid expression', 'A single static variable reference is required'],
    ['unknownType', 'Invalid resource type', 'The provider hashicorp/google does not support resource type "google_privateca_pool".'],
    ['betaOnlyType', 'Invalid resource type', 'The provider hashicorp/google does not support resource type "google_iam_workload_identity_pool_namespace".'],
  ] as const)('%s', (name, summary, detail) => {
    // plan validates the configuration first, with the same diagnostics as terraform validate.
    expectTerraformRejects(results[name], `Error: ${summary}`, 'on cdk.tf.json line', detail);
    expect(results[name].commands.validate).toBeUndefined();
    expectTerraformRejects(validated[name], `Error: ${summary}`, 'on cdk.tf.json line', detail);
    // A depends_on Terraform cannot parse fails init already, before validate.
    if (name !== 'bracedDependsOn') expect(validated[name].commands.validate?.exitCode).toBe(1);
  });
});

describe('data safety', () => {
  test('plan -destroy fails on an applied CA pool with prevent_destroy, and succeeds without it', async () => {
    const pool = (lifecycle: object): object => stack({ google_privateca_ca_pool: { pool: { ...POOL, lifecycle } } });
    const { prevented, allowed } = await harness.check({ prevented: pool({ prevent_destroy: true }), allowed: pool({}) }, { apply: true, planDestroy: true });

    expect(prevented.commands.apply?.stdout).toContain('Apply complete! Resources: 1 added');
    expect(prevented.commands.planDestroy?.exitCode).toBe(1);
    expectTerraformRejects(prevented, 'Error: Instance cannot be destroyed', 'google_privateca_ca_pool.pool has lifecycle.prevent_destroy set');
    expectTerraformAccepts({ allowed });
    expect(allowed.commands.planDestroy?.stdout).toContain('Plan: 0 to add, 0 to change, 1 to destroy.');
  });
});

describe('refactoring blocks', () => {
  test('an import block plans the import', async () => {
    const { imported } = await harness.check({
      imported: stack({ google_privateca_ca_pool: { x: POOL } }, { import: [{ to: 'google_privateca_ca_pool.x', id: 'projects/p/locations/us-east1/caPools/x' }] }),
    });
    expectTerraformAccepts({ imported });
    expect(imported.commands.plan?.stdout).toContain('(imported from "projects/p/locations/us-east1/caPools/x")');
    expect(imported.commands.plan?.stdout).toContain('Plan: 1 to import, 0 to add, 1 to change, 0 to destroy.');
  });

  test('a moved block moves the applied resource instead of replacing it', async () => {
    const workspace = await harness.workspace('moved', stack({ google_privateca_ca_pool: { old: POOL } }));
    try {
      for (const step of ['init', 'plan', 'apply'] as const) expect((await workspace.run(step)).errors).toEqual([]);
      workspace.write(stack({ google_privateca_ca_pool: { renamed: POOL } }, { moved: [{ from: 'google_privateca_ca_pool.old', to: 'google_privateca_ca_pool.renamed' }] }));
      const plan = await workspace.run('plan');
      expect(plan.errors).toEqual([]);
      expect(plan.stdout).toContain('# google_privateca_ca_pool.old has moved to google_privateca_ca_pool.renamed');
      expect(plan.stdout).toContain('Plan: 0 to add, 0 to change, 0 to destroy.');
    } finally {
      workspace.dispose();
    }
  });
});
