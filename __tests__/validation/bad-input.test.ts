import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TlsProvider } from '@cdktf/provider-tls/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { ca, core, gke, mesh, network } from '../../lib';
import { testApp } from '../helpers/synth';
import { stack, SUBJECTS } from './catalog';

/**
 * X2: bad input fails at synth time with the one error shape — construct path, field, bad value, fix — and the
 * error is typed (`Validation.problemOf`), so tools can collect it. One row per case; each row states the whole
 * expected problem. Rows that only a whole-app check can decide (duplicate names) are checked on the message.
 */

interface Expected {
  /** @default 'test/Subject' */
  readonly path?: string;
  readonly field: string;
  /** The bad value as the message quotes it. */
  readonly value: string;
  readonly fix: string;
  /** A part of the problem statement, when the row is about which rule was broken. */
  readonly problem?: string;
}

type Spoil = Record<string, unknown> | ((s: TerraformStack) => Record<string, unknown>);
type Row = readonly [subject: string, spoil: Spoil, expected: Expected];

// The fixes, written out once each as a user reads them.
const RESOURCE_NAME = 'Use 1-63 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.';
const PROJECT_ID = 'Use the project ID (6-30 characters: lowercase letters, digits and hyphens, starting with a letter), not its display name or number.';
const CA_ID = 'Use 1-63 characters: letters, digits, hyphens and underscores.';
const PORT = 'Use an integer from 1 to 65535.';
const DURATION = 'Write durations as seconds with an "s" suffix, e.g. "86400s" for one day or "2592000s" for 30 days.';
const LABELS = 'Use at most 64 labels whose keys start with a lowercase letter and whose keys and values hold at most 63 lowercase letters, digits, "_" and "-".';
const HOST = 'Use a lowercase DNS name such as "service-test" or "api.example.com" — no scheme, path, port, underscore or IP address.';
const K8S_NAME = 'Use at most 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit.';
const K8S_OBJECT = 'Use at most 253 lowercase letters, digits, hyphens and dots, starting and ending with a letter or digit.';
const SERVICE_NAME = 'Use at most 63 lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit, e.g. "service-test".';
const PROJECT_NUMBER = 'Use the numeric project number shown by `gcloud projects describe PROJECT_ID --format="value(projectNumber)"`.';
const BOOLEAN = (field: string) => `Set ${field} to true or false.`;
const ONE_OF = (values: string[]) => `Use one of: ${values.join(', ')}.`;
const RANGE = (min: number, max: number) => `Use a value from ${min} to ${max}.`;
const SA_EMAIL = 'Use the account\'s email, e.g. "mesh-workloads@my-project-id.iam.gserviceaccount.com" or "PROJECT_NUMBER-compute@developer.gserviceaccount.com".';
const CIDR = 'Give the pods a private IPv4 range such as "10.4.0.0/14".';
const MACHINE_TYPE = 'Use a machine type such as "e2-standard-2" (gcloud compute machine-types list).';
const POOL_REF = 'Pass a CA pool: new CaPool(...), CaPool.fromPoolAttributes(...) or a CaHierarchy\'s rootPool/subordinatePool.';
const CLUSTER_REF = 'Pass a GKE cluster: new GkeCluster(...) or GkeCluster.fromClusterAttributes(scope, id, { location, name }).';
const CERTIFICATE_PROVIDER = 'Use CertificateProvider.privateSpiffe() for GKE mesh certificates, or CertificateProvider.pluginInstance(name) / grpcEndpoint(uri).';
const ENVOY_FIX = 'Cloud Service Mesh needs Envoy 1.20.0 or later for xDS v3 (seed 000); use e.g. "docker.io/envoyproxy/envoy:v1.34.1".';
const HTTP_METHODS = ONE_OF(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);
const TLS_REF = 'Pass a ServerTlsPolicy, or ServerTlsPolicy.fromServerTlsPolicyAttributes(scope, id, { name }) for an existing one.';
const MESH_CERTS = 'Configure mesh certificates for the cluster in its Kubernetes stack, e.g. new MeshCertificates(k8sStack, "MeshCertificates", ' +
  '{ cluster, issuingPool: hierarchy.subordinatePool, trustAnchors: [hierarchy.rootPool] }), or adopt them with MeshCertificates.fromCluster(...); ' +
  'without a WorkloadCertificateConfig and TrustConfig pods never start (seed 000, troubleshooting).';
const REGIONS = ONE_OF([
  'asia-east1', 'asia-east2', 'asia-northeast1', 'asia-northeast2', 'asia-northeast3', 'asia-south1', 'asia-south2', 'asia-southeast1', 'asia-southeast2',
  'australia-southeast1', 'australia-southeast2', 'europe-central2', 'europe-north1', 'europe-southwest1', 'europe-west1', 'europe-west2',
  'europe-west3', 'europe-west4', 'europe-west6', 'europe-west8', 'europe-west9', 'europe-west10', 'europe-west12', 'me-central1', 'me-central2',
  'me-west1', 'northamerica-northeast1', 'northamerica-northeast2', 'southamerica-east1', 'southamerica-west1', 'us-central1', 'us-east1',
  'us-east4', 'us-east5', 'us-south1', 'us-west1', 'us-west2', 'us-west3', 'us-west4',
]);

const rule = (destination: Record<string, unknown>) => ({ rules: [{ destinations: [{ hosts: ['service-test'], ports: [8000], methods: ['GET'], ...destination }] }] });
const source = (src: Record<string, unknown>) => ({ rules: [{ sources: [src], destinations: [{ hosts: ['service-test'], ports: [8000], methods: ['GET'] }] }] });
const ALLOWED_HOST_WILDCARD = 'Use one wildcard at the start ("*.example.com") or end ("service-*"), or "*" for any host.';
const neg = (zone: string, name = 'service-test-neg') => mesh.NetworkEndpointGroupRef.fromName('my-project-id', zone, name);

const ROWS: readonly Row[] = [
  // project.ProjectApis
  ['project.ProjectApis', { project: 'My Project' }, { field: 'project', value: '"My Project"', fix: PROJECT_ID }],
  ['project.ProjectApis', { project: '123456789012' }, { field: 'project', value: '"123456789012"', fix: PROJECT_ID }],
  ['project.ProjectApis', { services: ['container'] }, { field: 'services[0]', value: '"container"', fix: 'List service names such as "privateca.googleapis.com"; the name ends in .googleapis.com.' }],
  ['project.ProjectApis', { services: ['https://privateca.googleapis.com'] }, { field: 'services[0]', value: '"https://privateca.googleapis.com"', fix: 'List service names such as "privateca.googleapis.com"; the name ends in .googleapis.com.' }],
  ['project.ProjectApis', { services: ['privateca.googleapis.com', 'privateca.googleapis.com'] }, { field: 'services[1]', value: '"privateca.googleapis.com"', fix: 'List each API once.' }],
  ['project.ProjectApis', { services: 'privateca.googleapis.com' }, { field: 'services', value: '"privateca.googleapis.com"', fix: 'List service names such as "privateca.googleapis.com".' }],
  ['project.ProjectApis', { disableOnDestroy: 'no' }, { field: 'disableOnDestroy', value: '"no"', fix: BOOLEAN('disableOnDestroy') }],
  ['project.ProjectApis', { waitForApis: 1 }, { field: 'waitForApis', value: '1', fix: BOOLEAN('waitForApis') }],

  // ca.CaPool
  ['ca.CaPool', { location: 'us-east9' }, { field: 'location', value: '"us-east9"', fix: REGIONS, problem: 'is not a CA Service region' }],
  ['ca.CaPool', { location: 'US-EAST1' }, { field: 'location', value: '"US-EAST1"', fix: REGIONS }],
  ['ca.CaPool', { location: undefined }, { field: 'location', value: 'nothing', fix: REGIONS }],
  ['ca.CaPool', { name: 'td.sec.pool' }, { field: 'name', value: '"td.sec.pool"', fix: CA_ID }],
  ['ca.CaPool', { name: '' }, { field: 'name', value: '""', fix: CA_ID }],
  ['ca.CaPool', { name: 'x'.repeat(64) }, { field: 'name', value: `"${'x'.repeat(64)}"`, fix: CA_ID }],
  ['ca.CaPool', { tier: 'STANDARD' }, { field: 'tier', value: '"STANDARD"', fix: ONE_OF(['ENTERPRISE', 'DEVOPS']), problem: 'is not a CA pool tier' }],
  ['ca.CaPool', { tier: 'devops' }, { field: 'tier', value: '"devops"', fix: ONE_OF(['ENTERPRISE', 'DEVOPS']) }],
  ['ca.CaPool', { publishCrl: true }, { field: 'publishCrl', value: 'true', fix: 'DevOps-tier pools do not publish CRLs; remove publishCrl or use CaPoolTier.ENTERPRISE.' }],
  ['ca.CaPool', { encodingFormat: 'PEMM' }, { field: 'encodingFormat', value: '"PEMM"', fix: ONE_OF(['PEM', 'DER']) }],
  ['ca.CaPool', { maximumCertificateLifetime: '30d' }, { field: 'maximumCertificateLifetime', value: '"30d"', fix: DURATION }],
  ['ca.CaPool', { maximumCertificateLifetime: '86400' }, { field: 'maximumCertificateLifetime', value: '"86400"', fix: DURATION }],
  ['ca.CaPool', { labels: { Team: 'platform' } }, { field: 'labels', value: '"Team"', fix: LABELS, problem: 'has an invalid label key "Team"' }],
  ['ca.CaPool', { labels: { team: 'Platform Team' } }, { field: 'labels.team', value: '"Platform Team"', fix: LABELS }],
  ['ca.CaPool', { labels: { team: 7 } }, { field: 'labels.team', value: '7', fix: LABELS }],
  ['ca.CaPool', { allowDestroy: 'false' }, { field: 'allowDestroy', value: '"false"', fix: BOOLEAN('allowDestroy') }],
  ['ca.CaPool', { project: 'my project' }, { field: 'project', value: '"my project"', fix: PROJECT_ID }],

  // ca.CaPool.fromPoolAttributes
  ['ca.CaPool.fromPoolAttributes', { location: 'mars' }, { field: 'location', value: '"mars"', fix: REGIONS }],
  ['ca.CaPool.fromPoolAttributes', { name: 'td sec pool' }, { field: 'name', value: '"td sec pool"', fix: CA_ID }],
  ['ca.CaPool.fromPoolAttributes', { keyFamily: 'ecdsa' }, { field: 'keyFamily', value: '"ecdsa"', fix: ONE_OF(['RSA', 'ECDSA']), problem: 'is not a key family' }],
  ['ca.CaPool.fromPoolAttributes', { holdsRootCa: 'yes' }, { field: 'holdsRootCa', value: '"yes"', fix: BOOLEAN('holdsRootCa') }],

  // ca.RootCertificateAuthority
  ['ca.RootCertificateAuthority', { name: 'pkcs2 ca' }, { field: 'name', value: '"pkcs2 ca"', fix: CA_ID }],
  ['ca.RootCertificateAuthority', { generation: 0 }, { field: 'generation', value: '0', fix: RANGE(1, 999) }],
  ['ca.RootCertificateAuthority', { generation: 1.5 }, { field: 'generation', value: '1.5', fix: RANGE(1, 999) }],
  ['ca.RootCertificateAuthority', { maxChainLength: 11 }, { field: 'maxChainLength', value: '11', fix: RANGE(0, 10) }],
  ['ca.RootCertificateAuthority', { keyAlgorithm: 'EC_P256_SHA256' }, { field: 'keyAlgorithm', value: '"EC_P256_SHA256"', fix: 'Use a CaKeyAlgorithm constant, e.g. CaKeyAlgorithm.EC_P256_SHA256.', problem: 'is not a CaKeyAlgorithm' }],
  ['ca.RootCertificateAuthority', { lifetime: '10y' }, { field: 'lifetime', value: '"10y"', fix: DURATION }],
  ['ca.RootCertificateAuthority', { organization: 42 }, { field: 'organization', value: '42', fix: 'Set the subject organization (O=) of the CA, e.g. "TestCorpLLC".' }],
  ['ca.RootCertificateAuthority', { organization: undefined }, { field: 'organization', value: 'nothing', fix: 'Set the subject organization (O=) of the CA, e.g. "TestCorpLLC".' }],
  ['ca.RootCertificateAuthority', { pool: 'td-sec-pool' }, { field: 'pool', value: '"td-sec-pool"', fix: POOL_REF, problem: 'is not an ICaPool' }],
  ['ca.RootCertificateAuthority', { pool: undefined }, { field: 'pool', value: 'nothing', fix: POOL_REF }],
  ['ca.RootCertificateAuthority', { commonName: 42 }, { field: 'commonName', value: '42', fix: 'Use the CA\'s common name (CN=), e.g. "td-ca".' }],
  ['ca.RootCertificateAuthority', { labels: { 'a b': 'c' } }, { field: 'labels', value: '"a b"', fix: LABELS }],
  ['ca.RootCertificateAuthority', { allowDestroy: 'no' }, { field: 'allowDestroy', value: '"no"', fix: BOOLEAN('allowDestroy') }],

  // ca.RootCertificateAuthority.fromCertificateAuthorityAttributes
  ['ca.RootCertificateAuthority.fromCertificateAuthorityAttributes', { keyFamily: 'EC' }, { field: 'keyFamily', value: '"EC"', fix: ONE_OF(['RSA', 'ECDSA']) }],
  ['ca.RootCertificateAuthority.fromCertificateAuthorityAttributes', { pool: {} }, { field: 'pool', value: '{}', fix: POOL_REF }],
  ['ca.RootCertificateAuthority.fromCertificateAuthorityAttributes', { name: '' }, { field: 'name', value: '""', fix: CA_ID }],

  // ca.SubordinateCertificateAuthority
  ['ca.SubordinateCertificateAuthority', { issuer: 'pkcs2-ca' }, { field: 'issuer', value: '"pkcs2-ca"', fix: 'Pass a certificate authority: new RootCertificateAuthority(...) or RootCertificateAuthority.fromCertificateAuthorityAttributes(...).', problem: 'is not an ICertificateAuthority' }],
  ['ca.SubordinateCertificateAuthority', { issuer: undefined }, { field: 'issuer', value: 'nothing', fix: 'Pass a certificate authority: new RootCertificateAuthority(...) or RootCertificateAuthority.fromCertificateAuthorityAttributes(...).' }],
  ['ca.SubordinateCertificateAuthority', { profile: 'subordinate_mtls_pathlen_0' }, { field: 'profile', value: '"subordinate_mtls_pathlen_0"', fix: 'Use CaCertificateProfile.subordinateMtlsPathlen0() or CaCertificateProfile.root(1).', problem: 'is not a CaCertificateProfile' }],
  ['ca.SubordinateCertificateAuthority', (s) => ({ issuer: ca.RootCertificateAuthority.fromCertificateAuthorityAttributes(s, 'Adopted', {
    pool: ca.CaPool.fromPoolAttributes(s, 'AdoptedPool', { location: 'us-east1', name: 'td_sec_pool' }), name: 'pkcs2-ca', keyFamily: ca.KeyFamily.ECDSA }) }),
  { field: 'issuer.pool.name', value: '"td_sec_pool"', fix: 'The provider only accepts letters, digits and hyphens in the issuer\'s pool and CA IDs (no underscores), so the apply would fail after creating the CA; issue the subordinate from a pool whose ID has no underscore (e.g. "td-sec-pool" instead of the seed\'s "td_sec_pool").' }],
  ['ca.SubordinateCertificateAuthority', { lifetime: '3 years' }, { field: 'lifetime', value: '"3 years"', fix: DURATION }],

  // ca.CaHierarchy
  ['ca.CaHierarchy', { subordinateLocation: 'us-east9' }, { field: 'subordinateLocation', value: '"us-east9"', fix: REGIONS }],
  ['ca.CaHierarchy', { rootLocation: 'mars' }, { field: 'rootLocation', value: '"mars"', fix: REGIONS }],
  ['ca.CaHierarchy', { subordinatePoolId: 'td.ca.pool' }, { field: 'subordinatePoolId', value: '"td.ca.pool"', fix: CA_ID }],
  ['ca.CaHierarchy', { subordinateCaId: 'td ca' }, { field: 'subordinateCaId', value: '"td ca"', fix: CA_ID }],
  ['ca.CaHierarchy', { rootCaId: 'pkcs2/ca' }, { field: 'rootCaId', value: '"pkcs2/ca"', fix: CA_ID }],
  ['ca.CaHierarchy', { rootPoolId: undefined }, { field: 'rootPoolId', value: 'nothing', fix: 'Set rootPoolId, or pass existingRoot: RootCertificateAuthority.fromCertificateAuthorityAttributes(...) to adopt a root CA.', problem: 'is required when no existing root is given' }],
  ['ca.CaHierarchy', { subordinateGenerations: [] }, { field: 'subordinateGenerations', value: '[]', fix: 'Keep at least one subordinate CA generation, e.g. [1].' }],
  ['ca.CaHierarchy', { subordinateGenerations: [1, 1] }, { field: 'subordinateGenerations', value: '[1,1]', fix: 'List each generation once, e.g. [1, 2] while rotating from the original CA to generation 2.' }],
  ['ca.CaHierarchy', { subordinateGenerations: [0] }, { field: 'subordinateGenerations[0]', value: '0', fix: RANGE(1, 999) }],
  ['ca.CaHierarchy', { keyAlgorithm: 'ec-p256-sha256' }, { field: 'keyAlgorithm', value: '"ec-p256-sha256"', fix: 'Use a CaKeyAlgorithm constant, e.g. CaKeyAlgorithm.EC_P256_SHA256.' }],
  ['ca.CaHierarchy', { organization: 42 }, { field: 'organization', value: '42', fix: 'Set the subject organization (O=) of both CAs, e.g. "TestCorpLLC".' }],
  ['ca.CaHierarchy', { existingRoot: 'pkcs2-ca' }, { field: 'existingRoot', value: '"pkcs2-ca"', fix: 'Pass a certificate authority: new RootCertificateAuthority(...) or RootCertificateAuthority.fromCertificateAuthorityAttributes(...).' }],
  ['ca.CaHierarchy', { allowDestroy: 'yes' }, { field: 'allowDestroy', value: '"yes"', fix: BOOLEAN('allowDestroy') }],

  // gke.GkeCluster
  ['gke.GkeCluster', { location: 'mars' }, { field: 'location', value: '"mars"', fix: 'Use a zone such as "us-east1-b" or a region such as "us-east1".' }],
  ['gke.GkeCluster', { location: 'us-east1-' }, { field: 'location', value: '"us-east1-"', fix: 'Use a zone such as "us-east1-b" or a region such as "us-east1".' }],
  ['gke.GkeCluster', { name: 'Secure_Cluster' }, { field: 'name', value: '"Secure_Cluster"', fix: RESOURCE_NAME }],
  ['gke.GkeCluster', { name: 'a-very-long-cluster-name-for-the-demo' }, { field: 'name', value: '"a-very-long-cluster-name-for-the-demo"', fix: 'GKE limits cluster and node pool names to 40 characters and the node pool is named CLUSTER-pool; shorten the name.' }],
  ['gke.GkeCluster', { network: 'My Network' }, { field: 'network', value: '"My Network"', fix: RESOURCE_NAME }],
  ['gke.GkeCluster', { healthCheckTag: 'Allow_Health' }, { field: 'healthCheckTag', value: '"Allow_Health"', fix: RESOURCE_NAME }],
  ['gke.GkeCluster', { releaseChannel: 'FAST' }, { field: 'releaseChannel', value: '"FAST"', fix: ONE_OF(['RAPID', 'REGULAR', 'STABLE']) }],
  ['gke.GkeCluster', { minMasterVersion: '1.20.0' }, { field: 'minMasterVersion', value: '"1.20.0"', fix: 'Use 1.21.4-gke.1801 or later (S2), e.g. "1.21.4-gke.1801" or "latest".', problem: 'is older than GKE mesh certificates support' }],
  ['gke.GkeCluster', { minMasterVersion: 'newest' }, { field: 'minMasterVersion', value: '"newest"', fix: 'Use 1.21.4-gke.1801 or later (S2), e.g. "1.21.4-gke.1801" or "latest".', problem: 'is not a GKE version' }],
  ['gke.GkeCluster', { machineType: 'E2 Standard' }, { field: 'machineType', value: '"E2 Standard"', fix: MACHINE_TYPE }],
  ['gke.GkeCluster', { nodeCount: 0 }, { field: 'nodeCount', value: '0', fix: RANGE(1, 1000) }],
  ['gke.GkeCluster', { nodeCount: 1001 }, { field: 'nodeCount', value: '1001', fix: RANGE(1, 1000) }],
  ['gke.GkeCluster', { nodeServiceAccount: 'nodes' }, { field: 'nodeServiceAccount', value: '"nodes"', fix: SA_EMAIL }],
  ['gke.GkeCluster', { podCidr: '10.4.0.0/33' }, { field: 'podCidr', value: '"10.4.0.0/33"', fix: CIDR }],
  ['gke.GkeCluster', { podCidr: '10.4.0.0' }, { field: 'podCidr', value: '"10.4.0.0"', fix: CIDR }],
  ['gke.GkeCluster', { podCidr: '300.4.0.0/14' }, { field: 'podCidr', value: '"300.4.0.0/14"', fix: CIDR }],
  ['gke.GkeCluster', { allowPublicNodes: true, controlPlaneCidr: '10.5.0.0/28' }, { field: 'controlPlaneCidr', value: '"10.5.0.0/28"', fix: 'Remove controlPlaneCidr, or remove allowPublicNodes.' }],
  ['gke.GkeCluster', { controlPlaneCidr: '10.5.0.0/24' }, { field: 'controlPlaneCidr', value: '"10.5.0.0/24"', fix: 'Give the control plane a private /28 range that overlaps no subnet, e.g. "10.5.0.0/28" (E1).' }],
  ['gke.GkeCluster', { controlPlaneCidr: '10.5.0.0' }, { field: 'controlPlaneCidr', value: '"10.5.0.0"', fix: 'Give the control plane a private /28 range that overlaps no subnet, e.g. "10.5.0.0/28" (E1).' }],
  ['gke.GkeCluster', { podRangeName: 'Pods_Range' }, { field: 'podRangeName', value: '"Pods_Range"', fix: RESOURCE_NAME }],
  ['gke.GkeCluster', { podCidr: '10.4.0.0/14', podRangeName: 'pods' }, { field: 'podRangeName', value: '"pods"', fix: 'Either let GKE create the pod range from podCidr, or name an existing secondary range with podRangeName.' }],
  ['gke.GkeCluster', { allowLegacyDataplane: 'yes' }, { field: 'allowLegacyDataplane', value: '"yes"', fix: BOOLEAN('allowLegacyDataplane') }],
  ['gke.GkeCluster', { allowPublicNodes: 'yes' }, { field: 'allowPublicNodes', value: '"yes"', fix: BOOLEAN('allowPublicNodes') }],
  ['gke.GkeCluster', { allowDefaultNodeServiceAccount: 'no' }, { field: 'allowDefaultNodeServiceAccount', value: '"no"', fix: BOOLEAN('allowDefaultNodeServiceAccount') }],
  ['gke.GkeCluster', { allowDefaultNodeServiceAccount: true, nodeServiceAccount: 'nodes@my-project-id.iam.gserviceaccount.com' }, { field: 'allowDefaultNodeServiceAccount', value: 'true', fix: 'Either give the nodes an account (nodeServiceAccount) or let them run as the Compute Engine default one.' }],
  ['gke.GkeCluster', { allowDestroy: 1 }, { field: 'allowDestroy', value: '1', fix: BOOLEAN('allowDestroy') }],
  ['gke.GkeCluster', { project: 'My Project' }, { field: 'project', value: '"My Project"', fix: PROJECT_ID }],

  // gke.GkeCluster.fromClusterAttributes
  ['gke.GkeCluster.fromClusterAttributes', { location: 'mars' }, { field: 'location', value: '"mars"', fix: 'Use a zone such as "us-east1-b" or a region such as "us-east1".' }],
  ['gke.GkeCluster.fromClusterAttributes', { name: 'Secure_Cluster' }, { field: 'name', value: '"Secure_Cluster"', fix: RESOURCE_NAME }],
  ['gke.GkeCluster.fromClusterAttributes', { nodeTag: 'GKE_NODE' }, { field: 'nodeTag', value: '"GKE_NODE"', fix: RESOURCE_NAME }],
  ['gke.GkeCluster.fromClusterAttributes', { podCidr: '10.4.0.0/40' }, { field: 'podCidr', value: '"10.4.0.0/40"', fix: 'Use an IPv4 range such as "10.4.0.0/14".' }],

  // gke.GkeCluster.addNodePool
  ['gke.GkeCluster.addNodePool', { name: 'Gateway_Pool' }, { path: 'test/Cluster/Subject', field: 'name', value: '"Gateway_Pool"', fix: RESOURCE_NAME }],
  ['gke.GkeCluster.addNodePool', { name: 'gateway-pool-for-the-egress-gateway-pods' + 'x' }, { path: 'test/Cluster/Subject', field: 'name', value: '"gateway-pool-for-the-egress-gateway-podsx"', fix: 'GKE limits node pool names to 40 characters; shorten the name.' }],
  ['gke.GkeCluster.addNodePool', { labels: { '-pool': 'x' } }, { path: 'test/Cluster/Subject', field: 'labels', value: '"-pool"', fix: 'Use an optional DNS prefix and a name of at most 63 letters, digits, "-", "_" and ".", e.g. "cloud.google.com/gke-nodepool".' }],
  ['gke.GkeCluster.addNodePool', { labels: { pool: 'x'.repeat(64) } }, { path: 'test/Cluster/Subject', field: 'labels.pool', value: `"${'x'.repeat(64)}"`, fix: 'Use at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit.' }],
  ['gke.GkeCluster.addNodePool', { taints: [{ key: 'dedicated', value: 'gateway', effect: 'NoSchedule' }] }, { path: 'test/Cluster/Subject', field: 'taints[0].effect', value: '"NoSchedule"', fix: ONE_OF(['NO_SCHEDULE', 'PREFER_NO_SCHEDULE', 'NO_EXECUTE']) }],
  ['gke.GkeCluster.addNodePool', { taints: [{ key: 'bad key', value: 'gateway', effect: gke.TaintEffect.NO_SCHEDULE }] }, { path: 'test/Cluster/Subject', field: 'taints[0].key', value: '"bad key"', fix: 'Use a key such as "dedicated".' }],
  ['gke.GkeCluster.addNodePool', { taints: ['dedicated=gateway:NoSchedule'] }, { path: 'test/Cluster/Subject', field: 'taints[0]', value: '"dedicated=gateway:NoSchedule"', fix: 'Use { key: "dedicated", value: "gateway", effect: TaintEffect.NO_SCHEDULE }.' }],
  ['gke.GkeCluster.addNodePool', { tags: ['Egress_Gateway'] }, { path: 'test/Cluster/Subject', field: 'tags[0]', value: '"Egress_Gateway"', fix: RESOURCE_NAME }],
  ['gke.GkeCluster.addNodePool', { machineType: 'big' }, { path: 'test/Cluster/Subject', field: 'machineType', value: '"big"', fix: MACHINE_TYPE }],
  ['gke.GkeCluster.addNodePool', { serviceAccount: 'gateway' }, { path: 'test/Cluster/Subject', field: 'serviceAccount', value: '"gateway"', fix: SA_EMAIL }],
  ['gke.GkeCluster.addNodePool', { nodeCount: -1 }, { path: 'test/Cluster/Subject', field: 'nodeCount', value: '-1', fix: RANGE(1, 1000) }],

  // gke.FleetMembership
  ['gke.FleetMembership', { name: 'Secure_Member' }, { field: 'name', value: '"Secure_Member"', fix: RESOURCE_NAME }],
  ['gke.FleetMembership', { location: 'Global!' }, { field: 'location', value: '"Global!"', fix: RESOURCE_NAME }],
  ['gke.FleetMembership', { cluster: 'secure-td-cluster' }, { field: 'cluster', value: '"secure-td-cluster"', fix: CLUSTER_REF, problem: 'is not an IGkeCluster' }],
  ['gke.FleetMembership', { cluster: undefined }, { field: 'cluster', value: 'nothing', fix: CLUSTER_REF }],

  // gke.MeshServiceAccount
  ['gke.MeshServiceAccount', { accountId: 'mesh' }, { field: 'accountId', value: '"mesh"', fix: 'Use 6-30 lowercase letters, digits and hyphens, starting with a letter.' }],
  ['gke.MeshServiceAccount', { accountId: 'Mesh_Workloads' }, { field: 'accountId', value: '"Mesh_Workloads"', fix: 'Use 6-30 lowercase letters, digits and hyphens, starting with a letter.' }],
  ['gke.MeshServiceAccount', { existingServiceAccountEmail: 'compute default' }, { field: 'existingServiceAccountEmail', value: '"compute default"', fix: SA_EMAIL }],
  ['gke.MeshServiceAccount', { existingServiceAccountEmail: 'alice@example.com' }, { field: 'existingServiceAccountEmail', value: '"alice@example.com"', fix: SA_EMAIL }],
  ['gke.MeshServiceAccount', { accountId: 'mesh-workloads', existingServiceAccountEmail: 'a@b.iam.gserviceaccount.com' }, { field: 'accountId', value: '"mesh-workloads"', fix: 'Either create a dedicated account (accountId) or adopt one (existingServiceAccountEmail).' }],
  ['gke.MeshServiceAccount', { cluster: {} }, { field: 'cluster', value: '{}', fix: CLUSTER_REF }],

  // gke.GkeKubernetesProvider
  ['gke.GkeKubernetesProvider', { cluster: 'secure-td-cluster' }, { path: 'k8s/Subject', field: 'cluster', value: '"secure-td-cluster"', fix: CLUSTER_REF }],
  ['gke.GkeKubernetesProvider', { googleProvider: {} }, { path: 'k8s/Subject', field: 'googleProvider', value: '{}', fix: 'Pass the stack\'s GoogleProvider, or leave googleProvider out.' }],

  // gke.WorkloadCertificateConfig
  ['gke.WorkloadCertificateConfig', { keyAlgorithm: ca.WorkloadKeyAlgorithm.rsa(2048) }, { field: 'keyAlgorithm', value: '"rsa-2048"', fix: 'Use an ECDSA workload key (e.g. WorkloadKeyAlgorithm.ecdsa(EcdsaCurve.P256)): workload keys must be of the CA\'s key family, or TLS stacks reject the certificates (seed 000, troubleshooting).', problem: 'is RSA but the issuing CA in pool "td-ca-pool" uses ECDSA keys' }],
  ['gke.WorkloadCertificateConfig', { keyAlgorithm: 'ecdsa-p256' }, { field: 'keyAlgorithm', value: '"ecdsa-p256"', fix: 'Use WorkloadKeyAlgorithm.ecdsa(EcdsaCurve.P256) or WorkloadKeyAlgorithm.rsa(2048).', problem: 'is not a WorkloadKeyAlgorithm' }],
  ['gke.WorkloadCertificateConfig', { keyAlgorithm: ca.WorkloadKeyAlgorithm.rsa(1024) }, { field: 'keyAlgorithm.rsa.modulusSize', value: '1024', fix: 'Use WorkloadKeyAlgorithm.rsa(2048), rsa(3072) or rsa(4096).' }],
  ['gke.WorkloadCertificateConfig', { keyAlgorithm: ca.WorkloadKeyAlgorithm.ecdsa('P521' as ca.EcdsaCurve) }, { field: 'keyAlgorithm.ecdsa.curve', value: '"P521"', fix: 'Use WorkloadKeyAlgorithm.ecdsa(EcdsaCurve.P256) or ecdsa(EcdsaCurve.P384).' }],
  ['gke.WorkloadCertificateConfig', { validityDurationSeconds: 0 }, { field: 'validityDurationSeconds', value: '0', fix: RANGE(1, 31536000) }],
  ['gke.WorkloadCertificateConfig', { rotationWindowPercentage: 101 }, { field: 'rotationWindowPercentage', value: '101', fix: RANGE(0, 100) }],
  ['gke.WorkloadCertificateConfig', { issuingPool: 'td-ca-pool' }, { field: 'issuingPool', value: '"td-ca-pool"', fix: POOL_REF }],
  ['gke.WorkloadCertificateConfig', { cluster: undefined }, { field: 'cluster', value: 'nothing', fix: CLUSTER_REF }],

  // gke.TrustConfig
  ['gke.TrustConfig', { trustDomain: 'other.svc.id.goog' }, { field: 'trustDomain', value: '"other.svc.id.goog"', fix: 'GKE mesh certificates carry spiffe://PROJECT_ID.svc.id.goog identities; remove trustDomain or set it to the cluster\'s workload pool, and list other domains in additionalTrustStores.' }],
  ['gke.TrustConfig', { trustAnchors: [] }, { field: 'trustAnchors', value: '[]', fix: 'Pass the root CA pool, e.g. trustAnchors: [hierarchy.rootPool].' }],
  ['gke.TrustConfig', { trustAnchors: ['td-sec-pool'] }, { field: 'trustStores[0].trustAnchors[0]', value: '"td-sec-pool"', fix: POOL_REF }],
  ['gke.TrustConfig', (s) => ({ additionalTrustStores: [{ trustDomain: 'Other Project', trustAnchors: [ca.CaPool.fromPoolAttributes(s, 'Other', { location: 'us-east1', name: 'other' })] }] }),
    { field: 'trustStores[1].trustDomain', value: '"Other Project"', fix: 'Use a trust domain such as "my-project-id.svc.id.goog" (lowercase letters, digits, dots, hyphens and underscores).' }],
  ['gke.TrustConfig', (s) => ({ additionalTrustStores: [{ trustDomain: 'my-project-id.svc.id.goog', trustAnchors: [ca.CaPool.fromPoolAttributes(s, 'Other', { location: 'us-east1', name: 'other' })] }] }),
    { field: 'trustStores[1].trustDomain', value: '"my-project-id.svc.id.goog"', fix: 'GKE rejects a TrustConfig with two entries for one trust domain; merge their trust anchors.' }],
  ['gke.TrustConfig', { additionalTrustStores: [null] }, { field: 'trustStores[1]', value: 'null', fix: 'Give each trust store a trustDomain and trustAnchors.' }],

  // gke.MeshCertificates and gke.KubernetesServiceAccount
  ['gke.MeshCertificates', { cluster: 'secure-td-cluster' }, { field: 'cluster', value: '"secure-td-cluster"', fix: CLUSTER_REF }],
  ['gke.MeshCertificates', { rotationWindowPercentage: -1 }, { path: 'test/Subject/WorkloadCertificates', field: 'rotationWindowPercentage', value: '-1', fix: RANGE(0, 100) }],
  ['gke.KubernetesServiceAccount', { name: 'Demo_Server' }, { field: 'name', value: '"Demo_Server"', fix: K8S_OBJECT }],
  ['gke.KubernetesServiceAccount', { namespace: 'Default' }, { field: 'namespace', value: '"Default"', fix: K8S_NAME }],
  ['gke.KubernetesServiceAccount', { googleServiceAccount: 'mesh-workloads@my-project-id.iam.gserviceaccount.com' }, { field: 'googleServiceAccount', value: '"mesh-workloads@my-project-id.iam.gserviceaccount.com"', fix: 'Pass the MeshServiceAccount the pods act as, e.g. new MeshServiceAccount(gcpStack, "MeshIdentity", { cluster }).', problem: 'is not a MeshServiceAccount' }],

  // network
  ['network.HealthCheckFirewall', { clusters: [] }, { field: 'clusters', value: '[]', fix: 'Pass the clusters running the mesh backends.' }],
  ['network.HealthCheckFirewall', { name: 'FW' }, { field: 'name', value: '"FW"', fix: RESOURCE_NAME }],
  ['network.HealthCheckFirewall', { clusters: ['secure-td-cluster'] }, { field: 'clusters[0]', value: '"secure-td-cluster"', fix: CLUSTER_REF }],
  ['network.HealthCheckFirewall', (s) => ({ clusters: [gke.GkeCluster.fromClusterAttributes(s, 'A', { location: 'us-east1-b', name: 'a' }), gke.GkeCluster.fromClusterAttributes(s, 'B', { location: 'us-east1-b', name: 'b', network: 'other' })] }),
    { field: 'clusters[1].network', value: '"other"', fix: 'A firewall rule belongs to one network of one project; create one HealthCheckFirewall per network.' }],
  ['network.CrossClusterFirewall', (s) => ({ clusters: [gke.GkeCluster.fromClusterAttributes(s, 'A', { location: 'us-east1-b', name: 'a', podCidr: '10.4.0.0/14' })] }),
    { field: 'clusters', value: '["a"]', fix: 'Pass every cluster of the multi-cluster mesh.' }],
  ['network.CrossClusterFirewall', (s) => ({ clusters: [gke.GkeCluster.fromClusterAttributes(s, 'A', { location: 'us-east1-b', name: 'a', podCidr: '10.4.0.0/14' }), gke.GkeCluster.fromClusterAttributes(s, 'B', { location: 'us-east1-b', name: 'b', network: 'other', podCidr: '10.8.0.0/14' })] }),
    { field: 'clusters (b).network', value: '"other"', fix: 'Pod-to-node firewall rules apply within one VPC network; peer the networks and add rules per network.' }],
  ['network.CrossClusterFirewall', (s) => ({ clusters: [gke.GkeCluster.fromClusterAttributes(s, 'A', { location: 'us-east1-b', name: 'a', podCidr: '10.4.0.0/14' }), gke.GkeCluster.fromClusterAttributes(s, 'B', { location: 'us-east1-b', name: 'b', project: 'other-project', podCidr: '10.8.0.0/14' })] }),
    { field: 'clusters (b).project', value: '"other-project"', fix: 'The rules are created in one project, which must own the network; for clusters of several projects on a Shared VPC, create the rules in the host project.' }],
  // Both adopted without nodeTag: both default to the health-check tag, which every node of both clusters carries.
  ['network.CrossClusterFirewall', (s) => ({ clusters: [gke.GkeCluster.fromClusterAttributes(s, 'A', { location: 'us-east1-b', name: 'a', podCidr: '10.4.0.0/14' }), gke.GkeCluster.fromClusterAttributes(s, 'B', { location: 'us-east1-c', name: 'b', podCidr: '10.8.0.0/14' })] }),
    { field: 'clusters (b).nodeTag', value: '"allow-health-checks"', fix: 'Give each cluster a tag only its own nodes carry: for an adopted cluster pass nodeTag, e.g. the gke-CLUSTER-HASH-node tag GKE puts on its nodes.' }],
  ['network.CrossClusterFirewall', { clusters: 'all' }, { field: 'clusters', value: '"all"', fix: 'Pass every cluster of the multi-cluster mesh, e.g. [cluster, peerCluster].' }],

  // mesh.ServerTlsPolicy
  ['mesh.ServerTlsPolicy', { name: 'Server_Mtls' }, { field: 'name', value: '"Server_Mtls"', fix: RESOURCE_NAME }],
  ['mesh.ServerTlsPolicy', { location: 'us-east1' }, { field: 'location', value: '"us-east1"', fix: 'Traffic Director only reads service-security and routing resources from the global location; remove the location or set it to "global".' }],
  ['mesh.ServerTlsPolicy', { clientValidation: 'mtls' }, { field: 'clientValidation', value: '"mtls"', fix: 'Use ClientValidation.mutualTls() or ClientValidation.none().', problem: 'is not a ClientValidation' }],
  ['mesh.ServerTlsPolicy', { serverCertificate: 'google_cloud_private_spiffe' }, { field: 'serverCertificate', value: '"google_cloud_private_spiffe"', fix: CERTIFICATE_PROVIDER, problem: 'is not a CertificateProvider' }],
  ['mesh.ServerTlsPolicy', { allowOpen: true, clientValidation: mesh.ClientValidation.mutualTls() }, { field: 'serverCertificate', value: 'nothing', fix: 'An mTLS server must present a certificate: set serverCertificate: CertificateProvider.privateSpiffe(), or use ClientValidation.none() for a plaintext-only policy.' }],
  ['mesh.ServerTlsPolicy', { serverCertificate: mesh.CertificateProvider.grpcEndpoint('sds socket') }, { field: 'serverCertificate', value: '"sds socket"', fix: 'Use a gRPC target such as "unix:/var/run/sds/uds_path".' }],
  ['mesh.ServerTlsPolicy', { serverCertificate: mesh.CertificateProvider.pluginInstance('') }, { field: 'serverCertificate', value: '""', fix: 'Use CertificateProvider.privateSpiffe() for GKE mesh certificates.' }],
  ['mesh.ServerTlsPolicy', { labels: { Owner: 'x' } }, { field: 'labels', value: '"Owner"', fix: LABELS }],
  ['mesh.ServerTlsPolicy', { description: 42 }, { field: 'description', value: '42', fix: 'Describe the resource in one sentence.' }],
  ['mesh.ServerTlsPolicy', { allowOpen: 'true' }, { field: 'allowOpen', value: '"true"', fix: BOOLEAN('allowOpen') }],

  // mesh.LoadBalancerServerTlsPolicy
  ['mesh.LoadBalancerServerTlsPolicy', { location: 'mars' }, { field: 'location', value: '"mars"', fix: 'Use "global" for global load balancers or the region of a regional load balancer, e.g. "us-east1".' }],
  ['mesh.LoadBalancerServerTlsPolicy', { trustConfig: 'partners' }, { field: 'trustConfig', value: '"partners"', fix: 'Use projects/PROJECT/locations/LOCATION/trustConfigs/NAME.' }],
  ['mesh.LoadBalancerServerTlsPolicy', { clientValidationMode: 'REJECT' }, { field: 'clientValidationMode', value: '"REJECT"', fix: ONE_OF(['REJECT_INVALID', 'ALLOW_INVALID_OR_MISSING_CLIENT_CERT']) }],
  ['mesh.LoadBalancerServerTlsPolicy', { trustConfig: undefined }, { field: 'trustConfig', value: 'nothing', fix: 'Pass the Certificate Manager trust config that validates client certificates, or choose ALLOW_INVALID_OR_MISSING_CLIENT_CERT explicitly.' }],
  ['mesh.LoadBalancerServerTlsPolicy', { description: 42 }, { field: 'description', value: '42', fix: 'Describe the policy in one sentence.' }],
  ['mesh.LoadBalancerServerTlsPolicy', { name: 'ALB' }, { field: 'name', value: '"ALB"', fix: RESOURCE_NAME }],

  // mesh.ClientTlsPolicy
  ['mesh.ClientTlsPolicy', { sni: 'https://service-test' }, { field: 'sni', value: '"https://service-test"', fix: 'Use the server\'s host name, e.g. "service-test.example.com".' }],
  ['mesh.ClientTlsPolicy', { sni: '10.0.0.1.' }, { field: 'sni', value: '"10.0.0.1."', fix: 'Use the server\'s host name, e.g. "service-test.example.com".' }],
  ['mesh.ClientTlsPolicy', { clientCertificate: 'spiffe' }, { field: 'clientCertificate', value: '"spiffe"', fix: CERTIFICATE_PROVIDER }],
  ['mesh.ClientTlsPolicy', { serverValidationCa: {} }, { field: 'serverValidationCa', value: '{}', fix: CERTIFICATE_PROVIDER }],

  // mesh.AuthorizationPolicy
  ['mesh.AuthorizationPolicy', { action: 'allow' }, { field: 'action', value: '"allow"', fix: ONE_OF(['ALLOW', 'DENY']) }],
  ['mesh.AuthorizationPolicy', { rules: [] }, { field: 'rules', value: '[]', fix: 'Add at least one rule: an ALLOW policy without rules allows every request, so X1 requires the allowed traffic to be listed.' }],
  ['mesh.AuthorizationPolicy', { rules: [{}] }, { field: 'rules[0]', value: '{}', fix: 'Give the rule sources (principals) and/or destinations (hosts, ports, methods).', problem: 'matches every request' }],
  ['mesh.AuthorizationPolicy', { rules: [null] }, { field: 'rules[0]', value: 'null', fix: 'Give the rule sources (principals) and/or destinations (hosts, ports, methods).' }],
  ['mesh.AuthorizationPolicy', source({}), { field: 'rules[0].sources[0]', value: '{}', fix: 'Name the calling workloads, e.g. principals: [Principal.kubernetesServiceAccount(trustDomain, "default", "client")].' }],
  ['mesh.AuthorizationPolicy', source({ principals: ['spiffe://my-project-id.svc.id.goog/ns/default/sa/demo-client'] }), { field: 'rules[0].sources[0].principals[0]', value: '"spiffe://my-project-id.svc.id.goog/ns/default/sa/demo-client"', fix: 'Use Principal.kubernetesServiceAccount(trustDomain, namespace, serviceAccount) or Principal.spiffeId(SpiffeId.of("spiffe://…")).', problem: 'is not a Principal' }],
  ['mesh.AuthorizationPolicy', source({ principals: [mesh.Principal.spiffeId('spiffe://x/y' as unknown as core.SpiffeId)] }), { field: 'rules[0].sources[0].principals[0] (id)', value: '"spiffe://x/y"', fix: 'Pass a SpiffeId, e.g. SpiffeId.of("spiffe://my-project-id.svc.id.goog/ns/default/sa/demo-client").' }],
  ['mesh.AuthorizationPolicy', source({ principals: [mesh.Principal.kubernetesServiceAccount('my-project-id.svc.id.goog' as unknown as core.TrustDomain, 'default', 'demo-client')] }), { field: 'rules[0].sources[0].principals[0] (trustDomain)', value: '"my-project-id.svc.id.goog"', fix: 'Pass a TrustDomain, e.g. TrustDomain.forGkeProject("my-project-id") or cluster.trustDomain.' }],
  ['mesh.AuthorizationPolicy', source({ principals: [mesh.Principal.spiffeId(core.SpiffeId.of('http://demo-client'))] }), { field: 'rules[0].sources[0].principals[0]', value: '"http://demo-client"', fix: 'Use spiffe://TRUST_DOMAIN/ns/NAMESPACE/sa/SERVICE_ACCOUNT, e.g. SpiffeId.forKubernetesServiceAccount("my-project.svc.id.goog", "default", "client").' }],
  ['mesh.AuthorizationPolicy', source({ principals: [mesh.Principal.startingWith('')] }), { field: 'rules[0].sources[0].principals[0]', value: '"*"', fix: 'Use one wildcard at the start or end of a non-empty pattern, or Principal.anyAuthenticated() for "*".' }],
  ['mesh.AuthorizationPolicy', source({ principals: [mesh.Principal.endingWith('*demo')] }), { field: 'rules[0].sources[0].principals[0]', value: '"**demo"', fix: 'Use one wildcard at the start or end of a non-empty pattern, or Principal.anyAuthenticated() for "*".' }],
  ['mesh.AuthorizationPolicy', source({ ipBlocks: ['10.0.0.0/33'] }), { field: 'rules[0].sources[0].ipBlocks[0]', value: '"10.0.0.0/33"', fix: 'Use e.g. "10.0.0.0/8" or "1.2.3.4".' }],
  ['mesh.AuthorizationPolicy', source({ ipBlocks: ['corp network'] }), { field: 'rules[0].sources[0].ipBlocks[0]', value: '"corp network"', fix: 'Use e.g. "10.0.0.0/8" or "1.2.3.4".' }],
  ['mesh.AuthorizationPolicy', rule({ hosts: ['Service_Test'] }), { field: 'rules[0].destinations[0].hosts[0]', value: '"Service_Test"', fix: `${HOST}; DNS names are matched in lower case.`.replace('.;', ';') }],
  ['mesh.AuthorizationPolicy', rule({ hosts: ['service_test'] }), { field: 'rules[0].destinations[0].hosts[0]', value: '"service_test"', fix: HOST }],
  ['mesh.AuthorizationPolicy', rule({ hosts: ['foo.*.example.com'] }), { field: 'rules[0].destinations[0].hosts[0]', value: '"foo.*.example.com"', fix: ALLOWED_HOST_WILDCARD }],
  ['mesh.AuthorizationPolicy', rule({ hosts: ['http://service-test'] }), { field: 'rules[0].destinations[0].hosts[0]', value: '"http://service-test"', fix: HOST, problem: 'is a URL, not a host name' }],
  ['mesh.AuthorizationPolicy', rule({ hosts: ['10.0.0.1'] }), { field: 'rules[0].destinations[0].hosts[0]', value: '"10.0.0.1"', fix: HOST, problem: 'is an IP address, not a host name' }],
  ['mesh.AuthorizationPolicy', rule({ hosts: ['2001:db8::1'] }), { field: 'rules[0].destinations[0].hosts[0]', value: '"2001:db8::1"', fix: HOST, problem: 'is an IP address, not a host name' }],
  ['mesh.AuthorizationPolicy', rule({ hosts: [] }), { field: 'rules[0].destinations[0].hosts', value: '[]', fix: 'List the host names the rule covers, e.g. ["service-test"], or ["*"].' }],
  ['mesh.AuthorizationPolicy', rule({ ports: [0] }), { field: 'rules[0].destinations[0].ports[0]', value: '0', fix: PORT }],
  ['mesh.AuthorizationPolicy', rule({ ports: [70000] }), { field: 'rules[0].destinations[0].ports[0]', value: '70000', fix: PORT }],
  ['mesh.AuthorizationPolicy', rule({ ports: ['8000'] }), { field: 'rules[0].destinations[0].ports[0]', value: '"8000"', fix: PORT }],
  ['mesh.AuthorizationPolicy', rule({ ports: [] }), { field: 'rules[0].destinations[0].ports', value: '[]', fix: 'List the destination ports, e.g. [8000].' }],
  ['mesh.AuthorizationPolicy', rule({ methods: ['get'] }), { field: 'rules[0].destinations[0].methods[0]', value: '"get"', fix: HTTP_METHODS, problem: 'is not an HTTP method' }],
  ['mesh.AuthorizationPolicy', rule({ methods: ['FETCH'] }), { field: 'rules[0].destinations[0].methods[0]', value: '"FETCH"', fix: HTTP_METHODS }],
  ['mesh.AuthorizationPolicy', rule({ methods: [] }), { field: 'rules[0].destinations[0].methods', value: '[]', fix: 'List the HTTP methods, e.g. ["GET"].' }],
  ['mesh.AuthorizationPolicy', rule({ methods: 'GET' }), { field: 'rules[0].destinations[0].methods', value: '"GET"', fix: 'List the HTTP methods, e.g. ["GET"].' }],
  ['mesh.AuthorizationPolicy', rule({ httpHeaderMatch: { headerName: 'x-team', regexMatch: '(' } }), { field: 'rules[0].destinations[0].httpHeaderMatch.regexMatch', value: '"("', fix: 'Use a regular expression such as "^team-(a|b)$".' }],
  ['mesh.AuthorizationPolicy', rule({ httpHeaderMatch: { headerName: 'x-team', regexMatch: '^(?!admin).*$' } }), { field: 'rules[0].destinations[0].httpHeaderMatch.regexMatch', value: '"^(?!admin).*$"', fix: 'Rewrite the expression without (?=…), (?!…), (?<=…), (?<!…) or \\1.', problem: 'uses lookaround or a backreference, which RE2 does not support' }],
  ['mesh.AuthorizationPolicy', rule({ httpHeaderMatch: { headerName: 'x team', regexMatch: '^a$' } }), { field: 'rules[0].destinations[0].httpHeaderMatch.headerName', value: '"x team"', fix: 'Use a header name such as "x-team".' }],
  ['mesh.AuthorizationPolicy', { betaProvider: {} }, { field: 'betaProvider', value: '{}', fix: 'Pass the stack\'s GoogleBetaProvider, or leave betaProvider out.' }],
  ['mesh.AuthorizationPolicy.addRule', { destinations: [{ hosts: ['*.*'], ports: [8000], methods: ['GET'] }] }, { field: 'rules[0].destinations[0].hosts[0]', value: '"*.*"', fix: ALLOWED_HOST_WILDCARD }],
  ['mesh.AuthorizationPolicy.addRule', { destinations: [{ hosts: ['service-test'], ports: [8000], methods: ['GET'] }], sources: [{ principals: 'demo-client' }] }, { field: 'rules[0].sources[0].principals', value: '"demo-client"', fix: 'List principals such as Principal.kubernetesServiceAccount(...).' }],

  // mesh.EndpointPolicy
  ['mesh.EndpointPolicy', { matchLabels: {} }, { field: 'matchLabels', value: '{}', fix: 'Match the workloads\' proxy metadata, e.g. matchLabels: { app: "payments" } for pods annotated cloud.google.com/proxyMetadata: \'{"app": "payments"}\'.' }],
  ['mesh.EndpointPolicy', { matchLabels: { app: 1 } }, { field: 'matchLabels.app', value: '1', fix: 'Match the workloads\' proxy metadata, e.g. matchLabels: { app: "payments" } for pods annotated cloud.google.com/proxyMetadata: \'{"app": "payments"}\'.' }],
  ['mesh.EndpointPolicy', { serverTlsPolicy: undefined }, { field: 'serverTlsPolicy', value: 'nothing', fix: 'Secure the matched endpoints with a ServerTlsPolicy using ClientValidation.mutualTls() (S12), or set allowPlaintext: true to accept plaintext explicitly (X1).', problem: 'is required' }],
  ['mesh.EndpointPolicy', (s) => ({ serverTlsPolicy: new mesh.LoadBalancerServerTlsPolicy(s, 'Alb', { name: 'alb', trustConfig: 'projects/p/locations/global/trustConfigs/t' }) }),
    { field: 'serverTlsPolicy', value: 'the construct test/Alb', fix: 'Use a ServerTlsPolicy (certificate provider and client validation CA, S12/S15); LoadBalancerServerTlsPolicy is for Application Load Balancers.' }],
  ['mesh.EndpointPolicy', { serverTlsPolicy: 'server-mtls-policy' }, { field: 'serverTlsPolicy', value: '"server-mtls-policy"', fix: TLS_REF }],
  ['mesh.EndpointPolicy', { type: 'SIDECAR' }, { field: 'type', value: '"SIDECAR"', fix: ONE_OF(['SIDECAR_PROXY', 'GRPC_SERVER']) }],
  ['mesh.EndpointPolicy', { matchCriteria: 'ALL' }, { field: 'matchCriteria', value: '"ALL"', fix: ONE_OF(['MATCH_ALL', 'MATCH_ANY']) }],
  ['mesh.EndpointPolicy', { ports: [0] }, { field: 'ports[0]', value: '0', fix: PORT }],
  ['mesh.EndpointPolicy', { authorizationPolicy: 'authz-policy' }, { field: 'authorizationPolicy', value: '"authz-policy"', fix: 'Pass an AuthorizationPolicy, or AuthorizationPolicy.fromAuthorizationPolicyAttributes(scope, id, { name }) for an existing one.' }],
  ['mesh.EndpointPolicy', { clientTlsPolicy: {} }, { field: 'clientTlsPolicy', value: '{}', fix: 'Pass a ClientTlsPolicy, or ClientTlsPolicy.fromClientTlsPolicyAttributes(scope, id, { name }) for an existing one.' }],
  ['mesh.EndpointPolicy', { allowPlaintext: 'true', serverTlsPolicy: undefined }, { field: 'allowPlaintext', value: '"true"', fix: BOOLEAN('allowPlaintext') }],

  // mesh.MeshHealthCheck
  ['mesh.MeshHealthCheck', { name: 'Health_Check' }, { field: 'name', value: '"Health_Check"', fix: RESOURCE_NAME }],
  ['mesh.MeshHealthCheck', { port: 0 }, { field: 'port', value: '0', fix: PORT }],
  ['mesh.MeshHealthCheck', { port: 8000.5 }, { field: 'port', value: '8000.5', fix: PORT }],
  ['mesh.MeshHealthCheck', { requestPath: 'healthz' }, { field: 'requestPath', value: '"healthz"', fix: 'Use a path starting with "/", e.g. "/healthz".' }],

  // mesh.MeshBackendService
  ['mesh.MeshBackendService', { name: 'TD-GKE' }, { field: 'name', value: '"TD-GKE"', fix: RESOURCE_NAME }],
  ['mesh.MeshBackendService', { clientTlsPolicy: undefined }, { field: 'clientTlsPolicy', value: 'nothing', fix: 'Secure calls to this service with a ClientTlsPolicy (S11), or set allowPlaintext: true to send plaintext explicitly.' }],
  ['mesh.MeshBackendService', { balancingMode: 'UTILIZATION' }, { field: 'balancingMode', value: '"UTILIZATION"', fix: ONE_OF(['RATE']) }],
  // Compute Engine refuses CONNECTION on an HTTP backend service at apply time; it is refused here at synth.
  ['mesh.MeshBackendService', { balancingMode: 'CONNECTION' }, { field: 'balancingMode', value: '"CONNECTION"', fix: ONE_OF(['RATE']) }],
  ['mesh.MeshBackendService', { maxRatePerEndpoint: 0 }, { field: 'maxRatePerEndpoint', value: '0', fix: RANGE(1, 1000000) }],
  ['mesh.MeshBackendService', { networkEndpointGroups: [] }, { field: 'networkEndpointGroups', value: '[]', fix: 'Pass the NEGs GKE creates for the service, e.g. negService.networkEndpointGroups.' }],
  ['mesh.MeshBackendService', { networkEndpointGroups: [neg('us-east1-b'), neg('us-east1-b')] }, { field: 'networkEndpointGroups', value: '"projects/my-project-id/zones/us-east1-b/networkEndpointGroups/service-test-neg"', fix: 'List each NEG once: Compute Engine rejects a backend service with duplicate backends.' }],
  ['mesh.MeshBackendService', { networkEndpointGroups: [neg('us-east1')] }, { field: 'networkEndpointGroups[0].zone', value: '"us-east1"', fix: 'NEGs are zonal; use a zone such as "us-east1-b".' }],
  ['mesh.MeshBackendService', { networkEndpointGroups: [neg('us-east1-b', 'Service_NEG')] }, { field: 'networkEndpointGroups[0].name', value: '"Service_NEG"', fix: RESOURCE_NAME }],
  ['mesh.MeshBackendService', { networkEndpointGroups: ['service-test-neg'] }, { field: 'networkEndpointGroups[0]', value: '"service-test-neg"', fix: 'Pass the NEGs GKE creates for the service, e.g. negService.networkEndpointGroups.' }],
  ['mesh.MeshBackendService', { healthCheck: 'td-gke-health-check' }, { field: 'healthCheck', value: '"td-gke-health-check"', fix: 'Pass the MeshHealthCheck of the service (L1), e.g. new MeshHealthCheck(stack, "HealthCheck", { name: "td-gke-health-check" }).' }],
  ['mesh.MeshBackendService', { subjectAltNames: ['spiffe://my-project-id.svc.id.goog/ns/default/sa/demo-server'] }, { field: 'subjectAltNames[0]', value: '"spiffe://my-project-id.svc.id.goog/ns/default/sa/demo-server"', fix: 'Use SpiffeId.of("spiffe://…") or SpiffeId.forKubernetesServiceAccount(...).' }],
  ['mesh.MeshBackendService', { subjectAltNames: [core.SpiffeId.of('spiffe://BAD/ns/default')] }, { field: 'subjectAltNames[0]', value: '"spiffe://BAD/ns/default"', fix: 'Use spiffe://TRUST_DOMAIN/ns/NAMESPACE/sa/SERVICE_ACCOUNT, e.g. SpiffeId.forKubernetesServiceAccount("my-project.svc.id.goog", "default", "client").' }],
  ['mesh.MeshBackendService', { serverServiceAccount: 'demo-server' }, { field: 'serverServiceAccount', value: '"demo-server"', fix: 'Pass the servers\' KubernetesServiceAccount, whose SPIFFE ID clients require (S11).' }],
  ['mesh.MeshBackendService', { allowPlaintext: 'yes' }, { field: 'allowPlaintext', value: '"yes"', fix: BOOLEAN('allowPlaintext') }],

  // mesh.RoutingRuleMap
  ['mesh.RoutingRuleMap', { urlMapName: 'URL_MAP' }, { field: 'urlMapName', value: '"URL_MAP"', fix: RESOURCE_NAME }],
  ['mesh.RoutingRuleMap', { proxyName: 'td gke proxy' }, { field: 'proxyName', value: '"td gke proxy"', fix: RESOURCE_NAME }],
  ['mesh.RoutingRuleMap', { forwardingRuleName: '1-rule' }, { field: 'forwardingRuleName', value: '"1-rule"', fix: RESOURCE_NAME }],
  ['mesh.RoutingRuleMap', { port: 0 }, { field: 'port', value: '0', fix: PORT }],
  ['mesh.RoutingRuleMap', { address: '0.0.0.0/0' }, { field: 'address', value: '"0.0.0.0/0"', fix: 'Use "0.0.0.0", the address Traffic Director expects (L3, L4).' }],
  ['mesh.RoutingRuleMap', { address: '::' }, { field: 'address', value: '"::"', fix: 'Use "0.0.0.0", the address Traffic Director expects (L3, L4).' }],
  ['mesh.RoutingRuleMap', { network: 'My Net' }, { field: 'network', value: '"My Net"', fix: RESOURCE_NAME }],
  ['mesh.RoutingRuleMap', { defaultService: 'td-gke-service' }, { field: 'defaultService', value: '"td-gke-service"', fix: 'Pass a MeshBackendService, or MeshBackendService.fromBackendServiceAttributes(scope, id, { name }) for an existing one.' }],
  ['mesh.RoutingRuleMap', (s) => ({ serverTlsPolicy: new mesh.LoadBalancerServerTlsPolicy(s, 'Alb', { name: 'alb', trustConfig: 'projects/p/locations/global/trustConfigs/t' }) }),
    { field: 'serverTlsPolicy', value: 'the construct test/Alb', fix: 'Use a ServerTlsPolicy (certificate provider and client validation CA, S12/S15); LoadBalancerServerTlsPolicy is for Application Load Balancers.' }],
  ['mesh.RoutingRuleMap', (s) => ({ authorizationPolicy: new mesh.AuthorizationPolicy(s, 'Gw', { name: 'authz-gateway-policy', rules: [{ destinations: [{ hosts: ['mesh-gateway'], ports: [8080], methods: ['GET'] }] }] }) }),
    { field: 'authorizationEnforcedBy', value: 'nothing', fix: 'Pass the endpoint authorization policy that enforces the same hosts at the backends (S16), e.g. an authz-policy whose rule lists hosts ["mesh-gateway"].' }],
  ['mesh.RoutingRuleMap', (s) => ({
    authorizationPolicy: new mesh.AuthorizationPolicy(s, 'Gw', { name: 'authz-gateway-policy', rules: [{ destinations: [{ hosts: ['mesh-gateway'], ports: [8080], methods: ['GET'] }] }] }),
    authorizationEnforcedBy: new mesh.AuthorizationPolicy(s, 'Ep', { name: 'authz-policy', rules: [{ destinations: [{ hosts: ['service-test'], ports: [8000], methods: ['GET'] }] }] }),
  }), { field: 'authorizationEnforcedBy', value: '"authz-policy"', fix: 'Add "mesh-gateway" to the hosts of a rule in "authz-policy", so the backends enforce what the gateway cannot (S13, S16).' }],
  ['mesh.RoutingRuleMap', (s) => ({
    authorizationPolicy: new mesh.AuthorizationPolicy(s, 'Gw', { name: 'authz-gateway-policy', rules: [{ destinations: [{ hosts: ['mesh-gateway'], ports: [8080], methods: ['GET'] }] }] }),
    authorizationEnforcedBy: new mesh.AuthorizationPolicy(s, 'Ep', { name: 'authz-policy', rules: [{ destinations: [{ hosts: ['mesh-gateway'], ports: [8000], methods: ['GET', 'POST'] }] }] }),
  }), { field: 'authorizationEnforcedBy', value: '["POST"]', fix: 'Limit the methods for "mesh-gateway" in "authz-policy" to ["GET"].' }],
  ['mesh.RoutingRuleMap', (s) => ({
    authorizationPolicy: new mesh.AuthorizationPolicy(s, 'Gw', { name: 'authz-gateway-policy', rules: [{ destinations: [{ hosts: ['mesh-gateway'], ports: [8080], methods: ['GET'] }] }] }),
    authorizationEnforcedBy: new mesh.AuthorizationPolicy(s, 'Ep', { name: 'authz-policy', action: mesh.AuthorizationAction.DENY, rules: [{ destinations: [{ hosts: ['mesh-gateway'], ports: [8000], methods: ['GET'] }] }] }),
  }), { field: 'authorizationEnforcedBy', value: '"DENY"', fix: 'Pass the endpoint policy that allows the gateway\'s traffic (e.g. the seeds\' authz-policy), not a DENY policy.' }],

  // mesh.Mesh, mesh.Gateway
  ['mesh.Mesh', { name: 'Sidecar_Mesh' }, { field: 'name', value: '"Sidecar_Mesh"', fix: RESOURCE_NAME }],
  ['mesh.Mesh', { interceptionPort: 0 }, { field: 'interceptionPort', value: '0', fix: PORT }],
  ['mesh.Mesh', { location: 'us-east1' }, { field: 'location', value: '"us-east1"', fix: 'Traffic Director only reads service-security and routing resources from the global location; remove the location or set it to "global".' }],
  ['mesh.Gateway', { gatewayScope: 'Gateway_Proxy' }, { field: 'gatewayScope', value: '"Gateway_Proxy"', fix: RESOURCE_NAME }],
  ['mesh.Gateway', { ports: [] }, { field: 'ports', value: '[]', fix: 'List the ports the gateway listens on, e.g. [8080].' }],
  ['mesh.Gateway', { ports: [0] }, { field: 'ports[0]', value: '0', fix: PORT }],
  ['mesh.Gateway', { ports: 8080 }, { field: 'ports', value: '8080', fix: 'List the ports the gateway listens on, e.g. [8080].' }],
  ['mesh.Gateway', { serverTlsPolicy: undefined }, { field: 'serverTlsPolicy', value: 'nothing', fix: 'Terminate TLS at the gateway with a ServerTlsPolicy (S15), or set allowPlaintext: true to accept plaintext explicitly.' }],
  ['mesh.Gateway', { serverTlsPolicy: 'server-tls-policy' }, { field: 'serverTlsPolicy', value: '"server-tls-policy"', fix: TLS_REF }],

  // mesh.HttpRoute and mesh.Mesh.addHttpRoute
  ['mesh.HttpRoute', { hostnames: [] }, { field: 'hostnames', value: '[]', fix: 'List the host names the route serves, e.g. ["service-test"].' }],
  ['mesh.HttpRoute', { hostnames: ['Service_Test'] }, { field: 'hostnames[0]', value: '"Service_Test"', fix: `${HOST.slice(0, -1)}; DNS names are matched in lower case.` }],
  ['mesh.HttpRoute', { hostnames: ['foo.*.example.com'] }, { field: 'hostnames[0]', value: '"foo.*.example.com"', fix: 'Use the "*.example.com" form, or list the hosts.', problem: 'has a wildcard outside the first label' }],
  ['mesh.HttpRoute', { hostnames: ['http://service-test'] }, { field: 'hostnames[0]', value: '"http://service-test"', fix: HOST }],
  ['mesh.HttpRoute', { hostnames: ['10.0.0.1'] }, { field: 'hostnames[0]', value: '"10.0.0.1"', fix: HOST }],
  ['mesh.HttpRoute', { hostnames: ['service-test:8080'] }, { field: 'hostnames[0]', value: '"service-test:8080"', fix: HOST }],
  ['mesh.HttpRoute', { meshes: [] }, { field: 'meshes', value: '[]', fix: 'Attach the route to a Mesh (sidecars, R2) or a Gateway (ingress, R4); a route on neither is never used.' }],
  ['mesh.HttpRoute', { meshes: ['sidecar-mesh'] }, { field: 'meshes[0]', value: '"sidecar-mesh"', fix: 'Pass a Mesh, or Mesh.fromMeshAttributes(scope, id, { name }) for an existing one.' }],
  ['mesh.HttpRoute', { gateways: [{}] }, { field: 'gateways[0]', value: '{}', fix: 'Pass a Gateway, or Gateway.fromGatewayAttributes(scope, id, { name, gatewayScope, ports }) for an existing one.' }],
  ['mesh.HttpRoute', { destination: 'td-gke-service' }, { field: 'destination', value: '"td-gke-service"', fix: 'Pass a MeshBackendService, or MeshBackendService.fromBackendServiceAttributes(scope, id, { name }) for an existing one.' }],
  ['mesh.Mesh.addHttpRoute', { name: 'Route' }, { path: 'test/Mesh/Subject', field: 'name', value: '"Route"', fix: RESOURCE_NAME }],
  ['mesh.Mesh.addHttpRoute', { hostnames: ['*'] }, { path: 'test/Mesh/Subject', field: 'hostnames[0]', value: '"*"', fix: 'Use the "*.example.com" form, or list the hosts.' }],

  // mesh.SidecarInjector
  ['mesh.SidecarInjector', { projectNumber: 'my-project-id' }, { field: 'projectNumber', value: '"my-project-id"', fix: PROJECT_NUMBER }],
  ['mesh.SidecarInjector', { projectNumber: 123456789012 }, { field: 'projectNumber', value: '123456789012', fix: PROJECT_NUMBER }],
  ['mesh.SidecarInjector', { network: 'Default' }, { field: 'network', value: '"Default"', fix: RESOURCE_NAME }],
  ['mesh.SidecarInjector', (s) => ({ network: 'default', mesh: new mesh.Mesh(s, 'Mesh', { name: 'sidecar-mesh' }) }), { field: 'network', value: '"default"', fix: 'With the routing API the sidecars select their configuration by mesh and the network stays empty (seed 002); remove network.' }],
  ['mesh.SidecarInjector', { envoyImage: 'envoyproxy/envoy:v1.18.3' }, { field: 'envoyImage', value: '"envoyproxy/envoy:v1.18.3"', fix: ENVOY_FIX, problem: 'is Envoy 1.18.3, older than 1.20.0' }],
  ['mesh.SidecarInjector', { replicas: 0 }, { field: 'replicas', value: '0', fix: RANGE(1, 100) }],
  ['mesh.SidecarInjector', { mesh: 'sidecar-mesh' }, { field: 'mesh', value: '"sidecar-mesh"', fix: 'Pass the Mesh the sidecars join, e.g. new Mesh(gcpStack, "Mesh", { name: "sidecar-mesh" }), or Mesh.fromMeshAttributes(...).' }],
  ['mesh.SidecarInjector', { tlsProvider: {} }, { field: 'tlsProvider', value: '{}', fix: 'Pass the stack\'s TlsProvider, or leave tlsProvider out.' }],
  ['mesh.SidecarInjector', { injectorImage: 42 }, { field: 'injectorImage', value: '42', fix: 'Use a container image reference such as "docker.io/istio/sidecar_injector:1.5.8".' }],

  // mesh.MeshWorkload
  ['mesh.MeshWorkload', { name: 'App_1' }, { field: 'name', value: '"App_1"', fix: K8S_OBJECT }],
  ['mesh.MeshWorkload', { namespace: 'payments' }, { field: 'namespace', value: '"payments"', fix: 'A pod can only run as a service account of its own namespace; deploy the workload in the service account\'s namespace, or create the KubernetesServiceAccount in the workload\'s namespace.' }],
  ['mesh.MeshWorkload', { namespace: 'Payments' }, { field: 'namespace', value: '"Payments"', fix: K8S_NAME }],
  ['mesh.MeshWorkload', { containerPort: 0 }, { field: 'containerPort', value: '0', fix: PORT }],
  ['mesh.MeshWorkload', { replicas: -1 }, { field: 'replicas', value: '-1', fix: RANGE(0, 1000) }],
  ['mesh.MeshWorkload', { podLabels: {} }, { field: 'podLabels', value: '{}', fix: 'The Deployment and Services select the pods by these labels; give at least one, e.g. { app: "app1" }.' }],
  ['mesh.MeshWorkload', { inboundPorts: [70000] }, { field: 'inboundPorts[0]', value: '70000', fix: PORT }],
  ['mesh.MeshWorkload', { proxyMetadata: { '': 'payments' } }, { field: 'proxyMetadata', value: '{"":"payments"}', fix: 'Name each label the endpoint policies match on, e.g. { app: "payments" }.' }],
  ['mesh.MeshWorkload', { serviceAccount: 'demo-server' }, { field: 'serviceAccount', value: '"demo-server"', fix: 'Pass the KubernetesServiceAccount the pods run as (S8), e.g. new KubernetesServiceAccount(k8sStack, "Server", { name: "demo-server", googleServiceAccount }).' }],
  ['mesh.MeshWorkload', { meshCertificates: undefined }, { field: 'meshCertificates', value: 'nothing', fix: MESH_CERTS }],
  ['mesh.MeshWorkload', { image: 42 }, { field: 'image', value: '42', fix: 'Use a container image reference such as "registry.k8s.io/e2e-test-images/agnhost:2.39".' }],
  ['mesh.MeshWorkload', { command: 'sh -c sleep' }, { field: 'command', value: '"sh -c sleep"', fix: 'List the command as strings.' }],
  ['mesh.MeshWorkload', { args: [1] }, { field: 'args[0]', value: '1', fix: 'List the args as strings.' }],
  ['mesh.MeshWorkload', { sidecarInjector: 'istio' }, { field: 'sidecarInjector', value: '"istio"', fix: 'Pass the SidecarInjector of the cluster, or leave sidecarInjector out.' }],
  ['mesh.MeshWorkload', { managedCertificates: 'yes' }, { field: 'managedCertificates', value: '"yes"', fix: BOOLEAN('managedCertificates') }],

  // mesh.MeshWorkload.exposeViaNegService (workload test/Workload, Service test/Workload/NegService-service-test)
  ['mesh.MeshWorkload.exposeViaNegService', { serviceName: 'Service_Test' }, { path: 'test/Workload', field: 'serviceName', value: '"Service_Test"', fix: SERVICE_NAME }],
  ['mesh.MeshWorkload.exposeViaNegService', { port: 0 }, { path: 'test/Workload/NegService-service-test', field: 'port', value: '0', fix: PORT }],
  ['mesh.MeshWorkload.exposeViaNegService', { negName: 'NEG_1' }, { path: 'test/Workload/NegService-service-test', field: 'negName', value: '"NEG_1"', fix: RESOURCE_NAME }],
  ['mesh.MeshWorkload.exposeViaNegService', { portName: 'a-very-long-port-name' }, { path: 'test/Workload/NegService-service-test', field: 'portName', value: '"a-very-long-port-name"', fix: 'Port names are IANA service names: at most 15 lowercase letters, digits and single hyphens; set portName, e.g. "http".' }],
  ['mesh.MeshWorkload.exposeViaNegService', { zones: ['europe-west1-b'] }, { path: 'test/Workload/NegService-service-test', field: 'zones[0]', value: '"europe-west1-b"', fix: 'Use a zone such as "us-east1-b".' }],
  ['mesh.MeshWorkload.exposeViaNegService', { zones: [] }, { path: 'test/Workload/NegService-service-test', field: 'zones', value: '[]', fix: 'List the zones of cluster "secure-td-cluster" that run the pods.' }],
  ['mesh.MeshWorkload.exposeViaNegService', { targetPort: 70000 }, { path: 'test/Workload/NegService-service-test', field: 'targetPort', value: '70000', fix: PORT }],
  ['mesh.MeshWorkload.exposeViaNegService', (s) => ({ healthCheck: new mesh.MeshHealthCheck(s, 'Hc8000', { name: 'hc-8000', port: 8000 }) }),
    { path: 'test/Workload/NegService-service-test', field: 'healthCheck.port', value: '8000', fix: 'The endpoint\'s mTLS and authorization policies would apply to the health checks, reject them and mark the server unhealthy (S10); serve health checks on a different, unintercepted port and set it on the MeshHealthCheck.' }],
  ['mesh.MeshWorkload.exposeViaNegService', { healthCheck: 'td-gke-health-check' }, { path: 'test/Workload/NegService-service-test', field: 'healthCheck', value: '"td-gke-health-check"', fix: 'Pass the MeshHealthCheck of the backend service that uses the NEG.' }],

  // mesh.IngressGateway
  ['mesh.IngressGateway', { projectNumber: 'my-project-id' }, { field: 'projectNumber', value: '"my-project-id"', fix: PROJECT_NUMBER }],
  ['mesh.IngressGateway', { name: 'Mesh_Gateway' }, { field: 'name', value: '"Mesh_Gateway"', fix: SERVICE_NAME }],
  ['mesh.IngressGateway', { namespace: 'istio-ingress' }, { field: 'namespace', value: '"istio-ingress"', fix: 'A pod can only run as a service account of its own namespace; deploy the workload in the service account\'s namespace, or create the KubernetesServiceAccount in the workload\'s namespace.' }],
  ['mesh.IngressGateway', { servicePort: 0 }, { field: 'servicePort', value: '0', fix: PORT }],
  ['mesh.IngressGateway', { listenPort: 65536 }, { field: 'listenPort', value: '65536', fix: PORT }],
  ['mesh.IngressGateway', { envoyImage: 'envoyproxy/envoy:v1.19.0' }, { field: 'envoyImage', value: '"envoyproxy/envoy:v1.19.0"', fix: ENVOY_FIX }],
  ['mesh.IngressGateway', { replicas: 101 }, { field: 'replicas', value: '101', fix: RANGE(0, 100) }],
  ['mesh.IngressGateway', { network: 'Bad Net' }, { field: 'network', value: '"Bad Net"', fix: RESOURCE_NAME }],
  ['mesh.IngressGateway', { meshCertificates: undefined }, { field: 'meshCertificates', value: 'nothing', fix: MESH_CERTS }],
  ['mesh.IngressGateway', { serviceAccount: undefined }, { field: 'serviceAccount', value: 'nothing', fix: 'Pass the KubernetesServiceAccount the gateway runs as; the seed uses the client\'s (S14).' }],
  ['mesh.IngressGateway', (s) => ({ gateway: new mesh.Gateway(s, 'Gw', { name: 'td-gke-gateway', gatewayScope: 'gateway-proxy', ports: [8443], serverTlsPolicy: new mesh.ServerTlsPolicy(s, 'GwTls', { name: 'gw-tls', clientValidation: mesh.ClientValidation.none() }) }) }),
    { field: 'listenPort', value: '8080', fix: 'Cloud Service Mesh programs listeners only on the Gateway\'s ports; set listenPort to one of them or add it to the Gateway.' }],

  // Methods
  ['ca.CaPool', { tier: ca.CaPoolTier.ENTERPRISE, grantRole: 'privateca.auditor' }, { field: 'role', value: '"privateca.auditor"', fix: 'Use a predefined role such as "roles/privateca.auditor" or a custom role "projects/PROJECT_ID/roles/NAME".' }],
  ['ca.CaPool', { tier: ca.CaPoolTier.ENTERPRISE, grantMember: core.IamMember.of('user:alice') }, { field: 'member', value: '"user:alice"', fix: 'Use the user: form IAM expects, e.g. user:alice@example.com.' }],
  ['ca.CaPool', { tier: ca.CaPoolTier.ENTERPRISE, grantMember: 'user:alice@example.com' }, { field: 'member', value: '"user:alice@example.com"', fix: 'Use IamMember.user("alice@example.com"), IamMember.serviceAccount(email) or IamMember.of("group:team@example.com").', problem: 'is not an IamMember' }],
  ['gke.MeshServiceAccount', { allowNamespace: 'Default' }, { field: 'namespace', value: '"Default"', fix: K8S_NAME }],
  ['gke.MeshServiceAccount', { allowName: 'Demo_Server' }, { field: 'name', value: '"Demo_Server"', fix: K8S_OBJECT }],
  ['mesh.SidecarInjector', { injectNamespace: 'Bad_NS' }, { field: 'namespace', value: '"Bad_NS"', fix: K8S_NAME }],
];

/**
 * Method rows: props a subject does not take are method calls on the built subject (`grantRole`/`grantMember` on a
 * pool, `allowNamespace`/`allowName` on a mesh service account, `injectNamespace` on an injector).
 */
function buildRow(s: TerraformStack, name: string, spoil: Record<string, unknown>): void {
  const subject = SUBJECTS.find((x) => x.name === name);
  if (!subject) throw new Error(`no subject ${name}`);
  const { grantRole, grantMember, allowNamespace, allowName, injectNamespace, ...props } = spoil;
  const built = subject.build(s, { ...subject.valid(s), ...props }) as Record<string, (...args: unknown[]) => unknown>;
  if (grantRole !== undefined) built.grant(core.IamMember.user('alice@example.com'), grantRole);
  if (grantMember !== undefined) built.grant(grantMember, 'roles/privateca.auditor');
  if (allowNamespace !== undefined) built.allowKubernetesServiceAccount(allowNamespace, 'demo-server');
  if (allowName !== undefined) built.allowKubernetesServiceAccount('default', allowName);
  if (injectNamespace !== undefined) built.enableInjection(injectNamespace);
}

describe('X2: bad input is rejected with construct path, field, value and fix', () => {
  it(`has ${ROWS.length} distinct cases over the library`, () => {
    expect(new Set(ROWS.map(([subject, spoil, expected]) => JSON.stringify([subject, typeof spoil === 'function' ? spoil.toString() : spoil, expected]))).size).toBe(ROWS.length);
    expect(ROWS.length).toBeGreaterThanOrEqual(200);
  });

  it.each(ROWS.map((row, i) => [i, `${row[0]}: ${row[2].field} = ${row[2].value}`, row] as const))('#%i %s', (_i, _title, [name, spoil, expected]) => {
    const s = stack();
    let thrown: unknown;
    try {
      buildRow(s, name, typeof spoil === 'function' ? spoil(s) : spoil);
      Testing.synth(s, true);
    } catch (error) {
      thrown = error;
    }
    const problem = core.Validation.problemOf(thrown);
    expect(problem).toBeDefined();
    expect({ path: problem!.path, field: problem!.field, value: problem!.value, fix: problem!.fix })
      .toEqual({ path: expected.path ?? 'test/Subject', field: expected.field, value: expected.value, fix: expected.fix });
    if (expected.problem) expect(problem!.problem).toContain(expected.problem);
  });
});

describe('X2: names Google Cloud or Kubernetes refuse twice fail synth, naming both construct paths', () => {
  const twice = (build: (s: TerraformStack, id: string) => void): string => {
    const s = stack();
    build(s, 'First');
    build(s, 'Second');
    try {
      Testing.synth(s, true);
    } catch (error) {
      return (error as Error).message;
    }
    return 'synthesized';
  };
  const refusal = (what: string, field: string, where: string, value: string) =>
    `test/Second: ${field} names a ${what} that test/First already defines in ${where} (got "${value}"). Google Cloud and Kubernetes refuse a ` +
    'second one of that name; rename one of them, or reference the existing one instead of creating it twice.';

  it.each([
    ['GKE clusters', (s: TerraformStack, id: string) => new gke.GkeCluster(s, id, { location: 'us-east1-b', name: 'secure-td-cluster' }),
      refusal('GKE cluster', 'name', 'project my-project-id, location us-east1-b', 'secure-td-cluster')],
    ['CA pools', (s: TerraformStack, id: string) => new ca.CaPool(s, id, { location: 'us-east1', name: 'td-ca-pool', tier: ca.CaPoolTier.DEVOPS }),
      refusal('CA pool', 'name', 'project my-project-id, location us-east1', 'td-ca-pool')],
    ['server TLS policies', (s: TerraformStack, id: string) => new mesh.ServerTlsPolicy(s, id, { name: 'server-mtls-policy' }),
      refusal('server TLS policy', 'name', 'project my-project-id', 'server-mtls-policy')],
    ['authorization policies', (s: TerraformStack, id: string) => new mesh.AuthorizationPolicy(s, id, { name: 'authz-policy', rules: [{ destinations: [{ hosts: ['a'], ports: [1], methods: ['GET'] }] }] }),
      refusal('authorization policy', 'name', 'project my-project-id', 'authz-policy')],
    ['health checks', (s: TerraformStack, id: string) => new mesh.MeshHealthCheck(s, id, { name: 'td-gke-health-check' }),
      refusal('health check', 'name', 'project my-project-id', 'td-gke-health-check')],
  ] as const)('X2: two %s of one name', (_what, build, message) => {
    expect(twice(build)).toContain(message);
  });

  it('X2: two fleet memberships, two Kubernetes service accounts, two WorkloadCertificateConfigs and TrustConfigs of one cluster', () => {
    const s = stack();
    const cluster = new gke.GkeCluster(s, 'Cluster', { location: 'us-east1-b', name: 'secure-td-cluster' });
    const hierarchy = new ca.CaHierarchy(s, 'Ca', { organization: 'O', rootPoolId: 'root', rootCaId: 'root-ca', subordinatePoolId: 'sub', subordinateCaId: 'sub-ca', subordinateLocation: 'us-east1' });
    const account = new gke.MeshServiceAccount(s, 'MeshIdentity', { cluster });
    for (const id of ['First', 'Second']) {
      new gke.FleetMembership(s, `${id}Fleet`, { cluster });
      new gke.KubernetesServiceAccount(s, `${id}Ksa`, { name: 'demo-client', googleServiceAccount: account });
      new gke.MeshCertificates(s, `${id}Certificates`, { cluster, issuingPool: hierarchy.subordinatePool, trustAnchors: [hierarchy.rootPool] });
    }
    let message = '';
    try {
      Testing.synth(s, true);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('test/SecondFleet: name names a fleet membership that test/FirstFleet already defines in project my-project-id, location global (got "secure-td-cluster").');
    expect(message).toContain('test/SecondKsa: name names a Kubernetes service account that test/FirstKsa already defines in namespace default of the cluster of stack test (got "demo-client").');
    expect(message).toContain('test/SecondCertificates/WorkloadCertificates: cluster names a WorkloadCertificateConfig that test/FirstCertificates/WorkloadCertificates already defines in cluster secure-td-cluster (got "default").');
    expect(message).toContain('test/SecondCertificates/Trust: cluster names a TrustConfig that test/FirstCertificates/Trust already defines in cluster secure-td-cluster (got "default").');
  });

  it('X2: two routes for one host on a mesh, two URL maps, two rules on one address and port, two firewall rules', () => {
    const s = stack();
    const sidecarMesh = new mesh.Mesh(s, 'Mesh', { name: 'sidecar-mesh' });
    const backend = mesh.MeshBackendService.fromBackendServiceAttributes(s, 'Backend', { name: 'td-gke-service' });
    const cluster = gke.GkeCluster.fromClusterAttributes(s, 'Cluster', { location: 'us-east1-b', name: 'secure-td-cluster' });
    sidecarMesh.addHttpRoute('FirstRoute', { name: 'route-a', hostnames: ['service-test'], destination: backend });
    sidecarMesh.addHttpRoute('SecondRoute', { name: 'route-b', hostnames: ['service-test'], destination: backend });
    new mesh.RoutingRuleMap(s, 'FirstMap', { urlMapName: 'td-gke-url-map', proxyName: 'p1', forwardingRuleName: 'f1', defaultService: backend, port: 80 });
    new mesh.RoutingRuleMap(s, 'SecondMap', { urlMapName: 'td-gke-url-map', proxyName: 'p2', forwardingRuleName: 'f2', defaultService: backend, port: 80 });
    new network.HealthCheckFirewall(s, 'FirstFirewall', { clusters: [cluster] });
    new network.HealthCheckFirewall(s, 'SecondFirewall', { clusters: [cluster] });
    let message = '';
    try {
      Testing.synth(s, true);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('test/Mesh/SecondRoute: hostnames[0] names a route for host that test/Mesh/FirstRoute already defines in projects/my-project-id/locations/global/meshes/sidecar-mesh (got "service-test").');
    expect(message).toContain('test/SecondMap: urlMapName names a URL map that test/FirstMap already defines in project my-project-id (got "td-gke-url-map").');
    expect(message).toContain('test/SecondMap: port names a forwarding rule address and port that test/FirstMap already defines in network default, address 0.0.0.0 (got "80").');
    expect(message).toContain('test/SecondFirewall: name names a firewall rule that test/FirstFirewall already defines in project my-project-id (got "fw-allow-health-checks").');
  });

  it('X2: a second sidecar injector for one cluster', () => {
    expect(twice((s, id) => new mesh.SidecarInjector(s, id, { projectNumber: '123456789012', tlsProvider: new TlsProvider(s, `${id}Tls`, { alias: id }) })))
      .toContain('test/Second: id names a sidecar injector that test/First already defines in the cluster of stack test (got "test").');
  });

  it('X2: stacks linked by a dependency are one deployment; stacks with no dependency between them are alternatives', () => {
    const app = testApp();
    const clusterStack = (scope: Construct, id: string): TerraformStack => {
      const s = new TerraformStack(scope, id);
      new GoogleProvider(s, 'google', { project: 'my-project-id' });
      new gke.GkeCluster(s, 'Cluster', { location: 'us-east1-b', name: 'secure-td-cluster' });
      return s;
    };
    const base = clusterStack(app, 'base');
    const dependent = clusterStack(app, 'dependent');
    dependent.addDependency(base);
    const alternative = clusterStack(app, 'alternative');
    const synth = (s: TerraformStack): string => {
      try {
        Testing.synth(s, true);
        return 'synthesized';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(synth(base)).toBe('synthesized');
    expect(synth(dependent)).toContain('dependent/Cluster: name names a GKE cluster that base/Cluster already defines in project my-project-id, ' +
      'location us-east1-b (got "secure-td-cluster").');
    expect(synth(alternative)).toBe('synthesized');

    // cdktf synthesizes a stack nested in another as a stack of its own.
    const nested = clusterStack(base, 'nested');
    nested.addDependency(base);
    expect(synth(nested)).toContain('base/nested/Cluster: name names a GKE cluster that base/Cluster already defines');
  });
});
