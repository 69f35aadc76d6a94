import { EgressTls } from '../../lib/egress';
import { StackJson, synth } from '../helpers/synth';
import { byName, egressGateway, egressStacks, manifests, specOf } from './fixtures';

type Json = Record<string, unknown>;

/** The seed's two teams and hosts, plus a passthrough host, on the stand-in cluster. */
function seedGateway(): StackJson {
  const stacks = egressStacks();
  const gateway = egressGateway(stacks);
  const teamX = gateway.addTeamNamespace('TeamX', { name: 'team-x' });
  const teamY = gateway.addTeamNamespace('TeamY', { name: 'team-y' });
  gateway.allow(teamX, 'example.com');
  gateway.allow(teamY, 'httpbin.org', { paths: ['/status/418'] });
  gateway.addDestination({ host: 'legacy.example.org', tls: EgressTls.PASSTHROUGH }).allow(teamX);
  return synth(stacks.k8s);
}

const json = seedGateway();
const SELECTOR = { app: 'istio-egressgateway', istio: 'egressgateway' };

function deploymentPod(): { metadata: Json; spec: Json } {
  return (byName(json, 'kubernetes_deployment_v1')['istio-egress/istio-egressgateway'].spec as Json).template as { metadata: Json; spec: Json };
}

describe('EgressGateway', () => {
  it('E5: the gateway namespace istio-egress, labelled for injection by the managed control plane', () => {
    expect(byName(json, 'kubernetes_namespace_v1')['istio-egress'].metadata).toEqual({ name: 'istio-egress', labels: { 'istio-injection': 'enabled' } });
  });

  it('E5: injectionRevision labels the namespaces istio.io/rev instead', () => {
    const stacks = egressStacks();
    egressGateway(stacks, { injectionRevision: 'asm-managed-rapid' }).addTeamNamespace('TeamX', { name: 'team-x' });
    const namespaces = byName(synth(stacks.k8s), 'kubernetes_namespace_v1');
    expect(namespaces['istio-egress'].metadata).toEqual({ name: 'istio-egress', labels: { 'istio.io/rev': 'asm-managed-rapid' } });
    expect(namespaces['team-x'].metadata).toEqual({ name: 'team-x', labels: { team: 'team-x', 'istio.io/rev': 'asm-managed-rapid' } });
  });

  it('E6: gateway injection (template gateway, image auto) on the gateway pool, tolerating its taint', () => {
    const pod = deploymentPod();
    expect(pod.metadata).toEqual({ labels: SELECTOR, annotations: { 'inject.istio.io/templates': 'gateway' } });
    expect(pod.spec).toMatchObject({
      service_account_name: 'istio-egressgateway',
      node_selector: { 'cloud.google.com/gke-nodepool': 'gateway' },
      toleration: [{ key: 'dedicated', operator: 'Equal', value: 'gateway', effect: 'NoSchedule' }],
    });
    expect((pod.spec.container as Json[]).map((c) => [c.name, c.image])).toEqual([['istio-proxy', 'auto']]);
  });

  it('E6: restricted security context (non-root 1337, no escalation, no capabilities, read-only root, RuntimeDefault seccomp)', () => {
    const pod = deploymentPod();
    expect(pod.spec.security_context).toEqual({ run_as_non_root: true, seccomp_profile: { type: 'RuntimeDefault' } });
    expect((pod.spec.container as Json[])[0].security_context).toEqual({
      allow_privilege_escalation: false, capabilities: { drop: ['ALL'] }, read_only_root_filesystem: true,
      run_as_non_root: true, run_as_user: '1337', run_as_group: '1337',
    });
  });

  it('E6: its own service account, Service 80→8080 and 443→8443, HPA 2–5 at 80 % CPU, PDB', () => {
    expect(Object.keys(byName(json, 'kubernetes_service_account_v1'))).toEqual(['istio-egress/istio-egressgateway']);
    expect((byName(json, 'kubernetes_service_v1')['istio-egress/istio-egressgateway'].spec as Json)).toMatchObject({
      type: 'ClusterIP',
      selector: SELECTOR,
      port: [{ name: 'http2', port: 80, target_port: '8080' }, { name: 'https', port: 443, target_port: '8443' }],
    });
    expect(byName(json, 'kubernetes_horizontal_pod_autoscaler_v2')['istio-egress/istio-egressgateway'].spec).toEqual({
      min_replicas: 2, max_replicas: 5,
      scale_target_ref: { api_version: 'apps/v1', kind: 'Deployment', name: 'istio-egressgateway' },
      metric: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', average_utilization: 80 } } }],
    });
    expect(byName(json, 'kubernetes_pod_disruption_budget_v1')['istio-egress/istio-egressgateway'].spec).toEqual({
      max_unavailable: '1', selector: { match_labels: SELECTOR },
    });
    // The autoscaler owns the replica count.
    expect(byName(json, 'kubernetes_deployment_v1')['istio-egress/istio-egressgateway'].lifecycle).toEqual({ ignore_changes: ['spec[0].replicas'] });
  });

  it('E11: the Gateway serves exactly the declared hosts: ISTIO_MUTUAL on 80 for TLS origination, PASSTHROUGH on 443', () => {
    expect(specOf(json, 'Gateway', 'istio-egress/egress-gateway')).toEqual({
      selector: SELECTOR,
      servers: [
        { port: { number: 80, name: 'https', protocol: 'HTTPS' }, hosts: ['./example.com', './httpbin.org'], tls: { mode: 'ISTIO_MUTUAL' } },
        { port: { number: 443, name: 'tls', protocol: 'TLS' }, hosts: ['./legacy.example.org'], tls: { mode: 'PASSTHROUGH' } },
      ],
    });
  });

  it('E12: the DestinationRule to the gateway: ISTIO_MUTUAL with each host as SNI (istio#23910), passthrough without Istio mTLS', () => {
    expect(specOf(json, 'DestinationRule', 'istio-egress/target-egress-gateway')).toEqual({
      host: 'istio-egressgateway.istio-egress.svc.cluster.local',
      exportTo: ['istio-egress', 'team-x', 'team-y'],
      subsets: [
        { name: 'example-com', trafficPolicy: { portLevelSettings: [{ port: { number: 80 }, tls: { mode: 'ISTIO_MUTUAL', sni: 'example.com' } }] } },
        { name: 'httpbin-org', trafficPolicy: { portLevelSettings: [{ port: { number: 80 }, tls: { mode: 'ISTIO_MUTUAL', sni: 'httpbin.org' } }] } },
        { name: 'tls-passthrough', trafficPolicy: { portLevelSettings: [{ port: { number: 443 }, tls: { mode: 'DISABLE' } }] } },
      ],
    });
  });

  it('E12: every ISTIO_MUTUAL subset\'s SNI is a host of the gateway\'s ISTIO_MUTUAL server', () => {
    const server = (specOf(json, 'Gateway', 'istio-egress/egress-gateway').servers as Json[]).find((s) => (s.tls as Json).mode === 'ISTIO_MUTUAL')!;
    const subsets = specOf(json, 'DestinationRule', 'istio-egress/target-egress-gateway').subsets as Json[];
    const snis = subsets.flatMap((s) => ((s.trafficPolicy as Json).portLevelSettings as Json[]).map((p) => (p.tls as Json).sni)).filter((sni) => sni !== undefined);
    expect(snis.map((sni) => `./${String(sni)}`)).toEqual(server.hosts);
  });

  it('E13: an allow-nothing policy on the gateway denies what no destination allows', () => {
    expect(specOf(json, 'AuthorizationPolicy', 'istio-egress/allow-nothing')).toEqual({ selector: { matchLabels: SELECTOR }, action: 'ALLOW' });
  });

  it('E8: the gateway namespace admits only the team namespaces, on the gateway ports', () => {
    const policies = byName(json, 'kubernetes_network_policy_v1');
    expect(policies['istio-egress/default-deny-ingress'].spec).toEqual({ pod_selector: {}, policy_types: ['Ingress'] });
    expect(policies['istio-egress/allow-ingress-from-team-x'].spec).toEqual({
      pod_selector: { match_labels: SELECTOR },
      policy_types: ['Ingress'],
      ingress: [{
        from: [{ namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'team-x' } } }],
        ports: [{ port: '8080', protocol: 'TCP' }, { port: '8443', protocol: 'TCP' }],
      }],
    });
  });

  it('E15: the toleration restriction comes with the gateway, and only restrictToleration: false leaves it out', () => {
    expect(Object.keys(manifests(json, 'ValidatingAdmissionPolicy'))).toEqual(['restrict-gateway-toleration']);
    const stacks = egressStacks();
    egressGateway(stacks, { restrictToleration: false }).addTeamNamespace('TeamX', { name: 'team-x' });
    expect(manifests(synth(stacks.k8s), 'ValidatingAdmissionPolicy')).toEqual({});
  });

  it('objects in istio-egress are created after the namespace', () => {
    const namespace = 'kubernetes_namespace_v1.EgressGateway_Namespace_74DE8CAB';
    for (const [address, resource] of Object.entries(json.resource?.kubernetes_manifest ?? {})) {
      const manifest = resource.manifest as { metadata: { namespace?: string } };
      if (manifest.metadata.namespace === 'istio-egress') expect({ address, dependsOn: resource.depends_on }).toEqual({ address, dependsOn: [namespace] });
    }
  });

  it('X4: two synths are byte-identical', () => {
    expect(JSON.stringify(seedGateway())).toBe(JSON.stringify(json));
  });
});
