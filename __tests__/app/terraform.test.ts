import * as fs from 'fs';
import { Testing } from 'cdktf';
import { loadTopologyConfig } from '../../app/config';
import { buildReferenceTopology } from '../../app/reference-topology';
import { expectTerraformAccepts } from '../../tools/terraform/expect';
import { Harness, prepareHarness } from '../../tools/terraform/harness';

/**
 * X7: Terraform is the judge. Every stack of the reference topology (both API variants, with and without the peer
 * cluster) passes `terraform validate` and `terraform plan` offline against mock providers built from the real
 * provider schemas; X6: `terraform plan -destroy` refuses what is precious unless ALLOW_DESTROY=true.
 */
jest.setTimeout(300_000);

/** Each stack of the topology synthesized with `env`, by stack name. */
function topology(env: Record<string, string> = {}): Record<string, object> {
  const app = Testing.app();
  const variants = buildReferenceTopology(app, loadTopologyConfig(env));
  return Object.fromEntries(variants.flatMap((v) => [v.gcp, v.kubernetes, v.traffic])
    .map((stack) => [stack.node.id, JSON.parse(Testing.synth(stack, true)) as object]));
}

let harness: Harness;
beforeAll(async () => {
  harness = await prepareHarness();
});

describe('X7: Terraform validates and plans every stack of the reference topology', () => {
  it('X7: both API variants on the demo defaults (six stacks)', async () => {
    const results = await harness.check(topology(), { validate: true });
    expect(Object.keys(results).sort()).toEqual([
      'lb-api-gcp', 'lb-api-k8s', 'lb-api-traffic', 'routing-api-gcp', 'routing-api-k8s', 'routing-api-traffic',
    ]);
    expectTerraformAccepts(results);
    for (const result of Object.values(results)) {
      expect(result.commands.validate?.stdout).toContain('"valid": true');
      expect(result.commands.plan?.stdout).toMatch(/Plan: \d+ to add, 0 to change, 0 to destroy\./);
    }
  });

  it('X7/S3: with the peer cluster, the stacks it changes (the GCP stacks) plan as well', async () => {
    const plain = topology();
    const peer = topology({ PEER_CLUSTER_NAME: 'peer-td-cluster' });
    // Only stacks the peer cluster changes are planned again: the others are byte-identical to those planned above.
    const changed = Object.fromEntries(Object.entries(peer).filter(([name, json]) => JSON.stringify(json) !== JSON.stringify(plain[name])));
    expect(Object.keys(changed).sort()).toEqual(['lb-api-gcp', 'routing-api-gcp']);
    expectTerraformAccepts(await harness.check(changed));
  });
});

describe('X6: Terraform refuses to destroy CA pools, CAs and the cluster unless ALLOW_DESTROY=true', () => {
  const PRECIOUS = [
    'google_privateca_ca_pool.Ca_RootPool', 'google_privateca_ca_pool.Ca_SubordinatePool',
    'google_privateca_certificate_authority.Ca_RootCa', 'google_privateca_certificate_authority.Ca_SubordinateCa',
    'google_container_cluster.Cluster',
  ];

  it('X6: after an apply, plan -destroy fails on prevent_destroy for each CA pool, CA and the cluster', async () => {
    const { 'lb-api-gcp': gcp } = topology({ MESH_API_VARIANTS: 'lb-api' });
    const resources = (gcp as { resource: Record<string, Record<string, unknown>> }).resource;
    const addresses = Object.entries(resources).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));
    const precious = PRECIOUS.map((prefix) => addresses.find((a) => a.startsWith(`${prefix}_`)) as string);
    expect(precious.every(Boolean)).toBe(true);
    const workspace = await harness.workspace('x6', gcp);
    try {
      for (const step of ['init', 'plan', 'apply'] as const) expect((await workspace.run(step)).errors).toEqual([]);
      const destroyAll = await workspace.run('planDestroy');
      expect(destroyAll.exitCode).not.toBe(0);
      expect(destroyAll.errors.join('\n')).toContain('lifecycle.prevent_destroy set, but the plan calls for this resource to be\ndestroyed');
      // Terraform stops at the first refused resources of the destroy order; a state holding one precious resource
      // at a time shows that each is protected on its own.
      const applied = JSON.parse(fs.readFileSync(workspace.statePath, 'utf8')) as { resources: { type: string; name: string }[] };
      for (const address of precious) {
        const only = { ...applied, resources: applied.resources.filter((r) => `${r.type}.${r.name}` === address) };
        fs.writeFileSync(workspace.statePath, JSON.stringify(only));
        const { errors } = await workspace.run('planDestroy');
        expect({ address, refused: errors.some((e) => e.includes(`Resource ${address}`) && e.includes('prevent_destroy')) })
          .toEqual({ address, refused: true });
      }
    } finally {
      workspace.dispose();
    }
  });

  it('X6: with ALLOW_DESTROY=true the same plan -destroy succeeds', async () => {
    const { 'lb-api-gcp': gcp } = topology({ MESH_API_VARIANTS: 'lb-api', ALLOW_DESTROY: 'true' });
    const { gcp: result } = await harness.check({ gcp }, { apply: true, planDestroy: true });
    expectTerraformAccepts({ gcp: result });
    expect(result.commands.planDestroy?.stdout).toMatch(/Plan: 0 to add, 0 to change, \d+ to destroy\./);
  });
});
