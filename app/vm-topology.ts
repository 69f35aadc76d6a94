import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import { ca, project as gcpProject, vm } from '@zerotrust-gcp/cdktf-mesh-security';
import { App, TerraformStack } from 'cdktf';
import { TerraformCloudConfig } from './config';
import { topologyStack } from './stacks';

/**
 * Everything the VM topology (seed 003, managed workload identity for Compute Engine) can be told. Every field is
 * optional; {@link VM_TOPOLOGY_DEFAULTS} holds the demo values, with placeholders where the seed has them.
 */
export interface VmTopologyConfig {
  readonly projectId?: string;
  readonly projectNumber?: string;
  /** Zone of the VMs; the subordinate CA pool is created in its region (seed 003: CA pool and VMs share a region). */
  readonly zone?: string;
  readonly network?: string;
  /** The workload identity pool (TRUST_DOMAIN mode). */
  readonly poolId?: string;
  readonly namespaceId?: string;
  /** Managed identity of the instance group's VMs (the servers). */
  readonly serverIdentity?: string;
  /** Managed identity of the individual VM (the client). */
  readonly clientIdentity?: string;
  readonly serverServiceAccount?: string;
  readonly clientServiceAccount?: string;
  readonly organization?: string;
  readonly rootPoolId?: string;
  readonly rootCaId?: string;
  readonly subordinatePoolId?: string;
  readonly subordinateCaId?: string;
  /** `rsa-2048` (the seed's CONFIGS.json), `rsa-3072`, `rsa-4096`, `ecdsa-p256` or `ecdsa-p384`. */
  readonly keyAlgorithm?: string;
  /**
   * `partner-metadata`: the seed's CONFIGS.json on every VM; `workload-identity-pool`: the newer issuance config on
   * the pool (VMs then carry only their identity).
   */
  readonly certificateIssuance?: 'partner-metadata' | 'workload-identity-pool';
  readonly instanceGroupName?: string;
  readonly instanceGroupSize?: number;
  readonly instanceName?: string;
  /** Let `cdktf destroy` delete the workload identity pool, CA pools and CAs (X6). */
  readonly allowDestroy?: boolean;
  readonly terraformCloud?: TerraformCloudConfig;
}

/** The demo values: the seed's own (`rsa-2048`, partner metadata) and placeholders where it has them. */
export const VM_TOPOLOGY_DEFAULTS: Required<Omit<VmTopologyConfig, 'terraformCloud'>> = {
  projectId: 'my-project-id',
  projectNumber: '123456789012',
  zone: 'us-east1-b',
  network: 'default',
  poolId: 'mwlid-pool',
  namespaceId: 'mtls-demo',
  serverIdentity: 'backend',
  clientIdentity: 'client',
  serverServiceAccount: 'mwlid-backend',
  clientServiceAccount: 'mwlid-client',
  organization: 'TestCorpLLC',
  // Names of their own, so the VM stack can share a project with the GKE stacks (td-ca-pool, td-ca, …).
  rootPoolId: 'mwlid-root-pool',
  rootCaId: 'mwlid-root-ca',
  subordinatePoolId: 'mwlid-sub-pool',
  subordinateCaId: 'mwlid-sub-ca',
  keyAlgorithm: 'rsa-2048',
  certificateIssuance: 'partner-metadata',
  instanceGroupName: 'mwlid-backend',
  instanceGroupSize: 2,
  instanceName: 'mwlid-client',
  allowDestroy: false,
};

/** The stack's name. */
export const VM_STACK_NAME = 'vm-workload-identity';

const KEY_ALGORITHMS: Readonly<Record<string, () => ca.WorkloadKeyAlgorithm>> = {
  'rsa-2048': () => ca.WorkloadKeyAlgorithm.rsa(2048),
  'rsa-3072': () => ca.WorkloadKeyAlgorithm.rsa(3072),
  'rsa-4096': () => ca.WorkloadKeyAlgorithm.rsa(4096),
  'ecdsa-p256': () => ca.WorkloadKeyAlgorithm.ecdsa(ca.EcdsaCurve.P256),
  'ecdsa-p384': () => ca.WorkloadKeyAlgorithm.ecdsa(ca.EcdsaCurve.P384),
};

/** The CONFIGS.json spelling of a key algorithm, as configuration files and environment variables give it. */
export function vmKeyAlgorithm(text: string): ca.WorkloadKeyAlgorithm {
  const make = Object.hasOwn(KEY_ALGORITHMS, text) ? KEY_ALGORITHMS[text] : undefined;
  if (!make) {
    throw new Error(`Configuration: VM_KEY_ALGORITHM (keyAlgorithm) must be one of ${Object.keys(KEY_ALGORITHMS).join(', ')} (got ${JSON.stringify(text)}).`);
  }
  return make();
}

/**
 * Seed 003 as one stack: a TRUST_DOMAIN workload identity pool with a namespace and two managed identities (W1), a
 * service account per identity with its attestation rule (W2), the CA hierarchy in the VMs' region with the pool's
 * identities authorized on the subordinate pool (W3), the partner metadata (W4), an instance template and managed
 * instance group for the servers (W5, W7), an individual client VM (W6), and what the workloads read as outputs (W8).
 */
export function buildVmTopology(app: App, config: VmTopologyConfig = {}): TerraformStack {
  const c: Required<Omit<VmTopologyConfig, 'terraformCloud'>> = { ...VM_TOPOLOGY_DEFAULTS, ...definedOnly(config) };
  const region = c.zone.replace(/-[a-z]$/, '');
  const stack = topologyStack(app, VM_STACK_NAME, config);
  new GoogleProvider(stack, 'google', { project: c.projectId, region });
  // The preview APIs (TRUST_DOMAIN pools, partner metadata) are served to allowlisted projects only, and the seed bills
  // quota to that project (`gcloud config set billing/quota_project PROJECT_ID`): the beta calls do the same.
  new GoogleBetaProvider(stack, 'google-beta', { project: c.projectId, region, userProjectOverride: true, billingProject: c.projectId });
  new gcpProject.ProjectApis(stack, 'Apis', {
    services: ['compute.googleapis.com', 'iam.googleapis.com', 'privateca.googleapis.com'],
  });

  // W1: the pool in TRUST_DOMAIN mode, one namespace, an identity for the servers and one for the client.
  const pool = new vm.WorkloadIdentityPool(stack, 'WorkloadIdentityPool', {
    projectNumber: c.projectNumber,
    name: c.poolId,
    displayName: 'Managed workload identities',
    allowDestroy: c.allowDestroy,
  });
  const namespace = pool.addNamespace('Namespace', { name: c.namespaceId });
  const serverIdentity = namespace.addManagedIdentity('ServerIdentity', { name: c.serverIdentity });
  const clientIdentity = namespace.addManagedIdentity('ClientIdentity', { name: c.clientIdentity });

  // W2: one service account per identity; VMs running as it receive that identity.
  const serverAccount = new vm.VmServiceAccount(stack, 'ServerServiceAccount', { accountId: c.serverServiceAccount });
  const clientAccount = new vm.VmServiceAccount(stack, 'ClientServiceAccount', { accountId: c.clientServiceAccount });
  serverIdentity.allowVmsWithServiceAccount(serverAccount);
  clientIdentity.allowVmsWithServiceAccount(clientAccount);

  // W3: root (ENTERPRISE) and subordinate (DEVOPS, subordinate_mtls_pathlen_0) in the VMs' region; the pool's
  // identities may request certificates from the subordinate pool and read it.
  const hierarchy = new ca.CaHierarchy(stack, 'Ca', {
    organization: c.organization,
    rootPoolId: c.rootPoolId,
    rootCaId: c.rootCaId,
    subordinatePoolId: c.subordinatePoolId,
    subordinateCaId: c.subordinateCaId,
    subordinateLocation: region,
    allowDestroy: c.allowDestroy,
  });
  pool.authorizeCertificateRequests(hierarchy.subordinatePool);

  // W4: CONFIGS.json per identity, issued by and anchored at the subordinate pool.
  const keyAlgorithm = vmKeyAlgorithm(c.keyAlgorithm);
  const issuance = c.certificateIssuance === 'workload-identity-pool'
    ? vm.CertificateIssuance.workloadIdentityPool()
    : vm.CertificateIssuance.partnerMetadata();
  const serverMetadata = new vm.PartnerMetadata(stack, 'ServerPartnerMetadata', {
    identity: serverIdentity, issuingPool: hierarchy.subordinatePool, keyAlgorithm, issuance,
  });
  const clientMetadata = new vm.PartnerMetadata(stack, 'ClientPartnerMetadata', {
    identity: clientIdentity, issuingPool: hierarchy.subordinatePool, keyAlgorithm, issuance,
  });

  // W5, W7: the servers as a managed instance group rolled template by template.
  const template = new vm.WorkloadInstanceTemplate(stack, 'ServerTemplate', {
    namePrefix: c.instanceGroupName,
    serviceAccount: serverAccount,
    partnerMetadata: serverMetadata,
    network: c.network,
  });
  new vm.WorkloadInstanceGroup(stack, 'ServerGroup', {
    template,
    name: c.instanceGroupName,
    zone: c.zone,
    targetSize: c.instanceGroupSize,
  });

  // W6: the client as one VM, whose partner metadata is updated in place.
  new vm.WorkloadInstance(stack, 'Client', {
    name: c.instanceName,
    zone: c.zone,
    serviceAccount: clientAccount,
    partnerMetadata: clientMetadata,
    network: c.network,
  });

  // W8: SPIFFE IDs, credential files and metadata endpoints for the workloads.
  new vm.WorkloadCredentialOutputs(stack, 'ServerCredentials', { partnerMetadata: serverMetadata });
  new vm.WorkloadCredentialOutputs(stack, 'ClientCredentials', { partnerMetadata: clientMetadata });
  return stack;
}

/** The config without keys set to undefined, so they do not hide the defaults. */
function definedOnly(config: VmTopologyConfig): Omit<VmTopologyConfig, 'terraformCloud'> {
  return Object.fromEntries(Object.entries(config).filter(([key, value]) => value !== undefined && key !== 'terraformCloud'));
}
