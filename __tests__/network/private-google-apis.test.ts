import { Fn, TerraformStack, Token } from 'cdktf';
import { ProjectApis } from '../../lib/project';
import { GoogleApisVip, PrivateGoogleApis, PrivateGoogleApisProps, Vpc } from '../../lib/network';
import { gcpStack } from '../gke/fixtures';
import { onlyResource, resourcesOf, StackJson, synth } from '../helpers/synth';

function dns(props: Partial<PrivateGoogleApisProps> = {}, stack: TerraformStack = gcpStack()): { json: StackJson; construct: PrivateGoogleApis } {
  const network = new Vpc(stack, 'Network', { name: 'vpc-network' });
  const construct = new PrivateGoogleApis(stack, 'GoogleApis', { network, ...props });
  return { json: synth(stack), construct };
}

function records(json: StackJson): Array<[unknown, unknown, unknown, unknown]> {
  return Object.values(resourcesOf(json, 'google_dns_record_set')).map((r) => [r.name, r.type, r.ttl, r.rrdatas] as [unknown, unknown, unknown, unknown]).sort();
}

const PRIVATE_ADDRESSES = ['199.36.153.8', '199.36.153.9', '199.36.153.10', '199.36.153.11'];
const RESTRICTED_ADDRESSES = ['199.36.153.4', '199.36.153.5', '199.36.153.6', '199.36.153.7'];

describe('PrivateGoogleApis', () => {
  it('E3: three private zones bound to the network: googleapis.com., gcr.io., pkg.dev.', () => {
    const { json } = dns();
    const networkId = `\${google_compute_network.${Object.keys(json.resource!.google_compute_network)[0]}.id}`;
    const zones = Object.values(resourcesOf(json, 'google_dns_managed_zone'));
    expect(zones.map((z): Record<string, unknown> => ({ ...z, depends_on: undefined, description: undefined })).sort((a, b) => String(a.name).localeCompare(String(b.name)))).toEqual(
      [['vpc-network-gcr-io', 'gcr.io.'], ['vpc-network-googleapis', 'googleapis.com.'], ['vpc-network-pkg-dev', 'pkg.dev.']].map(([name, dnsName]) => ({
        project: 'my-project-id', name, dns_name: dnsName, visibility: 'private',
        private_visibility_config: { networks: [{ network_url: networkId }] },
        depends_on: undefined, description: undefined,
      })));
  });

  it('E3: private.googleapis.com by default: *.googleapis.com CNAMEs to it, its A records are 199.36.153.8/30, registries alike', () => {
    const { json, construct } = dns();
    expect(construct.vip).toBe(GoogleApisVip.PRIVATE);
    expect(records(json)).toEqual([
      ['*.gcr.io.', 'CNAME', 300, ['gcr.io.']],
      ['*.googleapis.com.', 'CNAME', 300, ['private.googleapis.com.']],
      ['*.pkg.dev.', 'CNAME', 300, ['pkg.dev.']],
      ['gcr.io.', 'A', 300, PRIVATE_ADDRESSES],
      ['pkg.dev.', 'A', 300, PRIVATE_ADDRESSES],
      ['private.googleapis.com.', 'A', 300, PRIVATE_ADDRESSES],
    ]);
    expect(onlyResource(json, 'google_compute_route')).toMatchObject({
      name: 'vpc-network-google-apis-vip', dest_range: '199.36.153.8/30', next_hop_gateway: 'default-internet-gateway',
    });
  });

  it('E3: restricted.googleapis.com (199.36.153.4/30) for VPC Service Controls', () => {
    const { json } = dns({ vip: GoogleApisVip.RESTRICTED, namePrefix: 'perimeter' });
    expect(records(json)).toEqual([
      ['*.gcr.io.', 'CNAME', 300, ['gcr.io.']],
      ['*.googleapis.com.', 'CNAME', 300, ['restricted.googleapis.com.']],
      ['*.pkg.dev.', 'CNAME', 300, ['pkg.dev.']],
      ['gcr.io.', 'A', 300, RESTRICTED_ADDRESSES],
      ['pkg.dev.', 'A', 300, RESTRICTED_ADDRESSES],
      ['restricted.googleapis.com.', 'A', 300, RESTRICTED_ADDRESSES],
    ]);
    expect(Object.values(resourcesOf(json, 'google_dns_managed_zone')).map((z) => z.name).sort()).toEqual(['perimeter-gcr-io', 'perimeter-googleapis', 'perimeter-pkg-dev']);
    expect(onlyResource(json, 'google_compute_route')).toMatchObject({ name: 'perimeter-google-apis-vip', dest_range: '199.36.153.4/30' });
  });

  it('E3: zones and records wait for dns.googleapis.com when a ProjectApis of the stack enables it, even one created after them', () => {
    const stack = gcpStack();
    const { json } = dns({}, stack);
    expect(Object.values(resourcesOf(json, 'google_dns_managed_zone')).every((z) => z.depends_on === undefined)).toBe(true);
    const later = gcpStack();
    new PrivateGoogleApis(later, 'GoogleApis', { network: Vpc.fromNetworkName(later, 'Default', { name: 'default' }) });
    new ProjectApis(later, 'Apis', { services: ['dns.googleapis.com', 'compute.googleapis.com'] });
    const withApis = synth(later);
    const dnsApi = `google_project_service.${Object.entries(resourcesOf(withApis, 'google_project_service')).find(([, s]) => s.service === 'dns.googleapis.com')![0]}`;
    for (const type of ['google_dns_managed_zone', 'google_dns_record_set']) {
      expect(Object.values(resourcesOf(withApis, type)).map((r) => r.depends_on)).toEqual(Object.values(resourcesOf(withApis, type)).map(() => [dnsApi]));
    }
  });

  describe('X2: bad input', () => {
    it('X2: a VIP that is not a GoogleApisVip', () => {
      expect(() => dns({ vip: 'private.googleapis.com' as never })).toThrow(new Error(
        'test/GoogleApis: vip is not a GoogleApisVip (got "private.googleapis.com"). ' +
        'Use GoogleApisVip.PRIVATE, or GoogleApisVip.RESTRICTED inside a VPC Service Controls perimeter.'));
    });

    it('X2: a name prefix that makes names longer than 63 characters', () => {
      const prefix = 'a'.repeat(48);
      expect(() => dns({ namePrefix: prefix })).toThrow(new Error(
        `test/GoogleApis: namePrefix is longer than 47 characters (got "${prefix}"). ` +
        'Zone and route names add up to "-google-apis-vip" and may have at most 63 characters; pass a shorter namePrefix.'));
    });

    it('X2: a network that is not a VPC network', () => {
      expect(() => new PrivateGoogleApis(gcpStack(), 'GoogleApis', { network: 'vpc-network' as never })).toThrow(new Error(
        'test/GoogleApis: network is not an IVpc (got "vpc-network"). Pass a VPC network: new Vpc(...) or Vpc.fromNetworkName(scope, id, { name }).'));
    });

    it('X2: two constructs with one prefix in a project', () => {
      const stack = gcpStack();
      const network = Vpc.fromNetworkName(stack, 'Default', { name: 'default' });
      new PrivateGoogleApis(stack, 'A', { network });
      new PrivateGoogleApis(stack, 'B', { network });
      expect(() => synth(stack)).toThrow('test/B: namePrefix names a Cloud DNS zone that test/A already defines in project my-project-id (got "default-googleapis").');
    });
  });

  it('X5: a name prefix known only at apply time', () => {
    const { json } = dns({ namePrefix: Token.asString(Fn.lower('DEMO')) });
    expect(Object.values(resourcesOf(json, 'google_dns_managed_zone')).map((z) => z.name).sort())
      .toEqual(['${lower("DEMO")}-gcr-io', '${lower("DEMO")}-googleapis', '${lower("DEMO")}-pkg-dev']);
  });
});
