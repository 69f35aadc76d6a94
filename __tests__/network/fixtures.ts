import { TerraformStack } from 'cdktf';
import { GkeCluster, NodePool, NodePoolOptions, NodeServiceAccount, TaintEffect } from '../../lib/gke';
import { Subnet, Vpc } from '../../lib/network';
import { gcpStack } from '../gke/fixtures';

/**
 * The egress tutorial's network and cluster (seed 001's companion tutorial): inputs shared by the network tests.
 * Expected values are written out in each test, never taken from here.
 */
export interface EgressNetwork {
  readonly stack: TerraformStack;
  readonly vpc: Vpc;
  readonly subnet: Subnet;
  readonly cluster: GkeCluster;
  readonly gatewayAccount: NodeServiceAccount;
}

export const GATEWAY_TAINT = { key: 'dedicated', value: 'gateway', effect: TaintEffect.NO_SCHEDULE };

/** vpc-network, subnet-gke 10.0.0.0/24 with pods 10.1.0.0/16 and services 10.2.0.0/20, and the private cluster1. */
export function egressNetwork(stack: TerraformStack = gcpStack()): EgressNetwork {
  const vpc = new Vpc(stack, 'Network', { name: 'vpc-network' });
  const subnet = vpc.addSubnet('Subnet', {
    name: 'subnet-gke', region: 'us-central1', cidr: '10.0.0.0/24',
    secondaryRanges: [{ rangeName: 'pods', cidr: '10.1.0.0/16' }, { rangeName: 'services', cidr: '10.2.0.0/20' }],
  });
  const cluster = new GkeCluster(stack, 'Cluster', {
    location: 'us-central1-a', name: 'cluster1', network: 'vpc-network', subnetwork: subnet.subnetworkId,
    podRangeName: 'pods', serviceRangeName: 'services', controlPlaneCidr: '10.5.0.0/28',
  });
  const gatewayAccount = new NodeServiceAccount(stack, 'GatewayNodes', { accountId: 'sa-gateway-nodes' });
  return { stack, vpc, subnet, cluster, gatewayAccount };
}

/** The tainted gateway pool running as its own account (E6), with `overrides`. */
export function gatewayPool(net: EgressNetwork, overrides: Partial<NodePoolOptions> = {}): NodePool {
  return net.cluster.addNodePool('GatewayPool', {
    name: 'gateway', serviceAccount: net.gatewayAccount.email, taints: [GATEWAY_TAINT], ...overrides,
  });
}
