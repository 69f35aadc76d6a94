import { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import { ComputeRouterNat } from '@cdktf/provider-google/lib/compute-router-nat';
import { Construct } from 'constructs';
import { invalidInput } from '../core/errors';
import { claimUniqueName } from '../core/unique-names';
import { warn } from '../core/warnings';
import { checkBoolean, checkImplements, checkIntegerRange, checkOneOf, checkProps, checkResourceName, isUnresolved } from '../core/validation';
import { ISubnet } from './subnet';

/** Which Cloud NAT events are logged. */
export enum NatLogFilter {
  /** Only connections dropped for lack of NAT ports or addresses: what tells you `minPortsPerVm` is too small (E2). */
  ERRORS_ONLY = 'ERRORS_ONLY',
  /** Only successful translations. */
  TRANSLATIONS_ONLY = 'TRANSLATIONS_ONLY',
  /** Both. */
  ALL = 'ALL',
}

/** Properties of a {@link CloudNat}. */
export interface CloudNatProps {
  /** The subnet whose primary and secondary ranges reach the internet through this NAT. */
  readonly subnet: ISubnet;

  /**
   * The NAT gateway's name (the egress tutorial's `nat-config`).
   * @default - the subnet name with `-nat`
   */
  readonly name?: string;

  /**
   * The Cloud Router's name (the egress tutorial's `nat-router`).
   * @default - the subnet name with `-router`
   */
  readonly routerName?: string;

  /**
   * Source ports reserved for each VM (E2). A node can hold at most this many connections to one destination
   * address and port at a time, so size it for the egress gateway's concurrent connections to its busiest external
   * host: the provider's default of 64 exhausts quickly behind a gateway that funnels a cluster's traffic.
   * Cloud NAT takes 2 to 65536 and rounds up to a power of two; with `dynamicPortAllocation` it must be a power of
   * two from 32 to 32768 and below `maxPortsPerVm`. Each NAT address has 64512 ports, so each address serves
   * 64512 / minPortsPerVm nodes.
   * @default 1024
   */
  readonly minPortsPerVm?: number;

  /**
   * Let busy nodes borrow ports beyond `minPortsPerVm`, up to `maxPortsPerVm`, and return them when idle. Cannot be
   * combined with `endpointIndependentMapping`.
   * @default false: every node holds exactly `minPortsPerVm` ports, which keeps address use predictable
   */
  readonly dynamicPortAllocation?: boolean;

  /**
   * Most ports a node may hold with dynamic port allocation: a power of two above `minPortsPerVm`, at most 65536.
   * Only with `dynamicPortAllocation`.
   * @default - 65536, Cloud NAT's default with dynamic port allocation
   */
  readonly maxPortsPerVm?: number;

  /**
   * Endpoint-independent mapping: one external address and port per internal address and port, whatever the
   * destination. Off, a port can serve several destinations at once, which a gateway talking to many hosts needs;
   * on, conflicts between nodes rise with the number of connections (seed 001 suggests more gateway replicas then).
   * @default false
   */
  readonly endpointIndependentMapping?: boolean;

  /**
   * What Cloud NAT logs.
   * @default NatLogFilter.ERRORS_ONLY: dropped connections, the sign of port exhaustion
   */
  readonly logFilter?: NatLogFilter;
}

const FIX_STATIC = 'Cloud NAT reserves from 2 to 65536 source ports per VM; size it for the egress gateway\'s concurrent connections to one destination, e.g. 2048';
const FIX_DYNAMIC = 'With dynamic port allocation, use a power of two from 32 to 32768, e.g. 1024';

/**
 * Outbound internet access for a private cluster's subnet (E2): a Cloud Router and a Cloud NAT gateway with
 * automatically allocated addresses for all of the subnet's ranges, an explicit minimum of ports per VM and error
 * logging — `gcloud compute routers create nat-router` and `gcloud compute routers nats create nat-config
 * --router nat-router --nat-custom-subnet-ip-ranges SUBNET:ALL --auto-allocate-nat-external-ips --min-ports-per-vm N
 * --enable-logging --log-filter ERRORS_ONLY`.
 *
 * NAT gives every node a way out; the firewall (EgressFirewall, E7) decides that only the gateway nodes use it.
 */
export class CloudNat extends Construct {
  /** The NAT gateway's name. */
  public readonly name: string;
  /** The Cloud Router's name. */
  public readonly routerName: string;
  /** The ports each VM holds at least (E2). */
  public readonly minPortsPerVm: number;
  /** The `google_compute_router` the NAT runs on. */
  public readonly router: ComputeRouter;
  /** The `google_compute_router_nat` (escape hatch). */
  public readonly resource: ComputeRouterNat;

  constructor(scope: Construct, id: string, props: CloudNatProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { subnet }, the subnet of the private cluster');
    checkImplements(this, 'subnet', props.subnet, 'ISubnet', ['project', 'name', 'region', 'network', 'subnetworkId'],
      'Pass the cluster\'s subnet: new Subnet(...), vpc.addSubnet(...) or Subnet.fromSubnetAttributes(...)');
    const { subnet } = props;
    const project = subnet.project;
    this.name = props.name ?? `${subnet.name}-nat`;
    checkResourceName(this, 'name', this.name);
    this.routerName = props.routerName ?? `${subnet.name}-router`;
    checkResourceName(this, 'routerName', this.routerName);
    const dynamic = props.dynamicPortAllocation ?? false;
    checkBoolean(this, 'dynamicPortAllocation', dynamic);
    const independent = props.endpointIndependentMapping ?? false;
    checkBoolean(this, 'endpointIndependentMapping', independent);
    if (dynamic === true && independent === true) {
      throw invalidInput(this, 'endpointIndependentMapping', 'cannot be combined with dynamicPortAllocation', independent,
        'Cloud NAT offers one or the other; turn endpointIndependentMapping off to allocate ports dynamically');
    }
    this.minPortsPerVm = props.minPortsPerVm ?? 1024;
    this.checkPorts(dynamic, props.maxPortsPerVm);
    const logFilter = props.logFilter ?? NatLogFilter.ERRORS_ONLY;
    checkOneOf(this, 'logFilter', logFilter, Object.values(NatLogFilter), 'a Cloud NAT log filter');
    claimUniqueName(this, 'routerName', 'Cloud Router', [project, subnet.region, this.routerName], `project ${project}, region ${subnet.region}`);

    this.router = new ComputeRouter(this, 'Router', {
      project,
      region: subnet.region,
      name: this.routerName,
      network: subnet.network.networkId,
    });
    this.resource = new ComputeRouterNat(this, 'Resource', {
      project,
      region: subnet.region,
      router: this.router.name,
      name: this.name,
      natIpAllocateOption: 'AUTO_ONLY',
      // Only this subnet, with its pod and Service ranges: another subnet of the network gets no way out by accident.
      sourceSubnetworkIpRangesToNat: 'LIST_OF_SUBNETWORKS',
      subnetwork: [{ name: subnet.subnetworkId, sourceIpRangesToNat: ['ALL_IP_RANGES'] }],
      minPortsPerVm: this.minPortsPerVm,
      maxPortsPerVm: dynamic === false ? undefined : props.maxPortsPerVm,
      enableDynamicPortAllocation: dynamic,
      enableEndpointIndependentMapping: independent,
      logConfig: { enable: true, filter: logFilter },
    });
  }

  private checkPorts(dynamic: boolean, max: number | undefined): void {
    const min = this.minPortsPerVm;
    if (isUnresolved(dynamic)) {
      // Known only at apply time (X5): only the bounds that hold either way.
      checkIntegerRange(this, 'minPortsPerVm', min, 2, 65536, FIX_STATIC);
      if (max !== undefined) checkIntegerRange(this, 'maxPortsPerVm', max, 64, 65536);
      return;
    }
    if (!dynamic) {
      checkIntegerRange(this, 'minPortsPerVm', min, 2, 65536, FIX_STATIC);
      if (max !== undefined) {
        throw invalidInput(this, 'maxPortsPerVm', 'only applies with dynamic port allocation', max,
          'Remove maxPortsPerVm, or set dynamicPortAllocation: true');
      }
      if (!isUnresolved(min) && !isPowerOfTwo(min)) {
        warn(this, `Cloud NAT "${this.name}" rounds minPortsPerVm ${min} up to ${2 ** Math.ceil(Math.log2(min))} ports per VM, ` +
          'which uses NAT addresses faster than the value suggests; set a power of two (E2).');
      }
      return;
    }
    checkIntegerRange(this, 'minPortsPerVm', min, 32, 32768, FIX_DYNAMIC);
    if (!isUnresolved(min) && !isPowerOfTwo(min)) {
      throw invalidInput(this, 'minPortsPerVm', 'is not a power of two', min, FIX_DYNAMIC);
    }
    if (max === undefined) return;
    const fixMax = 'Use a power of two above minPortsPerVm, at most 65536, e.g. 65536';
    checkIntegerRange(this, 'maxPortsPerVm', max, 64, 65536, fixMax);
    if (isUnresolved(max)) return;
    if (!isPowerOfTwo(max)) throw invalidInput(this, 'maxPortsPerVm', 'is not a power of two', max, fixMax);
    if (!isUnresolved(min) && max <= min) {
      throw invalidInput(this, 'maxPortsPerVm', `must be greater than minPortsPerVm ${min}`, max, fixMax);
    }
  }
}

function isPowerOfTwo(value: number): boolean {
  return Number.isInteger(value) && value > 0 && (value & (value - 1)) === 0;
}
