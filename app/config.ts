import * as fs from 'fs';
import { EGRESS_DEFAULTS, EgressTopologyConfig } from './egress-config';
import type { VmTopologyConfig } from './vm-topology';

/** The two Cloud Service Mesh configuration APIs the reference topology can deploy. */
export type MeshApiVariant = 'lb-api' | 'routing-api';

/** Terraform Cloud settings; when present every stack gets a `cloud` backend. */
export interface TerraformCloudConfig {
  readonly organization: string;
  readonly hostname: string;
  /** Workspace of a stack: prefix + stack name. */
  readonly workspacePrefix: string;
}

/**
 * Everything the reference topology (main.ts) can be told. Defaults reproduce the seeds' demo values,
 * with placeholders where the seeds have them (project ID and number, members).
 */
export interface TopologyConfig {
  readonly projectId: string;
  readonly projectNumber: string;
  /** Zone of the cluster (the seeds' ZONE). */
  readonly zone: string;
  readonly clusterName: string;
  /** A second cluster of the mesh (seed 000's multi-cluster setup, S3); empty for none. */
  readonly peerClusterName: string;
  /** Zone of the peer cluster. */
  readonly peerClusterZone: string;
  readonly network: string;
  /** Subnet of the clusters in their region; empty: the network's name, as auto-mode networks name their subnets. */
  readonly subnetwork: string;
  readonly healthCheckTag: string;
  readonly namespace: string;
  readonly clientServiceAccount: string;
  readonly serverServiceAccount: string;
  readonly organization: string;
  readonly rootPoolId: string;
  readonly rootCaId: string;
  readonly rootLocation: string;
  readonly subordinatePoolId: string;
  readonly subordinateCaId: string;
  readonly subordinateLocation: string;
  /** Member that manages the CA hierarchy (S6), e.g. `user:alice@example.com`. */
  readonly caAdminMember: string;
  /** Let `cdktf destroy` delete CAs, pools and the cluster (X6). */
  readonly allowDestroy: boolean;
  /** Which API variants to synthesize. */
  readonly variants: MeshApiVariant[];
  readonly terraformCloud?: TerraformCloudConfig;
}

/** One configuration setting: its environment variable, JSON key and default. */
interface Setting {
  readonly env: string;
  readonly key: keyof TopologyConfig;
  readonly default: string;
  readonly help: string;
}

/**
 * The settings, named after the seeds' shell variables where they have one, so a shell prepared for the
 * seeds configures the topology as it is.
 */
export const SETTINGS: readonly Setting[] = [
  { env: 'PROJECT_ID', key: 'projectId', default: 'my-project-id', help: 'Google Cloud project ID' },
  { env: 'PROJNUM', key: 'projectNumber', default: '123456789012', help: 'project number (gcloud projects describe PROJECT_ID --format="value(projectNumber)")' },
  { env: 'ZONE', key: 'zone', default: 'us-east1-b', help: 'zone of the GKE cluster' },
  { env: 'CLUSTER_NAME', key: 'clusterName', default: 'secure-td-cluster', help: 'GKE cluster name' },
  { env: 'PEER_CLUSTER_NAME', key: 'peerClusterName', default: '', help: 'a second cluster of the mesh: adds it, its fleet membership and the S3 pod-to-node firewall rules' },
  { env: 'PEER_CLUSTER_ZONE', key: 'peerClusterZone', default: 'us-east1-c', help: 'zone of the peer cluster' },
  { env: 'NETWORK', key: 'network', default: 'default', help: 'VPC network of the cluster and the forwarding rules' },
  { env: 'SUBNETWORK', key: 'subnetwork', default: '', help: 'subnet of the clusters, whose Cloud NAT lets the private nodes pull images; empty: named like the network (auto-mode networks)' },
  { env: 'HEALTH_CHECK_TAG', key: 'healthCheckTag', default: 'allow-health-checks', help: 'node network tag targeted by the health-check firewall' },
  { env: 'K8S_NAMESPACE', key: 'namespace', default: 'default', help: 'namespace of the demo workloads' },
  { env: 'DEMO_CLIENT_KSA', key: 'clientServiceAccount', default: 'demo-client', help: 'Kubernetes service account of the client and the ingress gateway' },
  { env: 'DEMO_SERVER_KSA', key: 'serverServiceAccount', default: 'demo-server', help: 'Kubernetes service account of the server' },
  { env: 'ROOT_CA_ORGANIZATION', key: 'organization', default: 'TestCorpLLC', help: 'subject organization of both CAs' },
  { env: 'ROOT_CA_POOL_NAME', key: 'rootPoolId', default: 'td-sec-pool', help: 'root CA pool (the seeds\' td_sec_pool cannot issue a Terraform-managed subordinate; see README)' },
  { env: 'ROOT_CA_NAME', key: 'rootCaId', default: 'pkcs2-ca', help: 'root CA' },
  { env: 'ROOT_CA_POOL_LOCATION', key: 'rootLocation', default: 'us-east1', help: 'region of the root pool' },
  { env: 'SUBORDINATE_CA_POOL_NAME', key: 'subordinatePoolId', default: 'td-ca-pool', help: 'subordinate CA pool' },
  { env: 'SUBORDINATE_CA_NAME', key: 'subordinateCaId', default: 'td-ca', help: 'subordinate CA' },
  { env: 'SUBORDINATE_CA_POOL_LOCATION', key: 'subordinateLocation', default: 'us-east1', help: 'region of the subordinate pool (the cluster\'s region)' },
  { env: 'CA_ADMIN_MEMBER', key: 'caAdminMember', default: 'group:platform-admins@example.com', help: 'member granted roles/privateca.caManager and roles/privateca.admin (S6)' },
  { env: 'ALLOW_DESTROY', key: 'allowDestroy', default: 'false', help: '"true" lets cdktf destroy delete CAs, pools and the cluster' },
  { env: 'MESH_API_VARIANTS', key: 'variants', default: 'lb-api,routing-api', help: 'comma-separated variants to synthesize: lb-api, routing-api' },
];

const TFC_SETTINGS = {
  organization: 'TFC_ORGANIZATION',
  hostname: 'TFC_HOSTNAME',
  workspacePrefix: 'TFC_WORKSPACE_PREFIX',
} as const;

const VARIANTS: readonly MeshApiVariant[] = ['lb-api', 'routing-api'];

/** One setting of the VM stack (seed 003): its environment variable, key under `vm` in the config file, default. */
interface VmSetting {
  readonly env: string;
  readonly key: 'enabled' | 'zone' | 'poolId' | 'namespaceId' | 'keyAlgorithm' | 'certificateIssuance';
  readonly default: string;
  readonly help: string;
}

/**
 * Settings of the VM stack. Project, project number, network, ALLOW_DESTROY and Terraform Cloud are shared with the
 * GKE stacks; the demo values of everything else are in app/vm-topology.ts (VM_TOPOLOGY_DEFAULTS).
 */
export const VM_SETTINGS: readonly VmSetting[] = [
  { env: 'VM_TOPOLOGY', key: 'enabled', default: 'true', help: '"false" leaves out the VM stack (its preview APIs need an allowlisted project)' },
  { env: 'VM_ZONE', key: 'zone', default: 'us-east1-b', help: 'zone of the VMs; their CA hierarchy is created in its region' },
  { env: 'VM_POOL_ID', key: 'poolId', default: 'mwlid-pool', help: 'workload identity pool (TRUST_DOMAIN mode)' },
  { env: 'VM_NAMESPACE', key: 'namespaceId', default: 'mtls-demo', help: 'namespace of the managed identities in the pool' },
  { env: 'VM_KEY_ALGORITHM', key: 'keyAlgorithm', default: 'rsa-2048', help: 'key of the VMs\' certificates: rsa-2048, rsa-3072, rsa-4096, ecdsa-p256 or ecdsa-p384' },
  { env: 'VM_CERTIFICATE_ISSUANCE', key: 'certificateIssuance', default: 'partner-metadata', help: 'where the issuance config lives: partner-metadata (seed 003) or workload-identity-pool' },
];

const CERTIFICATE_ISSUANCE = ['partner-metadata', 'workload-identity-pool'] as const;

/** The VM stack's configuration (same sources and precedence as {@link loadTopologyConfig}), or undefined when VM_TOPOLOGY is "false". */
export function loadVmTopologyConfig(env: Record<string, string | undefined> = process.env): VmTopologyConfig | undefined {
  const base = loadTopologyConfig(env);
  const file = env.MESH_CONFIG_FILE ? readConfigFile(env.MESH_CONFIG_FILE).vm as Record<string, unknown> | undefined ?? {} : {};
  const raw: Record<string, string> = {};
  for (const setting of VM_SETTINGS) {
    const fromFile = file[setting.key];
    raw[setting.key] = env[setting.env] ?? (fromFile === undefined ? setting.default : String(fromFile));
  }
  const enabled = raw.enabled.toLowerCase();
  if (enabled !== 'true' && enabled !== 'false') {
    throw new Error(`Configuration: VM_TOPOLOGY must be "true" or "false" (got ${JSON.stringify(raw.enabled)}).`);
  }
  if (enabled === 'false') return undefined;
  if (!(CERTIFICATE_ISSUANCE as readonly string[]).includes(raw.certificateIssuance)) {
    throw new Error(`Configuration: VM_CERTIFICATE_ISSUANCE must be ${CERTIFICATE_ISSUANCE.join(' or ')} (got ${JSON.stringify(raw.certificateIssuance)}).`);
  }
  return {
    projectId: base.projectId,
    projectNumber: base.projectNumber,
    network: base.network,
    allowDestroy: base.allowDestroy,
    terraformCloud: base.terraformCloud,
    zone: raw.zone,
    poolId: raw.poolId,
    namespaceId: raw.namespaceId,
    keyAlgorithm: raw.keyAlgorithm,
    certificateIssuance: raw.certificateIssuance as (typeof CERTIFICATE_ISSUANCE)[number],
  };
}

/** Settings of the egress stacks (seed 001); the rest of their values are the tutorial's (app/egress-config.ts). */
export const EGRESS_SETTINGS: readonly { readonly env: string; readonly default: string; readonly help: string }[] = [
  { env: 'EGRESS_TOPOLOGY', default: 'true', help: '"false" leaves out the egress stacks (seed 001: private cluster, egress gateway, teams)' },
];

/**
 * The egress stacks' configuration: the tutorial's values (EGRESS_DEFAULTS) with the project, project number,
 * ALLOW_DESTROY and Terraform Cloud shared with the other stacks; undefined when EGRESS_TOPOLOGY is "false".
 */
export function loadEgressTopologyConfig(env: Record<string, string | undefined> = process.env): EgressTopologyConfig | undefined {
  const base = loadTopologyConfig(env);
  const enabled = (env.EGRESS_TOPOLOGY ?? 'true').toLowerCase();
  if (enabled !== 'true' && enabled !== 'false') {
    throw new Error(`Configuration: EGRESS_TOPOLOGY must be "true" or "false" (got ${JSON.stringify(env.EGRESS_TOPOLOGY)}).`);
  }
  if (enabled === 'false') return undefined;
  return {
    ...EGRESS_DEFAULTS,
    projectId: base.projectId,
    projectNumber: base.projectNumber,
    allowDestroy: base.allowDestroy,
    terraformCloud: base.terraformCloud,
  };
}

/**
 * Reads the configuration: built-in demo defaults, overridden by the JSON file named in `MESH_CONFIG_FILE`
 * (keys as in {@link TopologyConfig}, the VM stack's under `vm`), overridden by environment variables.
 */
export function loadTopologyConfig(env: Record<string, string | undefined> = process.env): TopologyConfig {
  const file = env.MESH_CONFIG_FILE ? readConfigFile(env.MESH_CONFIG_FILE) : {};
  const raw: Record<string, string> = {};
  for (const setting of SETTINGS) {
    const fromFile = file[setting.key];
    raw[setting.key] = env[setting.env] ?? (fromFile === undefined ? setting.default : String(fromFile));
  }
  const allowDestroy = raw.allowDestroy.toLowerCase();
  if (allowDestroy !== 'true' && allowDestroy !== 'false') {
    throw new Error(`Configuration: ALLOW_DESTROY must be "true" or "false" (got ${JSON.stringify(raw.allowDestroy)}).`);
  }
  const variants = raw.variants.split(',').map((v) => v.trim()).filter((v) => v !== '');
  const unknown = variants.filter((v) => !VARIANTS.includes(v as MeshApiVariant));
  if (unknown.length > 0 || variants.length === 0) {
    throw new Error(`Configuration: MESH_API_VARIANTS must list ${VARIANTS.join(' and/or ')} (got ${JSON.stringify(raw.variants)}).`);
  }
  const organization = env[TFC_SETTINGS.organization];
  return {
    ...(raw as unknown as Omit<TopologyConfig, 'allowDestroy' | 'variants' | 'terraformCloud'>),
    allowDestroy: allowDestroy === 'true',
    variants: [...new Set(variants)] as MeshApiVariant[],
    terraformCloud: organization ? {
      organization,
      hostname: env[TFC_SETTINGS.hostname] ?? 'app.terraform.io',
      workspacePrefix: env[TFC_SETTINGS.workspacePrefix] ?? '',
    } : undefined,
  };
}

function readConfigFile(path: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`Configuration: MESH_CONFIG_FILE ${JSON.stringify(path)} is not readable JSON (${(err as Error).message}).`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`Configuration: MESH_CONFIG_FILE ${JSON.stringify(path)} must hold a JSON object.`);
  }
  const known = new Set<string>([...SETTINGS.map((s) => s.key), 'vm']);
  const stray = Object.keys(parsed).filter((k) => !known.has(k));
  if (stray.length > 0) {
    throw new Error(`Configuration: MESH_CONFIG_FILE has unknown keys ${stray.join(', ')}. Known keys: ${[...known].join(', ')}.`);
  }
  const vm = (parsed as Record<string, unknown>).vm;
  if (vm !== undefined) {
    const knownVm = new Set<string>(VM_SETTINGS.map((s) => s.key));
    const strayVm = typeof vm === 'object' && vm !== null && !Array.isArray(vm) ? Object.keys(vm).filter((k) => !knownVm.has(k)) : null;
    if (strayVm === null || strayVm.length > 0) {
      throw new Error(`Configuration: MESH_CONFIG_FILE's "vm" must be an object with keys among ${[...knownVm].join(', ')}` +
        `${strayVm ? ` (unknown: ${strayVm.join(', ')})` : ''}.`);
    }
  }
  return parsed as Record<string, unknown>;
}
