import { FleetMembership, NodePool, ServiceMeshFeature } from '../../lib/gke';
import { CloudNat, EgressFirewall, GoogleApisVip, NatLogFilter, PrivateGoogleApis, Subnet, Vpc } from '../../lib/network';
import { WrongTypeSubject } from '../helpers/wrong-types';
import { EgressNetwork, egressNetwork, gatewayPool } from './fixtures';

/**
 * Every public construct and method of the egress network (lib/network's new constructs and gke.ServiceMeshFeature)
 * with valid props, so the X2 and X5 sweeps can spoil one prop at a time. `build` creates the subject under the id
 * `Subject` in a stack that already holds the tutorial's network and cluster.
 */
export interface Demo extends EgressNetwork {
  readonly gatewayPool: NodePool;
}

export type Subject = WrongTypeSubject<Demo>;

export function demo(): Demo {
  const net = egressNetwork();
  return { ...net, gatewayPool: gatewayPool(net) };
}

// Callers without a type checker can pass anything; this cast lets the sweeps do the same.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const any = (props: Record<string, unknown>): any => props;

export const SUBJECTS: readonly Subject[] = [
  {
    name: 'network.Vpc',
    valid: () => ({ name: 'other-vpc' }),
    optional: () => ({ project: 'my-project-id', description: 'egress demo' }),
    build: (d, p) => new Vpc(d.stack, 'Subject', any(p)),
  },
  {
    name: 'network.Vpc.fromNetworkName',
    valid: () => ({ name: 'default' }),
    optional: () => ({ project: 'my-project-id' }),
    build: (d, p) => Vpc.fromNetworkName(d.stack, 'Subject', any(p)),
  },
  {
    name: 'network.Subnet',
    valid: (d) => ({ network: d.vpc, name: 'subnet-other', region: 'us-east1', cidr: '10.8.0.0/24' }),
    optional: () => ({ secondaryRanges: [{ rangeName: 'pods', cidr: '10.9.0.0/16' }], privateGoogleAccess: true, allowPrivatelyUsedPublicRanges: false }),
    build: (d, p) => new Subnet(d.stack, 'Subject', any(p)),
  },
  {
    name: 'network.Vpc.addSubnet',
    valid: () => ({ name: 'subnet-other', region: 'us-east1', cidr: '10.8.0.0/24' }),
    optional: () => ({ secondaryRanges: [{ rangeName: 'pods', cidr: '10.9.0.0/16' }], privateGoogleAccess: false }),
    build: (d, p) => d.vpc.addSubnet('Subject', any(p)),
  },
  {
    name: 'network.CloudNat',
    valid: (d) => ({ subnet: d.subnet }),
    optional: () => ({
      name: 'nat-config', routerName: 'nat-router', minPortsPerVm: 64, dynamicPortAllocation: true, maxPortsPerVm: 4096,
      endpointIndependentMapping: false, logFilter: NatLogFilter.ALL,
    }),
    build: (d, p) => new CloudNat(d.stack, 'Subject', any(p)),
  },
  {
    name: 'network.PrivateGoogleApis',
    valid: (d) => ({ network: d.vpc }),
    optional: () => ({ vip: GoogleApisVip.RESTRICTED, namePrefix: 'egress' }),
    build: (d, p) => new PrivateGoogleApis(d.stack, 'Subject', any(p)),
  },
  {
    name: 'network.EgressFirewall',
    valid: (d) => ({ subnet: d.subnet, gatewayPool: d.gatewayPool, controlPlaneCidr: '10.5.0.0/28' }),
    optional: (d) => ({
      workloadPools: [d.cluster.nodePool], googleApisVip: GoogleApisVip.PRIVATE, internetPorts: [80, 443], controlPlanePorts: [443, 10250],
      webhookPorts: [15017, 9443], namePrefix: 'egress', logging: true,
    }),
    build: (d, p) => new EgressFirewall(d.stack, 'Subject', any(p)),
  },
  {
    name: 'gke.ServiceMeshFeature',
    valid: () => ({}),
    optional: (d) => ({ project: 'my-project-id', memberships: [new FleetMembership(d.stack, 'Fleet', { cluster: d.cluster })], management: 'MANAGEMENT_AUTOMATIC' }),
    build: (d, p) => new ServiceMeshFeature(d.stack, 'Subject', any(p)),
  },
  {
    name: 'gke.ServiceMeshFeature.addMembership',
    valid: (d) => ({ membership: new FleetMembership(d.stack, 'Fleet', { cluster: d.cluster }) }),
    build: (d, p) => new ServiceMeshFeature(d.stack, 'Subject').addMembership(any(p)?.membership),
  },
];
