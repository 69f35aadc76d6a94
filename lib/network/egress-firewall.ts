import { ComputeFirewall, ComputeFirewallConfig } from '@cdktf/provider-google/lib/compute-firewall';
import { Construct } from 'constructs';
import { addDependsOn, waitFor } from '../core/dependencies';
import { formatProblem, invalidInput } from '../core/errors';
import { claimUniqueName } from '../core/unique-names';
import {
  checkBoolean, checkInstance, checkIpv4Cidr, checkList, checkPorts, checkProps, checkResourceName, isIpv4Cidr, isUnresolved,
} from '../core/validation';
import { NodePool, TaintEffect } from '../gke/cluster/node-pool';
import { GoogleApisVip } from './google-apis-vip';
import { HEALTH_CHECKER_RANGES } from './health-check-firewall';
import { parseIpv4Range, rangesOverlap } from './ipv4';
import { Subnet } from './subnet';

/** Properties of an {@link EgressFirewall}. */
export interface EgressFirewallProps {
  /** The cluster's subnet: its network gets the rules, its ranges are the cluster's internal destinations. */
  readonly subnet: Subnet;

  /**
   * The dedicated egress gateway pool (E6), the only nodes allowed to reach the internet. It must carry a
   * `NoSchedule` or `NoExecute` taint and run as a service account of its own.
   */
  readonly gatewayPool: NodePool;

  /**
   * The pools running workloads, which may reach the cluster, the control plane and Google APIs but not the
   * internet. Every other pool of the gateway pool's cluster must be listed (checked at synth).
   * @default - every other node pool of the gateway pool's cluster
   */
  readonly workloadPools?: NodePool[];

  /** The control plane's private /28 (E1: `10.5.0.0/28`), the destination of the nodes' API server traffic. */
  readonly controlPlaneCidr: string;

  /**
   * The VIP the private DNS zones point at (E3), which both node service accounts may reach on 443.
   * @default GoogleApisVip.PRIVATE
   */
  readonly googleApisVip?: GoogleApisVip;

  /**
   * Ports the gateway nodes may reach on the internet.
   * @default [80, 443] (E7)
   */
  readonly internetPorts?: number[];

  /**
   * Ports the nodes may reach on the control plane. GKE needs 443 (GKE, "Automatically created firewall rules":
   * control plane connectivity always uses TCP 443); the egress tutorial also opens 10250.
   * @default [443, 10250]
   */
  readonly controlPlanePorts?: number[];

  /**
   * Admission webhook ports the control plane may call on the nodes. GKE's own rule for private clusters
   * opens only 443 and 10250, so webhooks on other ports time out: Istio's istiod injector and validation webhook
   * listen on 15017, the Traffic Director sidecar injector (mesh.SidecarInjector) on 9443.
   * @default [15017, 9443]
   */
  readonly webhookPorts?: number[];

  /**
   * Prefix of the rule names, e.g. `PREFIX-deny-all-egress`.
   * @default - the network name
   */
  readonly namePrefix?: string;

  /**
   * Log the connections the deny-all rule blocks and those the gateway rule lets out (Firewall Rules Logging): the
   * record of traffic crossing the network boundary that compliance regimes ask for (seed 001, "traffic logging").
   * @default true
   */
  readonly logging?: boolean;
}

/** The longest rule name suffix; firewall rule names have at most 63 characters. */
const LONGEST_SUFFIX = '-allow-control-plane-egress';
const PRIORITY_DENY_ALL = 65535;
const PRIORITY_ALLOW = 1000;

/**
 * The VPC firewall of seed 001's defence in depth (E7), every rule selecting nodes by service account
 * (`target_service_accounts`), never by network tag, which any VM admin can set:
 *
 * | rule | direction | what and why |
 * |---|---|---|
 * | `PREFIX-deny-all-egress` | egress, priority 65535 | denies everything to 0.0.0.0/0 for the whole network: workloads that bypass their sidecar still cannot leave. The lowest priority, so GKE's own rules (priority 1000) and the allows below win |
 * | `PREFIX-allow-gateway-web-egress` | egress, 1000 | the gateway pool's account to 0.0.0.0/0 on tcp 80, 443: the one way out, through the egress gateway and Cloud NAT |
 * | `PREFIX-allow-control-plane-egress` | egress, 1000 | both pools' accounts to the control plane /28 on tcp 443, 10250: kubelets and agents reach the API server |
 * | `PREFIX-allow-internal-egress` | egress, 1000 | both pools' accounts to the subnet's ranges (nodes, pods, Services), all protocols: pod-to-pod and node-to-pod traffic, which a deny-all egress rule would otherwise cut |
 * | `PREFIX-allow-google-apis-egress` | egress, 1000 | both pools' accounts to the Google API VIP /30 on tcp 443: images, logging, the mesh's CA and control plane (E3, E4) |
 * | `PREFIX-allow-health-checks` | ingress, 1000 | Google's health checkers (35.191.0.0/16, 130.211.0.0/22) to both pools on tcp: load balancer and NEG health checks |
 * | `PREFIX-allow-webhooks` | ingress, 1000 | the control plane /28 to both pools on tcp 15017, 9443: admission webhooks (sidecar injection) that GKE's private-cluster rule does not open |
 *
 * The metadata server (169.254.169.254) is always reachable; firewall rules do not apply to it. Rules are stateful,
 * so replies to allowed connections (health checks, webhooks) need no rule of their own. The deny-all rule is created
 * after every allow rule and after the node pools, so a running cluster is never cut off from its control plane.
 */
export class EgressFirewall extends Construct {
  /** Every rule, the deny-all rule last. */
  public readonly rules: ComputeFirewall[];
  /** `PREFIX-deny-all-egress`: nothing leaves the network unless allowed (priority 65535). */
  public readonly denyAllEgress: ComputeFirewall;
  /** `PREFIX-allow-gateway-web-egress`: the gateway nodes to the internet on the web ports. */
  public readonly allowGatewayInternet: ComputeFirewall;
  /** `PREFIX-allow-control-plane-egress`: the nodes to the private control plane. */
  public readonly allowControlPlane: ComputeFirewall;
  /** `PREFIX-allow-internal-egress`: the nodes to the subnet's node, pod and Service ranges. */
  public readonly allowInternal: ComputeFirewall;
  /** `PREFIX-allow-google-apis-egress`: the nodes to the Google API VIP. */
  public readonly allowGoogleApis: ComputeFirewall;
  /** `PREFIX-allow-health-checks`: Google's health checkers to the nodes. */
  public readonly allowHealthChecks: ComputeFirewall;
  /** `PREFIX-allow-webhooks`: the control plane to the nodes' admission webhooks. */
  public readonly allowWebhooks: ComputeFirewall;
  /** The service account the gateway nodes run as. */
  public readonly gatewayServiceAccount: string;
  /** The service accounts the workload nodes run as. */
  public readonly workloadServiceAccounts: string[];

  constructor(scope: Construct, id: string, props: EgressFirewallProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { subnet, gatewayPool, controlPlaneCidr }');
    checkInstance(this, 'subnet', props.subnet, Subnet, 'Pass the cluster\'s subnet: new Subnet(...) or vpc.addSubnet(...)');
    const { subnet } = props;
    const project = subnet.project;
    const poolFix = 'Pass a pool from cluster.addNodePool(...)';
    checkInstance(this, 'gatewayPool', props.gatewayPool, NodePool, poolFix);
    const gatewayPool = props.gatewayPool;
    const cluster = gatewayPool.cluster;
    const workloadPools = props.workloadPools ?? poolsOf(cluster).filter((pool) => pool !== gatewayPool);
    if (checkList(this, 'workloadPools', workloadPools, 'List the pools running workloads, e.g. [cluster.nodePool]')) {
      workloadPools.forEach((pool, i) => checkInstance(this, `workloadPools[${i}]`, pool, NodePool, poolFix));
    }
    this.checkGatewayPool(gatewayPool, workloadPools);
    workloadPools.forEach((pool, i) => this.checkPoolNetwork(`workloadPools[${i}]`, pool, subnet));
    this.checkPoolNetwork('gatewayPool', gatewayPool, subnet);

    checkIpv4Cidr(this, 'controlPlaneCidr', props.controlPlaneCidr, 'Pass the cluster\'s control plane range, e.g. "10.5.0.0/28" (E1)');
    this.checkControlPlaneCidr(props.controlPlaneCidr, subnet);
    const vip = props.googleApisVip ?? GoogleApisVip.PRIVATE;
    checkInstance(this, 'googleApisVip', vip, GoogleApisVip, 'Use the VIP of the network\'s private zones: GoogleApisVip.PRIVATE or GoogleApisVip.RESTRICTED');
    const internetPorts = props.internetPorts ?? [80, 443];
    checkPorts(this, 'internetPorts', internetPorts, 'List TCP ports such as [80, 443]');
    const controlPlanePorts = props.controlPlanePorts ?? [443, 10250];
    checkPorts(this, 'controlPlanePorts', controlPlanePorts, 'List TCP ports such as [443, 10250]');
    const webhookPorts = props.webhookPorts ?? [15017, 9443];
    checkPorts(this, 'webhookPorts', webhookPorts, 'List TCP ports such as [15017, 9443]');
    const logging = props.logging ?? true;
    checkBoolean(this, 'logging', logging);
    const prefix = props.namePrefix ?? subnet.network.name;
    checkResourceName(this, 'namePrefix', prefix);
    if (!isUnresolved(prefix) && prefix.length + LONGEST_SUFFIX.length > 63) {
      throw invalidInput(this, 'namePrefix', `is longer than ${63 - LONGEST_SUFFIX.length} characters`, prefix,
        `Rule names add up to "${LONGEST_SUFFIX}" and may have at most 63 characters; pass a shorter namePrefix`);
    }

    this.gatewayServiceAccount = gatewayPool.serviceAccount as string;
    this.workloadServiceAccounts = [...new Set(workloadPools.map((pool) => pool.serviceAccount as string))];
    const allAccounts = [this.gatewayServiceAccount, ...this.workloadServiceAccounts];
    const tcp = (ports: readonly number[]) => [{ protocol: 'tcp', ports: isUnresolved(ports) ? ports as unknown as string[] : ports.map(String) }];
    const logConfig = logging ? { metadata: 'INCLUDE_ALL_METADATA' } : undefined;
    const rule = (ruleId: string, suffix: string, config: Omit<ComputeFirewallConfig, 'name' | 'network' | 'project'>): ComputeFirewall => {
      const name = `${prefix}-${suffix}`;
      claimUniqueName(this, 'namePrefix', 'firewall rule', [project, name], `project ${project}`);
      const resource = new ComputeFirewall(this, ruleId, { project, name, network: subnet.network.networkId, ...config });
      // Rules name the accounts by email: the pools (and so their accounts) must exist before the rules do.
      for (const pool of [gatewayPool, ...workloadPools]) waitFor(resource, pool);
      return resource;
    };

    this.allowGatewayInternet = rule('AllowGatewayInternet', 'allow-gateway-web-egress', {
      description: 'E7: only the egress gateway nodes reach the internet, on the web ports, through Cloud NAT.',
      direction: 'EGRESS', priority: PRIORITY_ALLOW, destinationRanges: ['0.0.0.0/0'],
      targetServiceAccounts: [this.gatewayServiceAccount], allow: tcp(internetPorts), logConfig,
    });
    this.allowControlPlane = rule('AllowControlPlane', 'allow-control-plane-egress', {
      description: 'E7: nodes reach the private control plane (API server), or they cannot join or run the cluster.',
      direction: 'EGRESS', priority: PRIORITY_ALLOW, destinationRanges: [props.controlPlaneCidr],
      targetServiceAccounts: allAccounts, allow: tcp(controlPlanePorts),
    });
    this.allowInternal = rule('AllowInternal', 'allow-internal-egress', {
      description: 'E7: nodes and pods reach each other (subnet, pod and Service ranges); Kubernetes networking needs all protocols.',
      direction: 'EGRESS', priority: PRIORITY_ALLOW, destinationRanges: subnet.allRanges,
      targetServiceAccounts: allAccounts, allow: [{ protocol: 'all' }],
    });
    this.allowGoogleApis = rule('AllowGoogleApis', 'allow-google-apis-egress', {
      description: `E3/E7: nodes and pods reach Google APIs through ${vip.domain} (${vip.cidr}) only.`,
      direction: 'EGRESS', priority: PRIORITY_ALLOW, destinationRanges: [vip.cidr],
      targetServiceAccounts: allAccounts, allow: tcp([443]),
    });
    this.allowHealthChecks = rule('AllowHealthChecks', 'allow-health-checks', {
      description: 'E7: Google health checkers reach the nodes (load balancers, NEGs).',
      direction: 'INGRESS', priority: PRIORITY_ALLOW, sourceRanges: [...HEALTH_CHECKER_RANGES],
      targetServiceAccounts: allAccounts, allow: [{ protocol: 'tcp' }],
    });
    this.allowWebhooks = rule('AllowWebhooks', 'allow-webhooks', {
      description: 'E7: the private control plane calls admission webhooks (sidecar injection) on the nodes.',
      direction: 'INGRESS', priority: PRIORITY_ALLOW, sourceRanges: [props.controlPlaneCidr],
      targetServiceAccounts: allAccounts, allow: tcp(webhookPorts),
    });
    this.denyAllEgress = rule('DenyAllEgress', 'deny-all-egress', {
      description: 'E7: nothing leaves the network unless a rule above allows it (lowest priority, so GKE\'s own rules still apply).',
      direction: 'EGRESS', priority: PRIORITY_DENY_ALL, destinationRanges: ['0.0.0.0/0'],
      deny: [{ protocol: 'all' }], logConfig,
    });
    const allows = [this.allowGatewayInternet, this.allowControlPlane, this.allowInternal, this.allowGoogleApis, this.allowHealthChecks, this.allowWebhooks];
    for (const allow of allows) addDependsOn(this.denyAllEgress, allow);
    this.rules = [...allows, this.denyAllEgress];

    this.node.addValidation({ validate: () => this.uncoveredPools(gatewayPool, workloadPools) });
  }

  /** E6: the gateway pool is tainted and runs as an account of its own, which the workload pools do not share. */
  private checkGatewayPool(gatewayPool: NodePool, workloadPools: readonly NodePool[]): void {
    const taintFix = 'Taint the pool so only the egress gateway, which tolerates the taint, runs there, e.g. '
      + 'taints: [{ key: "dedicated", value: "gateway", effect: TaintEffect.NO_SCHEDULE }] (E6); without it any pod can land on the gateway '
      + 'nodes and use their internet access';
    if (!gatewayPool.taints.some((t) => t.effect === TaintEffect.NO_SCHEDULE || t.effect === TaintEffect.NO_EXECUTE)) {
      throw invalidInput(this, `gatewayPool (${gatewayPool.name})`, 'has no NoSchedule or NoExecute taint', gatewayPool.taints, taintFix);
    }
    const accountFix = 'Give the pool a service account of its own (serviceAccount: new NodeServiceAccount(...).email); '
      + 'firewall rules select nodes by service account (E7)';
    for (const [field, pool] of [['gatewayPool', gatewayPool], ...workloadPools.map((p, i) => [`workloadPools[${i}]`, p] as const)] as const) {
      if (pool.serviceAccount === undefined) {
        throw invalidInput(this, `${field} (${pool.name})`, 'runs as the Compute Engine default service account', pool.serviceAccount, accountFix);
      }
    }
    workloadPools.forEach((pool, i) => {
      if (pool === gatewayPool) {
        throw invalidInput(this, `workloadPools[${i}]`, 'is the gateway pool', pool.name, 'List only the pools that run workloads; the gateway pool is gatewayPool');
      }
      if (!isUnresolved(pool.serviceAccount) && !isUnresolved(gatewayPool.serviceAccount) && pool.serviceAccount === gatewayPool.serviceAccount) {
        throw invalidInput(this, `workloadPools[${i}] (${pool.name})`, 'runs as the gateway pool\'s service account', pool.serviceAccount,
          `${accountFix}: a workload pool sharing it would get the gateway's internet access`);
      }
    });
  }

  private checkPoolNetwork(field: string, pool: NodePool, subnet: Subnet): void {
    const { network, region } = pool.cluster;
    if (!isUnresolved(network) && !isUnresolved(subnet.network.name) && network !== subnet.network.name) {
      throw invalidInput(this, `${field} (${pool.name})`, `belongs to a cluster on network "${network}", not the subnet's network "${subnet.network.name}"`,
        network, 'Create the firewall for the network the cluster runs in');
    }
    if (!isUnresolved(region) && !isUnresolved(subnet.region) && region !== subnet.region) {
      throw invalidInput(this, `${field} (${pool.name})`, `belongs to a cluster in region "${region}", not the subnet's region "${subnet.region}"`,
        region, 'Pass the subnet the cluster\'s nodes run in');
    }
  }

  /** The control plane's range must not overlap the subnet: GKE peers it into the network. */
  private checkControlPlaneCidr(cidr: string, subnet: Subnet): void {
    if (isUnresolved(cidr) || !isIpv4Cidr(cidr)) return;
    const range = parseIpv4Range(cidr);
    subnet.allRanges.forEach((other) => {
      if (!isUnresolved(other) && rangesOverlap(range, parseIpv4Range(other))) {
        throw invalidInput(this, 'controlPlaneCidr', `overlaps the subnet range ${other}`, cidr,
          'Give the control plane a /28 outside every subnet range, e.g. "10.5.0.0/28" (E1)');
      }
    });
  }

  /** Pools of the cluster that no rule covers (added after the firewall, or left out of workloadPools). */
  private uncoveredPools(gatewayPool: NodePool, workloadPools: readonly NodePool[]): string[] {
    return poolsOf(gatewayPool.cluster)
      .filter((pool) => pool !== gatewayPool && !workloadPools.includes(pool))
      .map((pool) => formatProblem(this, 'workloadPools', `leaves out node pool ${pool.name} of cluster ${gatewayPool.cluster.name}`,
        workloadPools.map((p) => p.name), 'Its nodes could not reach the control plane or each other past the deny-all egress rule; '
        + 'list it in workloadPools, or create the firewall after adding every pool'));
  }
}

function poolsOf(cluster: Construct): NodePool[] {
  return cluster.node.findAll().filter((c): c is NodePool => c instanceof NodePool);
}
