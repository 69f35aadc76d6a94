import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { HorizontalPodAutoscalerV2 } from '@cdktf/provider-kubernetes/lib/horizontal-pod-autoscaler-v2';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { PodDisruptionBudgetV1 } from '@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { Construct } from 'constructs';
import type { DestinationRule, DestinationRuleSpecSubsets, Gateway, GatewaySpecServers } from '../../.gen/networking.istio.io/v1';
import type { AuthorizationPolicy } from '../../.gen/security.istio.io/v1';
import { invalidInput } from '../core/errors';
import { contentId } from '../core/ids';
import {
  checkBoolean, checkInstance, checkIntegerRange, checkKubernetesLabelName, checkKubernetesServiceName, checkProps, isUnresolved,
} from '../core/validation';
import { GkeCluster } from '../gke/cluster/gke-cluster';
import { NodePool, TaintEffect } from '../gke/cluster/node-pool';
import { restrictedSecurityContext } from '../kubernetes/pod-parts';
import { claimKubernetesName } from '../mesh/workloads/workload-namespace';
import { GoogleApisVip } from '../network/google-apis-vip';
import { checkRevision, GATEWAY_PORTS, injectionLabels, kubernetesEffect } from './egress-conventions';
import { gatewaySniOf } from './egress-hosts';
import { EgressAllowOptions, EgressTls, ExternalDestination, ExternalDestinationOptions } from './external-destination';
import { GatewayTolerationPolicy } from './gateway-toleration-policy';
import { istioObject } from './istio-object';
import { TeamNamespace, TeamNamespaceOptions } from './team-namespace';

/** The UID Istio's proxies run as (the injection templates' `runAsUser`). */
const PROXY_UID = 1337;
/** The Istio Gateway object the egress VirtualServices bind to (the companion tutorial's name). */
const GATEWAY_OBJECT = 'egress-gateway';
/** The DestinationRule for the sidecar → gateway hop (the companion tutorial's name). */
const GATEWAY_DESTINATION_RULE = 'target-egress-gateway';
/** The subset for passthrough destinations: no Istio mTLS, the workload's own TLS goes through unopened. */
const PASSTHROUGH_SUBSET = 'tls-passthrough';

/** Props of {@link EgressGateway}. */
export interface EgressGatewayProps {
  /**
   * The dedicated gateway node pool (E6). The gateway selects its nodes (`cloud.google.com/gke-nodepool`) and
   * tolerates every taint of the pool; a pool without a NoSchedule or NoExecute taint is rejected, since any pod
   * could then run on the nodes whose firewall rule lets them out (E7).
   */
  readonly nodePool: NodePool;

  /**
   * The Google API VIP the network's private DNS zones point `*.googleapis.com` at (E3): team namespaces may reach
   * it directly (NetworkPolicy and ServiceEntry), as the seed allows with workload identity and IAM.
   */
  readonly googleApisVip: GoogleApisVip;

  /** Namespace of the gateway, owned by the network admins (E5). @default 'istio-egress' */
  readonly namespace?: string;

  /** Name of the Deployment, Service and service account. @default 'istio-egressgateway', as Google's gateway sample */
  readonly name?: string;

  /**
   * Fewest gateway replicas the autoscaler keeps.
   * @default 2, so one replica can restart or move while the other carries the traffic
   */
  readonly minReplicas?: number;

  /** Most gateway replicas the autoscaler starts. @default 5, as Google's gateway sample */
  readonly maxReplicas?: number;

  /** CPU utilization the HorizontalPodAutoscaler aims at, in percent. @default 80, as Google's gateway sample */
  readonly targetCpuUtilization?: number;

  /**
   * Control plane revision the gateway (and, unless they say otherwise, the team namespaces) are injected by:
   * `istio.io/rev=REVISION` instead of the default injection label.
   * @default - the default injection label `istio-injection=enabled`, which managed Cloud Service Mesh answers
   */
  readonly injectionRevision?: string;

  /**
   * Reject pods outside the gateway namespace that tolerate the pool's taints, with a {@link GatewayTolerationPolicy}
   * (E15). Turn off only when another admission control (Policy Controller) enforces the same.
   * @default true
   */
  readonly restrictToleration?: boolean;
}

/**
 * The egress gateway of seed 001 and everything it owns in its namespace `istio-egress` (E5, E6, E11–E13, E15):
 *
 * - the namespace, labelled for injection; the gateway's own service account; a Deployment of the managed
 *   gateway proxy (injection template `gateway`, image `auto`) on the dedicated node pool, with the pool's
 *   tolerations and the restricted security context; the Service (80→8080 for mTLS from the sidecars, 443→8443
 *   for passthrough), a HorizontalPodAutoscaler and a PodDisruptionBudget;
 * - the Istio `Gateway` whose servers list exactly the registered destinations, the `DestinationRule` that makes the
 *   sidecar → gateway hop Istio mTLS with the SNI the gateway selects each server by, and an allow-nothing
 *   `AuthorizationPolicy`, so the gateway denies everything no destination allows;
 * - a NetworkPolicy that admits only the team namespaces' traffic; the toleration restriction (E15).
 *
 * Teams and destinations hang off it: {@link addTeamNamespace}, {@link addDestination}, {@link allow}.
 */
export class EgressGateway extends Construct {
  /** The gateway's namespace, e.g. `istio-egress`. */
  public readonly namespace: string;
  /** Name of the gateway's Deployment, Service and service account. */
  public readonly name: string;
  /** The Service's cluster-local host name, e.g. `istio-egressgateway.istio-egress.svc.cluster.local`. */
  public readonly host: string;
  /** Labels of the gateway pods, which the Istio Gateway, its policies and the NetworkPolicies select. */
  public readonly selector: { [key: string]: string };
  /** The Istio Gateway object's reference for VirtualServices: `istio-egress/egress-gateway`. */
  public readonly gatewayReference: string;
  /** The dedicated node pool the gateway runs on. */
  public readonly nodePool: NodePool;
  /** The cluster of the node pool: its dataplane decides how pods reach the metadata server (E8). */
  public readonly cluster: GkeCluster;
  /** The Google API VIP the team namespaces may reach directly. */
  public readonly googleApisVip: GoogleApisVip;
  /** The injection revision the team namespaces inherit; undefined for the default injection label. */
  public readonly injectionRevision?: string;

  /** The `kubernetes_namespace_v1` of the gateway namespace. */
  public readonly namespaceResource: NamespaceV1;
  /** The gateway's own Kubernetes service account. */
  public readonly serviceAccount: ServiceAccountV1;
  /** The `kubernetes_deployment_v1` (escape hatch). */
  public readonly deployment: DeploymentV1;
  /** The gateway's ClusterIP Service (80→8080, 443→8443). */
  public readonly service: ServiceV1;
  /** The HorizontalPodAutoscaler of the gateway (E6). */
  public readonly autoscaler: HorizontalPodAutoscalerV2;
  /** The gateway's PodDisruptionBudget. */
  public readonly podDisruptionBudget: PodDisruptionBudgetV1;
  /** The Istio `Gateway` (E11). */
  public readonly gateway: Manifest;
  /** The `DestinationRule` of the sidecar → gateway hop (E12). */
  public readonly gatewayDestinationRule: Manifest;
  /** The allow-nothing `AuthorizationPolicy`: what no destination allows is denied (E13). */
  public readonly denyByDefault: Manifest;
  /** Ingress to the gateway namespace: nothing unless a team namespace's policy admits it. */
  public readonly defaultDenyIngress: NetworkPolicyV1;
  /** The E15 admission policy; undefined with `restrictToleration: false`. */
  public readonly tolerationPolicy?: GatewayTolerationPolicy;

  private readonly destinationList: ExternalDestination[] = [];
  private readonly teamList: TeamNamespace[] = [];

  constructor(scope: Construct, id: string, props: EgressGatewayProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { nodePool, googleApisVip }, e.g. { nodePool: gcp.gatewayPool, googleApisVip: network.GoogleApisVip.PRIVATE }');
    checkInstance(this, 'nodePool', props.nodePool, NodePool,
      'Pass the dedicated gateway gke.NodePool, e.g. cluster.addNodePool("Gateway", { name: "gateway", taints: [...] })');
    checkInstance(this, 'googleApisVip', props.googleApisVip, GoogleApisVip, 'Pass network.GoogleApisVip.PRIVATE or network.GoogleApisVip.RESTRICTED, as the network uses');
    const pool = props.nodePool;
    checkIsolatingTaint(this, pool);
    this.nodePool = pool;
    this.cluster = pool.cluster;
    this.googleApisVip = props.googleApisVip;
    this.namespace = props.namespace ?? 'istio-egress';
    checkKubernetesLabelName(this, 'namespace', this.namespace);
    this.name = props.name ?? 'istio-egressgateway';
    checkKubernetesServiceName(this, 'name', this.name);
    const minReplicas = props.minReplicas ?? 2;
    checkIntegerRange(this, 'minReplicas', minReplicas, 1, 100);
    const maxReplicas = props.maxReplicas ?? 5;
    checkIntegerRange(this, 'maxReplicas', maxReplicas, 1, 100);
    if (!isUnresolved(minReplicas) && !isUnresolved(maxReplicas) && maxReplicas < minReplicas) {
      throw invalidInput(this, 'maxReplicas', `is below minReplicas (${minReplicas})`, maxReplicas, 'Set maxReplicas to at least minReplicas');
    }
    const targetCpu = props.targetCpuUtilization ?? 80;
    checkIntegerRange(this, 'targetCpuUtilization', targetCpu, 1, 100, 'Use a percentage from 1 to 100');
    if (props.injectionRevision !== undefined) checkRevision(this, 'injectionRevision', props.injectionRevision);
    this.injectionRevision = props.injectionRevision;
    const restrictToleration = props.restrictToleration ?? true;
    checkBoolean(this, 'restrictToleration', restrictToleration);
    claimKubernetesName(this, 'namespace', 'Namespace', '', this.namespace);
    claimKubernetesName(this, 'name', 'Deployment', this.namespace, this.name);

    this.host = `${this.name}.${this.namespace}.svc.cluster.local`;
    this.selector = { app: this.name, istio: 'egressgateway' };
    this.gatewayReference = `${this.namespace}/${GATEWAY_OBJECT}`;

    // E5: the network admins' namespace (NetworkAdminAccess binds them there); labelled so the gateway is injected.
    this.namespaceResource = new NamespaceV1(this, 'Namespace', {
      metadata: { name: this.namespace, labels: injectionLabels(this.injectionRevision) },
    });
    const inNamespace = [this.namespaceResource];
    const metadata = { name: this.name, namespace: this.namespace, labels: this.selector };

    // E6: the gateway's own identity. It needs no RBAC: with ISTIO_MUTUAL and TLS origination it reads no Secrets
    // (Google's sample grants Secret access only for gateways that serve credentialName certificates).
    this.serviceAccount = new ServiceAccountV1(this, 'ServiceAccount', { metadata, dependsOn: inNamespace });

    this.deployment = new DeploymentV1(this, 'Deployment', {
      metadata,
      spec: {
        selector: { matchLabels: this.selector },
        template: {
          metadata: {
            labels: this.selector,
            // Managed Cloud Service Mesh injects the gateway proxy for this template (Google's istio-egressgateway
            // sample; `inject.istio.io/templates` is among the annotations managed Cloud Service Mesh supports).
            annotations: { 'inject.istio.io/templates': 'gateway' },
          },
          spec: {
            serviceAccountName: this.name,
            // E6: on the gateway pool only, which GKE labels with its name, and tolerating its taints.
            nodeSelector: { 'cloud.google.com/gke-nodepool': pool.name },
            toleration: pool.taints.map((taint) => ({ key: taint.key, operator: 'Equal', value: taint.value, effect: kubernetesEffect(taint.effect) })),
            // Replicas on different nodes, so a node drain never takes the whole egress path.
            topologySpreadConstraint: [{
              maxSkew: 1,
              topologyKey: 'kubernetes.io/hostname',
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: [{ matchLabels: this.selector }],
            }],
            securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
            container: [{
              name: 'istio-proxy',
              // "auto": the injector replaces it with the control plane's proxy image at every pod start.
              image: 'auto',
              resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '2000m', memory: '1024Mi' } },
              // Listening on 8080/8443 needs no capability, so the restricted context holds.
              securityContext: restrictedSecurityContext(PROXY_UID),
            }],
          },
        },
      },
      // The HorizontalPodAutoscaler owns the replica count; pods become ready only once the managed control plane
      // programs them, which Terraform need not wait for.
      waitForRollout: false,
      dependsOn: [this.serviceAccount],
      lifecycle: { ignoreChanges: ['spec[0].replicas'] },
    });

    this.service = new ServiceV1(this, 'Service', {
      metadata,
      spec: {
        type: 'ClusterIP',
        selector: this.selector,
        // Port names tell Istio the protocol: HTTP/2 inside mTLS on 80, opaque TLS on 443.
        port: [
          { name: 'http2', port: GATEWAY_PORTS.http.port, targetPort: String(GATEWAY_PORTS.http.targetPort), protocol: 'TCP' },
          { name: 'https', port: GATEWAY_PORTS.tls.port, targetPort: String(GATEWAY_PORTS.tls.targetPort), protocol: 'TCP' },
        ],
      },
      dependsOn: inNamespace,
    });

    // E6: the seed scales the gateway with a HorizontalPodAutoscaler.
    this.autoscaler = new HorizontalPodAutoscalerV2(this, 'Autoscaler', {
      metadata,
      spec: {
        minReplicas,
        maxReplicas,
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: this.name },
        metric: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: targetCpu } } }],
      },
      dependsOn: [this.deployment],
    });

    // One replica at a time during drains and upgrades, whatever the autoscaler has scaled to.
    this.podDisruptionBudget = new PodDisruptionBudgetV1(this, 'PodDisruptionBudget', {
      metadata,
      spec: { maxUnavailable: '1', selector: { matchLabels: this.selector } },
      dependsOn: inNamespace,
    });

    // E11: one server per kind of destination, listing exactly their hosts. `./` lets only VirtualServices of this
    // namespace (the network admins') bind to them, not a team's own.
    this.gateway = istioObject<Gateway>(this, 'Gateway', {
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name: GATEWAY_OBJECT, namespace: this.namespace },
    }, () => ({ selector: this.selector, servers: this.servers() }), inNamespace);

    // E12: auto mTLS does not cover traffic to the gateway; each subset says ISTIO_MUTUAL with the SNI of the gateway
    // server it must reach (istio#23910), and the passthrough subset carries the workloads' own TLS as it is.
    this.gatewayDestinationRule = istioObject<DestinationRule>(this, 'GatewayDestinationRule', {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: GATEWAY_DESTINATION_RULE, namespace: this.namespace },
    }, () => ({ host: this.host, exportTo: this.audience(this.teamList.map((team) => team.name)), subsets: this.subsets() }), inNamespace);

    // E13: with no rule, an ALLOW policy matches nothing; requests no destination's policy allows are denied, even
    // before the first destination exists.
    this.denyByDefault = istioObject<AuthorizationPolicy>(this, 'DenyByDefault', {
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      metadata: { name: 'allow-nothing', namespace: this.namespace },
    }, () => ({ selector: { matchLabels: this.selector }, action: 'ALLOW' }), inNamespace);

    // Matching ingress policies (E8): each TeamNamespace admits its own traffic to the gateway.
    this.defaultDenyIngress = new NetworkPolicyV1(this, 'DefaultDenyIngress', {
      metadata: { name: 'default-deny-ingress', namespace: this.namespace },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
      dependsOn: inNamespace,
    });

    if (restrictToleration) {
      this.tolerationPolicy = new GatewayTolerationPolicy(this, 'TolerationPolicy', { nodePool: pool, allowedNamespaces: [this.namespace] });
    }
  }

  /** The external destinations of the gateway, in the order they were declared. */
  public get destinations(): ExternalDestination[] {
    return [...this.destinationList];
  }

  /** The team namespaces of the gateway, in the order they were declared. */
  public get teams(): TeamNamespace[] {
    return [...this.teamList];
  }

  /** Adds a team's namespace (E5, E8, E9, E14). */
  public addTeamNamespace(id: string, options: TeamNamespaceOptions): TeamNamespace {
    return new TeamNamespace(this, id, { ...options, gateway: this });
  }

  /**
   * Declares an external host the gateway routes (E10–E12); no namespace may call it until
   * {@link ExternalDestination.allow} says which. Declaring the same host again returns the same destination, and
   * fails when the options differ.
   */
  public addDestination(options: ExternalDestinationOptions): ExternalDestination {
    const existing = this.node.tryFindChild(destinationId(options));
    if (existing instanceof ExternalDestination) {
      existing._checkSameDeclaration(options);
      return existing;
    }
    return new ExternalDestination(this, destinationId(options), { ...options, gateway: this });
  }

  /**
   * Lets `team` call `host` through the gateway, e.g. `gateway.allow(teamY, 'httpbin.org', { paths: ['/status/418'] })`:
   * the seed's prose, once. The host is declared with TLS origination unless it already is.
   */
  public allow(team: TeamNamespace, host: string, options: EgressAllowOptions = {}): ExternalDestination {
    const known = this.destinationList.find((destination) => !isUnresolved(host) && destination.host === host);
    const destination = known ?? this.addDestination({ host });
    destination.allow(team, options);
    return destination;
  }

  /** @internal */
  public _registerDestination(destination: ExternalDestination): void {
    const same = this.destinationList.find((other) => !isUnresolved(other.host) && other.host === destination.host);
    if (same) {
      throw invalidInput(destination, 'host', `is already declared by ${same.node.path}`, destination.host,
        'Declare each external host once and allow every namespace that needs it on that destination');
    }
    // An exact host the gateway also reaches as a wildcard's server set would get two origination rules for one host.
    const shared = this.destinationList.find((other) => !isUnresolved(other.upstreamHost) && other.upstreamHost === destination.upstreamHost &&
      (other.host === other.upstreamHost) !== (destination.host === destination.upstreamHost));
    if (shared) {
      throw invalidInput(destination, destination.host === destination.upstreamHost ? 'host' : 'servedBy',
        `is also where ${shared.node.path} (${shared.host}) connects`, destination.upstreamHost,
        'Let the wildcard cover the exact host, or give the wildcard another server set: the gateway keeps one TLS origination rule per host');
    }
    this.destinationList.push(destination);
  }

  /** @internal */
  public _registerTeam(team: TeamNamespace): void {
    const same = this.teamList.find((other) => !isUnresolved(other.name) && other.name === team.name);
    if (same) {
      throw invalidInput(team, 'name', `is already the namespace of ${same.node.path}`, team.name,
        'Declare each team namespace once; allow it every destination it needs');
    }
    this.teamList.push(team);
  }

  /** @internal `[gateway namespace, ...namespaces]`: who sees an object exported from the gateway namespace. */
  public _audience(namespaces: readonly string[]): string[] {
    return this.audience(namespaces);
  }

  private audience(namespaces: readonly string[]): string[] {
    return [...new Set([this.namespace, ...namespaces])];
  }

  private servers(): GatewaySpecServers[] {
    const hosts = (tls: EgressTls) => this.destinationList.filter((d) => d.tls === tls).map((d) => `./${d.host}`);
    const servers: GatewaySpecServers[] = [];
    const originated = hosts(EgressTls.ORIGINATE);
    if (originated.length > 0) {
      // The sidecars wrap the workloads' plain HTTP in Istio mTLS; the gateway terminates it and sees the request.
      servers.push({ port: { number: GATEWAY_PORTS.http.port, name: 'https', protocol: 'HTTPS' }, hosts: originated, tls: { mode: 'ISTIO_MUTUAL' } });
    }
    const passedThrough = hosts(EgressTls.PASSTHROUGH);
    if (passedThrough.length > 0) {
      servers.push({ port: { number: GATEWAY_PORTS.tls.port, name: 'tls', protocol: 'TLS' }, hosts: passedThrough, tls: { mode: 'PASSTHROUGH' } });
    }
    return servers;
  }

  private subsets(): DestinationRuleSpecSubsets[] {
    const subsets: DestinationRuleSpecSubsets[] = this.destinationList.filter((d) => d.tls === EgressTls.ORIGINATE).map((d) => ({
      name: d.name,
      trafficPolicy: {
        portLevelSettings: [{ port: { number: GATEWAY_PORTS.http.port }, tls: { mode: 'ISTIO_MUTUAL', sni: gatewaySniOf(d.host) } }],
      },
    }));
    if (this.destinationList.some((d) => d.tls === EgressTls.PASSTHROUGH)) {
      // Istio mTLS cannot carry passthrough (seed 001); DISABLE keeps auto mTLS from wrapping the workload's TLS.
      subsets.push({ name: PASSTHROUGH_SUBSET, trafficPolicy: { portLevelSettings: [{ port: { number: GATEWAY_PORTS.tls.port }, tls: { mode: 'DISABLE' } }] } });
    }
    return subsets;
  }

  /** @internal The subset of the sidecar → gateway hop of a destination. */
  public _subsetOf(destination: ExternalDestination): string {
    return destination.tls === EgressTls.PASSTHROUGH ? PASSTHROUGH_SUBSET : destination.name;
  }
}

function destinationId(options: ExternalDestinationOptions): string {
  const host = options !== null && typeof options === 'object' ? options.host : undefined;
  return contentId(`Destination-${typeof host === 'string' ? host : 'unknown'}`);
}

/** E6: only a NoSchedule or NoExecute taint keeps other pods off the pool (PreferNoSchedule only discourages them). */
function checkIsolatingTaint(scope: Construct, pool: NodePool): void {
  if (isUnresolved(pool.taints)) return;
  if (pool.taints.some((taint) => isUnresolved(taint.effect) || taint.effect !== TaintEffect.PREFER_NO_SCHEDULE)) return;
  throw invalidInput(scope, 'nodePool.taints', pool.taints.length === 0 ? `of ${pool.node.path} are empty` : `of ${pool.node.path} are only PreferNoSchedule`, pool.taints,
    'Taint the gateway pool, e.g. { key: "dedicated", value: "gateway", effect: TaintEffect.NO_SCHEDULE }: without it any pod can run on ' +
    'the gateway nodes, whose firewall rule lets them reach the internet, and bypass the egress controls (E6)');
}
