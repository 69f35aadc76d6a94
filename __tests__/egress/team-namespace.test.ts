import { GoogleApisVip } from '../../lib/network';
import { StackJson, synth } from '../helpers/synth';
import { byName, egressGateway, egressStacks, specOf } from './fixtures';

type Json = Record<string, unknown>;

const GATEWAY = { app: 'istio-egressgateway', istio: 'egressgateway' };

function teamX(options: { allowSameNamespace?: boolean; legacyDataplane?: boolean; group?: string } = {}): StackJson {
  const stacks = egressStacks({ allowLegacyDataplane: options.legacyDataplane });
  const gateway = egressGateway(stacks);
  const team = gateway.addTeamNamespace('TeamX', { name: 'team-x', group: options.group, allowSameNamespace: options.allowSameNamespace });
  gateway.allow(team, 'example.com');
  return synth(stacks.k8s);
}

const json = teamX({ group: 'team-x@example.com' });
const policies = byName(json, 'kubernetes_network_policy_v1');

function inTeamX(all: Record<string, Json>): Record<string, Json> {
  return Object.fromEntries(Object.entries(all).filter(([key]) => key.startsWith('team-x/')).map(([key, r]) => [key.slice('team-x/'.length), r.spec as Json]));
}

describe('TeamNamespace', () => {
  it('E5: a namespace per team, labelled team=… and for injection', () => {
    expect(byName(json, 'kubernetes_namespace_v1')['team-x'].metadata).toEqual({ name: 'team-x', labels: { team: 'team-x', 'istio-injection': 'enabled' } });
  });

  it('E8: default deny, egress to istiod and the gateway, DNS to kube-system on 53 UDP/TCP, the Google API VIP, the metadata server (Dataplane V2)', () => {
    const byNamespaceName = (name: string) => ({ match_labels: { 'kubernetes.io/metadata.name': name } });
    expect(inTeamX(policies)).toEqual({
      'default-deny': { pod_selector: {}, policy_types: ['Ingress', 'Egress'] },
      'allow-egress-to-control-plane': {
        pod_selector: {},
        policy_types: ['Egress'],
        egress: [
          { to: [{ namespace_selector: byNamespaceName('istio-system'), pod_selector: { match_labels: { istio: 'istiod' } } }], ports: [{ port: '15012', protocol: 'TCP' }] },
          {
            to: [{ namespace_selector: byNamespaceName('istio-egress'), pod_selector: { match_labels: GATEWAY } }],
            ports: [{ port: '8080', protocol: 'TCP' }, { port: '8443', protocol: 'TCP' }],
          },
        ],
      },
      'allow-egress-to-dns': {
        pod_selector: {},
        policy_types: ['Egress'],
        egress: [{ to: [{ namespace_selector: byNamespaceName('kube-system') }], ports: [{ port: '53', protocol: 'UDP' }, { port: '53', protocol: 'TCP' }] }],
      },
      'allow-egress-to-google-apis': {
        pod_selector: {},
        policy_types: ['Egress'],
        egress: [{ to: [{ ip_block: { cidr: '199.36.153.8/30' } }], ports: [{ port: '443', protocol: 'TCP' }] }],
      },
      'allow-egress-to-metadata-server': { pod_selector: {}, policy_types: ['Egress'], egress: [{ to: [{ ip_block: { cidr: '169.254.169.254/32' } }] }] },
    });
  });

  it('E8: on the legacy dataplane the metadata server is 169.254.169.252 on TCP 987 and 988', () => {
    expect(byName(teamX({ legacyDataplane: true }), 'kubernetes_network_policy_v1')['team-x/allow-egress-to-metadata-server'].spec).toEqual({
      pod_selector: {},
      policy_types: ['Egress'],
      egress: [{ to: [{ ip_block: { cidr: '169.254.169.252/32' } }], ports: [{ port: '987', protocol: 'TCP' }, { port: '988', protocol: 'TCP' }] }],
    });
  });

  it('E8: the Google API VIP follows the network\'s choice (restricted.googleapis.com for VPC Service Controls)', () => {
    const stacks = egressStacks();
    egressGateway(stacks, { googleApisVip: GoogleApisVip.RESTRICTED }).addTeamNamespace('TeamX', { name: 'team-x' });
    const out = synth(stacks.k8s);
    expect((byName(out, 'kubernetes_network_policy_v1')['team-x/allow-egress-to-google-apis'].spec as Json).egress).toEqual([
      { to: [{ ip_block: { cidr: '199.36.153.4/30' } }], ports: [{ port: '443', protocol: 'TCP' }] },
    ]);
    expect(specOf(out, 'ServiceEntry', 'team-x/googleapis').endpoints).toEqual([{ address: 'restricted.googleapis.com' }]);
  });

  it('E8: same-namespace traffic only when asked, ingress and egress alike', () => {
    expect(policies['team-x/allow-same-namespace']).toBeUndefined();
    expect(byName(teamX({ allowSameNamespace: true }), 'kubernetes_network_policy_v1')['team-x/allow-same-namespace'].spec).toEqual({
      pod_selector: {},
      policy_types: ['Ingress', 'Egress'],
      ingress: [{ from: [{ pod_selector: {} }] }],
      egress: [{ to: [{ pod_selector: {} }] }],
    });
  });

  it('E8: a cross-team allowance has its matching ingress policy, and the other team\'s services in the Sidecar', () => {
    const stacks = egressStacks();
    const gateway = egressGateway(stacks);
    const x = gateway.addTeamNamespace('TeamX', { name: 'team-x' });
    const y = gateway.addTeamNamespace('TeamY', { name: 'team-y' });
    x.allowConnectionsTo(y);
    x.allowConnectionsTo(y);
    const out = synth(stacks.k8s);
    const all = byName(out, 'kubernetes_network_policy_v1');
    expect(all['team-x/allow-egress-to-team-y'].spec).toEqual({
      pod_selector: {}, policy_types: ['Egress'], egress: [{ to: [{ namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'team-y' } } }] }],
    });
    expect(all['team-y/allow-ingress-from-team-x'].spec).toEqual({
      pod_selector: {}, policy_types: ['Ingress'], ingress: [{ from: [{ namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'team-x' } } }] }],
    });
    expect(all['team-x/allow-ingress-from-team-y']).toBeUndefined();
    expect((specOf(out, 'Sidecar', 'team-x/default').egress as Json[])[0].hosts).toEqual([
      './*', 'istio-egress/istio-egressgateway.istio-egress.svc.cluster.local', 'team-y/*',
    ]);
  });

  it('E9: the default Sidecar is REGISTRY_ONLY with a minimal host list: the namespace, the gateway, its allowed hosts', () => {
    expect(specOf(json, 'Sidecar', 'team-x/default')).toEqual({
      outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' },
      egress: [{ hosts: ['./*', 'istio-egress/istio-egressgateway.istio-egress.svc.cluster.local', 'istio-egress/example.com'] }],
    });
  });

  it('E9: metadata.google.internal (by name and address) and *.googleapis.com are registered for the namespace, so workload identity works under REGISTRY_ONLY (istio#28994)', () => {
    expect(specOf(json, 'ServiceEntry', 'team-x/metadata-google-internal')).toEqual({
      hosts: ['metadata.google.internal'],
      addresses: ['169.254.169.254'],
      endpoints: [{ address: '169.254.169.254' }],
      ports: [{ number: 80, name: 'http', protocol: 'HTTP' }],
      location: 'MESH_EXTERNAL',
      resolution: 'STATIC',
      exportTo: ['.'],
    });
    expect(specOf(json, 'ServiceEntry', 'team-x/googleapis')).toEqual({
      hosts: ['*.googleapis.com'],
      endpoints: [{ address: 'private.googleapis.com' }],
      ports: [{ number: 443, name: 'tls', protocol: 'TLS' }],
      location: 'MESH_EXTERNAL',
      resolution: 'DNS',
      exportTo: ['.'],
    });
    // Both are visible to the namespace's proxies: exported to it, and in its Sidecar's "./*".
    expect((specOf(json, 'Sidecar', 'team-x/default').egress as Json[])[0].hosts).toContain('./*');
  });

  it('E9: the NetworkPolicies let through what the registered Google entries need (VIP on 443, metadata server)', () => {
    const egress = (name: string) => (policies[`team-x/${name}`].spec as { egress: { to: { ip_block?: { cidr: string } }[] }[] }).egress;
    expect(egress('allow-egress-to-google-apis')[0].to[0].ip_block?.cidr).toBe(GoogleApisVip.PRIVATE.cidr);
    expect(egress('allow-egress-to-metadata-server')[0].to[0].ip_block?.cidr).toBe(`${String(specOf(json, 'ServiceEntry', 'team-x/metadata-google-internal').addresses)}/32`);
  });

  it('E14: the team group gets a Role with the workload kinds, without NetworkPolicy or any mesh kind writable', () => {
    const role = byName(json, 'kubernetes_role_v1')['team-x/team-developer'];
    const rules = role.rule as { api_groups: string[]; resources: string[]; verbs: string[] }[];
    const writable = rules.filter((r) => r.verbs.includes('create') || r.verbs.includes('delete') || r.verbs.includes('patch'));
    const writableKinds = writable.flatMap((r) => r.api_groups.flatMap((g) => r.resources.map((res) => `${g}/${res}`)));
    expect(writableKinds).toEqual(expect.arrayContaining(['/pods', '/services', '/secrets', 'apps/deployments', 'batch/jobs']));
    for (const forbidden of ['networking.k8s.io/networkpolicies', 'networking.istio.io/*', 'security.istio.io/*', 'telemetry.istio.io/*']) {
      expect(writableKinds).not.toContain(forbidden);
    }
    expect(writable.flatMap((r) => r.api_groups).filter((g) => g.endsWith('istio.io'))).toEqual([]);
    expect(rules.some((r) => r.verbs.includes('impersonate') || r.verbs.includes('escalate') || r.verbs.includes('bind'))).toBe(false);
    expect(byName(json, 'kubernetes_role_binding_v1')['team-x/team-developers']).toMatchObject({
      role_ref: { api_group: 'rbac.authorization.k8s.io', kind: 'Role', name: 'team-developer' },
      subject: [{ kind: 'Group', name: 'team-x@example.com', api_group: 'rbac.authorization.k8s.io' }],
    });
  });

  it('E14: without a group, no binding', () => {
    expect(byName(teamX(), 'kubernetes_role_binding_v1')['team-x/team-developers']).toBeUndefined();
  });

  it('team-x objects are created after its namespace', () => {
    const namespace = 'kubernetes_namespace_v1.EgressGateway_TeamX_Namespace_82C43D5B';
    for (const type of ['kubernetes_manifest', 'kubernetes_network_policy_v1', 'kubernetes_role_v1']) {
      for (const [address, resource] of Object.entries(json.resource?.[type] ?? {})) {
        const metadata = (resource.manifest as { metadata?: Json } | undefined)?.metadata ?? resource.metadata as Json;
        if (metadata.namespace === 'team-x') expect({ address, dependsOn: resource.depends_on }).toEqual({ address, dependsOn: [namespace] });
      }
    }
  });
});
