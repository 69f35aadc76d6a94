import { Fn, TerraformStack, Token } from 'cdktf';
import { Subnet, SubnetOptions, Vpc } from '../../lib/network';
import { gcpStack } from '../gke/fixtures';
import { onlyResource, synth } from '../helpers/synth';

const TUTORIAL: SubnetOptions = {
  name: 'subnet-gke', region: 'us-central1', cidr: '10.0.0.0/24',
  secondaryRanges: [{ rangeName: 'pods', cidr: '10.1.0.0/16' }, { rangeName: 'services', cidr: '10.2.0.0/20' }],
};

function subnetWith(overrides: Partial<SubnetOptions>): Subnet {
  const vpc = new Vpc(gcpStack(), 'Network', { name: 'vpc-network' });
  return vpc.addSubnet('Subnet', { ...TUTORIAL, ...overrides });
}

const PATH = 'test/Network/Subnet';
const OVERLAP_FIX = 'Give the primary range and each secondary range its own, non-overlapping part of the address space, e.g. 10.0.0.0/24, 10.1.0.0/16 and 10.2.0.0/20.';
const PRIVATE_SPACE = 'RFC 1918 space (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) or another range VPC networks accept as internal '
  + '(100.64.0.0/10, 192.0.0.0/24, 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 192.88.99.0/24, 198.18.0.0/15, 240.0.0.0/4)';

describe('Subnet', () => {
  it('E1/E3: the tutorial\'s subnet-gke with named secondary ranges and Private Google Access', () => {
    const stack = gcpStack();
    const vpc = new Vpc(stack, 'Network', { name: 'vpc-network' });
    const subnet = vpc.addSubnet('Subnet', TUTORIAL);
    const json = synth(stack);
    expect(onlyResource(json, 'google_compute_subnetwork')).toEqual({
      project: 'my-project-id',
      name: 'subnet-gke',
      region: 'us-central1',
      network: `\${google_compute_network.${Object.keys(json.resource!.google_compute_network)[0]}.id}`,
      ip_cidr_range: '10.0.0.0/24',
      secondary_ip_range: [{ range_name: 'pods', ip_cidr_range: '10.1.0.0/16' }, { range_name: 'services', ip_cidr_range: '10.2.0.0/20' }],
      private_ip_google_access: true,
    });
    expect(subnet.secondaryRangeCidr('pods')).toBe('10.1.0.0/16');
    expect(subnet.allRanges).toEqual(['10.0.0.0/24', '10.1.0.0/16', '10.2.0.0/20']);
    expect(subnet.region).toBe('us-central1');
  });

  it('E3: Private Google Access can be turned off explicitly', () => {
    const subnet = subnetWith({ privateGoogleAccess: false });
    expect(onlyResource(synth(TerraformStack.of(subnet)), 'google_compute_subnetwork').private_ip_google_access).toBe(false);
  });

  it('E1: other private ranges VPC accepts (RFC 6598) and, on request, privately used public ranges', () => {
    expect(subnetWith({ cidr: '100.64.0.0/20', secondaryRanges: [] }).cidr).toBe('100.64.0.0/20');
    expect(subnetWith({ cidr: '34.0.0.0/24', secondaryRanges: [], allowPrivatelyUsedPublicRanges: true }).cidr).toBe('34.0.0.0/24');
  });

  it('E1: a subnet on an adopted network names it by its ID', () => {
    const stack = gcpStack();
    new Subnet(stack, 'Subnet', { ...TUTORIAL, network: Vpc.fromNetworkName(stack, 'Default', { name: 'default' }) });
    expect(onlyResource(synth(stack), 'google_compute_subnetwork').network).toBe('projects/my-project-id/global/networks/default');
  });

  it('adopts an existing subnet, e.g. the default network\'s subnet of a region, without creating one', () => {
    const stack = gcpStack();
    const subnet = Subnet.fromSubnetAttributes(stack, 'DefaultSubnet', {
      network: Vpc.fromNetworkName(stack, 'Default', { name: 'default' }), name: 'default', region: 'us-east1',
    });
    expect([subnet.project, subnet.name, subnet.region, subnet.subnetworkId])
      .toEqual(['my-project-id', 'default', 'us-east1', 'projects/my-project-id/regions/us-east1/subnetworks/default']);
    expect(synth(stack).resource?.google_compute_subnetwork).toBeUndefined();
  });

  it('X2: an adopted subnet given a zone, or without a network, is refused with the fix', () => {
    const stack = gcpStack();
    const network = Vpc.fromNetworkName(stack, 'Default', { name: 'default' });
    expect(() => Subnet.fromSubnetAttributes(stack, 'Zonal', { network, name: 'default', region: 'us-east1-b' })).toThrow(new Error(
      'test/Zonal: region is a zone, not a region (got "us-east1-b"). Subnets are regional; use "us-east1".'));
    expect(() => Subnet.fromSubnetAttributes(stack, 'NoNetwork', { network: undefined as never, name: 'default', region: 'us-east1' })).toThrow(
      /^test\/NoNetwork: network is required/);
  });

  describe('X2: bad ranges', () => {
    it.each([
      ['a secondary range overlapping the primary range', { secondaryRanges: [{ rangeName: 'pods', cidr: '10.0.0.0/16' }] },
        `${PATH}: secondaryRanges[0].cidr overlaps cidr 10.0.0.0/24 (got "10.0.0.0/16"). ${OVERLAP_FIX}`],
      ['two overlapping secondary ranges', { secondaryRanges: [{ rangeName: 'pods', cidr: '10.1.0.0/16' }, { rangeName: 'services', cidr: '10.1.128.0/20' }] },
        `${PATH}: secondaryRanges[1].cidr overlaps secondaryRanges[0].cidr 10.1.0.0/16 (got "10.1.128.0/20"). ${OVERLAP_FIX}`],
      ['a public range', { cidr: '8.8.8.0/24' },
        `${PATH}: cidr is not inside a private range (got "8.8.8.0/24"). Use a range inside ${PRIVATE_SPACE}; to use public addresses privately, set allowPrivatelyUsedPublicRanges: true.`],
      ['a secondary range outside private space', { secondaryRanges: [{ rangeName: 'pods', cidr: '11.0.0.0/16' }] },
        `${PATH}: secondaryRanges[0].cidr is not inside a private range (got "11.0.0.0/16"). Use a range inside ${PRIVATE_SPACE}; to use public addresses privately, set allowPrivatelyUsedPublicRanges: true.`],
      ['a range straddling two private blocks', { cidr: '172.0.0.0/8' },
        `${PATH}: cidr is not inside a private range (got "172.0.0.0/8"). Use a range inside ${PRIVATE_SPACE}; to use public addresses privately, set allowPrivatelyUsedPublicRanges: true.`],
      ['the link-local range, even when public ranges are allowed', { cidr: '169.254.0.0/24', allowPrivatelyUsedPublicRanges: true },
        `${PATH}: cidr overlaps the link-local range of the metadata server 169.254.0.0/16, which no VPC subnet may use (got "169.254.0.0/24"). Use a range inside ${PRIVATE_SPACE}.`],
      ['the private.googleapis.com VIP', { cidr: '199.36.153.8/29', allowPrivatelyUsedPublicRanges: true },
        `${PATH}: cidr overlaps the private.googleapis.com VIP 199.36.153.8/30, which no VPC subnet may use (got "199.36.153.8/29"). Use a range inside ${PRIVATE_SPACE}.`],
      ['a prefix length above /29', { cidr: '10.0.0.0/30' },
        `${PATH}: cidr has a prefix length outside /8-/29 (got "10.0.0.0/30"). VPC subnet ranges are /8 at the largest and /29 at the smallest; use e.g. "10.0.0.0/24".`],
      ['a prefix length below /8', { secondaryRanges: [{ rangeName: 'pods', cidr: '10.0.0.0/7' }] },
        `${PATH}: secondaryRanges[0].cidr has a prefix length outside /8-/29 (got "10.0.0.0/7"). VPC subnet ranges are /8 at the largest and /29 at the smallest; use e.g. "10.1.0.0/16".`],
      ['host bits set', { cidr: '10.0.0.1/24' },
        `${PATH}: cidr has host bits set (got "10.0.0.1/24"). Use the range's network address: "10.0.0.0/24".`],
      ['not a CIDR range', { cidr: '10.0.0.0' },
        `${PATH}: cidr is not an IPv4 CIDR range (got "10.0.0.0"). Use a private IPv4 range such as "10.0.0.0/24".`],
      ['two secondary ranges of one name', { secondaryRanges: [{ rangeName: 'pods', cidr: '10.1.0.0/16' }, { rangeName: 'pods', cidr: '10.2.0.0/20' }] },
        `${PATH}: secondaryRanges[1].rangeName is already the name of secondaryRanges[0] (got "pods"). Give each secondary range its own name, e.g. "pods" and "services".`],
      ['a range name that is not a resource name', { secondaryRanges: [{ rangeName: 'Pods', cidr: '10.1.0.0/16' }] },
        `${PATH}: secondaryRanges[0].rangeName is not a valid Google Cloud resource name (got "Pods"). Use 1-63 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.`],
      ['a zone for the region', { region: 'us-central1-a' },
        `${PATH}: region is a zone, not a region (got "us-central1-a"). Subnets are regional; use "us-central1".`],
    ] as const)('E1/X2: %s', (_title, overrides, message) => {
      expect(() => subnetWith(overrides as Partial<SubnetOptions>)).toThrow(new Error(message));
    });

    it('E1/X2: two subnets of one network with overlapping ranges', () => {
      const stack = gcpStack();
      const vpc = new Vpc(stack, 'Network', { name: 'vpc-network' });
      vpc.addSubnet('Subnet', TUTORIAL);
      expect(() => vpc.addSubnet('Other', { name: 'subnet-other', region: 'us-east1', cidr: '10.1.4.0/24' })).toThrow(new Error(
        'test/Network/Other: cidr overlaps secondaryRanges[0].cidr 10.1.0.0/16 of subnet test/Network/Subnet (got "10.1.4.0/24"). ' +
        'Ranges are unique across a VPC network; choose a range no other subnet of the network uses.'));
    });

    it('E1: subnets of different networks may reuse ranges', () => {
      const stack = gcpStack();
      new Vpc(stack, 'A', { name: 'vpc-a' }).addSubnet('Subnet', TUTORIAL);
      expect(new Vpc(stack, 'B', { name: 'vpc-b' }).addSubnet('Subnet', TUTORIAL).cidr).toBe('10.0.0.0/24');
    });

    it('X2: an unknown secondary range name', () => {
      expect(() => subnetWith({}).secondaryRangeCidr('nodes')).toThrow(new Error(
        `${PATH}: secondaryRanges has no range named "nodes" (got ["pods","services"]). Name one of the subnet's secondary ranges.`));
    });
  });

  it('X5: ranges known only at apply time are passed through and skipped by the overlap checks', () => {
    const stack = gcpStack();
    const vpc = new Vpc(stack, 'Network', { name: 'vpc-network' });
    vpc.addSubnet('Subnet', { ...TUTORIAL, cidr: Token.asString(Fn.lower('10.0.0.0/24')), secondaryRanges: [{ rangeName: 'pods', cidr: Token.asString(Fn.lower('10.0.0.0/16')) }] });
    expect(onlyResource(synth(stack), 'google_compute_subnetwork')).toMatchObject({
      ip_cidr_range: '${lower("10.0.0.0/24")}', secondary_ip_range: [{ range_name: 'pods', ip_cidr_range: '${lower("10.0.0.0/16")}' }],
    });
  });
});
