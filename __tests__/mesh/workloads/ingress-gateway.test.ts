import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { GkeCluster, IMeshCertificates, KubernetesServiceAccount, MeshCertificates, MeshServiceAccount } from '../../../lib/gke';
import { Gateway } from '../../../lib/mesh/routing/gateway';
import { IngressGateway, IngressGatewayProps } from '../../../lib/mesh/workloads/ingress-gateway';
import { ClientValidation, ServerTlsPolicy } from '../../../lib/mesh/policy/server-tls-policy';
import { meshStacks } from '../../gke/fixtures';
import { resourcesOf, StackJson, synth } from '../../helpers/synth';

type Json = Record<string, unknown>;

interface SeedApp {
  readonly gcp: TerraformStack;
  readonly k8s: TerraformStack;
  readonly cluster: GkeCluster;
  readonly meshCertificates: IMeshCertificates;
  readonly clientKsa: KubernetesServiceAccount;
}

/** The seed's app with the cluster's mesh certificates (its WorkloadCertificateConfig and TrustConfig, S7). */
function seedApp(): SeedApp {
  const { gcp, k8s, cluster, hierarchy } = meshStacks();
  const googleServiceAccount = new MeshServiceAccount(gcp, 'MeshSa', { cluster });
  const meshCertificates = new MeshCertificates(k8s, 'MeshCertificates', {
    cluster, issuingPool: hierarchy.subordinatePool, trustAnchors: [hierarchy.rootPool],
  });
  new KubernetesServiceAccount(k8s, 'ServerKsa', { name: 'demo-server', googleServiceAccount });
  const clientKsa = new KubernetesServiceAccount(k8s, 'ClientKsa', { name: 'demo-client', googleServiceAccount });
  return { gcp, k8s, cluster, meshCertificates, clientKsa };
}

/** gateway_sample_xdsv3.yaml: PROJECT_NUMBER_PLACEHOLDER → PROJNUM, NETWORK_PLACEHOLDER → default, DEMO_CLIENT_KSA (S14). */
function gatewayIn(app: SeedApp, props: Partial<IngressGatewayProps> = {}): IngressGateway {
  return new IngressGateway(app.k8s, 'IngressGateway', {
    meshCertificates: app.meshCertificates,
    serviceAccount: app.clientKsa,
    projectNumber: '123456789012',
    ...props,
  });
}

/** R3's td-gke-gateway: scope gateway-proxy, port 8080, S15's server-tls-policy. */
function tdGkeGateway(gcp: TerraformStack, ports = [8080]): Gateway {
  const serverTlsPolicy = new ServerTlsPolicy(gcp, 'ServerTls', {
    project: 'my-project-id', name: 'server-tls-policy', description: 'tls server policy', clientValidation: ClientValidation.none(),
  });
  return new Gateway(gcp, 'Gateway', { project: 'my-project-id', name: 'td-gke-gateway', gatewayScope: 'gateway-proxy', ports, serverTlsPolicy });
}

function only(json: StackJson, type: string, namePrefix: string): Json {
  const found = Object.entries(resourcesOf(json, type)).filter(([address]) => address.startsWith(namePrefix)).map(([, r]) => r);
  if (found.length !== 1) throw new Error(`expected one ${type} ${namePrefix}*, found ${found.length}`);
  return found[0];
}

function podTemplate(json: StackJson): { metadata: Json; spec: Json } {
  return (only(json, 'kubernetes_deployment_v1', 'IngressGateway_').spec as Json).template as { metadata: Json; spec: Json };
}

function envoyContainer(json: StackJson): Json {
  return (podTemplate(json).spec.container as Json[])[0];
}

interface Bootstrap {
  readonly node: { readonly cluster: string; readonly metadata: Record<string, string> };
  readonly dynamic_resources: Json & { readonly ads_config: { readonly grpc_services: { readonly google_grpc: Json }[] } & Json };
  readonly admin: Json;
}

function bootstrapOf(json: StackJson): Bootstrap {
  const configMap = only(json, 'kubernetes_config_map_v1', 'IngressGateway_');
  return JSON.parse((configMap.data as Record<string, string>)['bootstrap.json']) as Bootstrap;
}

describe('IngressGateway', () => {
  describe('S14: gateway_sample_xdsv3.yaml (load-balancing API)', () => {
    let json: StackJson;
    let gateway: IngressGateway;
    beforeAll(() => {
      const app = seedApp();
      gateway = gatewayIn(app);
      json = synth(app.k8s);
    });

    it('S14: the standalone Envoy turns sidecar injection off with sidecar.istio.io/inject "false"', () => {
      expect(podTemplate(json).metadata.annotations).toMatchObject({ 'sidecar.istio.io/inject': 'false' });
    });

    it('S14: it runs as the client KSA', () => {
      expect(podTemplate(json).spec.service_account_name).toBe('demo-client');
    });

    it('S14: volume gke-workload-certificates is the GKE workload certificates CSI volume, mounted read-only', () => {
      expect(podTemplate(json).spec.volume).toEqual(expect.arrayContaining([
        { name: 'gke-workload-certificates', csi: { driver: 'workloadcertificates.security.cloud.google.com' } },
      ]));
      expect(envoyContainer(json).volume_mount).toEqual(expect.arrayContaining([
        { name: 'gke-workload-certificates', mount_path: '/var/run/secrets/workload-spiffe-credentials', read_only: true },
      ]));
    });

    it('S14: Service mesh-gateway is ClusterIP, port 443 to the Envoy port 8080', () => {
      const service = only(json, 'kubernetes_service_v1', 'IngressGateway_');
      expect(service).toMatchObject({
        metadata: { name: 'mesh-gateway', namespace: 'default' },
        spec: { type: 'ClusterIP', selector: { app: 'mesh-gateway' }, port: [{ port: 443, target_port: '8080', protocol: 'TCP' }] },
      });
      expect(envoyContainer(json).port).toEqual([{ name: 'https', container_port: 8080, protocol: 'TCP' }]);
      expect(gateway.servicePort).toBe(443);
      expect(gateway.listenPort).toBe(8080);
    });

    it('S14: Envoy fetches its configuration over ADS (gRPC, TLS, GCE credentials) from trafficdirector.googleapis.com:443', () => {
      const { dynamic_resources: dynamic } = bootstrapOf(json);
      expect(dynamic.lds_config).toEqual({ ads: {}, resource_api_version: 'V3' });
      expect(dynamic.cds_config).toEqual({ ads: {}, resource_api_version: 'V3' });
      expect(dynamic.ads_config).toMatchObject({ api_type: 'GRPC', transport_api_version: 'V3' });
      expect(dynamic.ads_config.grpc_services).toEqual([{
        google_grpc: {
          target_uri: 'trafficdirector.googleapis.com:443',
          stat_prefix: 'trafficdirector',
          channel_credentials: { ssl_credentials: { root_certs: { filename: '/etc/ssl/certs/ca-certificates.crt' } } },
          call_credentials: [{ google_compute_engine: {} }],
        },
      }]);
    });

    it('S14: node metadata names the project number and the network default', () => {
      expect(bootstrapOf(json).node).toEqual({
        cluster: 'cluster',
        metadata: { TRAFFICDIRECTOR_GCP_PROJECT_NUMBER: '123456789012', TRAFFICDIRECTOR_NETWORK_NAME: 'default' },
      });
    });

    it('S14: each pod\'s node id is projects/PROJNUM/networks/default/nodes/$(POD_NAME), from the downward API', () => {
      const envoy = envoyContainer(json);
      const args = envoy.args as string[];
      expect(args.slice(0, 2)).toEqual(['-c', '/etc/envoy/bootstrap.json']);
      expect(args[args.indexOf('--service-node') + 1]).toBe('projects/123456789012/networks/default/nodes/$(POD_NAME)');
      expect(envoy.env).toEqual([{ name: 'POD_NAME', value_from: { field_ref: { field_path: 'metadata.name' } } }]);
    });

    it('X1: the Envoy admin API is bound to 127.0.0.1', () => {
      expect(bootstrapOf(json).admin).toEqual({ address: { socket_address: { address: '127.0.0.1', port_value: 15000 } } });
    });

    it('X1: the gateway runs as non-root without the Kubernetes API token', () => {
      expect(podTemplate(json).spec.automount_service_account_token).toBe(false);
      expect(envoyContainer(json).security_context).toMatchObject({
        allow_privilege_escalation: false, run_as_non_root: true, read_only_root_filesystem: true, capabilities: { drop: ['ALL'] },
      });
    });

    it('S14: the Envoy image is pinned at 1.20.0 or later (seed 000)', () => {
      expect(envoyContainer(json).image).toBe('docker.io/envoyproxy/envoy:v1.34.1');
    });

    it('S14: a changed bootstrap rolls the pods', () => {
      const annotations = podTemplate(json).metadata.annotations as Record<string, string>;
      expect(annotations['checksum/bootstrap']).toMatch(/^[0-9a-f]{64}$/);
      const other = seedApp();
      gatewayIn(other, { projectNumber: '999999999999' });
      expect((podTemplate(synth(other.k8s)).metadata.annotations as Record<string, string>)['checksum/bootstrap'])
        .not.toBe(annotations['checksum/bootstrap']);
    });
  });

  describe('R3/S14: routing API gateway', () => {
    it('R3: the bootstrap carries the gateway scope gateway-proxy', () => {
      const app = seedApp();
      gatewayIn(app, { gateway: tdGkeGateway(app.gcp) });
      expect(bootstrapOf(synth(app.k8s)).node.metadata).toEqual({
        TRAFFICDIRECTOR_GCP_PROJECT_NUMBER: '123456789012',
        TRAFFICDIRECTOR_NETWORK_NAME: 'default',
        TRAFFICDIRECTOR_SCOPE_NAME: 'gateway-proxy',
      });
    });

    it('X2: a listen port that is not one of the gateway\'s ports is rejected', () => {
      const app = seedApp();
      expect(() => gatewayIn(app, { gateway: tdGkeGateway(app.gcp), listenPort: 9090 })).toThrow(
        'k8s/IngressGateway: listenPort is not a port of gateway "td-gke-gateway" (8080) (got 9090). ' +
        'Cloud Service Mesh programs listeners only on the Gateway\'s ports; set listenPort to one of them or add it to the Gateway.');
    });

    it('R3: another gateway port is accepted as listen port', () => {
      const app = seedApp();
      const gateway = gatewayIn(app, { gateway: tdGkeGateway(app.gcp, [8080, 8443]), listenPort: 8443 });
      expect(gateway.listenPort).toBe(8443);
    });
  });

  describe('S18: the mesh-certificate volume needs the cluster\'s mesh certificates, stated by the types', () => {
    it('S18: without meshCertificates the gateway is rejected with the fix (JavaScript callers)', () => {
      const app = seedApp();
      expect(() => gatewayIn(app, { meshCertificates: undefined as unknown as IMeshCertificates })).toThrow(
        'k8s/IngressGateway: meshCertificates is required (got nothing). Configure mesh certificates for the cluster in its Kubernetes stack, ' +
        'e.g. new MeshCertificates(k8sStack, "MeshCertificates", { cluster, issuingPool: hierarchy.subordinatePool, trustAnchors: [hierarchy.rootPool] }), ' +
        'or adopt them with MeshCertificates.fromCluster(...); without a WorkloadCertificateConfig and TrustConfig pods never start (seed 000, troubleshooting).');
    });

    it('S18: mesh certificates managed elsewhere are adopted with MeshCertificates.fromCluster', () => {
      const app = seedApp();
      const adopted = MeshCertificates.fromCluster(app.k8s, 'AdoptedCertificates', app.cluster);
      const gateway = gatewayIn(app, { meshCertificates: adopted });
      expect(gateway.name).toBe('mesh-gateway');
    });
  });

  describe('X2: bad input', () => {
    it('X2: rejects Envoy older than 1.20.0', () => {
      const app = seedApp();
      expect(() => gatewayIn(app, { envoyImage: 'envoyproxy/envoy:v1.18.3' })).toThrow(
        'k8s/IngressGateway: envoyImage is Envoy 1.18.3, older than 1.20.0 (got "envoyproxy/envoy:v1.18.3"). ' +
        'Cloud Service Mesh needs Envoy 1.20.0 or later for xDS v3 (seed 000); use e.g. "docker.io/envoyproxy/envoy:v1.34.1".');
    });

    it('X2: rejects a project ID given as projectNumber', () => {
      const app = seedApp();
      expect(() => gatewayIn(app, { projectNumber: 'my-project-id' })).toThrow(
        'k8s/IngressGateway: projectNumber is not a project number (got "my-project-id"). ' +
        'Use the numeric project number shown by `gcloud projects describe PROJECT_ID --format="value(projectNumber)"`.');
    });

    it('X2: rejects a namespace other than the service account\'s', () => {
      const app = seedApp();
      expect(() => gatewayIn(app, { namespace: 'istio-ingress' })).toThrow(
        'k8s/IngressGateway: namespace differs from the namespace "default" of service account "demo-client" (got "istio-ingress"). ' +
        'A pod can only run as a service account of its own namespace; deploy the workload in the service account\'s namespace, or create the KubernetesServiceAccount in the workload\'s namespace.');
    });

    it('X2: rejects an invalid service port', () => {
      const app = seedApp();
      expect(() => gatewayIn(app, { servicePort: 0 })).toThrow('k8s/IngressGateway: servicePort is not a TCP port (got 0). Use an integer from 1 to 65535.');
    });

    it('X2: rejects an invalid listen port', () => {
      const app = seedApp();
      expect(() => gatewayIn(app, { listenPort: 65536 })).toThrow('k8s/IngressGateway: listenPort is not a TCP port (got 65536). Use an integer from 1 to 65535.');
    });

    it('X2: rejects an invalid Service name', () => {
      const app = seedApp();
      expect(() => gatewayIn(app, { name: 'Mesh_Gateway' })).toThrow(
        'k8s/IngressGateway: name is not a valid Kubernetes Service name (got "Mesh_Gateway"). ' +
        'Use at most 63 lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit, e.g. "service-test".');
    });
  });

  describe('X5: values known only at apply time', () => {
    it('X5: a project number from a variable reaches the node id and the bootstrap', () => {
      const app = seedApp();
      const projectNumber = new TerraformVariable(app.k8s, 'project_number', { type: 'string' });
      gatewayIn(app, { projectNumber: projectNumber.stringValue });
      const json = synth(app.k8s);
      const args = envoyContainer(json).args as string[];
      expect(args).toContain('projects/${var.project_number}/networks/default/nodes/$(POD_NAME)');
      expect(bootstrapOf(json).node.metadata.TRAFFICDIRECTOR_GCP_PROJECT_NUMBER).toBe('${var.project_number}');
    });
  });

  it('X4: two synths of the same app are identical', () => {
    const render = () => {
      const app = seedApp();
      gatewayIn(app);
      return Testing.synth(app.k8s);
    };
    expect(render()).toBe(render());
  });
});
