import { AnnotationMetadataEntryType, App, Testing } from 'cdktf';
import { loadTopologyConfig } from '../../app/config';
import { buildReferenceTopology, VariantStacks } from '../../app/reference-topology';
import { StackJson, synth } from '../helpers/synth';

/**
 * The reference topology of main.ts on its built-in demo defaults: every SPEC value of seeds 000 (lb-api) and
 * 002 (routing-api), asserted by ID, plus the stack layout rules. `synth` also checks every stack against the
 * upstream provider and CRD schemas.
 */
type Json = Record<string, unknown>;

function build(env: Record<string, string> = {}): { app: App; variants: VariantStacks[]; json: Record<string, StackJson> } {
  const app = Testing.app();
  const variants = buildReferenceTopology(app, loadTopologyConfig(env));
  const json: Record<string, StackJson> = {};
  for (const v of variants) for (const stack of [v.gcp, v.kubernetes, v.traffic]) json[stack.node.id] = synth(stack);
  return { app, variants, json };
}

const { variants, json } = build();

function all(stack: string, type: string): Json[] {
  return Object.values(json[stack].resource?.[type] ?? {});
}

function one(stack: string, type: string, where: (r: Json) => boolean = () => true): Json {
  const found = all(stack, type).filter(where);
  if (found.length !== 1) throw new Error(`expected one ${type} in ${stack}, found ${found.length}`);
  return found[0];
}

const named = (name: string) => (r: Json) => r.name === name;
const metadataNamed = (name: string) => (r: Json) => (r.metadata as Json).name === name;
const manifestOfKind = (kind: string) => (r: Json) => (r.manifest as Json).kind === kind;

describe.each(['lb-api', 'routing-api'])('%s variant', (variant) => {
  const gcp = `${variant}-gcp`;
  const k8s = `${variant}-k8s`;
  const traffic = `${variant}-traffic`;

  describe('stack layout', () => {
    it('three stacks, deployed gcp → k8s → traffic', () => {
      const stacks = variants.find((v) => v.variant === variant)!;
      expect([stacks.gcp, stacks.kubernetes, stacks.traffic].map((s) => s.node.id)).toEqual([gcp, k8s, traffic]);
      expect(stacks.kubernetes.dependencies).toContain(stacks.gcp);
      expect(stacks.traffic.dependencies).toEqual(expect.arrayContaining([stacks.gcp, stacks.kubernetes]));
    });

    it('no stack mixes google_* and kubernetes_* resources', () => {
      for (const stack of [gcp, traffic]) {
        expect(Object.keys(json[stack].resource ?? {}).filter((t) => t.startsWith('kubernetes_'))).toEqual([]);
      }
      expect(Object.keys(json[k8s].resource ?? {}).filter((t) => t.startsWith('google_'))).toEqual([]);
    });

    it('stacks reference each other by name, never through terraform_remote_state', () => {
      for (const stack of [gcp, k8s, traffic]) expect(Object.keys(json[stack].data ?? {})).not.toContain('terraform_remote_state');
    });

    it('the kubernetes provider is configured from a cluster lookup by plain project/location/name', () => {
      const lookup = Object.values((json[k8s].data as Json).google_container_cluster as Json)[0] as Json;
      expect(lookup).toMatchObject({ project: 'my-project-id', location: 'us-east1-b', name: 'secure-td-cluster' });
      const [provider] = (json[k8s].provider as Json).kubernetes as Json[];
      expect(provider.host).toMatch(/^https:\/\/\$\{data\.google_container_cluster\.\w+\.endpoint\}$/);
    });
  });

  it('S1: the eight APIs are enabled', () => {
    expect(all(gcp, 'google_project_service').map((s) => s.service).sort()).toEqual([
      'cloudresourcemanager.googleapis.com', 'compute.googleapis.com', 'container.googleapis.com', 'gkehub.googleapis.com',
      'networksecurity.googleapis.com', 'networkservices.googleapis.com', 'privateca.googleapis.com', 'trafficdirector.googleapis.com',
    ]);
  });

  it('S2: cluster with mesh certificates, workload identity, GKE_METADATA, VPC-native and the health-check tag', () => {
    const cluster = one(gcp, 'google_container_cluster');
    expect(cluster).toMatchObject({
      name: 'secure-td-cluster',
      location: 'us-east1-b',
      mesh_certificates: { enable_certificates: true },
      workload_identity_config: { workload_pool: 'my-project-id.svc.id.goog' },
      release_channel: { channel: 'RAPID' },
      min_master_version: '1.21.4-gke.1801',
      networking_mode: 'VPC_NATIVE',
    });
    const pool = one(gcp, 'google_container_node_pool');
    expect(pool.node_config).toMatchObject({
      workload_metadata_config: { mode: 'GKE_METADATA' },
      image_type: 'COS_CONTAINERD',
      machine_type: 'e2-standard-2',
      oauth_scopes: ['https://www.googleapis.com/auth/cloud-platform'],
    });
    expect((pool.node_config as Json).tags).toContain('allow-health-checks');
  });

  it('S4: fleet membership with workload identity', () => {
    expect(one(gcp, 'google_gke_hub_membership')).toMatchObject({
      membership_id: 'secure-td-cluster',
      endpoint: { gke_cluster: { resource_link: '//container.googleapis.com/projects/my-project-id/locations/us-east1-b/clusters/secure-td-cluster' } },
      authority: { issuer: 'https://container.googleapis.com/v1/projects/my-project-id/locations/us-east1-b/clusters/secure-td-cluster' },
    });
  });

  it('S5: ENTERPRISE root pool and DEVOPS subordinate pool in us-east1, EC P256 CAs, subordinate_mtls_pathlen_0', () => {
    expect(one(gcp, 'google_privateca_ca_pool', named('td-sec-pool'))).toMatchObject({ tier: 'ENTERPRISE', location: 'us-east1' });
    expect(one(gcp, 'google_privateca_ca_pool', named('td-ca-pool'))).toMatchObject({ tier: 'DEVOPS', location: 'us-east1' });
    const root = one(gcp, 'google_privateca_certificate_authority', (r) => r.certificate_authority_id === 'pkcs2-ca');
    expect(root).toMatchObject({
      type: 'SELF_SIGNED',
      pool: 'td-sec-pool',
      key_spec: { algorithm: 'EC_P256_SHA256' },
      config: {
        subject_config: { subject: { common_name: 'pkcs2-ca', organization: 'TestCorpLLC' } },
        x509_config: { ca_options: { is_ca: true, max_issuer_path_length: 1 } },
      },
    });
    const sub = one(gcp, 'google_privateca_certificate_authority', (r) => r.certificate_authority_id === 'td-ca');
    expect(sub).toMatchObject({
      type: 'SUBORDINATE',
      pool: 'td-ca-pool',
      key_spec: { algorithm: 'EC_P256_SHA256' },
      subordinate_config: { certificate_authority: 'projects/my-project-id/locations/us-east1/caPools/td-sec-pool/certificateAuthorities/pkcs2-ca' },
      config: {
        subject_config: { subject: { common_name: 'td-ca', organization: 'TestCorpLLC' } },
        x509_config: {
          ca_options: { is_ca: true, max_issuer_path_length: 0, zero_max_issuer_path_length: true },
          key_usage: { base_key_usage: { cert_sign: true, crl_sign: true }, extended_key_usage: { server_auth: true, client_auth: true } },
        },
      },
    });
  });

  it('S6: CA roles for the admin member and the GKE service agent', () => {
    const agent = 'serviceAccount:service-123456789012@container-engine-robot.iam.gserviceaccount.com';
    const poolGrants = all(gcp, 'google_privateca_ca_pool_iam_member').map((g) => [g.ca_pool, g.role, g.member]);
    expect(poolGrants).toEqual(expect.arrayContaining([
      ['projects/my-project-id/locations/us-east1/caPools/td-sec-pool', 'roles/privateca.auditor', agent],
      ['projects/my-project-id/locations/us-east1/caPools/td-ca-pool', 'roles/privateca.certificateManager', agent],
    ]));
    const projectGrants = all(gcp, 'google_project_iam_member').map((g) => [g.role, g.member]);
    expect(projectGrants).toEqual(expect.arrayContaining([
      ['roles/privateca.caManager', 'group:platform-admins@example.com'],
      ['roles/privateca.admin', 'group:platform-admins@example.com'],
    ]));
  });

  it('S7: WorkloadCertificateConfig and TrustConfig named default', () => {
    const wcc = one(k8s, 'kubernetes_manifest', manifestOfKind('WorkloadCertificateConfig')).manifest as Json;
    expect(wcc).toEqual({
      apiVersion: 'security.cloud.google.com/v1',
      kind: 'WorkloadCertificateConfig',
      metadata: { name: 'default' },
      spec: {
        certificateAuthorityConfig: { certificateAuthorityServiceConfig: { endpointURI: '//privateca.googleapis.com/projects/my-project-id/locations/us-east1/caPools/td-ca-pool' } },
        keyAlgorithm: { ecdsa: { curve: 'P256' } },
        validityDurationSeconds: 86400,
        rotationWindowPercentage: 50,
      },
    });
    const trust = one(k8s, 'kubernetes_manifest', manifestOfKind('TrustConfig')).manifest as Json;
    expect(trust).toEqual({
      apiVersion: 'security.cloud.google.com/v1',
      kind: 'TrustConfig',
      metadata: { name: 'default' },
      spec: { trustStores: [{ trustDomain: 'my-project-id.svc.id.goog', trustAnchors: [{ certificateAuthorityServiceURI: '//privateca.googleapis.com/projects/my-project-id/locations/us-east1/caPools/td-sec-pool' }] }] },
    });
  });

  it('S8: trafficdirector.client, workload identity bindings and annotated Kubernetes service accounts', () => {
    const email = 'mesh-workloads@my-project-id.iam.gserviceaccount.com';
    expect(all(gcp, 'google_project_iam_member').map((g) => [g.role, g.member]))
      .toContainEqual(['roles/trafficdirector.client', `serviceAccount:${email}`]);
    expect(all(gcp, 'google_service_account_iam_member').map((b) => [b.role, b.member]).sort()).toEqual([
      ['roles/iam.workloadIdentityUser', 'serviceAccount:my-project-id.svc.id.goog[default/demo-client]'],
      ['roles/iam.workloadIdentityUser', 'serviceAccount:my-project-id.svc.id.goog[default/demo-server]'],
    ]);
    for (const ksa of ['demo-server', 'demo-client']) {
      expect(one(k8s, 'kubernetes_service_account_v1', metadataNamed(ksa)).metadata)
        .toMatchObject({ namespace: 'default', annotations: { 'iam.gke.io/gcp-service-account': email } });
    }
  });

  it('S9: the sidecar injector is configured for the project number (LB API: network default; routing API: the mesh, network empty)', () => {
    const meshConfig = one(k8s, 'kubernetes_config_map_v1', metadataNamed('injector-mesh'));
    const proxyMetadata = (JSON.parse((meshConfig.data as Json).mesh as string) as { defaultConfig: { proxyMetadata: Json } }).defaultConfig.proxyMetadata;
    expect(proxyMetadata).toEqual(variant === 'lb-api'
      ? { TRAFFICDIRECTOR_GCP_PROJECT_NUMBER: '123456789012', TRAFFICDIRECTOR_NETWORK_NAME: 'default' }
      : { TRAFFICDIRECTOR_GCP_PROJECT_NUMBER: '123456789012', TRAFFICDIRECTOR_NETWORK_NAME: '', TRAFFICDIRECTOR_MESH_NAME: 'sidecar-mesh' });
    expect(one(k8s, 'kubernetes_labels')).toMatchObject({ kind: 'Namespace', metadata: { name: 'default' }, labels: { 'istio-injection': 'enabled' } });
  });

  it('S10: server and client pods carry the seed annotations; the Service exposes 80 → 8000 through service-test-neg', () => {
    const podAnnotations = (name: string) => ((one(k8s, 'kubernetes_deployment_v1', metadataNamed(name)).spec as Json).template as Json).metadata as Json;
    expect(podAnnotations('app1').annotations).toEqual({
      'cloud.google.com/proxyMetadata': '{"app": "payments"}',
      'cloud.google.com/enableManagedCerts': 'true',
      'cloud.google.com/includeInboundPorts': '8000',
    });
    expect(podAnnotations('busybox').annotations).toEqual({ 'cloud.google.com/enableManagedCerts': 'true' });
    const service = one(k8s, 'kubernetes_service_v1', metadataNamed('service-test'));
    expect((service.metadata as Json).annotations).toEqual({ 'cloud.google.com/neg': '{"exposed_ports": {"80":{"name": "service-test-neg"}}}' });
    expect((service.spec as Json).port).toEqual([{ name: 'service-test', port: 80, protocol: 'TCP', target_port: '8000' }]);
  });

  it('S11: client-mtls-policy on td-gke-service with the server\'s SPIFFE ID as SAN', () => {
    const plugin = { certificate_provider_instance: { plugin_instance: 'google_cloud_private_spiffe' } };
    expect(one(gcp, 'google_network_security_client_tls_policy')).toMatchObject({
      name: 'client-mtls-policy', location: 'global', client_certificate: plugin, server_validation_ca: [plugin],
    });
    expect(one(traffic, 'google_compute_backend_service').security_settings).toEqual({
      client_tls_policy: 'projects/my-project-id/locations/global/clientTlsPolicies/client-mtls-policy',
      subject_alt_names: ['spiffe://my-project-id.svc.id.goog/ns/default/sa/demo-server'],
    });
  });

  it('S12: server-mtls-policy and endpoint policy ep for app=payments', () => {
    const plugin = { certificate_provider_instance: { plugin_instance: 'google_cloud_private_spiffe' } };
    expect(one(gcp, 'google_network_security_server_tls_policy', named('server-mtls-policy'))).toMatchObject({
      server_certificate: plugin, mtls_policy: { client_validation_ca: [plugin] },
    });
    expect(one(gcp, 'google_network_services_endpoint_policy')).toMatchObject({
      name: 'ep',
      type: 'SIDECAR_PROXY',
      endpoint_matcher: { metadata_label_matcher: { metadata_label_match_criteria: 'MATCH_ALL', metadata_labels: [{ label_name: 'app', label_value: 'payments' }] } },
      server_tls_policy: 'projects/my-project-id/locations/global/serverTlsPolicies/server-mtls-policy',
      authorization_policy: 'projects/my-project-id/locations/global/authorizationPolicies/authz-policy',
    });
  });

  it('S13: authz-policy allows GET on 8000 for service-test and mesh-gateway from the client only', () => {
    expect(one(gcp, 'google_network_security_authorization_policy', named('authz-policy'))).toMatchObject({
      action: 'ALLOW',
      location: 'global',
      rules: [{
        sources: [{ principals: ['spiffe://my-project-id.svc.id.goog/ns/default/sa/demo-client'] }],
        destinations: [{ hosts: ['service-test', 'mesh-gateway'], ports: [8000], methods: ['GET'] }],
      }],
    });
  });

  it('S14: standalone Envoy gateway without sidecar, with GKE workload certificates, as the client, behind mesh-gateway 443 → 8080', () => {
    const deployment = one(k8s, 'kubernetes_deployment_v1', metadataNamed('mesh-gateway'));
    const template = (deployment.spec as Json).template as Json;
    expect((template.metadata as Json).annotations).toMatchObject({ 'sidecar.istio.io/inject': 'false' });
    const pod = template.spec as Json;
    expect(pod.service_account_name).toBe('demo-client');
    expect(pod.volume).toContainEqual({ name: 'gke-workload-certificates', csi: { driver: 'workloadcertificates.security.cloud.google.com' } });
    const service = one(k8s, 'kubernetes_service_v1', metadataNamed('mesh-gateway'));
    expect((service.spec as Json).port).toEqual([{ name: 'https', port: 443, protocol: 'TCP', target_port: '8080' }]);
  });

  it('S15: server-tls-policy terminates TLS with a server certificate only', () => {
    const policy = one(gcp, 'google_network_security_server_tls_policy', named('server-tls-policy'));
    expect(policy).toMatchObject({
      description: 'tls server policy',
      server_certificate: { certificate_provider_instance: { plugin_instance: 'google_cloud_private_spiffe' } },
    });
    expect(policy.mtls_policy).toBeUndefined();
  });

  it('S16: authz-gateway-policy exists, its attachment gap is reported, and an output holds the manual attachment', () => {
    expect(one(gcp, 'google_network_security_authorization_policy', named('authz-gateway-policy'))).toMatchObject({
      action: 'ALLOW', rules: [{ destinations: [{ hosts: ['mesh-gateway'], ports: [8080], methods: ['GET'] }] }],
    });
    const [stack, outputName] = variant === 'lb-api'
      ? [traffic, 'authorization_attachment_td-gke-https-proxy'] : [gcp, 'authorization_attachment_td-gke-gateway'];
    expect(((json[stack].output as Json)[outputName] as Json).value).toContain('authorizationPolicy: projects/my-project-id/locations/global/authorizationPolicies/authz-gateway-policy');
    const stacks = variants.find((v) => v.variant === variant)!;
    const warnings = [stacks.gcp, stacks.traffic].flatMap((s) => s.node.findAll())
      .flatMap((c) => c.node.metadata).filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => String(m.data));
    expect(warnings.filter((w) => w.startsWith('S16:'))).toHaveLength(1);
  });

  it('S17/X6: CAs and pools are protected from destroy by default', () => {
    for (const ca of all(gcp, 'google_privateca_certificate_authority')) {
      expect(ca).toMatchObject({ deletion_protection: true, lifecycle: { prevent_destroy: true } });
    }
    for (const pool of all(gcp, 'google_privateca_ca_pool')) expect(pool.lifecycle).toEqual({ prevent_destroy: true });
    expect(one(gcp, 'google_container_cluster').deletion_protection).toBe(true);
  });

  it('L1/R5: td-gke-health-check on the serving port and fw-allow-health-checks', () => {
    expect(one(gcp, 'google_compute_health_check')).toMatchObject({ name: 'td-gke-health-check', http_health_check: { port_specification: 'USE_SERVING_PORT' } });
    expect(one(gcp, 'google_compute_firewall', named('fw-allow-health-checks'))).toMatchObject({
      direction: 'INGRESS', source_ranges: ['35.191.0.0/16', '130.211.0.0/22'], allow: [{ protocol: 'tcp' }], target_tags: ['allow-health-checks'],
    });
  });

  it('L2/R5: td-gke-service is INTERNAL_SELF_MANAGED with the NEG backend at RATE 5', () => {
    expect(one(traffic, 'google_compute_backend_service')).toMatchObject({
      name: 'td-gke-service',
      load_balancing_scheme: 'INTERNAL_SELF_MANAGED',
      health_checks: ['projects/my-project-id/global/healthChecks/td-gke-health-check'],
      backend: [{ group: 'projects/my-project-id/zones/us-east1-b/networkEndpointGroups/service-test-neg', balancing_mode: 'RATE', max_rate_per_endpoint: 5 }],
    });
  });

  if (variant === 'lb-api') {
    it('L3: td-gke-url-map → td-gke-proxy → td-gke-forwarding-rule on 0.0.0.0:80', () => {
      expect(one(traffic, 'google_compute_url_map', named('td-gke-url-map')).default_service).toBe('projects/my-project-id/global/backendServices/td-gke-service');
      expect(one(traffic, 'google_compute_target_http_proxy')).toMatchObject({ name: 'td-gke-proxy', url_map: 'projects/my-project-id/global/urlMaps/td-gke-url-map' });
      expect(one(traffic, 'google_compute_global_forwarding_rule', named('td-gke-forwarding-rule'))).toMatchObject({
        load_balancing_scheme: 'INTERNAL_SELF_MANAGED', ip_address: '0.0.0.0', port_range: '80',
        network: 'projects/my-project-id/global/networks/default', target: 'projects/my-project-id/global/targetHttpProxies/td-gke-proxy',
      });
    });

    it('L4: td-gke-ig-url-map → td-gke-https-proxy (proxyBind, server-tls-policy) → td-gke-gateway-forwarding-rule on 0.0.0.0:8080', () => {
      expect(one(traffic, 'google_compute_url_map', named('td-gke-ig-url-map')).default_service).toBe('projects/my-project-id/global/backendServices/td-gke-service');
      expect(one(traffic, 'google_compute_target_https_proxy')).toMatchObject({
        name: 'td-gke-https-proxy', proxy_bind: true,
        server_tls_policy: 'projects/my-project-id/locations/global/serverTlsPolicies/server-tls-policy',
      });
      expect(one(traffic, 'google_compute_global_forwarding_rule', named('td-gke-gateway-forwarding-rule'))).toMatchObject({
        load_balancing_scheme: 'INTERNAL_SELF_MANAGED', ip_address: '0.0.0.0', port_range: '8080',
        target: 'projects/my-project-id/global/targetHttpsProxies/td-gke-https-proxy',
      });
    });
  } else {
    it('R1: sidecar-mesh intercepts on 15001', () => {
      expect(one(gcp, 'google_network_services_mesh')).toMatchObject({ name: 'sidecar-mesh', interception_port: 15001 });
    });

    it('R2: helloworld-http-route sends service-test of the mesh to td-gke-service', () => {
      expect(one(traffic, 'google_network_services_http_route', named('helloworld-http-route'))).toMatchObject({
        hostnames: ['service-test'],
        meshes: ['projects/my-project-id/locations/global/meshes/sidecar-mesh'],
        rules: [{ action: { destinations: [{ service_name: 'projects/my-project-id/locations/global/backendServices/td-gke-service' }] } }],
      });
    });

    it('R3: td-gke-gateway is an OPEN_MESH gateway with scope gateway-proxy on 8080 terminating TLS', () => {
      expect(one(gcp, 'google_network_services_gateway')).toMatchObject({
        name: 'td-gke-gateway', type: 'OPEN_MESH', scope: 'gateway-proxy', ports: [8080],
        server_tls_policy: 'projects/my-project-id/locations/global/serverTlsPolicies/server-tls-policy',
      });
    });

    it('R4: td-gke-route sends mesh-gateway of the gateway to td-gke-service', () => {
      expect(one(traffic, 'google_network_services_http_route', named('td-gke-route'))).toMatchObject({
        hostnames: ['mesh-gateway'],
        gateways: ['projects/my-project-id/locations/global/gateways/td-gke-gateway'],
        rules: [{ action: { destinations: [{ service_name: 'projects/my-project-id/locations/global/backendServices/td-gke-service' }] } }],
      });
    });
  }

  it.each(['gcp', 'k8s', 'traffic'])('the %s stack matches its reviewed snapshot', (suffix) => {
    expect(json[`${variant}-${suffix}`]).toMatchSnapshot();
  });
});

describe('reference topology options', () => {
  it('X4: two synths of the same app are byte-identical', () => {
    const first = build().json;
    const second = build().json;
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it('MESH_API_VARIANTS selects the variants', () => {
    expect(build({ MESH_API_VARIANTS: 'routing-api' }).variants.map((v) => v.variant)).toEqual(['routing-api']);
  });

  it('TFC_ORGANIZATION gives every stack a Terraform Cloud workspace named prefix + stack', () => {
    const { json: cloud } = build({ MESH_API_VARIANTS: 'lb-api', TFC_ORGANIZATION: 'acme', TFC_WORKSPACE_PREFIX: 'mesh-' });
    for (const stack of ['lb-api-gcp', 'lb-api-k8s', 'lb-api-traffic']) {
      expect((cloud[stack].terraform as Json).cloud).toEqual({ hostname: 'app.terraform.io', organization: 'acme', workspaces: { name: `mesh-${stack}` } });
    }
  });

  it('S3: PEER_CLUSTER_NAME adds a second cluster, its fleet membership and both pod-to-node firewall rules', () => {
    const { json: multi } = build({ MESH_API_VARIANTS: 'lb-api', PEER_CLUSTER_NAME: 'cluster-b' });
    const resources = multi['lb-api-gcp'].resource ?? {};
    expect(Object.values(resources.google_container_cluster ?? {}).map((c) => [c.name, c.location]).sort())
      .toEqual([['cluster-b', 'us-east1-c'], ['secure-td-cluster', 'us-east1-b']]);
    expect(Object.values(resources.google_gke_hub_membership ?? {}).map((m) => m.membership_id).sort()).toEqual(['cluster-b', 'secure-td-cluster']);
    const rules = Object.values(resources.google_compute_firewall ?? {}).filter((r) => String(r.name).startsWith('per-'));
    expect(rules.map((r) => [r.name, r.target_tags]).sort()).toEqual([
      ['per-cluster-b-pods', ['secure-td-cluster-node']],
      ['per-secure-td-cluster-pods', ['cluster-b-node']],
    ]);
    for (const rule of rules) {
      expect((rule.allow as Array<{ protocol: string }>).map((a) => a.protocol)).toEqual(['tcp', 'udp', 'icmp', 'esp', 'ah', 'sctp']);
      expect(rule.source_ranges).toEqual([expect.stringMatching(/^\$\{google_container_cluster\.\w+\.cluster_ipv4_cidr\}$/)]);
    }
  });

  it('X6: ALLOW_DESTROY=true lets a demo be torn down', () => {
    const { json: demo } = build({ MESH_API_VARIANTS: 'lb-api', ALLOW_DESTROY: 'true' });
    const cas = Object.values(demo['lb-api-gcp'].resource?.google_privateca_certificate_authority ?? {});
    for (const ca of cas) expect(ca).toMatchObject({ deletion_protection: false, skip_grace_period: true, lifecycle: { prevent_destroy: false } });
    expect(Object.values(demo['lb-api-gcp'].resource?.google_container_cluster ?? {})[0]).toMatchObject({ deletion_protection: false });
  });
});

