import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EGRESS_SETTINGS, loadEgressTopologyConfig, loadTopologyConfig, loadVmTopologyConfig, SETTINGS, VM_SETTINGS } from '../../app/config';
import { EGRESS_DEFAULTS } from '../../app/egress-config';
import { REPO_ROOT } from '../helpers/paths';

function withFile(contents: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'config-')), 'mesh.json');
  fs.writeFileSync(file, contents);
  return file;
}

describe('loadTopologyConfig', () => {
  it('defaults reproduce the seeds\' demo values (S5, S2) with placeholders for the project', () => {
    const config = loadTopologyConfig({});
    expect(config).toMatchObject({
      projectId: 'my-project-id',
      projectNumber: '123456789012',
      clusterName: 'secure-td-cluster',
      namespace: 'default',
      organization: 'TestCorpLLC',
      rootCaId: 'pkcs2-ca',
      rootLocation: 'us-east1',
      subordinatePoolId: 'td-ca-pool',
      subordinateCaId: 'td-ca',
      subordinateLocation: 'us-east1',
      healthCheckTag: 'allow-health-checks',
      allowDestroy: false,
      variants: ['lb-api', 'routing-api'],
      terraformCloud: undefined,
    });
  });

  it('defaults the root pool to td-sec-pool: the seeds\' td_sec_pool cannot issue a Terraform-managed subordinate', () => {
    expect(loadTopologyConfig({}).rootPoolId).toBe('td-sec-pool');
  });

  it('reads the seeds\' shell variables', () => {
    const config = loadTopologyConfig({
      PROJECT_ID: 'acme-mesh', PROJNUM: '987654321098', ZONE: 'europe-west1-b', CLUSTER_NAME: 'mesh-1',
      K8S_NAMESPACE: 'payments', DEMO_CLIENT_KSA: 'checkout', DEMO_SERVER_KSA: 'ledger',
      SUBORDINATE_CA_POOL_LOCATION: 'europe-west1', ALLOW_DESTROY: 'true', MESH_API_VARIANTS: 'routing-api',
    });
    expect(config).toMatchObject({
      projectId: 'acme-mesh', projectNumber: '987654321098', zone: 'europe-west1-b', clusterName: 'mesh-1',
      namespace: 'payments', clientServiceAccount: 'checkout', serverServiceAccount: 'ledger',
      subordinateLocation: 'europe-west1', allowDestroy: true, variants: ['routing-api'],
    });
  });

  it('reads a JSON file named by MESH_CONFIG_FILE; environment variables win over it', () => {
    const file = withFile(JSON.stringify({ projectId: 'from-file-project', clusterName: 'file-cluster', variants: ['lb-api'] }));
    const config = loadTopologyConfig({ MESH_CONFIG_FILE: file, CLUSTER_NAME: 'env-cluster' });
    expect(config).toMatchObject({ projectId: 'from-file-project', clusterName: 'env-cluster', variants: ['lb-api'] });
  });

  it('configures Terraform Cloud when TFC_ORGANIZATION is set', () => {
    expect(loadTopologyConfig({ TFC_ORGANIZATION: 'acme', TFC_WORKSPACE_PREFIX: 'mesh-' }).terraformCloud)
      .toEqual({ organization: 'acme', hostname: 'app.terraform.io', workspacePrefix: 'mesh-' });
  });

  it.each([
    [{ ALLOW_DESTROY: 'yes' }, 'Configuration: ALLOW_DESTROY must be "true" or "false" (got "yes").'],
    [{ MESH_API_VARIANTS: 'grpc' }, 'Configuration: MESH_API_VARIANTS must list lb-api and/or routing-api (got "grpc").'],
    [{ MESH_API_VARIANTS: ' , ' }, 'Configuration: MESH_API_VARIANTS must list lb-api and/or routing-api (got " , ").'],
  ])('X2: rejects %j', (env, message) => {
    expect(() => loadTopologyConfig(env)).toThrow(message);
  });

  it('X2: rejects a config file with unknown keys, naming them and the known ones', () => {
    const file = withFile(JSON.stringify({ project: 'typo' }));
    expect(() => loadTopologyConfig({ MESH_CONFIG_FILE: file }))
      .toThrow(/^Configuration: MESH_CONFIG_FILE has unknown keys project\. Known keys: projectId, projectNumber, .*variants, vm\.$/);
  });

  it('X2: rejects a config file that is not a JSON object', () => {
    const file = withFile('[1, 2]');
    expect(() => loadTopologyConfig({ MESH_CONFIG_FILE: file })).toThrow(`Configuration: MESH_CONFIG_FILE "${file}" must hold a JSON object.`);
    expect(() => loadTopologyConfig({ MESH_CONFIG_FILE: '/nonexistent/mesh.json' }))
      .toThrow(/^Configuration: MESH_CONFIG_FILE "\/nonexistent\/mesh.json" is not readable JSON/);
  });

  it('the README documents every setting with its default', () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const rows = SETTINGS.filter((s) => !readme.includes(`| \`${s.env}\` (\`${s.key}\`) | \`${s.default}\` |`));
    const vmRows = VM_SETTINGS.filter((s) => !readme.includes(`| \`${s.env}\` (\`vm.${s.key}\`) | \`${s.default}\` |`));
    const egressRows = EGRESS_SETTINGS.filter((s) => !readme.includes(`| \`${s.env}\` | \`${s.default}\` |`));
    expect([...rows, ...vmRows, ...egressRows].map((s) => s.env)).toEqual([]);
  });
});

describe('loadVmTopologyConfig', () => {
  it('W1-W8: the VM stack is on by default, sharing project, number, network, ALLOW_DESTROY and Terraform Cloud', () => {
    expect(loadVmTopologyConfig({ PROJECT_ID: 'acme-prod', PROJNUM: '42', NETWORK: 'mesh-vpc', ALLOW_DESTROY: 'true', TFC_ORGANIZATION: 'acme' }))
      .toEqual({
        projectId: 'acme-prod', projectNumber: '42', network: 'mesh-vpc', allowDestroy: true,
        terraformCloud: { organization: 'acme', hostname: 'app.terraform.io', workspacePrefix: '' },
        zone: 'us-east1-b', poolId: 'mwlid-pool', namespaceId: 'mtls-demo', keyAlgorithm: 'rsa-2048', certificateIssuance: 'partner-metadata',
      });
  });

  it('VM_TOPOLOGY=false leaves the VM stack out', () => {
    expect(loadVmTopologyConfig({ VM_TOPOLOGY: 'false' })).toBeUndefined();
  });

  it('reads VM_* variables, and the file\'s "vm" object below them', () => {
    const file = withFile(JSON.stringify({ vm: { zone: 'europe-west1-b', poolId: 'file-pool' } }));
    expect(loadVmTopologyConfig({ MESH_CONFIG_FILE: file, VM_POOL_ID: 'env-pool', VM_CERTIFICATE_ISSUANCE: 'workload-identity-pool' }))
      .toMatchObject({ zone: 'europe-west1-b', poolId: 'env-pool', certificateIssuance: 'workload-identity-pool' });
  });

  it('X2: rejects bad VM_TOPOLOGY and VM_CERTIFICATE_ISSUANCE values and unknown keys under "vm"', () => {
    expect(() => loadVmTopologyConfig({ VM_TOPOLOGY: 'no' })).toThrow('Configuration: VM_TOPOLOGY must be "true" or "false" (got "no").');
    expect(() => loadVmTopologyConfig({ VM_CERTIFICATE_ISSUANCE: 'metadata' }))
      .toThrow('Configuration: VM_CERTIFICATE_ISSUANCE must be partner-metadata or workload-identity-pool (got "metadata").');
    const file = withFile(JSON.stringify({ vm: { zones: 'x' } }));
    expect(() => loadVmTopologyConfig({ MESH_CONFIG_FILE: file }))
      .toThrow('Configuration: MESH_CONFIG_FILE\'s "vm" must be an object with keys among enabled, zone, poolId, namespaceId, keyAlgorithm, certificateIssuance (unknown: zones).');
  });
});

describe('loadEgressTopologyConfig', () => {
  it('E1-E16: the egress stacks are on by default, on the tutorial\'s values with the shared project and Terraform Cloud settings', () => {
    expect(loadEgressTopologyConfig({ PROJECT_ID: 'acme-prod', PROJNUM: '42', ALLOW_DESTROY: 'true' }))
      .toEqual({ ...EGRESS_DEFAULTS, projectId: 'acme-prod', projectNumber: '42', allowDestroy: true, terraformCloud: undefined });
    expect(EGRESS_DEFAULTS).toMatchObject({ region: 'us-central1', subnetCidr: '10.0.0.0/24', podCidr: '10.1.0.0/16', serviceCidr: '10.2.0.0/20' });
  });

  it('EGRESS_TOPOLOGY=false leaves them out; another value is refused', () => {
    expect(loadEgressTopologyConfig({ EGRESS_TOPOLOGY: 'false' })).toBeUndefined();
    expect(() => loadEgressTopologyConfig({ EGRESS_TOPOLOGY: 'off' })).toThrow('Configuration: EGRESS_TOPOLOGY must be "true" or "false" (got "off").');
  });
});
