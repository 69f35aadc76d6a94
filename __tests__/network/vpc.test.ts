import { Fn, Token } from 'cdktf';
import { Vpc } from '../../lib/network';
import { gcpStack } from '../gke/fixtures';
import { onlyResource, synth } from '../helpers/synth';

describe('Vpc', () => {
  it('E1: a custom-mode network with regional routing that keeps its default route', () => {
    const stack = gcpStack();
    const vpc = new Vpc(stack, 'Network', { name: 'vpc-network', description: 'egress demo' });
    expect(onlyResource(synth(stack), 'google_compute_network')).toEqual({
      project: 'my-project-id', name: 'vpc-network', description: 'egress demo',
      auto_create_subnetworks: false, routing_mode: 'REGIONAL', delete_default_routes_on_create: false,
    });
    expect(vpc.name).toBe('vpc-network');
    expect(vpc.project).toBe('my-project-id');
    expect(vpc.networkId).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
  });

  it('E1: an adopted network is named projects/P/global/networks/NAME and creates nothing', () => {
    const stack = gcpStack();
    const adopted = Vpc.fromNetworkName(stack, 'Default', { name: 'default' });
    expect(adopted.networkId).toBe('projects/my-project-id/global/networks/default');
    expect(Vpc.fromNetworkName(stack, 'Other', { project: 'other-project', name: 'shared' }).networkId)
      .toBe('projects/other-project/global/networks/shared');
  });

  it('E1: addSubnet creates a subnet of the network under it', () => {
    const stack = gcpStack();
    const vpc = new Vpc(stack, 'Network', { name: 'vpc-network' });
    const subnet = vpc.addSubnet('Subnet', { name: 'subnet-gke', region: 'us-central1', cidr: '10.0.0.0/24' });
    expect(subnet.node.path).toBe('test/Network/Subnet');
    expect(subnet.network).toBe(vpc);
  });

  describe('X2: bad input', () => {
    it('X2: a name that is not a resource name', () => {
      expect(() => new Vpc(gcpStack(), 'Network', { name: 'VPC_Network' })).toThrow(new Error(
        'test/Network: name is not a valid Google Cloud resource name (got "VPC_Network"). ' +
        'Use 1-63 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.'));
    });

    it('X2: two networks of one name in a project', () => {
      const stack = gcpStack();
      new Vpc(stack, 'A', { name: 'vpc-network' });
      new Vpc(stack, 'B', { name: 'vpc-network' });
      expect(() => synth(stack)).toThrow('test/B: name names a VPC network that test/A already defines in project my-project-id (got "vpc-network").');
    });
  });

  it('X5: a name known only at apply time', () => {
    const stack = gcpStack();
    new Vpc(stack, 'Network', { name: Token.asString(Fn.lower('VPC-NETWORK')) });
    expect(onlyResource(synth(stack), 'google_compute_network').name).toBe('${lower("VPC-NETWORK")}');
  });
});
