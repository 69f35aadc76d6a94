import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { NetworkPolicyV1, NetworkPolicyV1Spec } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { RoleBindingV1 } from '@cdktf/provider-kubernetes/lib/role-binding-v1';
import { RoleV1, RoleV1Rule } from '@cdktf/provider-kubernetes/lib/role-v1';
import { Construct } from 'constructs';
import type { ServiceEntry, Sidecar } from '../../.gen/networking.istio.io/v1';
import { invalidInput } from '../core/errors';
import { contentId } from '../core/ids';
import { checkBoolean, checkInstance, checkKubernetesLabelName, checkPattern, checkProps } from '../core/validation';
import { claimKubernetesName } from '../mesh/workloads/workload-namespace';
import {
  checkRevision, checkTeamNamespaceName, GATEWAY_PORTS, injectionLabels, ISTIO_SYSTEM, ISTIOD_PORT, NAMESPACE_NAME_LABEL,
} from './egress-conventions';
import { EgressGateway } from './egress-gateway';
import type { ExternalDestination } from './external-destination';
import { istioObject } from './istio-object';

/** The GKE metadata server's address as pods call it. */
const METADATA_SERVER = '169.254.169.254';

/** A team's namespace as {@link EgressGateway.addTeamNamespace} declares it. */
export interface TeamNamespaceOptions {
  /** The namespace, e.g. `team-x`; not a system namespace (`kube-system`, `istio-system`, the gateway's). */
  readonly name: string;

  /** Value of the namespace's `team` label, for selection and reporting. @default - the namespace name */
  readonly team?: string;

  /**
   * Kubernetes RBAC group of the team's developers, e.g. `team-x@example.com` (a Google Group, with Google Groups for
   * RBAC on the cluster). It gets edit rights in the namespace except for the mesh and network kinds (E14).
   * @default - no binding; only cluster and network admins manage the namespace
   */
  readonly group?: string;

  /**
   * Let the namespace's pods connect to each other (NetworkPolicy ingress and egress within the namespace). Traffic
   * between them is still Istio mTLS.
   * @default false, as the seed's "optionally"
   */
  readonly allowSameNamespace?: boolean;

  /** Control plane revision the namespace is injected by. @default - the gateway's choice */
  readonly injectionRevision?: string;
}

/** Props of {@link TeamNamespace}. */
export interface TeamNamespaceProps extends TeamNamespaceOptions {
  /** The egress gateway the namespace's external traffic leaves through. */
  readonly gateway: EgressGateway;
}

/**
 * A team's namespace with the seed's controls around it (E5, E8, E9, E14):
 *
 * - the namespace, labelled `team=…` and for sidecar injection;
 * - NetworkPolicies (E8): default deny, in and out; egress only to istiod in `istio-system`, the egress gateway,
 *   DNS in `kube-system` (53 UDP and TCP), the Google API VIP and the GKE metadata server; a matching ingress policy
 *   in the gateway namespace; optional same-namespace and cross-team allowances, each with its ingress side;
 * - the `default` Sidecar (E9): `REGISTRY_ONLY`, egress hosts limited to the namespace itself, the gateway and the
 *   external hosts the namespace is allowed; `metadata.google.internal` and `*.googleapis.com` registered in the
 *   namespace, since REGISTRY_ONLY otherwise blocks the GKE metadata server and workload identity (istio#28994);
 * - with a group, a Role and RoleBinding giving the team edit rights without the mesh and network kinds (E14).
 *
 * The seed does not count the Sidecar or ServiceEntries as security controls; the NetworkPolicies, the gateway's
 * AuthorizationPolicies and the VPC firewall (E7) are the layers that hold when a workload bypasses its proxy.
 */
export class TeamNamespace extends Construct {
  /** The namespace, e.g. `team-x`. */
  public readonly name: string;
  /** The egress gateway the namespace's external traffic leaves through. */
  public readonly gateway: EgressGateway;
  /** The `kubernetes_namespace_v1`. */
  public readonly namespaceResource: NamespaceV1;
  /** The namespace's `default` Sidecar (E9). */
  public readonly sidecar: Manifest;
  /** `metadata.google.internal` for the namespace (E9, workload identity). */
  public readonly metadataServerEntry: Manifest;
  /** `*.googleapis.com` through the Google API VIP, for the namespace (E9, E3). */
  public readonly googleApisEntry: Manifest;
  /** The NetworkPolicies of the namespace and its ingress policy in the gateway namespace (E8). */
  public readonly networkPolicies: NetworkPolicyV1[] = [];
  /** The team's Role (E14); undefined without a group. */
  public readonly role?: RoleV1;
  /** The team group's RoleBinding (E14); undefined without a group. */
  public readonly roleBinding?: RoleBindingV1;

  private readonly destinationList: ExternalDestination[] = [];
  private readonly connectedTeams: TeamNamespace[] = [];

  constructor(scope: Construct, id: string, props: TeamNamespaceProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { gateway, name }, e.g. { gateway, name: "team-x" }');
    checkInstance(this, 'gateway', props.gateway, EgressGateway, 'Pass the EgressGateway, or use gateway.addTeamNamespace(id, { name })');
    const gateway = props.gateway;
    checkKubernetesLabelName(this, 'name', props.name);
    checkTeamNamespaceName(this, 'name', props.name, gateway.namespace);
    this.name = props.name;
    this.gateway = gateway;
    const team = props.team ?? props.name;
    checkPattern(this, 'team', team, /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/, 'is not a Kubernetes label value',
      'Use at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit, e.g. "x"');
    if (props.group !== undefined) checkGroup(this, 'group', props.group);
    const sameNamespace = props.allowSameNamespace ?? false;
    checkBoolean(this, 'allowSameNamespace', sameNamespace);
    const revision = props.injectionRevision ?? gateway.injectionRevision;
    if (props.injectionRevision !== undefined) checkRevision(this, 'injectionRevision', props.injectionRevision);
    claimKubernetesName(this, 'name', 'Namespace', '', this.name);
    gateway._registerTeam(this);

    this.namespaceResource = new NamespaceV1(this, 'Namespace', {
      metadata: { name: this.name, labels: { team, ...injectionLabels(revision) } },
    });
    const inNamespace = [this.namespaceResource];
    const api = 'networking.istio.io/v1';

    // E9: what the namespace's proxies are configured with. REGISTRY_ONLY, so unregistered hosts get no route.
    this.sidecar = istioObject<Sidecar>(this, 'Sidecar', { apiVersion: api, kind: 'Sidecar', metadata: { name: 'default', namespace: this.name } }, () => ({
      outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' },
      egress: [{ hosts: this.egressHosts() }],
    }), inNamespace);

    // E9, istio#28994: client libraries call the metadata server by name or by address; the address makes both the
    // name and 169.254.169.254 known to the proxy. STATIC: the address is fixed, no DNS lookup needed.
    this.metadataServerEntry = istioObject<ServiceEntry>(this, 'MetadataServer', {
      apiVersion: api, kind: 'ServiceEntry', metadata: { name: 'metadata-google-internal', namespace: this.name },
    }, () => ({
      hosts: ['metadata.google.internal'],
      addresses: [METADATA_SERVER],
      endpoints: [{ address: METADATA_SERVER }],
      ports: [{ number: 80, name: 'http', protocol: 'HTTP' }],
      location: 'MESH_EXTERNAL',
      resolution: 'STATIC',
      exportTo: ['.'],
    }), inNamespace);

    // E9, E3: Google APIs directly, as the seed allows with Private Google Access, workload identity and IAM. DNS with
    // the VIP's name as endpoint: every *.googleapis.com connection goes to the VIP, whatever address the app resolved.
    this.googleApisEntry = istioObject<ServiceEntry>(this, 'GoogleApis', {
      apiVersion: api, kind: 'ServiceEntry', metadata: { name: 'googleapis', namespace: this.name },
    }, () => ({
      hosts: ['*.googleapis.com'],
      endpoints: [{ address: gateway.googleApisVip.domain }],
      ports: [{ number: 443, name: 'tls', protocol: 'TLS' }],
      location: 'MESH_EXTERNAL',
      resolution: 'DNS',
      exportTo: ['.'],
    }), inNamespace);

    this.addNetworkPolicies(sameNamespace);
    if (props.group !== undefined) {
      this.role = new RoleV1(this, 'Role', { metadata: { name: 'team-developer', namespace: this.name }, rule: teamRules(), dependsOn: inNamespace });
      this.roleBinding = new RoleBindingV1(this, 'RoleBinding', {
        metadata: { name: 'team-developers', namespace: this.name },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'team-developer' },
        subject: [{ kind: 'Group', name: props.group, apiGroup: 'rbac.authorization.k8s.io' }],
        dependsOn: [this.role],
      });
    }
  }

  /** The external destinations the namespace may call, in the order they were allowed. */
  public get destinations(): ExternalDestination[] {
    return [...this.destinationList];
  }

  /**
   * Lets the namespace's pods connect to `other`'s (the seed's optional cross-team allowance): egress here, the
   * matching ingress there, and `other`'s services in this namespace's Sidecar.
   */
  public allowConnectionsTo(other: TeamNamespace): void {
    checkInstance(this, 'other', other, TeamNamespace, 'Pass the TeamNamespace whose pods this namespace may call');
    if (other === this) throw invalidInput(this, 'other', 'is this namespace itself', other.name, 'Use allowSameNamespace: true instead');
    if (this.connectedTeams.includes(other)) return;
    this.connectedTeams.push(other);
    this.networkPolicy(this, contentId(`EgressTo-${other.name}`), this, `allow-egress-to-${other.name}`, {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: other.name } } }] }],
    });
    this.networkPolicy(other, contentId(`IngressFrom-${this.name}`), other, `allow-ingress-from-${this.name}`, {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: this.name } } }] }],
    });
  }

  /** @internal */
  public _registerDestination(destination: ExternalDestination): void {
    if (!this.destinationList.includes(destination)) this.destinationList.push(destination);
  }

  private egressHosts(): string[] {
    const gatewayNamespace = this.gateway.namespace;
    return [
      // The namespace's own services and its metadata server and Google API entries.
      './*',
      `${gatewayNamespace}/${this.gateway.host}`,
      ...this.destinationList.map((destination) => `${gatewayNamespace}/${destination.host}`),
      ...this.connectedTeams.map((other) => `${other.name}/*`),
    ];
  }

  /** E8, after the companion tutorial's policies. */
  private addNetworkPolicies(sameNamespace: boolean): void {
    const gateway = this.gateway;
    const namespaceNamed = (name: string) => ({ matchLabels: { [NAMESPACE_NAME_LABEL]: name } });
    const tcp = (...ports: number[]) => ports.map((port) => ({ port: String(port), protocol: 'TCP' }));
    this.networkPolicy(this, 'DefaultDeny', this, 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    // Sidecars reach istiod (xDS, certificates) and the egress gateway; with the managed control plane, istiod runs at
    // Google and is reached through the Google API VIP instead, and the first rule matches nothing.
    this.networkPolicy(this, 'EgressToControlPlane', this, 'allow-egress-to-control-plane', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        { to: [{ namespaceSelector: namespaceNamed(ISTIO_SYSTEM), podSelector: { matchLabels: { istio: 'istiod' } } }], ports: tcp(ISTIOD_PORT) },
        {
          to: [{ namespaceSelector: namespaceNamed(gateway.namespace), podSelector: { matchLabels: gateway.selector } }],
          ports: tcp(GATEWAY_PORTS.http.targetPort, GATEWAY_PORTS.tls.targetPort),
        },
      ],
    });
    this.networkPolicy(this, 'EgressToDns', this, 'allow-egress-to-dns', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: namespaceNamed('kube-system') }], ports: [{ port: '53', protocol: 'UDP' }, { port: '53', protocol: 'TCP' }] }],
    });
    // The managed CA and control plane, and the workloads' own Google API calls (workload identity, IAM).
    this.networkPolicy(this, 'EgressToGoogleApis', this, 'allow-egress-to-google-apis', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: gateway.googleApisVip.cidr } }], ports: tcp(443) }],
    });
    // Dataplane V2 serves the metadata server at its own address (and Cloud DNS there, on 53); the legacy dataplane
    // redirects it to the node's 169.254.169.252 on 987/988 (companion tutorial; GKE 1.21.0-gke.1000 and later).
    this.networkPolicy(this, 'EgressToMetadataServer', this, 'allow-egress-to-metadata-server', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: gateway.cluster.dataplaneV2
        ? [{ to: [{ ipBlock: { cidr: `${METADATA_SERVER}/32` } }] }]
        : [{ to: [{ ipBlock: { cidr: '169.254.169.252/32' } }], ports: tcp(987, 988) }],
    });
    // The matching ingress side (E8): the gateway namespace admits this namespace on the gateway's ports only.
    this.networkPolicy(gateway, contentId(`IngressFrom-${this.name}`), { name: gateway.namespace, namespaceResource: gateway.namespaceResource }, `allow-ingress-from-${this.name}`, {
      podSelector: { matchLabels: gateway.selector },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: namespaceNamed(this.name) }], ports: tcp(GATEWAY_PORTS.http.targetPort, GATEWAY_PORTS.tls.targetPort) }],
    });
    if (sameNamespace) {
      this.networkPolicy(this, 'SameNamespace', this, 'allow-same-namespace', {
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ podSelector: {} }] }],
        egress: [{ to: [{ podSelector: {} }] }],
      });
    }
  }

  /** A NetworkPolicy named in `namespace`, created after that namespace exists. */
  private networkPolicy(scope: Construct, id: string, namespace: NamespaceOf, name: string, spec: NetworkPolicyV1Spec): void {
    claimKubernetesName(this, 'name', 'NetworkPolicy', namespace.name, name);
    this.networkPolicies.push(new NetworkPolicyV1(scope, id, {
      metadata: { name, namespace: namespace.name },
      spec,
      dependsOn: [namespace.namespaceResource],
    }));
  }
}

/** A namespace by name, and the resource that creates it. */
interface NamespaceOf {
  readonly name: string;
  readonly namespaceResource: NamespaceV1;
}

/** A Kubernetes RBAC group as GKE's Google Groups for RBAC names it: the group's email address. */
function checkGroup(scope: Construct, field: string, group: string): void {
  checkPattern(scope, field, group, /^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'is not a group email address',
    'Use the Google Group\'s email, e.g. "team-x@example.com" (Google Groups for RBAC)');
}

const WRITE = ['create', 'update', 'patch', 'delete', 'deletecollection'];
const READ = ['get', 'list', 'watch'];

/**
 * E14: what the built-in `edit` role grants for running workloads, minus what would let a team undo the egress
 * controls. RBAC only adds permissions, so the team gets this Role instead of `edit`, never `edit` plus a deny:
 * `edit` would let it create, change and delete NetworkPolicies in its namespace (removing E8) and impersonate the
 * namespace's service accounts. The Istio kinds (Sidecar, ServiceEntry, Gateway, VirtualService, DestinationRule,
 * AuthorizationPolicy, PeerAuthentication) and NetworkPolicies stay readable, so teams see what they may reach.
 */
function teamRules(): RoleV1Rule[] {
  return [
    {
      apiGroups: [''],
      resources: ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'services', 'configmaps', 'secrets', 'persistentvolumeclaims',
        'serviceaccounts', 'replicationcontrollers', 'replicationcontrollers/scale'],
      verbs: [...READ, ...WRITE],
    },
    { apiGroups: [''], resources: ['pods/log', 'pods/status', 'events', 'endpoints', 'limitranges', 'resourcequotas'], verbs: READ },
    {
      apiGroups: ['apps'],
      resources: ['deployments', 'deployments/scale', 'statefulsets', 'statefulsets/scale', 'daemonsets', 'replicasets', 'replicasets/scale'],
      verbs: [...READ, ...WRITE],
    },
    { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: [...READ, ...WRITE] },
    { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: [...READ, ...WRITE] },
    { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: [...READ, ...WRITE] },
    { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: [...READ, ...WRITE] },
    { apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs: [...READ, ...WRITE] },
    { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: READ },
    { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: READ },
    { apiGroups: ['networking.istio.io', 'security.istio.io', 'telemetry.istio.io'], resources: ['*'], verbs: READ },
  ];
}
