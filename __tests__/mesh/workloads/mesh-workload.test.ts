import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { GkeCluster, IMeshCertificates, KubernetesServiceAccount, MeshCertificates, MeshServiceAccount } from '../../../lib/gke';
import { MeshHealthCheck } from '../../../lib/mesh/routing/health-check';
import { MeshWorkload, MeshWorkloadProps } from '../../../lib/mesh/workloads/mesh-workload';
import { NegServiceOptions } from '../../../lib/mesh/workloads/neg-service';
import { SidecarInjector } from '../../../lib/mesh/workloads/sidecar-injector';
import { meshStacks, warningsUnder } from '../../gke/fixtures';
import { resourcesOf, StackJson, synth } from '../../helpers/synth';

type Json = Record<string, unknown>;

interface SeedApp {
  readonly gcp: TerraformStack;
  readonly k8s: TerraformStack;
  readonly cluster: GkeCluster;
  readonly meshCertificates: IMeshCertificates;
  readonly serverKsa: KubernetesServiceAccount;
  readonly clientKsa: KubernetesServiceAccount;
}

/**
 * The seed's app: cluster, CA hierarchy and mesh identity in `gcp`; the cluster's mesh certificates
 * (WorkloadCertificateConfig and TrustConfig, S7) and the KSAs in `k8s`.
 */
function seedApp(): SeedApp {
  const { gcp, k8s, cluster, hierarchy } = meshStacks();
  const googleServiceAccount = new MeshServiceAccount(gcp, 'MeshSa', { cluster });
  const meshCertificates = new MeshCertificates(k8s, 'MeshCertificates', {
    cluster, issuingPool: hierarchy.subordinatePool, trustAnchors: [hierarchy.rootPool],
  });
  const serverKsa = new KubernetesServiceAccount(k8s, 'ServerKsa', { name: 'demo-server', googleServiceAccount });
  const clientKsa = new KubernetesServiceAccount(k8s, 'ClientKsa', { name: 'demo-client', googleServiceAccount });
  return { gcp, k8s, cluster, meshCertificates, serverKsa, clientKsa };
}

/** The seed's demo server app1: port 8000, proxy metadata app=payments (S10). */
function server(app: SeedApp, props: Partial<MeshWorkloadProps> = {}): MeshWorkload {
  return new MeshWorkload(app.k8s, 'Server', {
    cluster: app.cluster,
    meshCertificates: app.meshCertificates,
    name: 'app1',
    serviceAccount: app.serverKsa,
    image: 'gcr.io/kubernetes-e2e-test-images/serve-hostname-amd64:1.1',
    command: ['/bin/sh', '-c', '/serve_hostname -http=true -udp=false -port=8000'],
    containerPort: 8000,
    proxyMetadata: { app: 'payments' },
    ...props,
  });
}

/** The seed's demo client: only managed certificates (S10). */
function client(app: SeedApp, props: Partial<MeshWorkloadProps> = {}): MeshWorkload {
  return new MeshWorkload(app.k8s, 'Client', {
    cluster: app.cluster,
    meshCertificates: app.meshCertificates,
    name: 'busybox',
    serviceAccount: app.clientKsa,
    image: 'busybox',
    command: ['sh', '-c', 'while true; do sleep 1; done'],
    podLabels: { run: 'client' },
    ...props,
  });
}

const SEED_SERVICE: NegServiceOptions = { serviceName: 'service-test', port: 80, negName: 'service-test-neg' };

function deploymentNamed(json: StackJson, name: string): Json {
  const found = Object.values(resourcesOf(json, 'kubernetes_deployment_v1')).find((r) => (r.metadata as Json).name === name);
  if (!found) throw new Error(`no deployment ${name}`);
  return found;
}

function podTemplate(json: StackJson, name: string): { metadata: Json; spec: Json } {
  return (deploymentNamed(json, name).spec as Json).template as { metadata: Json; spec: Json };
}

function serviceNamed(json: StackJson, name: string): Json {
  const found = Object.values(resourcesOf(json, 'kubernetes_service_v1')).find((r) => (r.metadata as Json).name === name);
  if (!found) throw new Error(`no service ${name}`);
  return found;
}

describe('MeshWorkload', () => {
  describe('S10: the seed\'s server (service_sample.yaml)', () => {
    let json: StackJson;
    let workload: MeshWorkload;
    beforeAll(() => {
      const app = seedApp();
      workload = server(app);
      json = synth(app.k8s);
    });

    it('S10: pod annotations proxyMetadata {"app": "payments"}, enableManagedCerts "true", includeInboundPorts "8000"', () => {
      expect(podTemplate(json, 'app1').metadata.annotations).toEqual({
        'cloud.google.com/proxyMetadata': '{"app": "payments"}',
        'cloud.google.com/enableManagedCerts': 'true',
        'cloud.google.com/includeInboundPorts': '8000',
      });
    });

    it('S10/S8: pods run as the server KSA and serve on 8000', () => {
      const { spec } = podTemplate(json, 'app1');
      expect(spec).toMatchObject({
        service_account_name: 'demo-server',
        container: [{
          name: 'app1',
          image: 'gcr.io/kubernetes-e2e-test-images/serve-hostname-amd64:1.1',
          command: ['/bin/sh', '-c', '/serve_hostname -http=true -udp=false -port=8000'],
          port: [{ container_port: 8000, protocol: 'TCP' }],
        }],
      });
    });

    it('S10: one replica, selected by the default pod labels { app: name }', () => {
      expect(deploymentNamed(json, 'app1')).toMatchObject({
        metadata: { name: 'app1', namespace: 'default' },
        spec: { replicas: '1', selector: { match_labels: { app: 'app1' } } },
      });
      expect(podTemplate(json, 'app1').metadata.labels).toEqual({ app: 'app1' });
      expect(workload.podLabels).toEqual({ app: 'app1' });
    });

    it('X1: the Kubernetes API token is not mounted by default (workload identity uses the metadata server)', () => {
      expect(podTemplate(json, 'app1').spec.automount_service_account_token).toBe(false);
    });

    it('X1: inbound interception defaults to the container port', () => {
      expect(workload.inboundPorts).toEqual([8000]);
    });
  });

  describe('S10: the seed\'s client (client_sample.yaml)', () => {
    it('S10: client pods carry only enableManagedCerts "true"', () => {
      const app = seedApp();
      const workload = client(app);
      const json = synth(app.k8s);
      expect(podTemplate(json, 'busybox').metadata.annotations).toEqual({ 'cloud.google.com/enableManagedCerts': 'true' });
      expect(podTemplate(json, 'busybox').spec.service_account_name).toBe('demo-client');
      expect(workload.inboundPorts).toEqual([]);
    });
  });

  describe('S9/X1: ordering against sidecar injection', () => {
    it('X1: with the injector, the namespace is labelled for injection and the Deployment waits for that label', () => {
      const app = seedApp();
      const sidecarInjector = new SidecarInjector(app.k8s, 'Injector', { projectNumber: '123456789012' });
      server(app, { sidecarInjector });
      const json = JSON.parse(Testing.synth(app.k8s, true)) as StackJson;
      const labels = Object.entries(resourcesOf(json, 'kubernetes_labels'));
      expect(labels.map(([, r]) => r.metadata)).toEqual([{ name: 'default' }]);
      expect(deploymentNamed(json, 'app1').depends_on).toEqual(expect.arrayContaining([expect.stringContaining(`kubernetes_labels.${labels[0][0]}`)]));
    });

    it('S8: the Deployment waits for its service account', () => {
      const app = seedApp();
      server(app);
      expect(deploymentNamed(synth(app.k8s), 'app1').depends_on).toEqual([expect.stringContaining('kubernetes_service_account_v1.ServerKsa')]);
    });
  });

  describe('S10: annotation formats', () => {
    it('S10: several proxy metadata labels use the seed\'s separators; keys and values are JSON-escaped', () => {
      const app = seedApp();
      server(app, { proxyMetadata: { app: 'payments', note: 'say "hi"' } });
      expect((podTemplate(synth(app.k8s), 'app1').metadata.annotations as Json)['cloud.google.com/proxyMetadata'])
        .toBe('{"app": "payments", "note": "say \\"hi\\""}');
    });

    it('S10: several inbound ports are comma-joined', () => {
      const app = seedApp();
      server(app, { inboundPorts: [8000, 9000] });
      expect((podTemplate(synth(app.k8s), 'app1').metadata.annotations as Json)['cloud.google.com/includeInboundPorts']).toBe('8000,9000');
    });

    it('S10: inboundPorts [] turns inbound interception off explicitly', () => {
      const app = seedApp();
      server(app, { inboundPorts: [] });
      expect(podTemplate(synth(app.k8s), 'app1').metadata.annotations).not.toHaveProperty(['cloud.google.com/includeInboundPorts']);
    });

    it('S10: managedCertificates false leaves enableManagedCerts out and needs no mesh certificates', () => {
      const app = seedApp();
      client(app, { managedCertificates: false, meshCertificates: undefined });
      expect(podTemplate(synth(app.k8s), 'busybox').metadata).not.toHaveProperty('annotations');
    });
  });

  describe('S10: exposeViaNegService', () => {
    let json: StackJson;
    let workload: MeshWorkload;
    beforeAll(() => {
      const app = seedApp();
      workload = server(app);
      workload.exposeViaNegService(SEED_SERVICE);
      json = synth(app.k8s);
    });

    it('S10: Service service-test carries cloud.google.com/neg {"exposed_ports": {"80":{"name": "service-test-neg"}}}', () => {
      expect((serviceNamed(json, 'service-test').metadata as Json).annotations).toEqual({
        'cloud.google.com/neg': '{"exposed_ports": {"80":{"name": "service-test-neg"}}}',
      });
    });

    it('S10: port 80 named service-test, TCP, to targetPort 8000, selecting the workload\'s pods', () => {
      expect(serviceNamed(json, 'service-test')).toMatchObject({
        metadata: { name: 'service-test', namespace: 'default' },
        spec: {
          type: 'ClusterIP',
          selector: { app: 'app1' },
          port: [{ name: 'service-test', port: 80, target_port: '8000', protocol: 'TCP' }],
        },
      });
    });

    it('S10/L2: the NEG service-test-neg in the cluster\'s zone, for the backend service', () => {
      const app = seedApp();
      const service = server(app).exposeViaNegService(SEED_SERVICE);
      expect(service.serviceName).toBe('service-test');
      expect(service.negName).toBe('service-test-neg');
      expect(service.port).toBe(80);
      expect(service.targetPort).toBe(8000);
      expect(service.networkEndpointGroups.map((neg) => neg.resourceName))
        .toEqual(['projects/my-project-id/zones/us-east1-b/networkEndpointGroups/service-test-neg']);
    });

    it('S10: a regional cluster lists its zones explicitly', () => {
      const app = seedApp();
      const regional = new GkeCluster(app.gcp, 'Regional', { project: 'my-project-id', location: 'us-east1', name: 'regional' });
      const workload = server(app, { cluster: regional, managedCertificates: false });
      const service = workload.exposeViaNegService({ ...SEED_SERVICE, zones: ['us-east1-b', 'us-east1-c'] });
      expect(service.networkEndpointGroups.map((neg) => neg.zone)).toEqual(['us-east1-b', 'us-east1-c']);
    });

    it('X2: a regional cluster without zones is rejected', () => {
      const app = seedApp();
      const regional = new GkeCluster(app.gcp, 'Regional', { project: 'my-project-id', location: 'us-east1', name: 'regional' });
      const meshCertificates = MeshCertificates.fromCluster(app.k8s, 'RegionalCertificates', regional);
      expect(() => server(app, { cluster: regional, meshCertificates }).exposeViaNegService(SEED_SERVICE)).toThrow(
        'k8s/Server/NegService-service-test: zones is required for regional cluster "regional" (got nothing). ' +
        'List the zones of us-east1 that run the pods, e.g. ["us-east1-b", "us-east1-c"]; GKE creates one NEG per zone.');
    });

    it('X2: a zone outside the cluster\'s region is rejected', () => {
      const app = seedApp();
      expect(() => server(app).exposeViaNegService({ ...SEED_SERVICE, zones: ['europe-west1-b'] })).toThrow(
        'k8s/Server/NegService-service-test: zones[0] is not a zone of region us-east1 (got "europe-west1-b"). Use a zone such as "us-east1-b".');
    });

    it('X2: exposing the same service name twice is rejected', () => {
      const app = seedApp();
      const workload = server(app);
      workload.exposeViaNegService(SEED_SERVICE);
      expect(() => workload.exposeViaNegService(SEED_SERVICE)).toThrow(
        'k8s/Server: serviceName is already exposed by this workload (got "service-test"). Expose each Service once; reuse the NegService returned by the first call.');
    });

    it('X2: a workload without containerPort needs an explicit targetPort', () => {
      const app = seedApp();
      expect(() => client(app).exposeViaNegService(SEED_SERVICE)).toThrow(
        'k8s/Client/NegService-service-test: targetPort is required (got nothing). ' +
        'Workload k8s/Client has no containerPort; set targetPort to the port the pods serve on, e.g. 8000.');
    });

    it('X2: a service name too long for a port name needs portName', () => {
      const app = seedApp();
      expect(() => server(app).exposeViaNegService({ ...SEED_SERVICE, serviceName: 'payments-backend-service' })).toThrow(
        'k8s/Server/NegService-payments-backend-service: serviceName is not a valid Service port name (got "payments-backend-service"). ' +
        'Port names are IANA service names: at most 15 lowercase letters, digits and single hyphens; set portName, e.g. "http".');
      const service = server(seedApp()).exposeViaNegService({ ...SEED_SERVICE, serviceName: 'payments-backend-service', portName: 'http' });
      expect(service.serviceName).toBe('payments-backend-service');
    });

    it('X2: an invalid NEG name is rejected', () => {
      const app = seedApp();
      expect(() => server(app).exposeViaNegService({ ...SEED_SERVICE, negName: 'Service_Test' })).toThrow(
        'k8s/Server/NegService-service-test: negName is not a valid Google Cloud resource name (got "Service_Test"). ' +
        'Use 1-63 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.');
    });

    it('X2: an invalid Service port is rejected', () => {
      const app = seedApp();
      expect(() => server(app).exposeViaNegService({ ...SEED_SERVICE, port: 70000 })).toThrow(
        'k8s/Server/NegService-service-test: port is not a TCP port (got 70000). Use an integer from 1 to 65535.');
    });
  });

  describe('S10/S18: health-check port', () => {
    const healthCheck = (app: SeedApp, port?: number) =>
      new MeshHealthCheck(app.gcp, 'HealthCheck', { project: 'my-project-id', name: 'td-gke-health-check', port });

    it('S10: a health check on the application port 8000 is rejected at synth time', () => {
      const app = seedApp();
      expect(() => server(app).exposeViaNegService({ ...SEED_SERVICE, healthCheck: healthCheck(app, 8000) })).toThrow(
        'k8s/Server/NegService-service-test: healthCheck.port equals the application port (targetPort) (health check "td-gke-health-check") ' +
        '(got 8000). The endpoint\'s mTLS and authorization policies would apply to the health checks, reject them and mark the server ' +
        'unhealthy (S10); serve health checks on a different, unintercepted port and set it on the MeshHealthCheck.');
    });

    it('S10: a health check on another intercepted inbound port is rejected too', () => {
      const app = seedApp();
      expect(() => server(app, { inboundPorts: [8000, 8001] }).exposeViaNegService({ ...SEED_SERVICE, healthCheck: healthCheck(app, 8001) }))
        .toThrow('healthCheck.port is an inbound port the sidecar intercepts (health check "td-gke-health-check") (got 8001).');
    });

    it('S10: equality with the application port is rejected even when inbound interception is off', () => {
      const app = seedApp();
      expect(() => server(app, { inboundPorts: [] }).exposeViaNegService({ ...SEED_SERVICE, healthCheck: healthCheck(app, 8000) }))
        .toThrow('healthCheck.port equals the application port (targetPort) (health check "td-gke-health-check") (got 8000).');
    });

    it('S10: a dedicated, unintercepted health-check port is accepted without warning', () => {
      const app = seedApp();
      const service = server(app).exposeViaNegService({ ...SEED_SERVICE, healthCheck: healthCheck(app, 8080) });
      expect(warningsUnder(service)).toEqual([]);
    });

    it('S10/S18: the serving port (the seeds\' --use-serving-port) is accepted with a warning when the sidecar intercepts it', () => {
      const app = seedApp();
      const service = server(app).exposeViaNegService({ ...SEED_SERVICE, healthCheck: healthCheck(app) });
      expect(warningsUnder(service)).toEqual([expect.stringContaining(
        'Health check "td-gke-health-check" uses the serving port 8000, which the sidecar intercepts')]);
    });

    it('S10: the serving port raises no warning when inbound interception is off', () => {
      const app = seedApp();
      const service = server(app, { inboundPorts: [] }).exposeViaNegService({ ...SEED_SERVICE, healthCheck: healthCheck(app) });
      expect(warningsUnder(service)).toEqual([]);
    });
  });

  describe('S18: managed certificates need the cluster\'s mesh certificates (WorkloadCertificateConfig and TrustConfig)', () => {
    it('S18: managed certificates without meshCertificates are rejected, naming the fix', () => {
      const app = seedApp();
      expect(() => server(app, { meshCertificates: undefined })).toThrow(
        'k8s/Server: meshCertificates is required (got nothing). Configure mesh certificates for the cluster in its Kubernetes stack, ' +
        'e.g. new MeshCertificates(k8sStack, "MeshCertificates", { cluster, issuingPool: hierarchy.subordinatePool, trustAnchors: [hierarchy.rootPool] }), ' +
        'or adopt them with MeshCertificates.fromCluster(...); without a WorkloadCertificateConfig and TrustConfig pods never start (seed 000, troubleshooting).');
    });

    it('S18: mesh certificates of another cluster do not count', () => {
      const app = seedApp();
      const other = new GkeCluster(app.gcp, 'Other', { project: 'my-project-id', location: 'us-east1-c', name: 'other-cluster' });
      expect(() => server(app, { cluster: other })).toThrow(
        'k8s/Server: meshCertificates configure cluster projects/my-project-id/locations/us-east1-b/clusters/secure-td-cluster, not the workload\'s ' +
        'cluster projects/my-project-id/locations/us-east1-c/clusters/other-cluster (got "projects/my-project-id/locations/us-east1-b/clusters/secure-td-cluster"). ' +
        'Pass the MeshCertificates of the cluster the workload runs in: GKE issues mesh certificates per cluster (S7, S18).');
    });

    it('S18: mesh certificates adopted with MeshCertificates.fromCluster satisfy the workload', () => {
      const app = seedApp();
      const workload = server(app, { meshCertificates: MeshCertificates.fromCluster(app.k8s, 'Adopted', app.cluster) });
      expect(workload.managedCertificates).toBe(true);
    });
  });

  describe('X2: bad input', () => {
    it('X2: a namespace other than the service account\'s is rejected', () => {
      const app = seedApp();
      expect(() => server(app, { namespace: 'payments' })).toThrow(
        'k8s/Server: namespace differs from the namespace "default" of service account "demo-server" (got "payments"). ' +
        'A pod can only run as a service account of its own namespace; deploy the workload in the service account\'s namespace, or create the KubernetesServiceAccount in the workload\'s namespace.');
    });

    it('X2: an invalid container port is rejected', () => {
      const app = seedApp();
      expect(() => server(app, { containerPort: 0 })).toThrow('k8s/Server: containerPort is not a TCP port (got 0). Use an integer from 1 to 65535.');
    });

    it('X2: an invalid inbound port is rejected with its index', () => {
      const app = seedApp();
      expect(() => server(app, { inboundPorts: [8000, 99999] })).toThrow(
        'k8s/Server: inboundPorts[1] is not a TCP port (got 99999). Use an integer from 1 to 65535.');
    });

    it('X2: an invalid name is rejected', () => {
      const app = seedApp();
      expect(() => server(app, { name: 'App_1' })).toThrow(
        'k8s/Server: name is not a valid Kubernetes object name (got "App_1"). ' +
        'Use at most 253 lowercase letters, digits, hyphens and dots, starting and ending with a letter or digit.');
    });

    it('X2: empty pod labels are rejected', () => {
      const app = seedApp();
      expect(() => server(app, { podLabels: {} })).toThrow(
        'k8s/Server: podLabels must not be empty (got {}). The Deployment and Services select the pods by these labels; give at least one, e.g. { app: "app1" }.');
    });
  });

  describe('X5: values known only at apply time', () => {
    it('X5: a container port from a variable is used for the annotation, the container and the Service', () => {
      const app = seedApp();
      const port = new TerraformVariable(app.k8s, 'port', { type: 'number' });
      server(app, { containerPort: port.numberValue }).exposeViaNegService(SEED_SERVICE);
      const json = synth(app.k8s);
      expect((podTemplate(json, 'app1').metadata.annotations as Json)['cloud.google.com/includeInboundPorts']).toBe('${var.port}');
      expect((serviceNamed(json, 'service-test').spec as { port: Json[] }).port[0].target_port).toBe('${var.port}');
    });

    it('X5: a health check port from a variable is not checked at synth time', () => {
      const app = seedApp();
      const port = new TerraformVariable(app.gcp, 'hc_port', { type: 'number' });
      const healthCheck = new MeshHealthCheck(app.gcp, 'HealthCheck', { project: 'my-project-id', name: 'td-gke-health-check', port: port.numberValue });
      expect(() => server(app).exposeViaNegService({ ...SEED_SERVICE, healthCheck })).not.toThrow();
    });
  });
});
