import { ClusterRoleBindingV1 } from '@cdktf/provider-kubernetes/lib/cluster-role-binding-v1';
import { ClusterRoleV1, ClusterRoleV1Rule } from '@cdktf/provider-kubernetes/lib/cluster-role-v1';
import { RoleBindingV1 } from '@cdktf/provider-kubernetes/lib/role-binding-v1';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { contentId } from '../core/ids';
import { claimUniqueName } from '../core/unique-names';
import { checkInstance, checkKubernetesObjectName, checkPattern, checkProps } from '../core/validation';
import { ISTIO_SYSTEM } from './egress-conventions';
import { EgressGateway } from './egress-gateway';

/** Props of {@link NetworkAdminAccess}. */
export interface NetworkAdminAccessProps {
  /** Kubernetes RBAC group of the network admins, e.g. `network-admins@example.com` (Google Groups for RBAC). */
  readonly group: string;

  /** The egress gateway, whose namespace the network admins own (E5). */
  readonly gateway: EgressGateway;

  /** Name of the ClusterRole and of the bindings. @default 'egress-network-admin' */
  readonly name?: string;
}

const ALL_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];

/**
 * E14: the network admins — and, among the groups this library binds, only they — manage the egress controls: a
 * ClusterRole over Sidecar, ServiceEntry, Gateway, VirtualService, DestinationRule, AuthorizationPolicy,
 * PeerAuthentication, the other Istio and Gateway API routing kinds, NetworkPolicy and the admission policies
 * (E15), bound to their group cluster-wide; and Kubernetes' `admin` role in the gateway namespace, `istio-system`
 * and `kube-system` (seed 001, "Using Kubernetes RBAC").
 *
 * RBAC only adds permissions, so "only" holds as far as the other grants do: team groups get
 * {@link TeamNamespace}'s Role, which has none of these kinds, rather than `edit`. GKE's IAM roles are added to RBAC
 * too: `roles/container.developer` on the project would let any team edit these kinds in every namespace, so teams
 * should hold no more than `roles/container.clusterViewer` in IAM.
 */
export class NetworkAdminAccess extends Construct {
  /** The network admins' RBAC group. */
  public readonly group: string;
  /** Name of the ClusterRole and of the bindings. */
  public readonly name: string;
  /** The ClusterRole over the mesh and network kinds. */
  public readonly clusterRole: ClusterRoleV1;
  /** Its binding to the network admins' group. */
  public readonly clusterRoleBinding: ClusterRoleBindingV1;
  /** The `admin` bindings in the gateway namespace, istio-system and kube-system. */
  public readonly namespaceBindings: RoleBindingV1[];

  constructor(scope: Construct, id: string, props: NetworkAdminAccessProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { group, gateway }, e.g. { group: "network-admins@example.com", gateway }');
    checkPattern(this, 'group', props.group, /^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'is not a group email address',
      'Use the Google Group\'s email, e.g. "network-admins@example.com" (Google Groups for RBAC)');
    checkInstance(this, 'gateway', props.gateway, EgressGateway, 'Pass the EgressGateway whose namespace the network admins own');
    this.group = props.group;
    this.name = props.name ?? 'egress-network-admin';
    checkKubernetesObjectName(this, 'name', this.name);
    const stack = TerraformStack.of(this).node.path;
    claimUniqueName(this, 'name', 'ClusterRole', [stack, this.name], `the cluster of stack ${stack}`);
    const subject = [{ kind: 'Group', name: this.group, apiGroup: 'rbac.authorization.k8s.io' }];

    this.clusterRole = new ClusterRoleV1(this, 'ClusterRole', { metadata: { name: this.name }, rule: networkAdminRules() });
    this.clusterRoleBinding = new ClusterRoleBindingV1(this, 'ClusterRoleBinding', {
      metadata: { name: this.name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: this.name },
      subject,
      dependsOn: [this.clusterRole],
    });

    const gateway = props.gateway;
    // istio-system exists once managed Cloud Service Mesh is provisioned, kube-system always; the gateway's is created here.
    this.namespaceBindings = [gateway.namespace, ISTIO_SYSTEM, 'kube-system'].map((namespace) => new RoleBindingV1(this, contentId(`Admin-${namespace}`), {
      metadata: { name: this.name, namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' },
      subject,
      dependsOn: namespace === gateway.namespace ? [gateway.namespaceResource] : undefined,
    }));
  }
}

function networkAdminRules(): ClusterRoleV1Rule[] {
  return [
    {
      apiGroups: ['networking.istio.io'],
      resources: ['sidecars', 'serviceentries', 'gateways', 'virtualservices', 'destinationrules', 'workloadentries', 'workloadgroups', 'envoyfilters', 'proxyconfigs'],
      verbs: ALL_VERBS,
    },
    { apiGroups: ['security.istio.io'], resources: ['authorizationpolicies', 'peerauthentications', 'requestauthentications'], verbs: ALL_VERBS },
    { apiGroups: ['telemetry.istio.io'], resources: ['telemetries'], verbs: ALL_VERBS },
    // Gateway API objects route traffic too, so they are network configuration as much as Istio's.
    {
      apiGroups: ['gateway.networking.k8s.io'],
      resources: ['gateways', 'httproutes', 'grpcroutes', 'tcproutes', 'tlsroutes', 'referencegrants'],
      verbs: ALL_VERBS,
    },
    { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: ALL_VERBS },
    { apiGroups: ['admissionregistration.k8s.io'], resources: ['validatingadmissionpolicies', 'validatingadmissionpolicybindings'], verbs: ALL_VERBS },
  ];
}
