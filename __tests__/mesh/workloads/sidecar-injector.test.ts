import { TlsProvider } from '@cdktf/provider-tls/lib/provider';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { parse as parseYaml } from 'yaml';
import { KubernetesServiceAccount, MeshCertificates, MeshServiceAccount } from '../../../lib/gke';
import { Mesh } from '../../../lib/mesh/routing/mesh';
import { SidecarInjector, SidecarInjectorProps } from '../../../lib/mesh/workloads/sidecar-injector';
import { meshStacks, warningsUnder } from '../../gke/fixtures';
import { resourcesOf, StackJson, synth } from '../../helpers/synth';

type Json = Record<string, unknown>;

/** The seed's app: cluster, CA hierarchy and mesh identities in `gcp`; mesh-certificate objects and KSAs in `k8s`. */
function seedApp() {
  const { gcp, k8s, cluster, hierarchy } = meshStacks();
  const googleServiceAccount = new MeshServiceAccount(gcp, 'MeshSa', { cluster });
  new MeshCertificates(k8s, 'MeshCertificates', { cluster, issuingPool: hierarchy.subordinatePool, trustAnchors: [hierarchy.rootPool] });
  new KubernetesServiceAccount(k8s, 'ServerKsa', { name: 'demo-server', googleServiceAccount });
  new KubernetesServiceAccount(k8s, 'ClientKsa', { name: 'demo-client', googleServiceAccount });
  return { gcp, k8s, cluster };
}

function injectorIn(k8s: TerraformStack, props: Partial<SidecarInjectorProps> = {}): SidecarInjector {
  return new SidecarInjector(k8s, 'Injector', { projectNumber: '123456789012', ...props });
}

/** Synthesizes with validations against the upstream schemas (tls_* resources have none; their fields are asserted below). */
function synthK8s(stack: TerraformStack): StackJson {
  return synth(stack);
}

/** The only resource of a type whose metadata.name is `name`. */
function named(json: StackJson, type: string, name: string): Json {
  const found = Object.values(resourcesOf(json, type)).filter((r) => (r.metadata as Json | undefined)?.name === name);
  if (found.length !== 1) throw new Error(`expected one ${type} named ${name}, found ${found.length}`);
  return found[0];
}

function only(json: StackJson, type: string): Json {
  const all = Object.values(resourcesOf(json, type));
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}

function dataOf(json: StackJson, name: string): Record<string, string> {
  return named(json, 'kubernetes_config_map_v1', name).data as Record<string, string>;
}

// ---------------------------------------------------------------------------------------------------------------
// A minimal executor for the Go-template forms the injection template uses, so tests can check the pod patch the
// injector produces for the seed's pods (the Istio 1.5 injector runs text/template with these functions).

interface TemplatePod {
  readonly annotations: Record<string, string>;
  readonly labels: Record<string, string>;
}

interface ProxyConfig {
  readonly discoveryAddress: string;
  readonly proxyAdminPort: number;
  readonly proxyMetadata: Record<string, string>;
}

function goQuote(value: string): string {
  return JSON.stringify(value);
}

function sortedJson(map: Record<string, string>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(map).sort(([a], [b]) => a.localeCompare(b))));
}

function executeTemplate(template: string, pod: TemplatePod, proxy: ProxyConfig): string {
  const vars: Record<string, unknown> = {};
  const command = (text: string, piped?: unknown): unknown => {
    let match: RegExpExecArray | null;
    if ((match = /^eq \((.*)\) `(.*)`$/.exec(text))) return command(match[1]) === match[2];
    if ((match = /^annotation \.ObjectMeta `(.*?)` `(.*?)`$/.exec(text))) return pod.annotations[match[1]] ?? match[2];
    if ((match = /^isset \.ObjectMeta\.Annotations `(.*)`$/.exec(text))) return match[1] in pod.annotations;
    if (text === 'toJSON .ObjectMeta.Labels') return sortedJson(pod.labels);
    if ((match = /^\.ProxyConfig\.ProxyMetadata\.(\w+)$/.exec(text))) return proxy.proxyMetadata[match[1]] ?? '';
    if (text === '.ProxyConfig.DiscoveryAddress') return proxy.discoveryAddress;
    if (text === '.ProxyConfig.ProxyAdminPort') return proxy.proxyAdminPort;
    if (text.startsWith('$')) return vars[text];
    if ((match = /^printf "(.*)"$/.exec(text))) {
      const format = match[1];
      return format === '%q' ? goQuote(String(piped)) : format.replace(/%[sd]/, String(piped));
    }
    throw new Error(`unsupported template command: ${text}`);
  };
  const pipeline = (text: string): unknown => text.split(' | ').reduce<unknown>((value, part, i) => command(part, i === 0 ? undefined : value), undefined);

  const trimmed = template.replace(/\s*\{\{-/g, '{{').replace(/-\}\}\s*/g, '}}');
  const frames: { active: boolean; taken: boolean }[] = [];
  const active = () => frames.every((frame) => frame.active);
  let out = '';
  for (const piece of trimmed.split(/(\{\{.*?\}\})/)) {
    const action = /^\{\{\s*(.*?)\s*\}\}$/.exec(piece)?.[1];
    if (action === undefined) {
      if (active()) out += piece;
      continue;
    }
    let match: RegExpExecArray | null;
    if ((match = /^(\$\w+) := (.*)$/.exec(action))) {
      vars[match[1]] = pipeline(match[2]);
    } else if ((match = /^if (.*)$/.exec(action))) {
      const taken = Boolean(pipeline(match[1]));
      frames.push({ active: taken, taken });
    } else if ((match = /^else if (.*)$/.exec(action))) {
      const frame = frames[frames.length - 1];
      frame.active = !frame.taken && Boolean(pipeline(match[1]));
      frame.taken = frame.taken || frame.active;
    } else if (action === 'end') {
      frames.pop();
    } else if (active()) {
      out += String(pipeline(action));
    }
  }
  return out;
}

interface PodPatch {
  readonly containers: Json[];
  readonly initContainers: Json[];
  readonly volumes: Json[];
}

/** The pod patch the injector would apply to a pod with these annotations and labels. */
function patchFor(json: StackJson, pod: Partial<TemplatePod>): PodPatch {
  const config = parseYaml(dataOf(json, 'istio-sidecar-injector').config) as { template: string };
  const proxy = (JSON.parse(dataOf(json, 'injector-mesh').mesh) as { defaultConfig: ProxyConfig }).defaultConfig;
  const rendered = executeTemplate(config.template, { annotations: pod.annotations ?? {}, labels: pod.labels ?? {} }, proxy);
  return parseYaml(rendered) as PodPatch;
}

function container(list: Json[], name: string): Json {
  const found = list.find((c) => c.name === name);
  if (!found) throw new Error(`no container ${name}`);
  return found;
}

/** S10: the seed's server pod annotations. */
const SERVER_POD: TemplatePod = {
  labels: { run: 'app1' },
  annotations: {
    'cloud.google.com/proxyMetadata': '{"app": "payments"}',
    'cloud.google.com/enableManagedCerts': 'true',
    'cloud.google.com/includeInboundPorts': '8000',
  },
};

/** S10: client pods carry only enableManagedCerts. */
const CLIENT_POD: TemplatePod = { labels: { run: 'client' }, annotations: { 'cloud.google.com/enableManagedCerts': 'true' } };

// ---------------------------------------------------------------------------------------------------------------

describe('SidecarInjector', () => {
  describe('S9: the td-sidecar-injector-xdsv3 objects (load-balancing API)', () => {
    let json: StackJson;
    let injector: SidecarInjector;
    beforeAll(() => {
      const { k8s } = seedApp();
      injector = injectorIn(k8s);
      json = synthK8s(k8s);
    });

    it('S9: everything lives in namespace istio-control', () => {
      expect(injector.namespace).toBe('istio-control');
      expect(only(json, 'kubernetes_namespace_v1').metadata).toEqual({ name: 'istio-control' });
      for (const type of ['kubernetes_service_account_v1', 'kubernetes_config_map_v1', 'kubernetes_secret_v1', 'kubernetes_deployment_v1',
        'kubernetes_service_v1', 'kubernetes_pod_disruption_budget_v1']) {
        const injectorObjects = Object.entries(resourcesOf(json, type)).filter(([address]) => address.startsWith('Injector_'));
        expect(injectorObjects.length).toBeGreaterThan(0);
        injectorObjects.forEach(([, r]) => expect((r.metadata as Json).namespace).toBe('istio-control'));
      }
    });

    it('S9: ConfigMap injector-mesh holds discoveryAddress, proxyAdminPort and the project/network proxy metadata', () => {
      expect(JSON.parse(dataOf(json, 'injector-mesh').mesh)).toEqual({
        defaultConfig: {
          discoveryAddress: 'trafficdirector.googleapis.com:443',
          proxyAdminPort: 15000,
          proxyMetadata: { TRAFFICDIRECTOR_GCP_PROJECT_NUMBER: '123456789012', TRAFFICDIRECTOR_NETWORK_NAME: 'default' },
        },
      });
      expect(injector.meshName).toBeUndefined();
    });

    it('S9/X1: the webhook injects on pod CREATE in namespaces labelled istio-injection=enabled and fails closed', () => {
      const webhook = only(json, 'kubernetes_mutating_webhook_configuration_v1');
      expect(webhook.metadata).toMatchObject({ name: 'istio-sidecar-injector-istio-control' });
      expect(webhook.webhook).toEqual([expect.objectContaining({
        name: 'sidecar-injector.istio.io',
        failure_policy: 'Fail',
        side_effects: 'None',
        admission_review_versions: ['v1beta1'],
        namespace_selector: { match_labels: { 'istio-injection': 'enabled' } },
        rule: [{ operations: ['CREATE'], api_groups: [''], api_versions: ['v1'], resources: ['pods'] }],
        client_config: {
          service: { name: 'istio-sidecar-injector', namespace: 'istio-control', path: '/inject', port: 443 },
          ca_bundle: expect.stringMatching(/^\$\{tls_self_signed_cert\.\w+\.cert_pem\}$/),
        },
      })]);
    });

    it('S9: the webhook is registered after the injector serves, and removed before it on destroy', () => {
      const webhook = only(json, 'kubernetes_mutating_webhook_configuration_v1');
      expect(webhook.depends_on).toEqual(expect.arrayContaining([
        expect.stringMatching(/^kubernetes_deployment_v1\.Injector_Deployment/),
        expect.stringMatching(/^kubernetes_service_v1\.Injector_Service/),
      ]));
    });

    it('S9: Service istio-sidecar-injector maps 443 to the webhook port 9443', () => {
      expect(named(json, 'kubernetes_service_v1', 'istio-sidecar-injector').spec).toMatchObject({
        type: 'ClusterIP',
        selector: { istio: 'sidecar-injector' },
        port: [{ port: 443, target_port: '9443', protocol: 'TCP' }],
      });
    });

    it('S9: the serving key is ECDSA P256 and the certificate names the Service DNS name for server auth, 1 year, renewed early', () => {
      expect(only(json, 'tls_private_key')).toMatchObject({ algorithm: 'ECDSA', ecdsa_curve: 'P256' });
      const certificate = only(json, 'tls_self_signed_cert');
      expect(certificate).toMatchObject({
        dns_names: ['istio-sidecar-injector.istio-control.svc'],
        subject: [{ common_name: 'istio-sidecar-injector.istio-control.svc' }],
        validity_period_hours: 8760,
        early_renewal_hours: 720,
        private_key_pem: expect.stringMatching(/^\$\{tls_private_key\.\w+\.private_key_pem\}$/),
      });
      expect(certificate.allowed_uses).toEqual(expect.arrayContaining(['server_auth', 'digital_signature']));
    });

    it('S9: Secret istio-sidecar-injector holds key.pem, cert.pem and ca-cert.pem (the self-signed certificate)', () => {
      const secret = named(json, 'kubernetes_secret_v1', 'istio-sidecar-injector');
      expect(secret.data).toEqual({
        'key.pem': expect.stringMatching(/^\$\{tls_private_key\.\w+\.private_key_pem\}$/),
        'cert.pem': expect.stringMatching(/^\$\{tls_self_signed_cert\.\w+\.cert_pem\}$/),
        'ca-cert.pem': expect.stringMatching(/^\$\{tls_self_signed_cert\.\w+\.cert_pem\}$/),
      });
      const webhook = (only(json, 'kubernetes_mutating_webhook_configuration_v1').webhook as Json[])[0];
      expect((webhook.client_config as Json).ca_bundle).toBe((secret.data as Json)['ca-cert.pem']);
    });

    it('S9: the stack gets a tls provider for the certificate', () => {
      expect(json.provider).toHaveProperty('tls');
    });

    it('S9: the injector never rewrites the caBundle Terraform owns (no drift), so it needs no patch permission', () => {
      const deployment = named(json, 'kubernetes_deployment_v1', 'istio-sidecar-injector');
      const spec = ((deployment.spec as Json).template as Json).spec as Json;
      const args = (spec.container as Json[])[0].args as string[];
      expect(args).toContain('--reconcileWebhookConfig=false');
      const verbs = (only(json, 'kubernetes_cluster_role_v1').rule as Json[]).flatMap((rule) => rule.verbs as string[]);
      expect(verbs).not.toContain('patch');
      expect([...new Set(verbs)].sort()).toEqual(['get', 'list', 'watch']);
    });

    it('S9: the injector Deployment runs 2 replicas as its service account with mesh config, certificates and template mounted', () => {
      const deployment = named(json, 'kubernetes_deployment_v1', 'istio-sidecar-injector');
      expect(deployment.spec).toMatchObject({ replicas: '2', selector: { match_labels: { istio: 'sidecar-injector' } } });
      const template = (deployment.spec as Json).template as Json;
      expect((template.metadata as Json).annotations).toMatchObject({ 'sidecar.istio.io/inject': 'false' });
      expect(template.spec).toMatchObject({
        service_account_name: 'istio-sidecar-injector-service-account',
        volume: expect.arrayContaining([
          { name: 'config-volume', config_map: { name: 'injector-mesh' } },
          { name: 'certs', secret: { secret_name: 'istio-sidecar-injector' } },
          expect.objectContaining({ name: 'inject-config', config_map: expect.objectContaining({ name: 'istio-sidecar-injector' }) }),
        ]),
      });
      const args = ((template.spec as Json).container as Json[])[0].args as string[];
      expect(args).toEqual(expect.arrayContaining(['--port=9443', '--meshConfig=/etc/istio/config/mesh', '--injectConfig=/etc/istio/inject/config']));
    });

    it('S9: PodDisruptionBudget (policy/v1) selects the injector pods', () => {
      expect(only(json, 'kubernetes_pod_disruption_budget_v1').spec).toEqual({
        max_unavailable: '1',
        selector: { match_labels: { istio: 'sidecar-injector' } },
      });
    });

    it('S9: the injection config enables injection and carries the template and values keys', () => {
      const data = dataOf(json, 'istio-sidecar-injector');
      expect(Object.keys(data).sort()).toEqual(['config', 'values']);
      const config = parseYaml(data.config) as Json;
      expect(config).toMatchObject({ policy: 'enabled', alwaysInjectSelector: [], neverInjectSelector: [] });
      expect(config.template).toBe(`${injector.injectionTemplate}\n`);
      expect(JSON.parse(data.values)).toMatchObject({ sidecarInjectorWebhook: { injectLabel: 'istio-injection' } });
    });

    it('S9: the template contains no Terraform interpolation sequences', () => {
      expect(dataOf(json, 'istio-sidecar-injector').config).not.toMatch(/\$\{|%\{/);
    });
  });

  describe('S9/S10: the pod patch for the seed\'s pods', () => {
    let json: StackJson;
    beforeAll(() => {
      const { k8s } = seedApp();
      injectorIn(k8s);
      json = synthK8s(k8s);
    });

    it('S10: a server pod gets the envoy sidecar with its bootstrap and the gke-workload-certificates CSI volume, read-only', () => {
      const patch = patchFor(json, SERVER_POD);
      const envoy = container(patch.containers, 'envoy');
      expect(envoy.image).toBe('docker.io/envoyproxy/envoy:v1.34.1');
      expect(envoy.env).toEqual([{ name: 'ENVOY_UID', value: '1337' }]);
      expect(envoy.volumeMounts).toEqual([
        { name: 'envoy-bootstrap', mountPath: '/etc/envoy' },
        { name: 'gke-workload-certificates', mountPath: '/var/run/secrets/workload-spiffe-credentials', readOnly: true },
      ]);
      expect(patch.volumes).toEqual([
        { name: 'envoy-bootstrap', emptyDir: {} },
        { name: 'gke-workload-certificates', csi: { driver: 'workloadcertificates.security.cloud.google.com' } },
      ]);
    });

    it('S10: the bootstrap writer gets the project, network, inbound port 8000, proxy metadata {"app": "payments"} and workload certificates', () => {
      const writer = container(patchFor(json, SERVER_POD).initContainers, 'td-bootstrap-writer');
      expect(writer.args).toEqual([
        '--project_number=123456789012',
        '--network_name=default',
        '--bootstrap_file_output_path=/var/lib/data/envoy.yaml',
        '--traffic_director_url=trafficdirector.googleapis.com:443',
        '--envoy_admin_port=15000',
        '--inbound_backend_ports=8000',
        '--proxy_metadata={"app": "payments"}',
        '--use_workload_certificates',
      ]);
      expect(writer.volumeMounts).toEqual([{ name: 'envoy-bootstrap', mountPath: '/var/lib/data' }]);
    });

    it('S10: istio-init redirects to 15001 as UID 1337, intercepts inbound 8000 and leaves the metadata server alone', () => {
      const init = container(patchFor(json, SERVER_POD).initContainers, 'istio-init');
      expect(init.args).toEqual([
        'istio-iptables', '-p', '15001', '-u', '1337', '-m', 'REDIRECT',
        '-i', '*', '-b', '8000', '-x', '169.254.169.254/32', '-d', '', '-o', '',
      ]);
      expect(init.securityContext).toMatchObject({ capabilities: { add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] }, privileged: false });
    });

    it('S10: a client pod (only enableManagedCerts) gets certificates but no inbound interception or proxy metadata', () => {
      const patch = patchFor(json, CLIENT_POD);
      const writer = container(patch.initContainers, 'td-bootstrap-writer');
      expect(writer.args).toContain('--use_workload_certificates');
      expect((writer.args as string[]).filter((arg) => /inbound_backend_ports|proxy_metadata/.test(arg))).toEqual([]);
      expect(container(patch.initContainers, 'istio-init').args).toEqual(expect.arrayContaining(['-b', '']));
      expect(patch.volumes.map((v) => v.name)).toContain('gke-workload-certificates');
    });

    it('S10: without enableManagedCerts no certificate volume is mounted', () => {
      const patch = patchFor(json, { labels: { run: 'x' }, annotations: {} });
      expect(patch.volumes.map((v) => v.name)).toEqual(['envoy-bootstrap']);
      expect(container(patch.containers, 'envoy').volumeMounts).toEqual([{ name: 'envoy-bootstrap', mountPath: '/etc/envoy' }]);
      expect(container(patch.initContainers, 'td-bootstrap-writer').args).not.toContain('--use_workload_certificates');
    });

    it('S9: cloud.google.com/forwardPodLabels sends the pod labels as proxy metadata instead', () => {
      const writer = container(patchFor(json, {
        labels: { run: 'app1', app: 'payments' },
        annotations: { 'cloud.google.com/forwardPodLabels': 'true', 'cloud.google.com/proxyMetadata': '{"ignored": "x"}' },
      }).initContainers, 'td-bootstrap-writer');
      expect((writer.args as string[]).filter((arg) => arg.startsWith('--proxy_metadata'))).toEqual(['--proxy_metadata={"app":"payments","run":"app1"}']);
    });

    it('S9: annotation values with quotes and colons stay one argument (the template quotes them)', () => {
      const writer = container(patchFor(json, {
        labels: {},
        annotations: { 'cloud.google.com/proxyMetadata': '{"team": "a\\"b: c"}' },
      }).initContainers, 'td-bootstrap-writer');
      expect(writer.args).toContain('--proxy_metadata={"team": "a\\"b: c"}');
    });
  });

  describe('S9: routing API (seed 002: mesh name, network empty)', () => {
    let json: StackJson;
    let injector: SidecarInjector;
    beforeAll(() => {
      const { gcp, k8s } = seedApp();
      const mesh = new Mesh(gcp, 'Mesh', { project: 'my-project-id', name: 'sidecar-mesh' });
      injector = injectorIn(k8s, { mesh });
      json = synthK8s(k8s);
    });

    it('S9: proxy metadata carries TRAFFICDIRECTOR_MESH_NAME = the mesh name and an empty network name', () => {
      const { proxyMetadata } = (JSON.parse(dataOf(json, 'injector-mesh').mesh) as { defaultConfig: ProxyConfig }).defaultConfig;
      expect(proxyMetadata).toEqual({
        TRAFFICDIRECTOR_GCP_PROJECT_NUMBER: '123456789012',
        TRAFFICDIRECTOR_NETWORK_NAME: '',
        TRAFFICDIRECTOR_MESH_NAME: 'sidecar-mesh',
      });
      expect(injector.meshName).toBe('sidecar-mesh');
      expect(injector.network).toBe('');
    });

    it('S9: the bootstrap writer is given the mesh name', () => {
      const writer = container(patchFor(json, SERVER_POD).initContainers, 'td-bootstrap-writer');
      expect(writer.args).toEqual(expect.arrayContaining(['--network_name=', '--config_mesh=sidecar-mesh']));
    });

    it('R1 (issue 7 defect): a mesh with a non-default interception port makes istio-init redirect to that port', () => {
      const { gcp, k8s } = seedApp();
      const mesh = new Mesh(gcp, 'Mesh', { project: 'my-project-id', name: 'sidecar-mesh', interceptionPort: 15101 });
      const custom = injectorIn(k8s, { mesh });
      const init = container(patchFor(synthK8s(k8s), SERVER_POD).initContainers, 'istio-init');
      expect(init.args).toEqual(expect.arrayContaining(['-p', '15101']));
      expect(init.args).not.toContain('15001');
      expect(custom.interceptionPort).toBe(15101);
    });

    it('X2: network cannot be combined with mesh', () => {
      const { gcp, k8s } = seedApp();
      const mesh = new Mesh(gcp, 'Mesh', { project: 'my-project-id', name: 'sidecar-mesh' });
      expect(() => injectorIn(k8s, { mesh, network: 'default' })).toThrow(
        'k8s/Injector: network cannot be combined with mesh (got "default"). With the routing API the sidecars select their ' +
        'configuration by mesh and the network stays empty (seed 002); remove network.');
    });
  });

  describe('S9: enableInjection', () => {
    it('S9: labels the existing namespace istio-injection=enabled with kubernetes_labels, after the webhook exists', () => {
      const { k8s } = seedApp();
      injectorIn(k8s).enableInjection('default');
      const labels = only(synthK8s(k8s), 'kubernetes_labels');
      expect(labels).toMatchObject({
        api_version: 'v1',
        kind: 'Namespace',
        metadata: { name: 'default' },
        labels: { 'istio-injection': 'enabled' },
        force: true,
      });
      expect(labels.depends_on).toEqual([expect.stringMatching(/^kubernetes_mutating_webhook_configuration_v1\./)]);
    });

    it('S9: is idempotent per namespace and gives each namespace its own resource', () => {
      const { k8s } = seedApp();
      const injector = injectorIn(k8s);
      const first = injector.enableInjection('default');
      expect(injector.enableInjection('default')).toBe(first);
      const other = injector.enableInjection('team-x');
      expect(other).not.toBe(first);
      const all = Object.values(resourcesOf(synthK8s(k8s), 'kubernetes_labels')).map((r) => (r.metadata as Json).name);
      expect(all.sort()).toEqual(['default', 'team-x']);
    });

    it('X2: rejects an invalid namespace name', () => {
      const { k8s } = seedApp();
      expect(() => injectorIn(k8s).enableInjection('Team_X')).toThrow(
        'k8s/Injector: namespace is not a valid Kubernetes name (got "Team_X"). ' +
        'Use at most 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit.');
    });
  });

  describe('S9: TLS provider', () => {
    it('S9: reuses a TlsProvider the stack already has', () => {
      const { k8s } = seedApp();
      const existing = new TlsProvider(k8s, 'my-tls', { alias: 'mine' });
      const injector = injectorIn(k8s);
      expect(injector.privateKey.provider).toBe(existing);
      expect(k8s.node.findAll().filter((c) => c instanceof TlsProvider)).toHaveLength(1);
    });
  });

  describe('X2: bad input', () => {
    it('X2: rejects a project ID given as projectNumber', () => {
      const { k8s } = seedApp();
      expect(() => injectorIn(k8s, { projectNumber: 'my-project-id' })).toThrow(
        'k8s/Injector: projectNumber is not a project number (got "my-project-id"). ' +
        'Use the numeric project number shown by `gcloud projects describe PROJECT_ID --format="value(projectNumber)"`.');
    });

    it('X2: rejects Envoy older than 1.20.0 (seed 000: xDS v3 needs Envoy 1.20.0 or later)', () => {
      const { k8s } = seedApp();
      expect(() => injectorIn(k8s, { envoyImage: 'envoyproxy/envoy:v1.18.3' })).toThrow(
        'k8s/Injector: envoyImage is Envoy 1.18.3, older than 1.20.0 (got "envoyproxy/envoy:v1.18.3"). ' +
        'Cloud Service Mesh needs Envoy 1.20.0 or later for xDS v3 (seed 000); use e.g. "docker.io/envoyproxy/envoy:v1.34.1".');
    });

    it('S9: accepts Envoy 1.20.0, minor-only tags, and images pinned by digest', () => {
      for (const envoyImage of ['envoyproxy/envoy:v1.20.0', 'envoyproxy/envoy:v1.31-latest', 'registry:5000/envoy@sha256:abc']) {
        const { k8s } = seedApp();
        expect(() => injectorIn(k8s, { envoyImage })).not.toThrow();
      }
    });

    it('X2: rejects an invalid network name', () => {
      const { k8s } = seedApp();
      expect(() => injectorIn(k8s, { network: 'My_Network' })).toThrow(
        'k8s/Injector: network is not a valid Google Cloud resource name (got "My_Network"). ' +
        'Use 1-63 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.');
    });

    it('X2: an empty network needs a mesh', () => {
      const { k8s } = seedApp();
      expect(() => injectorIn(k8s, { network: '' })).toThrow('k8s/Injector: network is not a valid Google Cloud resource name (got "").');
    });

    it('X2: rejects zero replicas', () => {
      const { k8s } = seedApp();
      expect(() => injectorIn(k8s, { replicas: 0 })).toThrow('k8s/Injector: replicas must be an integer from 1 to 100 (got 0). Use a value from 1 to 100.');
    });

    it('X1: one replica is accepted with a warning (the webhook fails closed)', () => {
      const { k8s } = seedApp();
      const injector = injectorIn(k8s, { replicas: 1 });
      expect(warningsUnder(injector)).toEqual([expect.stringContaining('One injector replica')]);
    });
  });

  describe('X5: values known only at apply time', () => {
    it('X5: a project number and an Envoy image from variables pass validation and reach the objects', () => {
      const { k8s } = seedApp();
      const projectNumber = new TerraformVariable(k8s, 'project_number', { type: 'string' });
      const envoyImage = new TerraformVariable(k8s, 'envoy_image', { type: 'string' });
      const injector = injectorIn(k8s, { projectNumber: projectNumber.stringValue, envoyImage: envoyImage.stringValue });
      injector.enableInjection('default');
      const json = synthK8s(k8s);
      expect(dataOf(json, 'injector-mesh').mesh).toContain('"TRAFFICDIRECTOR_GCP_PROJECT_NUMBER": "${var.project_number}"');
      expect(dataOf(json, 'istio-sidecar-injector').config).toContain('${var.envoy_image}');
    });
  });

  it('X4: two synths of the same app are identical', () => {
    const build = () => {
      const { k8s } = seedApp();
      injectorIn(k8s).enableInjection('default');
      return Testing.synth(k8s);
    };
    expect(build()).toBe(build());
  });
});
