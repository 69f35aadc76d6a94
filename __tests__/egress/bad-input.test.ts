import { Testing } from 'cdktf';
import { EgressGateway, EgressTls } from '../../lib/egress';
import { TaintEffect } from '../../lib/gke';
import { egressGateway, egressStacks } from './fixtures';

/**
 * X2: bad input fails at synth time in the one error shape, `<path>: <field> <problem> (got <value>). <fix>.`; each
 * test asserts the whole message.
 */

const WILDCARD_FIX = 'Use an exact host such as "api.example.com", or "*.example.com" with servedBy naming the one server set that ' +
  'serves every host it covers: Envoy routes only to predefined hosts, predefined IP addresses or the original destination IP, ' +
  'and behind an egress gateway the original destination IP is the gateway\'s own (seed 001).';
const HOST_FIX = 'Use a lowercase DNS name such as "service-test" or "api.example.com" — no scheme, path, port, underscore or IP address';
const SYSTEM_FIX = 'Give the team a namespace of its own, e.g. "team-x": istio-egress, default, istio-system and the kube-, gke- and istio- ' +
  'namespaces belong to the network admins and the platform (E5, E14), and the egress controls do not confine them.';

function gateway(): EgressGateway {
  return egressGateway(egressStacks());
}

describe('egress: bad input', () => {
  describe('E10: wildcard hosts broader than *.example.com', () => {
    it.each([
      ['*', 'Destination-*', 'is a bare wildcard, which an egress gateway cannot route'],
      ['*.com', 'Destination-*.com', 'covers a whole top-level domain, which an egress gateway cannot route'],
      ['foo.*.example.com', 'Destination-foo.*.example.com', 'has a wildcard that is not the whole first label, which an egress gateway cannot route'],
      ['*foo.example.com', 'Destination-*foo.example.com', 'has a wildcard that is not the whole first label, which an egress gateway cannot route'],
    ])('%s', (host, id, problem) => {
      expect(() => gateway().addDestination({ host, servedBy: 'www.example.com' }))
        .toThrow(`k8s/EgressGateway/${id}: host ${problem} (got ${JSON.stringify(host)}). ${WILDCARD_FIX}`);
    });

    it('a wildcard without the server set that serves it', () => {
      expect(() => gateway().addDestination({ host: '*.example.com' })).toThrow(
        'k8s/EgressGateway/Destination-*.example.com: servedBy is required for the wildcard host "*.example.com" (got nothing). Name the one ' +
        'server set that serves every host the wildcard covers, e.g. servedBy: "www.example.com": behind an egress gateway Envoy can only route ' +
        'to predefined hosts (seed 001).');
    });

    it('servedBy on an exact host', () => {
      expect(() => gateway().addDestination({ host: 'example.com', servedBy: 'www.example.com' })).toThrow(
        'k8s/EgressGateway/Destination-example.com: servedBy is only for wildcard hosts, and "example.com" is exact (got "www.example.com"). ' +
        'Remove servedBy: the gateway connects to an exact host itself.');
    });
  });

  describe('E12: TLS origination with PASSTHROUGH', () => {
    it('one host declared with both', () => {
      const g = gateway();
      g.addDestination({ host: 'example.com' });
      expect(() => g.addDestination({ host: 'example.com', tls: EgressTls.PASSTHROUGH })).toThrow(
        'k8s/EgressGateway/Destination-example.com: tls is TLS origination, so "example.com" cannot also be declared with PASSTHROUGH ' +
        '(got "PASSTHROUGH"). Choose one for the host: TLS origination (workloads send plain HTTP, the gateway authorizes by identity) or ' +
        'PASSTHROUGH (workloads send TLS, no identity-based authorization); both for one host would let TLS originate on a connection the ' +
        'workload already encrypts, or let passthrough bypass the identity checks (E12).');
    });

    it('request attributes (paths) on a PASSTHROUGH host', () => {
      const g = gateway();
      g.addDestination({ host: 'example.com', tls: EgressTls.PASSTHROUGH });
      expect(() => g.allow(g.addTeamNamespace('TeamX', { name: 'team-x' }), 'example.com', { paths: ['/a'] })).toThrow(
        'k8s/EgressGateway/Destination-example.com: paths cannot be allowed on a PASSTHROUGH destination (got ["/a"]). The gateway cannot ' +
        'read requests it passes through encrypted; declare the destination with EgressTls.ORIGINATE (workloads send plain HTTP, the gateway ' +
        'originates TLS) to allow by path or method.');
    });

    it('an origination port on a PASSTHROUGH host', () => {
      expect(() => gateway().addDestination({ host: 'example.com', tls: EgressTls.PASSTHROUGH, port: 8443 })).toThrow(
        'k8s/EgressGateway/Destination-example.com: port applies to TLS origination only (got 8443). Remove port: a passed-through ' +
        'connection keeps the port the workload called (443).');
    });
  });

  it('E10: a destination no namespace may use', () => {
    const stacks = egressStacks();
    egressGateway(stacks).addDestination({ host: 'httpbin.org' });
    expect(() => Testing.synth(stacks.k8s, true)).toThrow(
      'k8s/EgressGateway/Destination-httpbin.org: allowedNamespaces is empty: no namespace may use the destination (got []). Allow the ' +
      'namespaces that call "httpbin.org" with destination.allow(team) or gateway.allow(team, "httpbin.org"), or remove the destination: a ' +
      'route no namespace may use only widens what the gateway accepts.');
  });

  it.each(['kube-system', 'istio-system', 'istio-egress', 'default', 'gke-managed-system'])('E5: a team namespace named like the system namespace %s', (name) => {
    expect(() => gateway().addTeamNamespace('TeamX', { name })).toThrow(
      `k8s/EgressGateway/TeamX: name is a system namespace, not a team namespace (got ${JSON.stringify(name)}). ${SYSTEM_FIX}`);
  });

  it.each([
    ['example_com', 'Destination-example_com', 'is not a valid DNS host name', HOST_FIX],
    ['https://example.com', 'Destination-https:__example.com', 'is a URL, not a host name', HOST_FIX],
    ['93.184.216.34', 'Destination-93.184.216.34', 'is an IP address, not a host name', HOST_FIX],
    ['Example.com', 'Destination-Example.com', 'has upper-case letters', `${HOST_FIX}; DNS names are matched in lower case`],
  ])('E10: an invalid DNS name: %s', (host, id, problem, fix) => {
    expect(() => gateway().addDestination({ host })).toThrow(`k8s/EgressGateway/${id}: host ${problem} (got ${JSON.stringify(host)}). ${fix}.`);
  });

  it('E6: a gateway pool without the taint', () => {
    const stacks = egressStacks();
    expect(() => egressGateway(stacks, { nodePool: stacks.cluster.nodePool })).toThrow(
      'k8s/EgressGateway: nodePool.taints of gcp/Cluster/NodePool are empty (got []). Taint the gateway pool, e.g. { key: "dedicated", ' +
      'value: "gateway", effect: TaintEffect.NO_SCHEDULE }: without it any pod can run on the gateway nodes, whose firewall rule lets them ' +
      'reach the internet, and bypass the egress controls (E6).');
  });

  it('E6: a gateway pool whose taint only discourages other pods (PreferNoSchedule)', () => {
    const stacks = egressStacks();
    const pool = stacks.cluster.addNodePool('Soft', { name: 'soft', taints: [{ key: 'dedicated', value: 'gateway', effect: TaintEffect.PREFER_NO_SCHEDULE }] });
    expect(() => egressGateway(stacks, { nodePool: pool })).toThrow(
      'k8s/EgressGateway: nodePool.taints of gcp/Cluster/Soft are only PreferNoSchedule (got [{"key":"dedicated","value":"gateway","effect":' +
      '"PREFER_NO_SCHEDULE"}]). Taint the gateway pool, e.g. { key: "dedicated", value: "gateway", effect: TaintEffect.NO_SCHEDULE }: ' +
      'without it any pod can run on the gateway nodes, whose firewall rule lets them reach the internet, and bypass the egress controls (E6).');
  });

  it('E13: paths and methods in Istio\'s forms', () => {
    const g = gateway();
    const team = g.addTeamNamespace('TeamX', { name: 'team-x' });
    expect(() => g.allow(team, 'example.com', { paths: ['status'] })).toThrow(
      'k8s/EgressGateway/Destination-example.com: paths[0] is not an Istio path pattern (got "status"). Use an exact path ("/status/418"), ' +
      'a prefix ("/api/*"), a suffix ("*/health") or "*".');
    expect(() => g.allow(team, 'example.com', { methods: ['get'] })).toThrow(
      'k8s/EgressGateway/Destination-example.com: methods[0] is not an HTTP method (got "get"). Use upper-case HTTP methods such as "GET" or "POST".');
    expect(() => g.allow(team, 'example.com', { paths: [] })).toThrow(
      'k8s/EgressGateway/Destination-example.com: paths must not be empty (got []). Use an exact path ("/status/418"), a prefix ("/api/*"), ' +
      'a suffix ("*/health") or "*", or leave paths out to allow every one.');
  });

  it('a namespace of another gateway', () => {
    const stacks = egressStacks();
    const g = egressGateway(stacks);
    const other = new EgressGateway(stacks.k8s, 'Other', { nodePool: stacks.gatewayPool, googleApisVip: g.googleApisVip, namespace: 'egress-2', restrictToleration: false });
    expect(() => g.allow(other.addTeamNamespace('TeamX', { name: 'team-x' }), 'example.com')).toThrow(
      'k8s/EgressGateway/Destination-example.com: team belongs to the egress gateway k8s/Other, not k8s/EgressGateway (got the construct ' +
      'k8s/Other/TeamX). Allow a namespace on a destination of its own gateway.');
  });

  it('a team namespace declared twice', () => {
    const g = gateway();
    g.addTeamNamespace('TeamX', { name: 'team-x' });
    expect(() => g.addTeamNamespace('TeamX2', { name: 'team-x' })).toThrow(
      'k8s/EgressGateway/TeamX2: name is already the namespace of k8s/EgressGateway/TeamX (got "team-x"). Declare each team namespace once; ' +
      'allow it every destination it needs.');
  });

  it('E14: a group that is not an email address', () => {
    expect(() => gateway().addTeamNamespace('TeamX', { name: 'team-x', group: 'team-x' })).toThrow(
      'k8s/EgressGateway/TeamX: group is not a group email address (got "team-x"). Use the Google Group\'s email, e.g. "team-x@example.com" ' +
      '(Google Groups for RBAC).');
  });

  it('maxReplicas below minReplicas', () => {
    expect(() => egressGateway(egressStacks(), { minReplicas: 3, maxReplicas: 2 })).toThrow(
      'k8s/EgressGateway: maxReplicas is below minReplicas (3) (got 2). Set maxReplicas to at least minReplicas.');
  });

  it('E10: an exact host that is also a wildcard\'s server set', () => {
    const g = gateway();
    g.addDestination({ host: 'www.example.com' });
    expect(() => g.addDestination({ host: '*.example.com', servedBy: 'www.example.com' })).toThrow(
      'k8s/EgressGateway/Destination-*.example.com: servedBy is also where k8s/EgressGateway/Destination-www.example.com (www.example.com) ' +
      'connects (got "www.example.com"). Let the wildcard cover the exact host, or give the wildcard another server set: the gateway keeps ' +
      'one TLS origination rule per host.');
  });

  it('a destination declared again with an invalid TLS mode', () => {
    const g = gateway();
    g.addDestination({ host: 'example.com' });
    expect(() => g.addDestination({ host: 'example.com', tls: 'SIMPLE' as EgressTls })).toThrow(
      'k8s/EgressGateway/Destination-example.com: tls is not an egress TLS mode (got "SIMPLE"). Use one of: ORIGINATE, PASSTHROUGH.');
  });

  it('two destinations whose object names collide', () => {
    const stacks = egressStacks();
    const g = egressGateway(stacks);
    const team = g.addTeamNamespace('TeamX', { name: 'team-x' });
    g.addDestination({ host: 'a-b.com' }).allow(team);
    g.addDestination({ host: 'a.b-com' }).allow(team);
    expect(() => Testing.synth(stacks.k8s, true)).toThrow(
      'k8s/EgressGateway/Destination-a.b-com: name names a ServiceEntry that k8s/EgressGateway/Destination-a-b.com already defines in ' +
      'namespace istio-egress of the cluster of stack k8s (got "a-b-com"). Google Cloud and Kubernetes refuse a second one of that name; ' +
      'rename one of them, or reference the existing one instead of creating it twice.');
  });
});
