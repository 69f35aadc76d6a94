import { NetworkAdminAccess } from '../../lib/egress';
import { synth } from '../helpers/synth';
import { byName, egressGateway, egressStacks } from './fixtures';

type Rule = { api_groups: string[]; resources: string[]; verbs: string[] };

function networkAdmins() {
  const stacks = egressStacks();
  const gateway = egressGateway(stacks);
  gateway.addTeamNamespace('TeamX', { name: 'team-x', group: 'team-x@example.com' });
  new NetworkAdminAccess(stacks.k8s, 'NetworkAdmins', { group: 'network-admins@example.com', gateway });
  return synth(stacks.k8s);
}

const json = networkAdmins();
const SUBJECT = [{ kind: 'Group', name: 'network-admins@example.com', api_group: 'rbac.authorization.k8s.io' }];

describe('NetworkAdminAccess', () => {
  it('E14: the network admins manage Sidecar, ServiceEntry, Gateway, VirtualService, DestinationRule, AuthorizationPolicy, PeerAuthentication and NetworkPolicy, cluster-wide', () => {
    const rules = byName(json, 'kubernetes_cluster_role_v1')['egress-network-admin'].rule as Rule[];
    const kinds = rules.flatMap((r) => r.api_groups.flatMap((g) => r.resources.map((res) => `${g}/${res}`)));
    expect(kinds).toEqual(expect.arrayContaining([
      'networking.istio.io/sidecars', 'networking.istio.io/serviceentries', 'networking.istio.io/gateways', 'networking.istio.io/virtualservices',
      'networking.istio.io/destinationrules', 'security.istio.io/authorizationpolicies', 'security.istio.io/peerauthentications',
      'networking.k8s.io/networkpolicies', 'telemetry.istio.io/telemetries', 'admissionregistration.k8s.io/validatingadmissionpolicies',
    ]));
    for (const rule of rules) expect(rule.verbs).toEqual(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection']);
    expect(byName(json, 'kubernetes_cluster_role_binding_v1')['egress-network-admin']).toMatchObject({
      role_ref: { api_group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'egress-network-admin' },
      subject: SUBJECT,
    });
  });

  it('E14: and anything in istio-egress, istio-system and kube-system (Kubernetes\' admin role there)', () => {
    const bindings = byName(json, 'kubernetes_role_binding_v1');
    for (const namespace of ['istio-egress', 'istio-system', 'kube-system']) {
      expect(bindings[`${namespace}/egress-network-admin`]).toMatchObject({
        role_ref: { api_group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' },
        subject: SUBJECT,
      });
    }
  });

  it('E14: no team group is bound to the mesh or network kinds, nor in the system namespaces', () => {
    const teamBindings = Object.entries(byName(json, 'kubernetes_role_binding_v1'))
      .filter(([, b]) => (b.subject as { name: string }[]).some((s) => s.name !== 'network-admins@example.com'));
    expect(teamBindings.map(([key]) => key)).toEqual(['team-x/team-developers']);
    expect(Object.values(byName(json, 'kubernetes_cluster_role_binding_v1')).flatMap((b) => (b.subject as { name: string }[]).map((s) => s.name)))
      .toEqual(['network-admins@example.com']);
  });
});
