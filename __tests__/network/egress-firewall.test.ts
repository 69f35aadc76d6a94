import { Fn, TerraformStack, Token } from 'cdktf';
import { GkeCluster, NodePool, TaintEffect } from '../../lib/gke';
import { EgressFirewall, EgressFirewallProps, GoogleApisVip, Vpc } from '../../lib/network';
import { gcpStack } from '../gke/fixtures';
import { resourcesOf, StackJson, synth } from '../helpers/synth';
import { EgressNetwork, egressNetwork, gatewayPool } from './fixtures';

const GATEWAY_SA = 'sa-gateway-nodes@my-project-id.iam.gserviceaccount.com';
const WORKLOAD_SA = 'cluster1-nodes@my-project-id.iam.gserviceaccount.com';
const PATH = 'test/Firewall';

function firewall(props: Partial<EgressFirewallProps> = {}, net: EgressNetwork = egressNetwork()): { net: EgressFirewallProps & { stack: TerraformStack }; construct: EgressFirewall } {
  const full = { subnet: net.subnet, controlPlaneCidr: '10.5.0.0/28', ...props, gatewayPool: props.gatewayPool ?? gatewayPool(net) };
  return { net: { ...full, stack: net.stack }, construct: new EgressFirewall(net.stack, 'Firewall', full) };
}

function rules(json: StackJson): Record<string, Record<string, unknown>> {
  return Object.fromEntries(Object.values(resourcesOf(json, 'google_compute_firewall')).map((r) => [String(r.name).replace('vpc-network-', ''), r]));
}

describe('EgressFirewall', () => {
  describe('E7: the tutorial\'s rules on the tutorial\'s network', () => {
    let json: StackJson;
    let all: Record<string, Record<string, unknown>>;
    let construct: EgressFirewall;
    beforeAll(() => {
      const built = firewall();
      construct = built.construct;
      json = synth(built.net.stack);
      all = rules(json);
    });

    it('E7: seven rules, all on vpc-network in my-project-id', () => {
      expect(Object.keys(all).sort()).toEqual([
        'allow-control-plane-egress', 'allow-gateway-web-egress', 'allow-google-apis-egress', 'allow-health-checks', 'allow-internal-egress',
        'allow-webhooks', 'deny-all-egress',
      ]);
      const networkId = `\${google_compute_network.${Object.keys(json.resource!.google_compute_network)[0]}.id}`;
      expect(Object.values(all).every((r) => r.project === 'my-project-id' && r.network === networkId)).toBe(true);
      expect(construct.rules.map((r) => r.terraformResourceType)).toEqual(Array(7).fill('google_compute_firewall'));
      expect(construct.rules[6]).toBe(construct.denyAllEgress);
    });

    it('E7: deny all egress for the whole network at priority 65535, logged, no target', () => {
      expect(all['deny-all-egress']).toMatchObject({
        direction: 'EGRESS', priority: 65535, destination_ranges: ['0.0.0.0/0'], deny: [{ protocol: 'all' }], log_config: { metadata: 'INCLUDE_ALL_METADATA' },
      });
      expect(all['deny-all-egress']).not.toHaveProperty('target_service_accounts');
      expect(all['deny-all-egress']).not.toHaveProperty('allow');
    });

    it('E7: the gateway nodes, by service account, reach the internet on tcp 80 and 443 at priority 1000, logged', () => {
      expect(all['allow-gateway-web-egress']).toMatchObject({
        direction: 'EGRESS', priority: 1000, destination_ranges: ['0.0.0.0/0'], allow: [{ protocol: 'tcp', ports: ['80', '443'] }],
        target_service_accounts: [GATEWAY_SA], log_config: { metadata: 'INCLUDE_ALL_METADATA' },
      });
      expect(construct.gatewayServiceAccount).toBe(GATEWAY_SA);
      expect(construct.workloadServiceAccounts).toEqual([WORKLOAD_SA]);
    });

    it('E7: cluster operation stays possible: control plane, internal ranges, Google API VIP, health checks, webhooks', () => {
      const both = [GATEWAY_SA, WORKLOAD_SA];
      expect(all['allow-control-plane-egress']).toMatchObject({
        direction: 'EGRESS', priority: 1000, destination_ranges: ['10.5.0.0/28'], allow: [{ protocol: 'tcp', ports: ['443', '10250'] }], target_service_accounts: both,
      });
      expect(all['allow-internal-egress']).toMatchObject({
        direction: 'EGRESS', priority: 1000, destination_ranges: ['10.0.0.0/24', '10.1.0.0/16', '10.2.0.0/20'], allow: [{ protocol: 'all' }], target_service_accounts: both,
      });
      expect(all['allow-google-apis-egress']).toMatchObject({
        direction: 'EGRESS', priority: 1000, destination_ranges: ['199.36.153.8/30'], allow: [{ protocol: 'tcp', ports: ['443'] }], target_service_accounts: both,
      });
      expect(all['allow-health-checks']).toMatchObject({
        direction: 'INGRESS', priority: 1000, source_ranges: ['35.191.0.0/16', '130.211.0.0/22'], allow: [{ protocol: 'tcp' }], target_service_accounts: both,
      });
      expect(all['allow-webhooks']).toMatchObject({
        direction: 'INGRESS', priority: 1000, source_ranges: ['10.5.0.0/28'], allow: [{ protocol: 'tcp', ports: ['15017', '9443'] }], target_service_accounts: both,
      });
    });

    it('E7: nodes are selected by service account, never by tag; only the boundary rules are logged', () => {
      expect(Object.values(all).filter((r) => 'target_tags' in r || 'source_tags' in r)).toEqual([]);
      expect(Object.entries(all).filter(([, r]) => 'log_config' in r).map(([name]) => name).sort()).toEqual(['allow-gateway-web-egress', 'deny-all-egress']);
      expect(Object.entries(all).every(([, r]) => typeof r.description === 'string' && (r.description as string).includes('E'))).toBe(true);
    });

    it('E7: the deny-all rule waits for every allow rule; every rule waits for the node pools (and so their accounts)', () => {
      const address = (suffix: string) => `google_compute_firewall.${Object.entries(resourcesOf(json, 'google_compute_firewall')).find(([, r]) => r.name === `vpc-network-${suffix}`)![0]}`;
      const allows = Object.keys(all).filter((n) => n !== 'deny-all-egress').map(address);
      expect(all['deny-all-egress'].depends_on).toEqual(expect.arrayContaining(allows));
      const pools = Object.keys(resourcesOf(json, 'google_container_node_pool')).map((n) => `google_container_node_pool.${n}`);
      expect(pools).toHaveLength(2);
      for (const r of Object.values(all)) expect(r.depends_on).toEqual(expect.arrayContaining(pools));
    });
  });

  it('E7: workload pools default to every other pool of the cluster; ports, VIP, prefix and logging are options', () => {
    const net = egressNetwork();
    const extra = net.cluster.addNodePool('Batch', { name: 'batch', serviceAccount: 'batch-nodes@my-project-id.iam.gserviceaccount.com' });
    const { construct } = firewall({
      googleApisVip: GoogleApisVip.RESTRICTED, internetPorts: [443], controlPlanePorts: [443], webhookPorts: [15017], namePrefix: 'egress', logging: false,
    }, net);
    expect(extra.name).toBe('batch');
    const all: Record<string, Record<string, unknown>> = Object.fromEntries(Object.values(resourcesOf(synth(net.stack), 'google_compute_firewall')).map((r) => [String(r.name), r]));
    expect(construct.workloadServiceAccounts).toEqual([WORKLOAD_SA, 'batch-nodes@my-project-id.iam.gserviceaccount.com']);
    expect(all['egress-allow-gateway-web-egress']).toMatchObject({ allow: [{ protocol: 'tcp', ports: ['443'] }] });
    expect(all['egress-allow-google-apis-egress']).toMatchObject({ destination_ranges: ['199.36.153.4/30'] });
    expect(all['egress-allow-control-plane-egress']).toMatchObject({ allow: [{ protocol: 'tcp', ports: ['443'] }] });
    expect(all['egress-allow-webhooks']).toMatchObject({ allow: [{ protocol: 'tcp', ports: ['15017'] }] });
    expect(Object.values(all).filter((r) => 'log_config' in r)).toEqual([]);
  });

  describe('E6/E7/X2: bad input', () => {
    it('E6/X2: a gateway pool without a taint', () => {
      const net = egressNetwork();
      expect(() => firewall({ gatewayPool: gatewayPool(net, { taints: [] }) }, net)).toThrow(new Error(
        `${PATH}: gatewayPool (gateway) has no NoSchedule or NoExecute taint (got []). Taint the pool so only the egress gateway, which tolerates ` +
        'the taint, runs there, e.g. taints: [{ key: "dedicated", value: "gateway", effect: TaintEffect.NO_SCHEDULE }] (E6); without it any pod ' +
        'can land on the gateway nodes and use their internet access.'));
    });

    it('E6/X2: a gateway pool whose only taint is PreferNoSchedule', () => {
      const net = egressNetwork();
      const pool = gatewayPool(net, { taints: [{ key: 'dedicated', value: 'gateway', effect: TaintEffect.PREFER_NO_SCHEDULE }] });
      expect(() => firewall({ gatewayPool: pool }, net)).toThrow(
        `${PATH}: gatewayPool (gateway) has no NoSchedule or NoExecute taint (got [{"key":"dedicated","value":"gateway","effect":"PREFER_NO_SCHEDULE"}]).`);
    });

    it('E6/X2: a gateway pool sharing the workload pool\'s service account', () => {
      const net = egressNetwork();
      expect(() => firewall({ gatewayPool: gatewayPool(net, { serviceAccount: WORKLOAD_SA }) }, net)).toThrow(new Error(
        `${PATH}: workloadPools[0] (cluster1-pool) runs as the gateway pool's service account (got "${WORKLOAD_SA}"). Give the pool a service ` +
        'account of its own (serviceAccount: new NodeServiceAccount(...).email); firewall rules select nodes by service account (E7): a workload pool ' +
        'sharing it would get the gateway\'s internet access.'));
    });

    it('E7/X2: a pool on the Compute Engine default service account', () => {
      const stack = gcpStack();
      const subnet = new Vpc(stack, 'Network', { name: 'vpc-network' }).addSubnet('Subnet', { name: 'subnet-gke', region: 'us-central1', cidr: '10.0.0.0/24' });
      const cluster = new GkeCluster(stack, 'Cluster', { location: 'us-central1-a', name: 'cluster1', network: 'vpc-network', allowDefaultNodeServiceAccount: true });
      const pool = cluster.addNodePool('GatewayPool', { name: 'gateway', taints: [{ key: 'dedicated', value: 'gateway', effect: TaintEffect.NO_SCHEDULE }] });
      expect(() => new EgressFirewall(stack, 'Firewall', { subnet, gatewayPool: pool, controlPlaneCidr: '10.5.0.0/28' })).toThrow(new Error(
        `${PATH}: gatewayPool (gateway) runs as the Compute Engine default service account (got nothing). Give the pool a service account of its own ` +
        '(serviceAccount: new NodeServiceAccount(...).email); firewall rules select nodes by service account (E7).'));
    });

    it('E7/X2: the gateway pool listed as a workload pool', () => {
      const net = egressNetwork();
      const pool = gatewayPool(net);
      expect(() => firewall({ gatewayPool: pool, workloadPools: [net.cluster.nodePool, pool] }, net)).toThrow(new Error(
        `${PATH}: workloadPools[1] is the gateway pool (got "gateway"). List only the pools that run workloads; the gateway pool is gatewayPool.`));
    });

    it('E7/X2: a pool of the cluster left out of workloadPools, even one added after the firewall', () => {
      const net = egressNetwork();
      firewall({ workloadPools: [net.cluster.nodePool] }, net);
      net.cluster.addNodePool('Late', { name: 'late', serviceAccount: 'late-nodes@my-project-id.iam.gserviceaccount.com' });
      expect(() => synth(net.stack)).toThrow(
        `${PATH}: workloadPools leaves out node pool late of cluster cluster1 (got ["cluster1-pool"]). Its nodes could not reach the control plane ` +
        'or each other past the deny-all egress rule; list it in workloadPools, or create the firewall after adding every pool.');
    });

    it('E1/X2: a control plane range overlapping the subnet', () => {
      expect(() => firewall({ controlPlaneCidr: '10.1.0.0/28' })).toThrow(new Error(
        `${PATH}: controlPlaneCidr overlaps the subnet range 10.1.0.0/16 (got "10.1.0.0/28"). Give the control plane a /28 outside every subnet range, e.g. "10.5.0.0/28" (E1).`));
    });

    it('E7/X2: a control plane range that is not a range', () => {
      expect(() => firewall({ controlPlaneCidr: '10.5.0.0' })).toThrow(new Error(
        `${PATH}: controlPlaneCidr is not an IPv4 CIDR range (got "10.5.0.0"). Pass the cluster's control plane range, e.g. "10.5.0.0/28" (E1).`));
    });

    it('E7/X2: a cluster on another network than the subnet', () => {
      const net = egressNetwork();
      const other = new Vpc(net.stack, 'Other', { name: 'other-vpc' }).addSubnet('Subnet', { name: 'other', region: 'us-central1', cidr: '192.168.0.0/24' });
      expect(() => firewall({ subnet: other }, net)).toThrow(new Error(
        `${PATH}: workloadPools[0] (cluster1-pool) belongs to a cluster on network "vpc-network", not the subnet's network "other-vpc" (got "vpc-network"). ` +
        'Create the firewall for the network the cluster runs in.'));
    });

    it('E7/X2: a subnet in another region than the cluster', () => {
      const net = egressNetwork();
      const east = net.vpc.addSubnet('East', { name: 'east', region: 'us-east1', cidr: '10.8.0.0/24' });
      expect(() => firewall({ subnet: east }, net)).toThrow(new Error(
        `${PATH}: workloadPools[0] (cluster1-pool) belongs to a cluster in region "us-central1", not the subnet's region "us-east1" (got "us-central1"). ` +
        'Pass the subnet the cluster\'s nodes run in.'));
    });

    it('E7/X2: a webhook port that is not a port', () => {
      expect(() => firewall({ webhookPorts: [15017, 70000] })).toThrow(new Error(
        `${PATH}: webhookPorts[1] is not a TCP port (got 70000). Use an integer from 1 to 65535.`));
    });

    it('E7/X2: a prefix that makes rule names too long', () => {
      const prefix = 'p'.repeat(37);
      expect(() => firewall({ namePrefix: prefix })).toThrow(new Error(
        `${PATH}: namePrefix is longer than 36 characters (got "${prefix}"). Rule names add up to "-allow-control-plane-egress" and may have at most 63 characters; pass a shorter namePrefix.`));
    });

    it('E7/X2: a gateway pool that is not a node pool', () => {
      const net = egressNetwork();
      expect(() => new EgressFirewall(net.stack, 'Firewall', { subnet: net.subnet, gatewayPool: 'gateway' as unknown as NodePool, controlPlaneCidr: '10.5.0.0/28' }))
        .toThrow(new Error(`${PATH}: gatewayPool is not a NodePool (got "gateway"). Pass a pool from cluster.addNodePool(...).`));
    });
  });

  it('X5: a control plane range, ports and prefix known only at apply time', () => {
    const { net } = firewall({
      controlPlaneCidr: Token.asString(Fn.lower('10.5.0.0/28')),
      internetPorts: Token.asNumberList(Fn.tolist([443])),
      namePrefix: Token.asString(Fn.lower('EGRESS')),
    });
    const all = Object.values(resourcesOf(synth(net.stack), 'google_compute_firewall'));
    expect(all.find((r) => r.name === '${lower("EGRESS")}-allow-control-plane-egress')).toMatchObject({ destination_ranges: ['${lower("10.5.0.0/28")}'] });
    expect(all.find((r) => r.name === '${lower("EGRESS")}-allow-gateway-web-egress')).toMatchObject({ allow: [{ protocol: 'tcp', ports: '${tolist([443])}' }] });
  });
});
