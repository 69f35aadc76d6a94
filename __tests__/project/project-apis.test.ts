import { Fn, TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { CaPool, CaPoolTier } from '../../lib/ca';
import { IamMember } from '../../lib/core';
import { ProjectApis } from '../../lib/project';
import { resourcesOf, StackJson, synth, testStack } from '../helpers/synth';

const SERVICE = 'google_project_service';

/** The eight APIs of S1, as `gcloud services enable` lists them in seed 000. */
const S1_APIS = [
  'container.googleapis.com',
  'cloudresourcemanager.googleapis.com',
  'compute.googleapis.com',
  'trafficdirector.googleapis.com',
  'networkservices.googleapis.com',
  'networksecurity.googleapis.com',
  'privateca.googleapis.com',
  'gkehub.googleapis.com',
];

function withProvider(s: TerraformStack): TerraformStack {
  new GoogleProvider(s, 'google', {});
  return s;
}

function stack(): TerraformStack {
  return withProvider(testStack());
}

/** `${google_project_service.ADDRESS}` of the service `api`. */
function serviceRef(json: StackJson, api: string): string {
  const all = resourcesOf(json, SERVICE);
  const address = Object.keys(all).find((k) => all[k].service === api);
  expect(address).toBeDefined();
  return `google_project_service.${address}`;
}

function only(json: StackJson, type: string): Record<string, unknown> {
  const all = Object.values(resourcesOf(json, type));
  expect(all).toHaveLength(1);
  return all[0];
}

function meshResources(s: TerraformStack): void {
  new CaPool(s, 'Pool', { project: 'my-project-id', location: 'us-east1', name: 'td-ca-pool', tier: CaPoolTier.DEVOPS })
    .grantCertificateManager(IamMember.gkeServiceAgent('123456789012'));
  new ContainerCluster(s, 'Cluster', { name: 'td-cluster', location: 'us-east1-b', initialNodeCount: 1 });
  new ComputeNetwork(s, 'Network', { name: 'mesh-vpc' });
  new ProjectIamMember(s, 'Binding', { project: 'my-project-id', role: 'roles/trafficdirector.client', member: 'user:alice@example.com' });
  new ServiceAccount(s, 'Sa', { accountId: 'mesh-client' });
}

describe('ProjectApis', () => {
  it('S1: enables exactly the eight APIs of the seeds in the project', () => {
    const s = stack();
    new ProjectApis(s, 'Apis', { project: 'my-project-id' });
    const services = Object.values(resourcesOf(synth(s), SERVICE));
    expect(services.map((r) => r.service).sort()).toEqual([...S1_APIS].sort());
    for (const service of services) expect(service.project).toBe('my-project-id');
  });

  it('S1: MESH_SECURITY_APIS lists the eight APIs of S1', () => {
    expect([...ProjectApis.MESH_SECURITY_APIS].sort()).toEqual([...S1_APIS].sort());
  });

  it('S17: leaves the APIs enabled on destroy by default', () => {
    const s = stack();
    new ProjectApis(s, 'Apis', { project: 'my-project-id' });
    for (const service of Object.values(resourcesOf(synth(s), SERVICE))) {
      expect(service.disable_on_destroy).toBe(false);
      expect(service.disable_dependent_services).toBe(false);
    }
  });

  it('disableOnDestroy: true disables the APIs on destroy', () => {
    const s = stack();
    new ProjectApis(s, 'Apis', { project: 'my-project-id', disableOnDestroy: true });
    for (const service of Object.values(resourcesOf(synth(s), SERVICE))) expect(service.disable_on_destroy).toBe(true);
  });

  it('enables only the services it is given', () => {
    const s = stack();
    const apis = new ProjectApis(s, 'Apis', { project: 'my-project-id', services: ['privateca.googleapis.com'] });
    expect(Object.values(resourcesOf(synth(s), SERVICE)).map((r) => r.service)).toEqual(['privateca.googleapis.com']);
    expect(apis.serviceResource('privateca.googleapis.com')).toBeDefined();
    expect(apis.serviceResource('container.googleapis.com')).toBeUndefined();
  });

  it('S1: each Google resource of the stack waits for the API that serves it', () => {
    const s = stack();
    meshResources(s);
    new ProjectApis(s, 'Apis', { project: 'my-project-id' });
    const json = synth(s);
    expect(only(json, 'google_privateca_ca_pool').depends_on).toEqual([serviceRef(json, 'privateca.googleapis.com')]);
    expect(only(json, 'google_privateca_ca_pool_iam_member').depends_on)
      .toEqual(expect.arrayContaining([serviceRef(json, 'privateca.googleapis.com')]));
    expect(only(json, 'google_container_cluster').depends_on).toEqual([serviceRef(json, 'container.googleapis.com')]);
    expect(only(json, 'google_compute_network').depends_on).toEqual([serviceRef(json, 'compute.googleapis.com')]);
    expect(only(json, 'google_project_iam_member').depends_on).toEqual([serviceRef(json, 'cloudresourcemanager.googleapis.com')]);
  });

  it('S1: resources added after ProjectApis wait as well, and existing depends_on are kept', () => {
    const s = stack();
    new ProjectApis(s, 'Apis', { project: 'my-project-id' });
    const pool = new CaPool(s, 'Pool', { project: 'my-project-id', location: 'us-east1', name: 'td-ca-pool', tier: CaPoolTier.DEVOPS });
    pool.grantAuditor(IamMember.gkeServiceAgent('123456789012'));
    const json = synth(s);
    const poolAddress = Object.keys(resourcesOf(json, 'google_privateca_ca_pool'))[0];
    expect(only(json, 'google_privateca_ca_pool_iam_member').depends_on).toEqual([
      `google_privateca_ca_pool.${poolAddress}`,
      serviceRef(json, 'privateca.googleapis.com'),
    ]);
  });

  it('leaves resources of types it does not map, and the API resources themselves, without depends_on', () => {
    const s = stack();
    meshResources(s);
    new ProjectApis(s, 'Apis', { project: 'my-project-id' });
    const json = synth(s);
    expect(only(json, 'google_service_account').depends_on).toBeUndefined();
    for (const service of Object.values(resourcesOf(json, SERVICE))) expect(service.depends_on).toBeUndefined();
  });

  it('does not wait for an API it does not enable', () => {
    const s = stack();
    meshResources(s);
    new ProjectApis(s, 'Apis', { project: 'my-project-id', services: ['privateca.googleapis.com'] });
    const json = synth(s);
    expect(only(json, 'google_privateca_ca_pool').depends_on).toEqual([serviceRef(json, 'privateca.googleapis.com')]);
    expect(only(json, 'google_container_cluster').depends_on).toBeUndefined();
  });

  it('waitForApis: false adds no depends_on', () => {
    const s = stack();
    meshResources(s);
    new ProjectApis(s, 'Apis', { project: 'my-project-id', waitForApis: false });
    const json = synth(s);
    expect(only(json, 'google_privateca_ca_pool').depends_on).toBeUndefined();
    expect(only(json, 'google_container_cluster').depends_on).toBeUndefined();
    expect(only(json, 'google_compute_network').depends_on).toBeUndefined();
    expect(only(json, 'google_project_iam_member').depends_on).toBeUndefined();
  });

  it('leaves resources of another stack untouched', () => {
    const app = Testing.app();
    const apisStack = withProvider(new TerraformStack(app, 'apis'));
    const meshStack = withProvider(new TerraformStack(app, 'mesh'));
    new ProjectApis(apisStack, 'Apis', { project: 'my-project-id' });
    meshResources(meshStack);
    const json = synth(meshStack);
    expect(only(json, 'google_privateca_ca_pool').depends_on).toBeUndefined();
    expect(only(json, 'google_container_cluster').depends_on).toBeUndefined();
    expect(only(json, 'google_compute_network').depends_on).toBeUndefined();
    expect(meshStack.dependencies).toEqual([]);
    expect(Object.keys(resourcesOf(synth(apisStack), SERVICE))).toHaveLength(8);
  });

  it('X2: rejects a project that is not a project ID', () => {
    expect(() => new ProjectApis(stack(), 'Apis', { project: 'My Project' })).toThrow(
      'test/Apis: project is not a valid project ID (got "My Project"). Use the project ID (6-30 characters: ' +
      'lowercase letters, digits and hyphens, starting with a letter), not its display name or number.');
  });

  it('X5: accepts an unresolved project', () => {
    const s = stack();
    const project = new TerraformVariable(s, 'project', { type: 'string' });
    new ProjectApis(s, 'Apis', { project: project.stringValue });
    for (const service of Object.values(resourcesOf(synth(s), SERVICE))) expect(service.project).toBe('${var.project}');
  });

  it('X5: accepts a project computed by a function', () => {
    expect(() => new ProjectApis(stack(), 'Apis', { project: Token.asString(Fn.lower('MY-PROJECT-ID')) })).not.toThrow();
  });
});

describe('ProjectApis.apiOf', () => {
  it.each([
    ['google_container_cluster', 'container.googleapis.com'],
    ['google_container_node_pool', 'container.googleapis.com'],
    ['google_compute_backend_service', 'compute.googleapis.com'],
    ['google_privateca_ca_pool', 'privateca.googleapis.com'],
    ['google_privateca_ca_pool_iam_member', 'privateca.googleapis.com'],
    ['google_network_security_server_tls_policy', 'networksecurity.googleapis.com'],
    ['google_network_services_mesh', 'networkservices.googleapis.com'],
    ['google_gke_hub_membership', 'gkehub.googleapis.com'],
    ['google_project_iam_member', 'cloudresourcemanager.googleapis.com'],
    ['google_service_account', 'iam.googleapis.com'],
    ['google_service_account_iam_member', 'iam.googleapis.com'],
    ['google_iam_workload_identity_pool', 'iam.googleapis.com'],
    ['google_dns_managed_zone', 'dns.googleapis.com'],
  ])('maps %s to %s', (type, api) => {
    expect(ProjectApis.apiOf(type)).toBe(api);
  });

  it.each(['google_project_service', 'kubernetes_manifest'])('maps %s to no API', (type) => {
    expect(ProjectApis.apiOf(type)).toBeUndefined();
  });
});
