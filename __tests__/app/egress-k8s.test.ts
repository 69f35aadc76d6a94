import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { AnnotationMetadataEntryType, App, TerraformStack, Testing } from 'cdktf';
import { EGRESS_DEFAULTS, EgressGcpParts, EgressTopologyConfig } from '../../app/egress-config';
import { buildEgressKubernetesStack, EGRESS_K8S_STACK_NAME } from '../../app/egress-k8s';
import { GkeCluster, TaintEffect } from '../../lib/gke';
import { GoogleApisVip } from '../../lib/network';
import { expectTerraformAccepts } from '../../tools/terraform/expect';
import { prepareHarness } from '../../tools/terraform/harness';
import { byName, manifests, specOf } from '../egress/fixtures';
import { StackJson, synth } from '../helpers/synth';

/**
 * The Kubernetes side of seed 001 as the stack `egress-k8s` of the reference topology, on a stand-in for the egress
 * Google Cloud stack (app/egress-gcp.ts, another engineer's): the tutorial's cluster1 and its tainted gateway pool.
 * Every E requirement of the stack asserted by ID on the seed's example, one reviewed snapshot, and Terraform's verdict
 * offline (X7).
 */
jest.setTimeout(300_000);

type Json = Record<string, unknown>;

function standInGcp(app: App, config: EgressTopologyConfig): EgressGcpParts {
  const stack = new TerraformStack(app, 'egress-gcp');
  new GoogleProvider(stack, 'google', { project: config.projectId, region: config.region });
  const cluster = new GkeCluster(stack, 'Cluster', {
    location: config.zone, name: config.clusterName, network: config.networkName, controlPlaneCidr: config.controlPlaneCidr, allowDestroy: config.allowDestroy,
  });
  const gatewayPool = cluster.addNodePool('Gateway', {
    name: 'gateway',
    taints: [{ key: 'dedicated', value: 'gateway', effect: TaintEffect.NO_SCHEDULE }],
    labels: { dedicated: 'gateway' },
  });
  return { stack, cluster, gatewayPool, googleApisVip: GoogleApisVip.PRIVATE };
}

function topology(config: EgressTopologyConfig = EGRESS_DEFAULTS): { json: StackJson; stack: TerraformStack; gcp: EgressGcpParts } {
  const app = Testing.app();
  const gcp = standInGcp(app, config);
  const stack = buildEgressKubernetesStack(app, config, gcp);
  return { json: synth(stack), stack, gcp };
}

const { json, stack, gcp } = topology();
const SELECTOR = { app: 'istio-egressgateway', istio: 'egressgateway' };
const kinds = (kind: string) => Object.keys(manifests(json, kind)).sort();

describe('egress-k8s (seed 001) on the seed\'s example', () => {
  it('one stack, egress-k8s, after the Google Cloud stack, talking to its cluster; no warnings', () => {
    expect(EGRESS_K8S_STACK_NAME).toBe('egress-k8s');
    expect(stack.node.id).toBe('egress-k8s');
    expect(stack.dependencies).toEqual([gcp.stack]);
    expect(Object.values(json.data?.google_container_cluster ?? {})).toEqual([
      { project: 'my-project-id', location: 'us-central1-a', name: 'cluster1', provider: 'google' },
    ]);
    const warnings = stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN));
    expect(warnings).toEqual([]);
  });

  it('X1: mesh-wide STRICT mTLS; E16: Envoy access logs', () => {
    expect(specOf(json, 'PeerAuthentication', 'istio-system/default')).toEqual({ mtls: { mode: 'STRICT' } });
    expect(specOf(json, 'Telemetry', 'istio-system/mesh-default')).toEqual({ accessLogging: [{ providers: [{ name: 'envoy' }, { name: 'stackdriver' }] }] });
  });

  it('E5: istio-egress for the network admins, and team-x and team-y labelled team=… and for injection', () => {
    expect(Object.fromEntries(Object.entries(byName(json, 'kubernetes_namespace_v1')).map(([name, r]) => [name, (r.metadata as Json).labels]))).toEqual({
      'istio-egress': { 'istio-injection': 'enabled' },
      'team-x': { team: 'team-x', 'istio-injection': 'enabled' },
      'team-y': { team: 'team-y', 'istio-injection': 'enabled' },
    });
  });

  it('E6: the gateway on the gateway pool, with its toleration, HPA and PDB', () => {
    const pod = ((byName(json, 'kubernetes_deployment_v1')['istio-egress/istio-egressgateway'].spec as Json).template as Json).spec as Json;
    expect(pod).toMatchObject({
      node_selector: { 'cloud.google.com/gke-nodepool': 'gateway' },
      toleration: [{ key: 'dedicated', operator: 'Equal', value: 'gateway', effect: 'NoSchedule' }],
    });
    expect(Object.keys(byName(json, 'kubernetes_horizontal_pod_autoscaler_v2'))).toEqual(['istio-egress/istio-egressgateway']);
    expect(Object.keys(byName(json, 'kubernetes_pod_disruption_budget_v1'))).toEqual(['istio-egress/istio-egressgateway']);
  });

  it('E8: default deny in each team namespace with the seed\'s allowances, and the gateway admitting both teams', () => {
    expect(Object.keys(byName(json, 'kubernetes_network_policy_v1')).sort()).toEqual([
      'istio-egress/allow-ingress-from-team-x', 'istio-egress/allow-ingress-from-team-y', 'istio-egress/default-deny-ingress',
      ...['team-x', 'team-y'].flatMap((ns) => ['allow-egress-to-control-plane', 'allow-egress-to-dns', 'allow-egress-to-google-apis',
        'allow-egress-to-metadata-server', 'default-deny'].map((name) => `${ns}/${name}`)),
    ]);
  });

  it('E9: REGISTRY_ONLY Sidecars listing only what each team may reach', () => {
    expect((specOf(json, 'Sidecar', 'team-x/default').egress as Json[])[0].hosts).toEqual(['./*', 'istio-egress/istio-egressgateway.istio-egress.svc.cluster.local', 'istio-egress/example.com']);
    expect((specOf(json, 'Sidecar', 'team-y/default').egress as Json[])[0].hosts).toEqual(['./*', 'istio-egress/istio-egressgateway.istio-egress.svc.cluster.local', 'istio-egress/httpbin.org']);
    expect(specOf(json, 'Sidecar', 'team-x/default').outboundTrafficPolicy).toEqual({ mode: 'REGISTRY_ONLY' });
  });

  it('E10–E12: every object the two routes need, named consistently', () => {
    expect(kinds('ServiceEntry')).toEqual([
      'istio-egress/example-com', 'istio-egress/httpbin-org',
      'team-x/googleapis', 'team-x/metadata-google-internal', 'team-y/googleapis', 'team-y/metadata-google-internal',
    ]);
    expect(kinds('VirtualService')).toEqual(['istio-egress/example-com-through-egress-gateway', 'istio-egress/httpbin-org-through-egress-gateway']);
    expect(kinds('DestinationRule')).toEqual(['istio-egress/example-com-originate-tls', 'istio-egress/httpbin-org-originate-tls', 'istio-egress/target-egress-gateway']);
    expect(kinds('Gateway')).toEqual(['istio-egress/egress-gateway']);
    expect(specOf(json, 'ServiceEntry', 'istio-egress/example-com').exportTo).toEqual(['istio-egress', 'team-x']);
    expect(specOf(json, 'ServiceEntry', 'istio-egress/httpbin-org').exportTo).toEqual(['istio-egress', 'team-y']);
  });

  it('E13: team-x → example.com; team-y → httpbin.org path /status/418; everything else denied', () => {
    expect(Object.fromEntries(Object.entries(manifests(json, 'AuthorizationPolicy')).map(([key, m]) => [key, (m.spec as Json).rules]))).toEqual({
      'istio-egress/allow-nothing': undefined,
      'istio-egress/egress-team-x-to-example-com': [{ from: [{ source: { namespaces: ['team-x'] } }], to: [{ operation: { hosts: ['example.com'], ports: ['8080'] } }] }],
      'istio-egress/egress-team-y-to-httpbin-org': [{
        from: [{ source: { namespaces: ['team-y'] } }], to: [{ operation: { hosts: ['httpbin.org'], ports: ['8080'], paths: ['/status/418'] } }],
      }],
    });
    for (const policy of Object.values(manifests(json, 'AuthorizationPolicy'))) {
      expect(policy.spec).toMatchObject({ action: 'ALLOW', selector: { matchLabels: SELECTOR } });
    }
  });

  it('E14: the network admins\' ClusterRole and admin bindings; the teams\' Roles', () => {
    expect(Object.keys(byName(json, 'kubernetes_cluster_role_v1'))).toEqual(['egress-network-admin']);
    expect(Object.keys(byName(json, 'kubernetes_role_binding_v1')).sort()).toEqual([
      'istio-egress/egress-network-admin', 'istio-system/egress-network-admin', 'kube-system/egress-network-admin',
      'team-x/team-developers', 'team-y/team-developers',
    ]);
    expect((byName(json, 'kubernetes_role_binding_v1')['team-y/team-developers'].subject as Json[])[0].name).toBe('team-y@example.com');
    expect((byName(json, 'kubernetes_cluster_role_binding_v1')['egress-network-admin'].subject as Json[])[0].name).toBe('network-admins@example.com');
  });

  it('E15: the gateway toleration is restricted to istio-egress', () => {
    expect(kinds('ValidatingAdmissionPolicy')).toEqual(['restrict-gateway-toleration']);
    expect(kinds('ValidatingAdmissionPolicyBinding')).toEqual(['restrict-gateway-toleration']);
  });

  it('X4: two synths are byte-identical', () => {
    expect(JSON.stringify(topology().json)).toBe(JSON.stringify(json));
  });

  it('snapshot of the whole stack (review diffs, never update blindly)', () => {
    expect(json).toMatchSnapshot();
  });
});

describe('X7: Terraform validates and plans egress-k8s offline', () => {
  it('X7: validate and plan (with the stand-in Google Cloud stack)', async () => {
    const app = Testing.app();
    const parts = standInGcp(app, EGRESS_DEFAULTS);
    const k8s = buildEgressKubernetesStack(app, EGRESS_DEFAULTS, parts);
    const results = await (await prepareHarness()).check({ 'egress-gcp': synth(parts.stack), [EGRESS_K8S_STACK_NAME]: synth(k8s) }, { validate: true });
    expectTerraformAccepts(results);
    expect(results[EGRESS_K8S_STACK_NAME].commands.plan?.stdout).toMatch(/Plan: \d+ to add, 0 to change, 0 to destroy\./);
  });
});
