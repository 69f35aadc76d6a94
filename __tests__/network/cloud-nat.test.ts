import { AnnotationMetadataEntryType, TerraformVariable } from 'cdktf';
import { CloudNat, CloudNatProps, NatLogFilter, Subnet, Vpc } from '../../lib/network';
import { gcpStack } from '../gke/fixtures';
import { onlyResource, StackJson, synth } from '../helpers/synth';

function natWith(props: Partial<CloudNatProps> = {}): { nat: CloudNat; subnet: Subnet } {
  const stack = gcpStack();
  const subnet = new Vpc(stack, 'Network', { name: 'vpc-network' }).addSubnet('Subnet', {
    name: 'subnet-gke', region: 'us-central1', cidr: '10.0.0.0/24', secondaryRanges: [{ rangeName: 'pods', cidr: '10.1.0.0/16' }],
  });
  return { nat: new CloudNat(stack, 'Nat', { subnet, ...props }), subnet };
}

function natJson(nat: CloudNat): Record<string, unknown> {
  return onlyResource(synth(nat.node.scope as never), 'google_compute_router_nat');
}

function addressesOf(json: StackJson, type: string): string {
  return `${type}.${Object.keys(json.resource![type])[0]}`;
}

const PATH = 'test/Nat';
const STATIC_FIX = 'Cloud NAT reserves from 2 to 65536 source ports per VM; size it for the egress gateway\'s concurrent connections to one destination, e.g. 2048.';
const DYNAMIC_FIX = 'With dynamic port allocation, use a power of two from 32 to 32768, e.g. 1024.';

describe('CloudNat', () => {
  it('E2: a router and a NAT for every range of the subnet only, with an explicit minimum of ports and error logging', () => {
    const { nat } = natWith({ name: 'nat-config', routerName: 'nat-router', minPortsPerVm: 2048 });
    const json = synth(nat.node.scope as never);
    expect(onlyResource(json, 'google_compute_router')).toEqual({
      project: 'my-project-id', region: 'us-central1', name: 'nat-router', network: `\${${addressesOf(json, 'google_compute_network')}.id}`,
    });
    expect(onlyResource(json, 'google_compute_router_nat')).toEqual({
      project: 'my-project-id',
      region: 'us-central1',
      router: `\${${addressesOf(json, 'google_compute_router')}.name}`,
      name: 'nat-config',
      nat_ip_allocate_option: 'AUTO_ONLY',
      source_subnetwork_ip_ranges_to_nat: 'LIST_OF_SUBNETWORKS',
      subnetwork: [{ name: `\${${addressesOf(json, 'google_compute_subnetwork')}.id}`, source_ip_ranges_to_nat: ['ALL_IP_RANGES'] }],
      min_ports_per_vm: 2048,
      enable_dynamic_port_allocation: false,
      enable_endpoint_independent_mapping: false,
      log_config: { enable: true, filter: 'ERRORS_ONLY' },
    });
    expect(nat.minPortsPerVm).toBe(2048);
  });

  it('E2: by default the subnet names the router and NAT, and 1024 ports per VM are reserved, never the provider\'s 64', () => {
    const { nat } = natWith();
    expect(natJson(nat)).toMatchObject({ name: 'subnet-gke-nat', min_ports_per_vm: 1024 });
    expect([nat.name, nat.routerName]).toEqual(['subnet-gke-nat', 'subnet-gke-router']);
  });

  it('E2/T1: a NAT for an adopted subnet (the default network\'s, for a private cluster on it) names it by its path', () => {
    const stack = gcpStack();
    const subnet = Subnet.fromSubnetAttributes(stack, 'DefaultSubnet', {
      network: Vpc.fromNetworkName(stack, 'Default', { name: 'default' }), name: 'default', region: 'us-east1',
    });
    const json = synth(new CloudNat(stack, 'Nat', { subnet }).node.scope as never);
    expect(onlyResource(json, 'google_compute_router')).toMatchObject({ name: 'default-router', region: 'us-east1', network: 'projects/my-project-id/global/networks/default' });
    expect(onlyResource(json, 'google_compute_router_nat')).toMatchObject({
      name: 'default-nat', region: 'us-east1', source_subnetwork_ip_ranges_to_nat: 'LIST_OF_SUBNETWORKS',
      subnetwork: [{ name: 'projects/my-project-id/regions/us-east1/subnetworks/default', source_ip_ranges_to_nat: ['ALL_IP_RANGES'] }],
    });
  });

  it('E2: dynamic port allocation with a maximum, and another log filter', () => {
    const { nat } = natWith({ dynamicPortAllocation: true, minPortsPerVm: 256, maxPortsPerVm: 8192, logFilter: NatLogFilter.ALL });
    expect(natJson(nat)).toMatchObject({
      enable_dynamic_port_allocation: true, min_ports_per_vm: 256, max_ports_per_vm: 8192, enable_endpoint_independent_mapping: false,
      log_config: { enable: true, filter: 'ALL' },
    });
  });

  it('E2: a static minimum that is not a power of two is accepted with a warning that Cloud NAT rounds it up', () => {
    const { nat } = natWith({ minPortsPerVm: 1000 });
    const warnings = nat.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => m.data);
    expect(warnings).toEqual(['Cloud NAT "subnet-gke-nat" rounds minPortsPerVm 1000 up to 1024 ports per VM, which uses NAT addresses faster than the value suggests; set a power of two (E2).']);
  });

  describe('E2/X2: port values outside what the API takes', () => {
    it.each([
      ['a minimum below 2', { minPortsPerVm: 1 }, `${PATH}: minPortsPerVm must be an integer from 2 to 65536 (got 1). ${STATIC_FIX}`],
      ['a minimum above 65536', { minPortsPerVm: 70000 }, `${PATH}: minPortsPerVm must be an integer from 2 to 65536 (got 70000). ${STATIC_FIX}`],
      ['a fractional minimum', { minPortsPerVm: 64.5 }, `${PATH}: minPortsPerVm must be an integer from 2 to 65536 (got 64.5). ${STATIC_FIX}`],
      ['a dynamic minimum below 32', { dynamicPortAllocation: true, minPortsPerVm: 16 },
        `${PATH}: minPortsPerVm must be an integer from 32 to 32768 (got 16). ${DYNAMIC_FIX}`],
      ['a dynamic minimum that is not a power of two', { dynamicPortAllocation: true, minPortsPerVm: 1000 },
        `${PATH}: minPortsPerVm is not a power of two (got 1000). ${DYNAMIC_FIX}`],
      ['a maximum that is not a power of two', { dynamicPortAllocation: true, minPortsPerVm: 64, maxPortsPerVm: 3000 },
        `${PATH}: maxPortsPerVm is not a power of two (got 3000). Use a power of two above minPortsPerVm, at most 65536, e.g. 65536.`],
      ['a maximum not above the minimum', { dynamicPortAllocation: true, minPortsPerVm: 1024, maxPortsPerVm: 1024 },
        `${PATH}: maxPortsPerVm must be greater than minPortsPerVm 1024 (got 1024). Use a power of two above minPortsPerVm, at most 65536, e.g. 65536.`],
      ['a maximum above 65536', { dynamicPortAllocation: true, maxPortsPerVm: 131072 },
        `${PATH}: maxPortsPerVm must be an integer from 64 to 65536 (got 131072). Use a power of two above minPortsPerVm, at most 65536, e.g. 65536.`],
      ['a maximum without dynamic port allocation', { maxPortsPerVm: 4096 },
        `${PATH}: maxPortsPerVm only applies with dynamic port allocation (got 4096). Remove maxPortsPerVm, or set dynamicPortAllocation: true.`],
      ['dynamic port allocation with endpoint-independent mapping', { dynamicPortAllocation: true, endpointIndependentMapping: true },
        `${PATH}: endpointIndependentMapping cannot be combined with dynamicPortAllocation (got true). Cloud NAT offers one or the other; turn endpointIndependentMapping off to allocate ports dynamically.`],
      ['a log filter that does not exist', { logFilter: 'WARNINGS' as NatLogFilter },
        `${PATH}: logFilter is not a Cloud NAT log filter (got "WARNINGS"). Use one of: ERRORS_ONLY, TRANSLATIONS_ONLY, ALL.`],
      ['a router name that is not a resource name', { routerName: 'NAT router' },
        `${PATH}: routerName is not a valid Google Cloud resource name (got "NAT router"). Use 1-63 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.`],
    ] as const)('E2/X2: %s', (_title, props, message) => {
      expect(() => natWith(props as Partial<CloudNatProps>)).toThrow(new Error(message));
    });

    it('E2/X2: a subnet that is not a subnet', () => {
      expect(() => new CloudNat(gcpStack(), 'Nat', { subnet: 'subnet-gke' as never })).toThrow(new Error(
        `${PATH}: subnet is not an ISubnet (got "subnet-gke"). Pass the cluster's subnet: new Subnet(...), vpc.addSubnet(...) or Subnet.fromSubnetAttributes(...).`));
    });

    it('E2/X2: two routers of one name in a region', () => {
      const { nat, subnet } = natWith({ routerName: 'nat-router' });
      new CloudNat(nat.node.scope as never, 'Other', { subnet, routerName: 'nat-router', name: 'other-nat' });
      expect(() => synth(nat.node.scope as never)).toThrow(
        'test/Other: routerName names a Cloud Router that test/Nat already defines in project my-project-id, region us-central1 (got "nat-router").');
    });
  });

  it('X5: port values and the allocation mode known only at apply time are not rejected', () => {
    const { nat, subnet } = natWith();
    const stack = nat.node.scope as never;
    const number = (id: string) => new TerraformVariable(stack, id, { type: 'number' }).numberValue;
    const dynamic = new TerraformVariable(stack, 'dynamic', { type: 'bool' }).booleanValue as unknown as boolean;
    new CloudNat(stack, 'Tokens', { subnet, routerName: 'other-router', minPortsPerVm: number('min'), maxPortsPerVm: number('max'), dynamicPortAllocation: dynamic });
    const json = synth(stack);
    const tokens = Object.values(json.resource!.google_compute_router_nat).find((n) => (n as Record<string, unknown>).max_ports_per_vm !== undefined);
    expect(tokens).toMatchObject({ min_ports_per_vm: '${var.min}', max_ports_per_vm: '${var.max}', enable_dynamic_port_allocation: '${var.dynamic}' });
  });
});
