import { GoogleNetworkSecurityAuthorizationPolicy } from '@cdktf/provider-google-beta/lib/google-network-security-authorization-policy';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import { ComputeBackendService } from '@cdktf/provider-google/lib/compute-backend-service';
import { ComputeHealthCheck } from '@cdktf/provider-google/lib/compute-health-check';
import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import { DataGoogleClientConfig } from '@cdktf/provider-google/lib/data-google-client-config';
import { DataGoogleContainerCluster } from '@cdktf/provider-google/lib/data-google-container-cluster';
import { NetworkSecurityClientTlsPolicy } from '@cdktf/provider-google/lib/network-security-client-tls-policy';
import { NetworkSecurityServerTlsPolicy } from '@cdktf/provider-google/lib/network-security-server-tls-policy';
import { NetworkServicesEndpointPolicy } from '@cdktf/provider-google/lib/network-services-endpoint-policy';
import { NetworkServicesHttpRoute } from '@cdktf/provider-google/lib/network-services-http-route';
import { NetworkServicesMesh } from '@cdktf/provider-google/lib/network-services-mesh';
import { PrivatecaCaPool } from '@cdktf/provider-google/lib/privateca-ca-pool';
import { PrivatecaCertificateAuthority } from '@cdktf/provider-google/lib/privateca-certificate-authority';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { App, Fn, TerraformStack } from 'cdktf';

/**
 * `npm run bench`: the baseline of scripts/bench-mesh-library.ts — the same Terraform resource types with the same
 * essential attributes (and the same depends_on and stack dependencies), created straight from the provider
 * bindings with no validation. Google Cloud resources and Kubernetes objects live in separate stacks.
 */
const services = Number(process.env.BENCH_SERVICES ?? 10);
const project = 'my-project-id';
const app = new App();
const spiffe = (account: string) => `spiffe://${project}.svc.id.goog/ns/default/sa/${account}`;
const privateSpiffe = { certificateProviderInstance: { pluginInstance: 'google_cloud_private_spiffe' } };

const gcp = new TerraformStack(app, 'gcp');
new GoogleProvider(gcp, 'google', { project, region: 'us-east1' });
const beta = new GoogleBetaProvider(gcp, 'google-beta', { project });
const cluster = new ContainerCluster(gcp, 'Cluster', {
  project, location: 'us-east1-b', name: 'secure-td-cluster', network: 'default', initialNodeCount: 1, removeDefaultNodePool: true,
  networkingMode: 'VPC_NATIVE', ipAllocationPolicy: { stackType: 'IPV4' }, datapathProvider: 'ADVANCED_DATAPATH',
  workloadIdentityConfig: { workloadPool: `${project}.svc.id.goog` }, meshCertificates: { enableCertificates: true },
  privateClusterConfig: { enablePrivateNodes: true }, releaseChannel: { channel: 'RAPID' },
});
const nodeAccount = new ServiceAccount(gcp, 'NodeIdentity', { project, accountId: 'secure-td-cluster-nodes' });
const nodeGrants = ['logging.logWriter', 'monitoring.metricWriter', 'monitoring.viewer', 'stackdriver.resourceMetadata.writer', 'artifactregistry.reader']
  .map((role) => new ProjectIamMember(gcp, `node-${role}`, {
    project, role: `roles/${role}`, member: `serviceAccount:secure-td-cluster-nodes@${project}.iam.gserviceaccount.com`, dependsOn: [nodeAccount],
  }));
new ContainerNodePool(gcp, 'NodePool', {
  project, location: 'us-east1-b', cluster: cluster.name, name: 'secure-td-cluster-pool', nodeCount: 3, dependsOn: [nodeAccount, ...nodeGrants],
  nodeConfig: {
    machineType: 'e2-standard-2', serviceAccount: `secure-td-cluster-nodes@${project}.iam.gserviceaccount.com`,
    oauthScopes: ['https://www.googleapis.com/auth/cloud-platform'], workloadMetadataConfig: { mode: 'GKE_METADATA' },
  },
});
for (const [id, name, type] of [['RootPool', 'td-sec-pool', 'SELF_SIGNED'], ['SubordinatePool', 'td-ca-pool', 'SUBORDINATE']]) {
  const pool = new PrivatecaCaPool(gcp, id, { project, location: 'us-east1', name, tier: 'ENTERPRISE' });
  new PrivatecaCertificateAuthority(gcp, `${id}Ca`, {
    project, location: 'us-east1', pool: name, certificateAuthorityId: `${name}-ca`, type, dependsOn: [pool],
    keySpec: { algorithm: 'EC_P256_SHA256' },
    config: {
      subjectConfig: { subject: { organization: 'TestCorpLLC', commonName: name } },
      x509Config: { caOptions: { isCa: true }, keyUsage: { baseKeyUsage: { certSign: true, crlSign: true }, extendedKeyUsage: {} } },
    },
  });
}
const meshAccount = new ServiceAccount(gcp, 'MeshIdentity', { project, accountId: 'mesh-workloads' });
new ProjectIamMember(gcp, 'MeshClient', {
  project, role: 'roles/trafficdirector.client', member: `serviceAccount:mesh-workloads@${project}.iam.gserviceaccount.com`, dependsOn: [meshAccount],
});
new ComputeHealthCheck(gcp, 'HealthCheck', {
  project, name: 'td-gke-health-check', httpHealthCheck: { portSpecification: 'USE_FIXED_PORT', port: 8081, requestPath: '/' },
});
const serverMtls = new NetworkSecurityServerTlsPolicy(gcp, 'ServerMtls', {
  project, location: 'global', name: 'server-mtls-policy', allowOpen: false,
  serverCertificate: privateSpiffe, mtlsPolicy: { clientValidationCa: [privateSpiffe] },
});
new NetworkSecurityClientTlsPolicy(gcp, 'ClientMtls', {
  project, location: 'global', name: 'client-mtls-policy', clientCertificate: privateSpiffe, serverValidationCa: [privateSpiffe],
});
new NetworkServicesMesh(gcp, 'Mesh', { project, location: 'global', name: 'sidecar-mesh', interceptionPort: 15001 });

const k8s = new TerraformStack(app, 'k8s');
k8s.addDependency(gcp);
const k8sGoogle = new GoogleProvider(k8s, 'google', { project });
const client = new DataGoogleClientConfig(k8s, 'client', { provider: k8sGoogle });
const found = new DataGoogleContainerCluster(k8s, 'cluster', { provider: k8sGoogle, project, location: 'us-east1-b', name: 'secure-td-cluster' });
new KubernetesProvider(k8s, 'kubernetes', {
  host: `https://${found.endpoint}`, token: client.accessToken, clusterCaCertificate: Fn.base64decode(found.masterAuth.get(0).clusterCaCertificate),
});
const caPool = (pool: string) => `//privateca.googleapis.com/projects/${project}/locations/us-east1/caPools/${pool}`;
new Manifest(k8s, 'WorkloadCertificates', {
  manifest: {
    apiVersion: 'security.cloud.google.com/v1', kind: 'WorkloadCertificateConfig', metadata: { name: 'default' },
    spec: {
      certificateAuthorityConfig: { certificateAuthorityServiceConfig: { endpointURI: caPool('td-ca-pool') } },
      keyAlgorithm: { ecdsa: { curve: 'P256' } }, rotationWindowPercentage: 50, validityDurationSeconds: 86400,
    },
  },
});
new Manifest(k8s, 'Trust', {
  manifest: {
    apiVersion: 'security.cloud.google.com/v1', kind: 'TrustConfig', metadata: { name: 'default' },
    spec: { trustStores: [{ trustDomain: `${project}.svc.id.goog`, trustAnchors: [{ certificateAuthorityServiceURI: caPool('td-sec-pool') }] }] },
  },
});

const traffic = new TerraformStack(app, 'traffic');
traffic.addDependency(gcp);
traffic.addDependency(k8s);
new GoogleProvider(traffic, 'google', { project, region: 'us-east1' });

for (let i = 0; i < services; i++) {
  const name = `svc-${i}`;
  const authorizationPolicy = new GoogleNetworkSecurityAuthorizationPolicy(gcp, `${name}-authz`, {
    provider: beta, project, location: 'global', name: `${name}-authz`, action: 'ALLOW',
    rules: [{ sources: [{ principals: [spiffe('demo-client')] }], destinations: [{ hosts: [name], ports: [8000], methods: ['GET'] }] }],
  });
  new NetworkServicesEndpointPolicy(gcp, `${name}-ep`, {
    project, name: `${name}-ep`, type: 'SIDECAR_PROXY',
    endpointMatcher: { metadataLabelMatcher: { metadataLabelMatchCriteria: 'MATCH_ALL', metadataLabels: [{ labelName: 'app', labelValue: name }] } },
    serverTlsPolicy: `projects/${project}/locations/global/serverTlsPolicies/server-mtls-policy`,
    authorizationPolicy: `projects/${project}/locations/global/authorizationPolicies/${name}-authz`,
    dependsOn: [serverMtls, authorizationPolicy],
  });

  const serviceAccount = new ServiceAccountV1(k8s, `${name}-sa`, {
    metadata: { name, namespace: 'default', annotations: { 'iam.gke.io/gcp-service-account': `mesh-workloads@${project}.iam.gserviceaccount.com` } },
  });
  const labels = { app: name };
  new DeploymentV1(k8s, name, {
    metadata: { name, namespace: 'default', labels },
    spec: {
      replicas: '1',
      selector: { matchLabels: labels },
      template: {
        metadata: {
          labels,
          annotations: {
            'cloud.google.com/proxyMetadata': `{"app": "${name}"}`,
            'cloud.google.com/enableManagedCerts': 'true',
            'cloud.google.com/includeInboundPorts': '8000',
          },
        },
        spec: {
          serviceAccountName: name,
          automountServiceAccountToken: false,
          container: [{
            name, image: 'registry.k8s.io/e2e-test-images/agnhost:2.39', args: ['serve-hostname', '--http=true', '--udp=false', '--port=8000'],
            port: [{ containerPort: 8000, protocol: 'TCP' }],
          }],
        },
      },
    },
    dependsOn: [serviceAccount],
  });
  new ServiceV1(k8s, `${name}-service`, {
    metadata: { name, namespace: 'default', annotations: { 'cloud.google.com/neg': `{"exposed_ports": {"80":{"name": "${name}-neg"}}}` } },
    spec: { type: 'ClusterIP', selector: labels, port: [{ name, port: 80, targetPort: '8000', protocol: 'TCP' }] },
  });

  const backend = new ComputeBackendService(traffic, `${name}-backend`, {
    project, name, loadBalancingScheme: 'INTERNAL_SELF_MANAGED', protocol: 'HTTP',
    healthChecks: [`projects/${project}/global/healthChecks/td-gke-health-check`],
    backend: [{ group: `projects/${project}/zones/us-east1-b/networkEndpointGroups/${name}-neg`, balancingMode: 'RATE', maxRatePerEndpoint: 5 }],
    securitySettings: {
      clientTlsPolicy: `projects/${project}/locations/global/clientTlsPolicies/client-mtls-policy`,
      subjectAltNames: [spiffe(name)],
    },
  });
  new NetworkServicesHttpRoute(traffic, `${name}-route`, {
    project, name: `${name}-route`, hostnames: [name], meshes: [`projects/${project}/locations/global/meshes/sidecar-mesh`],
    rules: [{ action: { destinations: [{ serviceName: `projects/${project}/locations/global/backendServices/${name}` }] } }],
    dependsOn: [backend],
  });
}

app.synth();
