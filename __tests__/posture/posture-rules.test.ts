import { PostureCheck, PostureSeverity } from '../../lib/posture';
import { addPassthrough, check, combined, configOf, Fixture, fixture, Json, keys, manifestOf, resource } from './helpers';

const CLUSTER = 'google_container_cluster.Cluster_EB0386A7';
const POOL = 'google_container_node_pool.Cluster_NodePool_4428805C';

const cluster = (f: Fixture, stack = 'lb-api-gcp'): Json => resource(f, stack, 'google_container_cluster');
const pool = (f: Fixture, stack = 'lb-api-gcp'): Json => resource(f, stack, 'google_container_node_pool', 'NodePool');
const nodeConfig = (f: Fixture, stack = 'lb-api-gcp'): Json => pool(f, stack).node_config;

interface Case {
  readonly name: string;
  readonly weaken: (f: Fixture) => void;
  /** `RULE stack address field`. */
  readonly expected: string[];
}

/** A VM for the Compute Engine rules; the hardened topology has none. */
function addVm(f: Fixture, body: Json): void {
  const stack = f.stacks['lb-api-gcp'];
  stack.resource.google_compute_instance = {
    Vm_0A1B2C3D: {
      name: 'vm', machine_type: 'e2-small', zone: 'us-east1-b',
      boot_disk: { initialize_params: { image: 'debian-cloud/debian-12' } },
      network_interface: [{ network: 'default' }],
      service_account: { email: '${google_service_account.MeshIdentity_1FC639FE.email}', scopes: ['cloud-platform'] },
      ...body,
    },
  };
}

const CASES: Record<string, Case[]> = {
  'POSTURE-GKE-WORKLOAD-IDENTITY': [{
    name: 'no workload_identity_config',
    weaken: (f) => { delete cluster(f).workload_identity_config; },
    expected: [`POSTURE-GKE-WORKLOAD-IDENTITY lb-api-gcp ${CLUSTER} workload_identity_config.workload_pool`],
  }],
  'POSTURE-GKE-METADATA-CONCEALMENT': [{
    name: 'workload metadata mode GCE_METADATA',
    weaken: (f) => { nodeConfig(f).workload_metadata_config = { mode: 'GCE_METADATA' }; },
    expected: [`POSTURE-GKE-METADATA-CONCEALMENT lb-api-gcp ${POOL} node_config.workload_metadata_config.mode`],
  }, {
    name: 'mode unset on a cluster without workload identity (GKE then serves node metadata to pods)',
    weaken: (f) => { delete nodeConfig(f).workload_metadata_config; delete cluster(f).workload_identity_config; },
    expected: [
      `POSTURE-GKE-METADATA-CONCEALMENT lb-api-gcp ${POOL} node_config.workload_metadata_config.mode`,
      `POSTURE-GKE-WORKLOAD-IDENTITY lb-api-gcp ${CLUSTER} workload_identity_config.workload_pool`,
    ],
  }],
  'POSTURE-GKE-PRIVATE-NODES': [{
    name: 'no private_cluster_config',
    weaken: (f) => { delete cluster(f).private_cluster_config; },
    expected: [`POSTURE-GKE-PRIVATE-NODES lb-api-gcp ${CLUSTER} private_cluster_config.enable_private_nodes`],
  }, {
    name: 'a node pool opting out with network_config.enable_private_nodes = false',
    weaken: (f) => { pool(f).network_config = { enable_private_nodes: false }; },
    expected: [`POSTURE-GKE-PRIVATE-NODES lb-api-gcp ${POOL} network_config.enable_private_nodes`],
  }],
  'POSTURE-GKE-NETWORK-POLICY': [{
    name: 'legacy dataplane without network policy',
    weaken: (f) => { delete cluster(f).datapath_provider; },
    expected: [`POSTURE-GKE-NETWORK-POLICY lb-api-gcp ${CLUSTER} datapath_provider`],
  }, {
    name: 'network_policy enabled but its add-on disabled',
    weaken: (f) => {
      delete cluster(f).datapath_provider;
      cluster(f).network_policy = { enabled: true, provider: 'CALICO' };
      cluster(f).addons_config = { network_policy_config: { disabled: true } };
    },
    expected: [`POSTURE-GKE-NETWORK-POLICY lb-api-gcp ${CLUSTER} addons_config.network_policy_config.disabled`],
  }],
  'POSTURE-GKE-SHIELDED-NODES': [{
    name: 'secure boot off, integrity monitoring off, shielded nodes off',
    weaken: (f) => {
      nodeConfig(f).shielded_instance_config = { enable_secure_boot: false, enable_integrity_monitoring: false };
      cluster(f).enable_shielded_nodes = false;
    },
    expected: [
      `POSTURE-GKE-SHIELDED-NODES lb-api-gcp ${CLUSTER} enable_shielded_nodes`,
      `POSTURE-GKE-SHIELDED-NODES lb-api-gcp ${POOL} node_config.shielded_instance_config.enable_integrity_monitoring`,
      `POSTURE-GKE-SHIELDED-NODES lb-api-gcp ${POOL} node_config.shielded_instance_config.enable_secure_boot`,
    ],
  }],
  'POSTURE-GKE-RELEASE-CHANNEL': [{
    name: 'no release channel',
    weaken: (f) => { delete cluster(f).release_channel; },
    expected: [`POSTURE-GKE-RELEASE-CHANNEL lb-api-gcp ${CLUSTER} release_channel.channel`],
  }, {
    name: 'channel UNSPECIFIED',
    weaken: (f) => { cluster(f).release_channel = { channel: 'UNSPECIFIED' }; },
    expected: [`POSTURE-GKE-RELEASE-CHANNEL lb-api-gcp ${CLUSTER} release_channel.channel`],
  }],
  'POSTURE-GKE-LEGACY-ABAC': [{
    name: 'legacy ABAC on',
    weaken: (f) => { cluster(f).enable_legacy_abac = true; },
    expected: [`POSTURE-GKE-LEGACY-ABAC lb-api-gcp ${CLUSTER} enable_legacy_abac`],
  }],
  'POSTURE-GKE-CLIENT-CERTIFICATE': [{
    name: 'client certificate issued',
    weaken: (f) => { cluster(f).master_auth = { client_certificate_config: { issue_client_certificate: true } }; },
    expected: [`POSTURE-GKE-CLIENT-CERTIFICATE lb-api-gcp ${CLUSTER} master_auth.client_certificate_config.issue_client_certificate`],
  }],
  'POSTURE-GKE-NODE-SERVICE-ACCOUNT': [{
    name: 'no node service account (the Compute Engine default)',
    weaken: (f) => { delete nodeConfig(f).service_account; },
    expected: [`POSTURE-GKE-NODE-SERVICE-ACCOUNT lb-api-gcp ${POOL} node_config.service_account`],
  }, {
    name: 'the Compute Engine default service account by name',
    weaken: (f) => { nodeConfig(f).service_account = '123456789012-compute@developer.gserviceaccount.com'; },
    expected: [`POSTURE-GKE-NODE-SERVICE-ACCOUNT lb-api-gcp ${POOL} node_config.service_account`],
  }],
  'POSTURE-GKE-LEGACY-METADATA-ENDPOINTS': [{
    name: 'disable-legacy-endpoints = "false"',
    weaken: (f) => { nodeConfig(f).metadata = { 'disable-legacy-endpoints': 'false' }; },
    expected: [`POSTURE-GKE-LEGACY-METADATA-ENDPOINTS lb-api-gcp ${POOL} node_config.metadata.disable-legacy-endpoints`],
  }],
  'POSTURE-GKE-KUBELET-READONLY-PORT': [{
    name: 'read-only port enabled on the pool',
    weaken: (f) => { nodeConfig(f).kubelet_config = { insecure_kubelet_readonly_port_enabled: 'TRUE' }; },
    expected: [`POSTURE-GKE-KUBELET-READONLY-PORT lb-api-gcp ${POOL} node_config.kubelet_config.insecure_kubelet_readonly_port_enabled`],
  }, {
    name: 'unset on the pool and in the cluster\'s node_pool_defaults',
    weaken: (f) => { delete nodeConfig(f).kubelet_config; delete cluster(f).node_pool_defaults; },
    expected: [`POSTURE-GKE-KUBELET-READONLY-PORT lb-api-gcp ${POOL} node_config.kubelet_config.insecure_kubelet_readonly_port_enabled`],
  }],
  'POSTURE-MESH-PLAINTEXT-ALLOWED': [{
    name: 'server TLS policy with allow_open',
    weaken: (f) => { resource(f, 'lb-api-gcp', 'google_network_security_server_tls_policy', 'ServerMtls').allow_open = true; },
    expected: ['POSTURE-MESH-PLAINTEXT-ALLOWED lb-api-gcp google_network_security_server_tls_policy.ServerMtls_048F2904 allow_open'],
  }],
  'POSTURE-MESH-NO-CLIENT-VALIDATION': [{
    name: 'endpoint server TLS policy without mtls_policy',
    weaken: (f) => { delete resource(f, 'lb-api-gcp', 'google_network_security_server_tls_policy', 'ServerMtls').mtls_policy; },
    expected: ['POSTURE-MESH-NO-CLIENT-VALIDATION lb-api-gcp google_network_security_server_tls_policy.ServerMtls_048F2904 mtls_policy'],
  }],
  'POSTURE-MESH-ENDPOINT-NO-TLS': [{
    name: 'endpoint policy without server TLS policy',
    weaken: (f) => { delete resource(f, 'lb-api-gcp', 'google_network_services_endpoint_policy').server_tls_policy; },
    expected: ['POSTURE-MESH-ENDPOINT-NO-TLS lb-api-gcp google_network_services_endpoint_policy.EndpointPolicy_7F06033B server_tls_policy'],
  }],
  'POSTURE-MESH-ENDPOINT-NO-AUTHORIZATION': [{
    name: 'endpoint policy without authorization policy',
    weaken: (f) => { delete resource(f, 'lb-api-gcp', 'google_network_services_endpoint_policy').authorization_policy; },
    expected: ['POSTURE-MESH-ENDPOINT-NO-AUTHORIZATION lb-api-gcp google_network_services_endpoint_policy.EndpointPolicy_7F06033B authorization_policy'],
  }],
  'POSTURE-MESH-ANY-PRINCIPAL': [{
    name: 'endpoint authorization rule without sources',
    weaken: (f) => { delete resource(f, 'lb-api-gcp', 'google_network_security_authorization_policy', 'EndpointAuthz').rules[0].sources; },
    expected: ['POSTURE-MESH-ANY-PRINCIPAL lb-api-gcp google_network_security_authorization_policy.EndpointAuthz_499C60BF rules[0].sources'],
  }, {
    name: 'principal "*"',
    weaken: (f) => { resource(f, 'routing-api-gcp', 'google_network_security_authorization_policy', 'EndpointAuthz').rules[0].sources = [{ principals: ['*'] }]; },
    expected: ['POSTURE-MESH-ANY-PRINCIPAL routing-api-gcp google_network_security_authorization_policy.EndpointAuthz_499C60BF rules[0].sources'],
  }],
  'POSTURE-MESH-BACKEND-NO-CLIENT-TLS': [{
    name: 'mesh backend service without client TLS',
    weaken: (f) => { delete resource(f, 'lb-api-traffic', 'google_compute_backend_service').security_settings; },
    expected: ['POSTURE-MESH-BACKEND-NO-CLIENT-TLS lb-api-traffic google_compute_backend_service.BackendService_9211F0EB security_settings.client_tls_policy'],
  }],
  'POSTURE-MESH-GATEWAY-NO-TLS': [{
    name: 'routing-API gateway without server TLS policy',
    weaken: (f) => { delete resource(f, 'routing-api-gcp', 'google_network_services_gateway').server_tls_policy; },
    expected: ['POSTURE-MESH-GATEWAY-NO-TLS routing-api-gcp google_network_services_gateway.Gateway_43CB3636 server_tls_policy'],
  }],
  'POSTURE-ISTIO-SIDECAR-REGISTRY-ONLY': [{
    name: 'team-x without Sidecar, team-y Sidecar in ALLOW_ANY mode',
    weaken: (f) => {
      const manifests = f.stacks['egress-k8s'].resource.kubernetes_manifest as Record<string, Json>;
      const id = Object.keys(manifests).find((k) => manifests[k].manifest.kind === 'Sidecar' && manifests[k].manifest.metadata.namespace === 'team-x') as string;
      delete manifests[id];
      manifestOf(f, 'egress-k8s', 'Sidecar', 'default', 'team-y').spec.outboundTrafficPolicy.mode = 'ALLOW_ANY';
    },
    expected: [
      'POSTURE-ISTIO-SIDECAR-REGISTRY-ONLY egress-k8s kubernetes_manifest.Team-team-y_Sidecar_E0000015 manifest.spec.outboundTrafficPolicy.mode',
      'POSTURE-ISTIO-SIDECAR-REGISTRY-ONLY egress-k8s kubernetes_namespace_v1.Namespace-team-x_A0000001 Sidecar of namespace team-x',
    ],
  }],
  'POSTURE-ISTIO-SERVICEENTRY-EXPORT': [{
    name: 'ServiceEntries without exportTo and exported to "*"',
    weaken: (f) => {
      delete manifestOf(f, 'egress-k8s', 'ServiceEntry', 'examplecom').spec.exportTo;
      manifestOf(f, 'egress-k8s', 'ServiceEntry', 'httpbinorg').spec.exportTo = ['*'];
    },
    expected: [
      'POSTURE-ISTIO-SERVICEENTRY-EXPORT egress-k8s kubernetes_manifest.ExternalHost-examplecom_ServiceEntry_E0000001 manifest.spec.exportTo',
      'POSTURE-ISTIO-SERVICEENTRY-EXPORT egress-k8s kubernetes_manifest.ExternalHost-httpbinorg_ServiceEntry_E0000011 manifest.spec.exportTo',
    ],
  }],
  'POSTURE-ISTIO-EGRESS-AUTHORIZATION': [{
    name: 'an egress rule for any source',
    weaken: (f) => { delete manifestOf(f, 'egress-k8s', 'AuthorizationPolicy', 'egress-team-x-to-examplecom').spec.rules[0].from; },
    expected: ['POSTURE-ISTIO-EGRESS-AUTHORIZATION egress-k8s kubernetes_manifest.Team-team-x_EgressAuthorization_E0000004 manifest.spec.rules[0].from'],
  }, {
    name: 'no AuthorizationPolicy at the egress gateway',
    weaken: (f) => {
      const manifests = f.stacks['egress-k8s'].resource.kubernetes_manifest as Record<string, Json>;
      for (const k of Object.keys(manifests)) if (manifests[k].manifest.kind === 'AuthorizationPolicy') delete manifests[k];
    },
    expected: ['POSTURE-ISTIO-EGRESS-AUTHORIZATION egress-k8s kubernetes_manifest.EgressGateway_Gateway_C0FFEE02 AuthorizationPolicy'],
  }],
  'POSTURE-CA-DELETION-PROTECTION': [{
    name: 'root pool without prevent_destroy, subordinate CA without deletion protection',
    weaken: (f) => {
      delete resource(f, 'lb-api-gcp', 'google_privateca_ca_pool', 'RootPool').lifecycle;
      resource(f, 'lb-api-gcp', 'google_privateca_certificate_authority', 'SubordinateCa').deletion_protection = false;
    },
    expected: [
      'POSTURE-CA-DELETION-PROTECTION lb-api-gcp google_privateca_ca_pool.Ca_RootPool_391AA34E lifecycle.prevent_destroy',
      'POSTURE-CA-DELETION-PROTECTION lb-api-gcp google_privateca_certificate_authority.Ca_SubordinateCa_911DBC4A deletion_protection',
    ],
  }],
  'POSTURE-NET-FIREWALL-OPEN-INGRESS': [{
    name: 'health-check firewall open to 0.0.0.0/0',
    weaken: (f) => { resource(f, 'lb-api-gcp', 'google_compute_firewall').source_ranges = ['0.0.0.0/0']; },
    expected: ['POSTURE-NET-FIREWALL-OPEN-INGRESS lb-api-gcp google_compute_firewall.HealthCheckFirewall_CEFD6740 source_ranges'],
  }, {
    name: 'ingress rule without any source filter',
    weaken: (f) => { delete resource(f, 'routing-api-gcp', 'google_compute_firewall').source_ranges; },
    expected: ['POSTURE-NET-FIREWALL-OPEN-INGRESS routing-api-gcp google_compute_firewall.HealthCheckFirewall_CEFD6740 source_ranges'],
  }],
  'POSTURE-VM-PUBLIC-IP': [{
    name: 'VM with an access_config',
    weaken: (f) => addVm(f, { network_interface: [{ network: 'default', access_config: [{}] }] }),
    expected: ['POSTURE-VM-PUBLIC-IP lb-api-gcp google_compute_instance.Vm_0A1B2C3D network_interface[0].access_config'],
  }],
  'POSTURE-VM-DEFAULT-SERVICE-ACCOUNT': [{
    name: 'VM with a service_account block without email',
    weaken: (f) => addVm(f, { service_account: { scopes: ['cloud-platform'] } }),
    expected: ['POSTURE-VM-DEFAULT-SERVICE-ACCOUNT lb-api-gcp google_compute_instance.Vm_0A1B2C3D service_account.email'],
  }],
};

describe('posture rules (T2, X1)', () => {
  it('T2: the hardened reference topology and the egress design have no finding', () => {
    const report = check(combined());
    expect(report.stacks.map((s) => s.name)).toEqual(['lb-api-gcp', 'lb-api-k8s', 'lb-api-traffic', 'routing-api-gcp', 'routing-api-k8s', 'routing-api-traffic', 'egress-gcp', 'egress-k8s']);
    expect(keys(report.findings)).toEqual([]);
  });

  it('every rule has a test case here, a reason, a source and a fix', () => {
    const rules = PostureCheck.rules();
    expect(rules.map((r) => r.id).sort()).toEqual(Object.keys(CASES).sort());
    for (const r of rules) {
      expect({ id: r.id, id_ok: /^POSTURE-[A-Z]+-[A-Z0-9-]+$/.test(r.id), reason: r.reason.length > 80, source: /^Google Cloud, "/.test(r.source), fix: r.fix.length > 20 })
        .toEqual({ id: r.id, id_ok: true, reason: true, source: true, fix: true });
      // Users cannot look up SPEC IDs: reasons and fixes speak in the seeds' words.
      expect(`${r.reason} ${r.fix}`).not.toMatch(/\b[TSELRWX]\d{1,2}\b/);
    }
  });

  const all = Object.entries(CASES).flatMap(([rule, cases]) => cases.map((c) => [rule, c.name, c] as const));
  it.each(all)('%s fires on a weakened copy: %s', (rule, _name, c) => {
    const f = combined();
    c.weaken(f);
    const report = check(f);
    expect(keys(report.findings)).toEqual([...c.expected].sort());
    const finding = report.findings.find((x) => x.ruleId === rule);
    const info = PostureCheck.rule(rule);
    expect(finding).toMatchObject({ severity: info.severity, reason: info.reason, source: info.source, suppressed: false });
    // The one error shape of the library: `<path>: <field> <problem> (got <value>). <fix>`.
    expect(finding?.message).toBe(`${finding?.path}: ${finding?.field} ${finding?.problem} (got ${finding?.value}). ${finding?.fix}`);
    expect(finding?.fix).toMatch(/\.$/);
    // Plain Terraform JSON (the added VM) has no construct path: the path is then stack/address.
    expect(finding?.path).toBe(finding?.constructPath ?? `${finding?.stack}/${finding?.address}`);
    expect(finding?.file).toBe(`stacks/${finding?.stack}/cdk.tf.json`);
  });

  it('T2: errors fail the report, warnings do not', () => {
    const f = combined();
    delete manifestOf(f, 'egress-k8s', 'ServiceEntry', 'examplecom').spec.exportTo;
    const warned = check(f);
    expect({ failed: warned.failed, warnings: warned.warnings.map((w) => w.ruleId), severity: PostureCheck.rule('POSTURE-ISTIO-SERVICEENTRY-EXPORT').severity })
      .toEqual({ failed: false, warnings: ['POSTURE-ISTIO-SERVICEENTRY-EXPORT'], severity: PostureSeverity.WARNING });
    delete cluster(f).private_cluster_config;
    expect(check(f).failed).toBe(true);
  });
});

describe('values known only at apply time (X5)', () => {
  it('never produce findings', () => {
    const f = combined();
    cluster(f).private_cluster_config = { enable_private_nodes: '${var.private_nodes}' };
    cluster(f).datapath_provider = '${var.datapath}';
    cluster(f, 'routing-api-gcp').release_channel = '${var.release_channel}';
    nodeConfig(f).service_account = '${data.terraform_remote_state.cross-stack-reference-input-lb-api-gcp.outputs.nodes}';
    nodeConfig(f).workload_metadata_config = { mode: '${var.mode}' };
    delete pool(f, 'routing-api-gcp').node_config;
    pool(f, 'routing-api-gcp').dynamic = { node_config: { for_each: '${var.configs}', content: {} } };
    resource(f, 'lb-api-gcp', 'google_compute_firewall').source_ranges = ['${var.trusted_range}'];
    resource(f, 'lb-api-gcp', 'google_network_security_server_tls_policy', 'ServerMtls').allow_open = '${var.open}';
    resource(f, 'lb-api-gcp', 'google_network_services_endpoint_policy').server_tls_policy = '${data.terraform_remote_state.other.outputs.policy}';
    resource(f, 'lb-api-gcp', 'google_network_security_authorization_policy', 'EndpointAuthz').rules[0].sources = [{ principals: ['${var.caller}'] }];
    resource(f, 'lb-api-traffic', 'google_compute_backend_service').load_balancing_scheme = '${var.scheme}';
    expect(keys(check(f).findings)).toEqual([]);
  });

  it('references resolve through interpolations and resource names, preferring the stack\'s own deployment', () => {
    // The lb-api backend names client-mtls-policy, which both variants define: weakening the routing-api copy must
    // not hide that the lb-api endpoints require mTLS, and vice versa.
    const f = combined();
    delete resource(f, 'routing-api-gcp', 'google_network_security_server_tls_policy', 'ServerMtls').mtls_policy;
    expect(keys(check(f).findings)).toEqual([
      'POSTURE-MESH-NO-CLIENT-VALIDATION routing-api-gcp google_network_security_server_tls_policy.ServerMtls_048F2904 mtls_policy',
    ]);
  });
});

describe('explicit relaxations and suppressions in the JSON', () => {
  it('X1: a relaxation marker turns the rule\'s errors on that resource (and a cluster\'s node pools) into warnings naming the option', () => {
    const f = combined();
    delete cluster(f).private_cluster_config;
    delete nodeConfig(f).service_account;
    cluster(f)['//'].posture = { relaxations: {
      'POSTURE-GKE-PRIVATE-NODES': 'GkeCluster allowPublicNodes: true',
      'POSTURE-GKE-NODE-SERVICE-ACCOUNT': 'GkeCluster allowDefaultNodeServiceAccount: true',
    } };
    const report = check(f);
    expect(report.findings.map((x) => [x.ruleId, x.address, x.severity, x.relaxedBy])).toEqual([
      ['POSTURE-GKE-PRIVATE-NODES', CLUSTER, 'warning', 'GkeCluster allowPublicNodes: true'],
      ['POSTURE-GKE-NODE-SERVICE-ACCOUNT', POOL, 'warning', 'GkeCluster allowDefaultNodeServiceAccount: true'],
    ]);
    expect(report.failed).toBe(false);
    expect(report.toText()).toContain('relaxed explicitly by GkeCluster allowPublicNodes: true: reported as a warning.');
  });

  it('X1: a PASSTHROUGH destination\'s any-source egress rule is an error unless its construct marks the explicit choice', () => {
    const f = combined();
    const policy = addPassthrough(f);
    const key = 'POSTURE-ISTIO-EGRESS-AUTHORIZATION egress-k8s kubernetes_manifest.ExternalHost-legacy_Authorization_F0000002 manifest.spec.rules[0].from';
    expect(keys(check(f).errors)).toEqual([key]);
    policy['//'].posture = { relaxations: { 'POSTURE-ISTIO-EGRESS-AUTHORIZATION': 'ExternalDestination tls: EgressTls.PASSTHROUGH' } };
    const relaxed = check(f);
    expect({ errors: keys(relaxed.errors), warnings: keys(relaxed.warnings) }).toEqual({ errors: [], warnings: [key] });
  });

  it('suppressions on a resource, on a stack and from options carry their reasons', () => {
    const f = combined();
    delete cluster(f).private_cluster_config;
    delete cluster(f, 'routing-api-gcp').private_cluster_config;
    cluster(f).enable_legacy_abac = true;
    cluster(f)['//'].posture = { suppressions: { 'POSTURE-GKE-PRIVATE-NODES': 'lab cluster (SEC-1)' } };
    f.stacks['routing-api-gcp']['//'].posture = { suppressions: { 'POSTURE-GKE-PRIVATE-NODES': 'whole lab stack (SEC-2)' } };
    const report = PostureCheck.run(configOf(f), { suppressions: [{ ruleId: 'POSTURE-GKE-LEGACY-ABAC', reason: 'migration (SEC-3)', constructPath: 'lb-api-gcp/Cluster' }] });
    expect(report.findings.map((x) => [x.ruleId, x.stack, x.suppressed, x.suppressionReason])).toEqual([
      ['POSTURE-GKE-PRIVATE-NODES', 'lb-api-gcp', true, 'lab cluster (SEC-1)'],
      ['POSTURE-GKE-LEGACY-ABAC', 'lb-api-gcp', true, 'migration (SEC-3)'],
      ['POSTURE-GKE-PRIVATE-NODES', 'routing-api-gcp', true, 'whole lab stack (SEC-2)'],
    ]);
    expect({ failed: report.failed, errors: report.errors.length, suppressed: report.suppressed.length }).toEqual({ failed: false, errors: 0, suppressed: 3 });
  });

  it('an unknown rule in a suppression is refused with the known ones', () => {
    expect(() => PostureCheck.run(configOf(combined()), { suppressions: [{ ruleId: 'POSTURE-NOPE', reason: 'x' }] }))
      .toThrow(/ruleId is not a posture rule \(got "POSTURE-NOPE"\)\. Use one of: POSTURE-GKE-WORKLOAD-IDENTITY, /);
  });
});

describe('reference topology today', () => {
  it('T1: without the hardening, the reference cluster lacks exactly the T1 protections the rules name', () => {
    const f = fixture('reference');
    for (const stack of ['lb-api-gcp', 'routing-api-gcp']) {
      const c = cluster(f, stack);
      delete c.private_cluster_config;
      delete c.datapath_provider;
      delete c.node_pool_defaults;
      const n = nodeConfig(f, stack);
      delete n.service_account;
      delete n.kubelet_config;
      delete n.metadata;
    }
    expect([...new Set(check(f).findings.map((x) => x.ruleId))].sort()).toEqual([
      'POSTURE-GKE-KUBELET-READONLY-PORT', 'POSTURE-GKE-NETWORK-POLICY', 'POSTURE-GKE-NODE-SERVICE-ACCOUNT', 'POSTURE-GKE-PRIVATE-NODES',
    ]);
  });
});
