import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { ca, core, gke, mesh, network, project } from '../../lib';
import { testApp } from '../helpers/synth';

/**
 * Every public construct and method of the library with props that are valid, so a test can spoil one prop at a
 * time. `build` creates the subject under the id `Subject` (its construct path is `test/Subject`, or the path a
 * method gives its result) in a stack that already holds the subject's dependencies.
 */
export interface Subject {
  readonly name: string;
  /** Valid props of the subject, built in `stack` (dependencies are created there too). */
  valid(stack: TerraformStack): Record<string, unknown>;
  /** Creates the subject with `props`. */
  build(stack: TerraformStack, props: Record<string, unknown>): unknown;
  /** Props the subject also takes, with a valid value each, to spoil too. */
  optional?(stack: TerraformStack): Record<string, unknown>;
}

type Props = Record<string, unknown>;
// Callers without a type checker can pass anything; these casts let the tests do the same.
const any = (props: Props): never => props as never;

/** A stack with a Google provider for my-project-id (the one per-stack project setting) and a Kubernetes provider. */
export function stack(): TerraformStack {
  const s = new TerraformStack(testApp(), 'test');
  new GoogleProvider(s, 'google', { project: 'my-project-id' });
  // One stack holds both sides here, so cdktf's check that every resource has its provider passes.
  new KubernetesProvider(s, 'kubernetes', {});
  return s;
}

const cluster = (s: TerraformStack): gke.GkeCluster =>
  (s.node.tryFindChild('Cluster') as gke.GkeCluster | undefined) ?? new gke.GkeCluster(s, 'Cluster', { location: 'us-east1-b', name: 'secure-td-cluster' });
const hierarchy = (s: TerraformStack): ca.CaHierarchy =>
  (s.node.tryFindChild('Ca') as ca.CaHierarchy | undefined) ?? new ca.CaHierarchy(s, 'Ca', {
    organization: 'TestCorpLLC', rootPoolId: 'td-sec-pool', rootCaId: 'pkcs2-ca', subordinatePoolId: 'td-ca-pool', subordinateCaId: 'td-ca',
    subordinateLocation: 'us-east1',
  });
const meshAccount = (s: TerraformStack): gke.MeshServiceAccount =>
  (s.node.tryFindChild('MeshIdentity') as gke.MeshServiceAccount | undefined) ?? new gke.MeshServiceAccount(s, 'MeshIdentity', { cluster: cluster(s) });
const certificates = (s: TerraformStack): gke.MeshCertificates =>
  (s.node.tryFindChild('MeshCertificates') as gke.MeshCertificates | undefined) ?? new gke.MeshCertificates(s, 'MeshCertificates', {
    cluster: cluster(s), issuingPool: hierarchy(s).subordinatePool, trustAnchors: [hierarchy(s).rootPool],
  });
const ksa = (s: TerraformStack): gke.KubernetesServiceAccount =>
  (s.node.tryFindChild('Ksa') as gke.KubernetesServiceAccount | undefined) ?? new gke.KubernetesServiceAccount(s, 'Ksa', { name: 'demo-server', googleServiceAccount: meshAccount(s) });
const healthCheck = (s: TerraformStack): mesh.MeshHealthCheck =>
  (s.node.tryFindChild('HealthCheck') as mesh.MeshHealthCheck | undefined) ?? new mesh.MeshHealthCheck(s, 'HealthCheck', { name: 'td-gke-health-check' });
const clientTls = (s: TerraformStack): mesh.ClientTlsPolicy =>
  (s.node.tryFindChild('ClientTls') as mesh.ClientTlsPolicy | undefined) ?? new mesh.ClientTlsPolicy(s, 'ClientTls', { name: 'client-mtls-policy' });
const serverTls = (s: TerraformStack): mesh.ServerTlsPolicy =>
  (s.node.tryFindChild('ServerTls') as mesh.ServerTlsPolicy | undefined) ?? new mesh.ServerTlsPolicy(s, 'ServerTls', { name: 'server-mtls-policy' });
const backend = (s: TerraformStack): mesh.MeshBackendService =>
  (s.node.tryFindChild('Backend') as mesh.MeshBackendService | undefined) ?? new mesh.MeshBackendService(s, 'Backend', {
    name: 'td-gke-service', healthCheck: healthCheck(s), clientTlsPolicy: clientTls(s),
    networkEndpointGroups: [mesh.NetworkEndpointGroupRef.fromName('my-project-id', 'us-east1-b', 'service-test-neg')],
  });
const sidecarMesh = (s: TerraformStack): mesh.Mesh =>
  (s.node.tryFindChild('Mesh') as mesh.Mesh | undefined) ?? new mesh.Mesh(s, 'Mesh', { name: 'sidecar-mesh' });
const workload = (s: TerraformStack): mesh.MeshWorkload =>
  (s.node.tryFindChild('Workload') as mesh.MeshWorkload | undefined) ?? new mesh.MeshWorkload(s, 'Workload', {
    cluster: cluster(s), meshCertificates: certificates(s), name: 'app1', serviceAccount: ksa(s), image: 'registry.k8s.io/e2e-test-images/agnhost:2.39',
    containerPort: 8000,
  });
const authzRule = () => ({
  sources: [{ principals: [mesh.Principal.kubernetesServiceAccount(core.TrustDomain.forGkeProject('my-project-id'), 'default', 'demo-client')] }],
  destinations: [{ hosts: ['service-test'], ports: [8000], methods: ['GET'] }],
});

export const SUBJECTS: readonly Subject[] = [
  {
    name: 'project.ProjectApis',
    valid: () => ({}),
    optional: () => ({ project: 'my-project-id', services: ['privateca.googleapis.com'], disableOnDestroy: false, waitForApis: true }),
    build: (s, p) => new project.ProjectApis(s, 'Subject', any(p)),
  },
  {
    name: 'ca.CaPool',
    valid: () => ({ location: 'us-east1', name: 'td-ca-pool', tier: ca.CaPoolTier.DEVOPS }),
    optional: () => ({
      project: 'my-project-id', publishCaCert: true, publishCrl: false, encodingFormat: ca.CaPoolEncodingFormat.PEM, allowConfigBasedIssuance: true,
      allowCsrBasedIssuance: true, maximumCertificateLifetime: '86400s', labels: { team: 'platform' }, allowDestroy: false,
    }),
    build: (s, p) => new ca.CaPool(s, 'Subject', any(p)),
  },
  {
    name: 'ca.CaPool.fromPoolAttributes',
    valid: () => ({ location: 'us-east1', name: 'td-sec-pool' }),
    optional: () => ({ project: 'my-project-id', keyFamily: ca.KeyFamily.ECDSA, holdsRootCa: true }),
    build: (s, p) => ca.CaPool.fromPoolAttributes(s, 'Subject', any(p)),
  },
  {
    name: 'ca.RootCertificateAuthority',
    valid: (s) => ({ pool: new ca.CaPool(s, 'RootPool', { location: 'us-east1', name: 'td-sec-pool', tier: ca.CaPoolTier.ENTERPRISE }), name: 'pkcs2-ca', organization: 'TestCorpLLC' }),
    optional: () => ({
      generation: 2, commonName: 'pkcs2-ca', keyAlgorithm: ca.CaKeyAlgorithm.EC_P256_SHA256, lifetime: '315360000s', allowDestroy: false,
      labels: { team: 'platform' }, maxChainLength: 1,
    }),
    build: (s, p) => new ca.RootCertificateAuthority(s, 'Subject', any(p)),
  },
  {
    name: 'ca.RootCertificateAuthority.fromCertificateAuthorityAttributes',
    valid: (s) => ({ pool: ca.CaPool.fromPoolAttributes(s, 'RootPool', { location: 'us-east1', name: 'td-sec-pool' }), name: 'pkcs2-ca', keyFamily: ca.KeyFamily.ECDSA }),
    build: (s, p) => ca.RootCertificateAuthority.fromCertificateAuthorityAttributes(s, 'Subject', any(p)),
  },
  {
    name: 'ca.SubordinateCertificateAuthority',
    valid: (s) => ({
      pool: new ca.CaPool(s, 'SubPool', { location: 'us-east1', name: 'td-ca-pool-2', tier: ca.CaPoolTier.DEVOPS }),
      issuer: hierarchy(s).rootCa, name: 'td-ca-2', organization: 'TestCorpLLC',
    }),
    optional: () => ({ profile: ca.CaCertificateProfile.subordinateMtlsPathlen0(), lifetime: '94608000s' }),
    build: (s, p) => new ca.SubordinateCertificateAuthority(s, 'Subject', any(p)),
  },
  {
    name: 'ca.CaHierarchy',
    valid: () => ({
      organization: 'TestCorpLLC', rootPoolId: 'td-sec-pool', rootCaId: 'pkcs2-ca', subordinatePoolId: 'td-ca-pool', subordinateCaId: 'td-ca',
      subordinateLocation: 'us-east1',
    }),
    optional: () => ({ project: 'my-project-id', subordinateGenerations: [1], rootLocation: 'us-east1', keyAlgorithm: ca.CaKeyAlgorithm.EC_P256_SHA256, allowDestroy: false }),
    build: (s, p) => new ca.CaHierarchy(s, 'Subject', any(p)),
  },
  {
    name: 'gke.GkeCluster',
    valid: () => ({ location: 'us-east1-b', name: 'secure-td-cluster' }),
    optional: () => ({
      project: 'my-project-id', network: 'default', subnetwork: 'default', releaseChannel: gke.ReleaseChannel.RAPID, minMasterVersion: 'latest',
      healthCheckTag: 'allow-health-checks', machineType: 'e2-standard-2', nodeCount: 3,
      nodeServiceAccount: 'nodes@my-project-id.iam.gserviceaccount.com', podCidr: '10.4.0.0/14', allowLegacyDataplane: false, allowPublicNodes: false,
      controlPlaneCidr: '10.5.0.0/28', allowDestroy: false,
    }),
    build: (s, p) => new gke.GkeCluster(s, 'Subject', any(p)),
  },
  {
    name: 'gke.GkeCluster.fromClusterAttributes',
    valid: () => ({ location: 'us-east1-b', name: 'secure-td-cluster' }),
    optional: () => ({ project: 'my-project-id', network: 'default', healthCheckTag: 'allow-health-checks', nodeTag: 'gke-node', podCidr: '10.4.0.0/14' }),
    build: (s, p) => gke.GkeCluster.fromClusterAttributes(s, 'Subject', any(p)),
  },
  {
    name: 'gke.GkeCluster.addNodePool',
    valid: () => ({ name: 'gateway' }),
    optional: () => ({
      nodeCount: 1, machineType: 'e2-standard-4', serviceAccount: 'gateway-nodes@my-project-id.iam.gserviceaccount.com', labels: { pool: 'gateway' },
      taints: [{ key: 'dedicated', value: 'gateway', effect: gke.TaintEffect.NO_SCHEDULE }], tags: ['egress-gateway'],
    }),
    build: (s, p) => cluster(s).addNodePool('Subject', any(p)),
  },
  {
    name: 'gke.FleetMembership',
    valid: (s) => ({ cluster: cluster(s) }),
    optional: () => ({ name: 'secure-td-membership', location: 'global' }),
    build: (s, p) => new gke.FleetMembership(s, 'Subject', any(p)),
  },
  {
    name: 'gke.MeshServiceAccount',
    valid: (s) => ({ cluster: cluster(s) }),
    optional: () => ({ accountId: 'mesh-workloads' }),
    build: (s, p) => new gke.MeshServiceAccount(s, 'Subject', any(p)),
  },
  {
    name: 'gke.GkeKubernetesProvider',
    valid: (s) => ({ cluster: cluster(s) }),
    build: (s, p) => new gke.GkeKubernetesProvider(new TerraformStack(s.node.root, 'k8s'), 'Subject', any(p)),
  },
  {
    name: 'gke.WorkloadCertificateConfig',
    valid: (s) => ({ cluster: cluster(s), issuingPool: hierarchy(s).subordinatePool }),
    optional: () => ({ keyAlgorithm: ca.WorkloadKeyAlgorithm.ecdsa(ca.EcdsaCurve.P256), validityDurationSeconds: 86400, rotationWindowPercentage: 50 }),
    build: (s, p) => new gke.WorkloadCertificateConfig(s, 'Subject', any(p)),
  },
  {
    name: 'gke.TrustConfig',
    valid: (s) => ({ cluster: cluster(s), trustAnchors: [hierarchy(s).rootPool] }),
    optional: (s) => ({ trustDomain: 'my-project-id.svc.id.goog', additionalTrustStores: [{ trustDomain: 'other.svc.id.goog', trustAnchors: [hierarchy(s).rootPool] }] }),
    build: (s, p) => new gke.TrustConfig(s, 'Subject', any(p)),
  },
  {
    name: 'gke.MeshCertificates',
    valid: (s) => ({ cluster: cluster(s), issuingPool: hierarchy(s).subordinatePool, trustAnchors: [hierarchy(s).rootPool] }),
    optional: () => ({ validityDurationSeconds: 86400, rotationWindowPercentage: 50 }),
    build: (s, p) => new gke.MeshCertificates(s, 'Subject', any(p)),
  },
  {
    name: 'gke.KubernetesServiceAccount',
    valid: (s) => ({ name: 'demo-client', googleServiceAccount: meshAccount(s) }),
    optional: () => ({ namespace: 'default' }),
    build: (s, p) => new gke.KubernetesServiceAccount(s, 'Subject', any(p)),
  },
  {
    name: 'network.HealthCheckFirewall',
    valid: (s) => ({ clusters: [cluster(s)] }),
    optional: () => ({ name: 'fw-allow-health-checks' }),
    build: (s, p) => new network.HealthCheckFirewall(s, 'Subject', any(p)),
  },
  {
    name: 'network.CrossClusterFirewall',
    valid: (s) => ({ clusters: [cluster(s), gke.GkeCluster.fromClusterAttributes(s, 'Peer', { location: 'us-east1-c', name: 'peer', podCidr: '10.8.0.0/14' })] }),
    build: (s, p) => new network.CrossClusterFirewall(s, 'Subject', any(p)),
  },
  {
    name: 'mesh.ServerTlsPolicy',
    valid: () => ({ name: 'server-mtls-policy' }),
    optional: () => ({
      project: 'my-project-id', description: 'mTLS', location: 'global', labels: { team: 'platform' },
      serverCertificate: mesh.CertificateProvider.privateSpiffe(), clientValidation: mesh.ClientValidation.mutualTls(), allowOpen: false,
    }),
    build: (s, p) => new mesh.ServerTlsPolicy(s, 'Subject', any(p)),
  },
  {
    name: 'mesh.LoadBalancerServerTlsPolicy',
    valid: () => ({ name: 'alb-mtls-policy', trustConfig: 'projects/my-project-id/locations/global/trustConfigs/partners' }),
    optional: () => ({ location: 'global', description: 'ALB', clientValidationMode: mesh.ClientValidationMode.REJECT_INVALID, labels: { a: 'b' } }),
    build: (s, p) => new mesh.LoadBalancerServerTlsPolicy(s, 'Subject', any(p)),
  },
  {
    name: 'mesh.ClientTlsPolicy',
    valid: () => ({ name: 'client-mtls-policy' }),
    optional: () => ({ clientCertificate: mesh.CertificateProvider.privateSpiffe(), serverValidationCa: mesh.CertificateProvider.privateSpiffe(), sni: 'service-test' }),
    build: (s, p) => new mesh.ClientTlsPolicy(s, 'Subject', any(p)),
  },
  {
    name: 'mesh.AuthorizationPolicy',
    valid: () => ({ name: 'authz-policy', rules: [authzRule()] }),
    optional: () => ({ action: mesh.AuthorizationAction.ALLOW }),
    build: (s, p) => new mesh.AuthorizationPolicy(s, 'Subject', any(p)),
  },
  {
    name: 'mesh.AuthorizationPolicy.addRule',
    valid: () => ({ destinations: authzRule().destinations }),
    optional: () => ({ sources: authzRule().sources }),
    build: (s, p) => new mesh.AuthorizationPolicy(s, 'Subject', { name: 'authz-policy' }).addRule(any(p)),
  },
  {
    name: 'mesh.EndpointPolicy',
    valid: (s) => ({ name: 'ep', matchLabels: { app: 'payments' }, serverTlsPolicy: serverTls(s) }),
    optional: (s) => ({
      type: mesh.EndpointPolicyType.SIDECAR_PROXY, matchCriteria: mesh.MetadataLabelMatchCriteria.MATCH_ALL, ports: [8000],
      authorizationPolicy: new mesh.AuthorizationPolicy(s, 'Authz', { name: 'authz-policy', rules: [authzRule()] }), clientTlsPolicy: clientTls(s),
    }),
    build: (s, p) => new mesh.EndpointPolicy(s, 'Subject', any(p)),
  },
  {
    name: 'mesh.MeshHealthCheck',
    valid: () => ({ name: 'td-gke-health-check' }),
    optional: () => ({ port: 8081, requestPath: '/healthz' }),
    build: (s, p) => new mesh.MeshHealthCheck(s, 'Subject', any(p)),
  },
  {
    name: 'mesh.MeshBackendService',
    valid: (s) => ({
      name: 'td-gke-service-2', healthCheck: healthCheck(s), clientTlsPolicy: clientTls(s),
      networkEndpointGroups: [mesh.NetworkEndpointGroupRef.fromName('my-project-id', 'us-east1-b', 'service-test-neg')],
    }),
    optional: (s) => ({
      balancingMode: mesh.BalancingMode.RATE, maxRatePerEndpoint: 5, serverServiceAccount: ksa(s),
      subjectAltNames: [core.SpiffeId.of('spiffe://my-project-id.svc.id.goog/ns/default/sa/demo-server')],
    }),
    build: (s, p) => new mesh.MeshBackendService(s, 'Subject', any(p)),
  },
  {
    name: 'mesh.RoutingRuleMap',
    valid: (s) => ({ urlMapName: 'td-gke-url-map', proxyName: 'td-gke-proxy', forwardingRuleName: 'td-gke-forwarding-rule', defaultService: backend(s), port: 80 }),
    optional: (s) => ({ network: 'default', address: '0.0.0.0', serverTlsPolicy: serverTls(s) }),
    build: (s, p) => new mesh.RoutingRuleMap(s, 'Subject', any(p)),
  },
  {
    name: 'mesh.Mesh',
    valid: () => ({ name: 'sidecar-mesh-2' }),
    optional: () => ({ interceptionPort: 15001 }),
    build: (s, p) => new mesh.Mesh(s, 'Subject', any(p)),
  },
  {
    name: 'mesh.Gateway',
    valid: (s) => ({ name: 'td-gke-gateway', gatewayScope: 'gateway-proxy', ports: [8080], serverTlsPolicy: serverTls(s) }),
    optional: () => ({ allowPlaintext: false }),
    build: (s, p) => new mesh.Gateway(s, 'Subject', any(p)),
  },
  {
    name: 'mesh.HttpRoute',
    valid: (s) => ({ name: 'helloworld-http-route', hostnames: ['service-test'], meshes: [sidecarMesh(s)], destination: backend(s) }),
    build: (s, p) => new mesh.HttpRoute(s, 'Subject', any(p)),
  },
  {
    name: 'mesh.Mesh.addHttpRoute',
    valid: (s) => ({ name: 'helloworld-http-route', hostnames: ['service-test'], destination: backend(s) }),
    build: (s, p) => sidecarMesh(s).addHttpRoute('Subject', any(p)),
  },
  {
    name: 'mesh.SidecarInjector',
    valid: () => ({ projectNumber: '123456789012' }),
    optional: () => ({ network: 'default', envoyImage: 'docker.io/envoyproxy/envoy:v1.34.1', injectorImage: 'istio/sidecar_injector:1.5.8', replicas: 2 }),
    build: (s, p) => new mesh.SidecarInjector(s, 'Subject', any(p)),
  },
  {
    name: 'mesh.MeshWorkload',
    valid: (s) => ({
      cluster: cluster(s), meshCertificates: certificates(s), name: 'busybox', serviceAccount: ksa(s), image: 'docker.io/library/busybox:1.36',
    }),
    optional: () => ({
      namespace: 'default', command: ['sh'], args: ['-c', 'sleep 1'], containerPort: 8000, podLabels: { run: 'client' }, replicas: 1,
      proxyMetadata: { app: 'payments' }, inboundPorts: [8000], managedCertificates: true, automountServiceAccountToken: false,
    }),
    build: (s, p) => new mesh.MeshWorkload(s, 'Subject', any(p)),
  },
  {
    name: 'mesh.MeshWorkload.exposeViaNegService',
    valid: () => ({ serviceName: 'service-test', port: 80, negName: 'service-test-neg' }),
    optional: (s) => ({ targetPort: 8000, portName: 'http', healthCheck: healthCheck(s), zones: ['us-east1-b'] }),
    build: (s, p) => workload(s).exposeViaNegService(any(p)),
  },
  {
    name: 'mesh.IngressGateway',
    valid: (s) => ({ meshCertificates: certificates(s), serviceAccount: ksa(s), projectNumber: '123456789012' }),
    optional: () => ({ network: 'default', name: 'mesh-gateway', namespace: 'default', servicePort: 443, listenPort: 8080, replicas: 2 }),
    build: (s, p) => new mesh.IngressGateway(s, 'Subject', any(p)),
  },
];

/** The construct a subject created, for the tests that synthesize it. */
export function constructOf(result: unknown): IConstruct | undefined {
  return typeof result === 'object' && result !== null && 'node' in result ? result as IConstruct : undefined;
}
