import { Testing } from 'cdktf';
import { EgressGateway, EgressTls, ExternalDestination, TeamNamespace } from '../../lib/egress';
import { StackJson, synth } from '../helpers/synth';
import { egressGateway, egressStacks, EgressStacks, manifests, specOf } from './fixtures';

type Json = Record<string, unknown>;

interface Seed {
  readonly stacks: EgressStacks;
  readonly gateway: EgressGateway;
  readonly teamX: TeamNamespace;
  readonly teamY: TeamNamespace;
}

function seed(): Seed {
  const stacks = egressStacks();
  const gateway = egressGateway(stacks);
  return { stacks, gateway, teamX: gateway.addTeamNamespace('TeamX', { name: 'team-x' }), teamY: gateway.addTeamNamespace('TeamY', { name: 'team-y' }) };
}

const GATEWAY_HOST = 'istio-egressgateway.istio-egress.svc.cluster.local';
const SELECTOR = { app: 'istio-egressgateway', istio: 'egressgateway' };

describe('ExternalDestination', () => {
  describe('the seed\'s example: team-x → example.com; team-y → httpbin.org, path /status/418 only', () => {
    let json: StackJson;
    beforeAll(() => {
      const { stacks, gateway, teamX, teamY } = seed();
      gateway.allow(teamX, 'example.com');
      gateway.allow(teamY, 'httpbin.org', { paths: ['/status/418'] });
      json = synth(stacks.k8s);
    });

    it('E10: a ServiceEntry per host: DNS, MESH_EXTERNAL, exported only to istio-egress and the allowed namespace', () => {
      expect(specOf(json, 'ServiceEntry', 'istio-egress/example-com')).toEqual({
        hosts: ['example.com'],
        location: 'MESH_EXTERNAL',
        resolution: 'DNS',
        ports: [{ number: 80, name: 'http', protocol: 'HTTP', targetPort: 443 }],
        exportTo: ['istio-egress', 'team-x'],
      });
      expect(specOf(json, 'ServiceEntry', 'istio-egress/httpbin-org').exportTo).toEqual(['istio-egress', 'team-y']);
    });

    it('E12: workloads send plain HTTP: the mesh offers the host on port 80 only, never on a port they could encrypt (istio#17031)', () => {
      for (const entry of Object.values(manifests(json, 'ServiceEntry')).filter((m) => (m.metadata as Json).namespace === 'istio-egress')) {
        expect((entry.spec as Json).ports).toEqual([{ number: 80, name: 'http', protocol: 'HTTP', targetPort: 443 }]);
      }
    });

    it('E12: the VirtualService legs: sidecars → the gateway subset (mTLS), gateway → the host', () => {
      expect(specOf(json, 'VirtualService', 'istio-egress/example-com-through-egress-gateway')).toEqual({
        hosts: ['example.com'],
        gateways: ['mesh', 'istio-egress/egress-gateway'],
        exportTo: ['istio-egress', 'team-x'],
        http: [
          { match: [{ gateways: ['mesh'], port: 80 }], route: [{ destination: { host: GATEWAY_HOST, subset: 'example-com', port: { number: 80 } } }] },
          { match: [{ gateways: ['istio-egress/egress-gateway'], port: 80 }], route: [{ destination: { host: 'example.com', port: { number: 80 } } }] },
        ],
      });
    });

    it('E12: TLS origination (SIMPLE, sni) on the gateway → host leg only: exported to istio-egress alone', () => {
      expect(specOf(json, 'DestinationRule', 'istio-egress/example-com-originate-tls')).toEqual({
        host: 'example.com',
        exportTo: ['.'],
        trafficPolicy: { portLevelSettings: [{ port: { number: 80 }, tls: { mode: 'SIMPLE', sni: 'example.com' } }] },
      });
    });

    it('E12: the gateway routes to the port the origination DestinationRule covers', () => {
      const gatewayLeg = (specOf(json, 'VirtualService', 'istio-egress/httpbin-org-through-egress-gateway').http as Json[])[1];
      const destination = ((gatewayLeg.route as Json[])[0].destination as Json);
      const origination = specOf(json, 'DestinationRule', 'istio-egress/httpbin-org-originate-tls');
      expect(destination).toEqual({ host: origination.host, port: ((origination.trafficPolicy as Json).portLevelSettings as Json[])[0].port });
    });

    it('E13: team-x → example.com; team-y → httpbin.org, path /status/418; nothing else', () => {
      expect(Object.fromEntries(Object.entries(manifests(json, 'AuthorizationPolicy')).map(([key, m]) => [key, m.spec]))).toEqual({
        'istio-egress/allow-nothing': { selector: { matchLabels: SELECTOR }, action: 'ALLOW' },
        'istio-egress/egress-team-x-to-example-com': {
          selector: { matchLabels: SELECTOR },
          action: 'ALLOW',
          rules: [{ from: [{ source: { namespaces: ['team-x'] } }], to: [{ operation: { hosts: ['example.com'], ports: ['8080'] } }] }],
        },
        'istio-egress/egress-team-y-to-httpbin-org': {
          selector: { matchLabels: SELECTOR },
          action: 'ALLOW',
          rules: [{ from: [{ source: { namespaces: ['team-y'] } }], to: [{ operation: { hosts: ['httpbin.org'], ports: ['8080'], paths: ['/status/418'] } }] }],
        },
      });
    });

    it('E9: each host is in the Sidecar of the namespaces allowed to call it, and only there', () => {
      expect((specOf(json, 'Sidecar', 'team-x/default').egress as Json[])[0].hosts).toContain('istio-egress/example.com');
      expect((specOf(json, 'Sidecar', 'team-x/default').egress as Json[])[0].hosts).not.toContain('istio-egress/httpbin.org');
      expect((specOf(json, 'Sidecar', 'team-y/default').egress as Json[])[0].hosts).toContain('istio-egress/httpbin.org');
    });

    it('E10: no ServiceEntry uses resolution NONE, which loops behind a gateway', () => {
      expect(Object.values(manifests(json, 'ServiceEntry')).map((m) => (m.spec as Json).resolution).filter((r) => r === 'NONE' || r === undefined)).toEqual([]);
    });
  });

  it('E13: allowing more namespaces and requests adds up: exportTo grows, one policy per namespace, one rule per grant', () => {
    const { stacks, gateway, teamX, teamY } = seed();
    const destination = gateway.addDestination({ host: 'httpbin.org' });
    destination.allow(teamY, { paths: ['/status/418'] });
    destination.allow(teamY, { paths: ['/get'], methods: ['GET'] });
    destination.allow(teamX);
    const json = synth(stacks.k8s);
    expect(destination.allowedNamespaces).toEqual(['team-y', 'team-x']);
    expect(specOf(json, 'ServiceEntry', 'istio-egress/httpbin-org').exportTo).toEqual(['istio-egress', 'team-y', 'team-x']);
    expect(specOf(json, 'VirtualService', 'istio-egress/httpbin-org-through-egress-gateway').exportTo).toEqual(['istio-egress', 'team-y', 'team-x']);
    expect((specOf(json, 'AuthorizationPolicy', 'istio-egress/egress-team-y-to-httpbin-org').rules as Json[]).map((r) => (r.to as Json[])[0])).toEqual([
      { operation: { hosts: ['httpbin.org'], ports: ['8080'], paths: ['/status/418'] } },
      { operation: { hosts: ['httpbin.org'], ports: ['8080'], paths: ['/get'], methods: ['GET'] } },
    ]);
    expect(specOf(json, 'AuthorizationPolicy', 'istio-egress/egress-team-x-to-httpbin-org').rules).toEqual([
      { from: [{ source: { namespaces: ['team-x'] } }], to: [{ operation: { hosts: ['httpbin.org'], ports: ['8080'] } }] },
    ]);
  });

  it('declaring a host again returns the same destination', () => {
    const { gateway, teamX } = seed();
    const first = gateway.addDestination({ host: 'example.com' });
    expect(gateway.addDestination({ host: 'example.com' })).toBe(first);
    expect(gateway.allow(teamX, 'example.com')).toBe(first);
    expect(gateway.destinations).toEqual([first]);
  });

  describe('E10: a wildcard host whose hosts share one server set', () => {
    let json: StackJson;
    beforeAll(() => {
      const { stacks, gateway, teamX } = seed();
      gateway.addDestination({ host: '*.example.com', servedBy: 'www.example.com' }).allow(teamX);
      json = synth(stacks.k8s);
    });

    it('the mesh-side ServiceEntry resolves the wildcard to the server set by DNS; the gateway\'s entry names the server set', () => {
      expect(specOf(json, 'ServiceEntry', 'istio-egress/wildcard-example-com')).toEqual({
        hosts: ['*.example.com'],
        location: 'MESH_EXTERNAL',
        resolution: 'DNS',
        endpoints: [{ address: 'www.example.com' }],
        ports: [{ number: 80, name: 'http', protocol: 'HTTP', targetPort: 443 }],
        exportTo: ['istio-egress', 'team-x'],
      });
      expect(specOf(json, 'ServiceEntry', 'istio-egress/wildcard-example-com-upstream')).toEqual({
        hosts: ['www.example.com'],
        location: 'MESH_EXTERNAL',
        resolution: 'DNS',
        ports: [{ number: 80, name: 'http', protocol: 'HTTP', targetPort: 443 }],
        exportTo: ['.'],
      });
    });

    it('the gateway forwards every host of the wildcard to the server set, originating TLS with each request\'s own SNI', () => {
      const legs = specOf(json, 'VirtualService', 'istio-egress/wildcard-example-com-through-egress-gateway').http as Json[];
      expect((legs[1].route as Json[])[0].destination).toEqual({ host: 'www.example.com', port: { number: 80 } });
      expect(specOf(json, 'DestinationRule', 'istio-egress/wildcard-example-com-originate-tls')).toEqual({
        host: 'www.example.com',
        exportTo: ['.'],
        trafficPolicy: { portLevelSettings: [{ port: { number: 80 }, tls: { mode: 'SIMPLE' } }] },
      });
    });

    it('the mTLS hop presents a name the gateway\'s *.example.com server accepts (placeholder.example.com)', () => {
      expect((specOf(json, 'Gateway', 'istio-egress/egress-gateway').servers as Json[])[0].hosts).toEqual(['./*.example.com']);
      expect((specOf(json, 'DestinationRule', 'istio-egress/target-egress-gateway').subsets as Json[])[0]).toEqual({
        name: 'wildcard-example-com',
        trafficPolicy: { portLevelSettings: [{ port: { number: 80 }, tls: { mode: 'ISTIO_MUTUAL', sni: 'placeholder.example.com' } }] },
      });
    });

    it('E13: authorization matches the wildcard host', () => {
      expect(specOf(json, 'AuthorizationPolicy', 'istio-egress/egress-team-x-to-wildcard-example-com').rules).toEqual([
        { from: [{ source: { namespaces: ['team-x'] } }], to: [{ operation: { hosts: ['*.example.com'], ports: ['8080'] } }] },
      ]);
    });
  });

  describe('E12: PASSTHROUGH, the named weaker option', () => {
    let json: StackJson;
    let destination: ExternalDestination;
    beforeAll(() => {
      const { stacks, gateway, teamX } = seed();
      destination = gateway.addDestination({ host: 'legacy.example.org', tls: EgressTls.PASSTHROUGH });
      destination.allow(teamX);
      json = synth(stacks.k8s);
    });

    it('workloads send TLS to 443; the VirtualService routes by SNI, with no Istio mTLS on the hop', () => {
      expect(specOf(json, 'ServiceEntry', 'istio-egress/legacy-example-org').ports).toEqual([{ number: 443, name: 'tls', protocol: 'TLS' }]);
      expect(specOf(json, 'VirtualService', 'istio-egress/legacy-example-org-through-egress-gateway').tls).toEqual([
        { match: [{ gateways: ['mesh'], port: 443, sniHosts: ['legacy.example.org'] }], route: [{ destination: { host: GATEWAY_HOST, subset: 'tls-passthrough', port: { number: 443 } } }] },
        { match: [{ gateways: ['istio-egress/egress-gateway'], port: 443, sniHosts: ['legacy.example.org'] }], route: [{ destination: { host: 'legacy.example.org', port: { number: 443 } } }] },
      ]);
      expect(destination.tlsOrigination).toBeUndefined();
      expect(manifests(json, 'DestinationRule')['istio-egress/legacy-example-org-originate-tls']).toBeUndefined();
    });

    it('the gateway can only allow by SNI, from any caller: no source namespace, no path', () => {
      expect(specOf(json, 'AuthorizationPolicy', 'istio-egress/egress-passthrough-legacy-example-org')).toEqual({
        selector: { matchLabels: SELECTOR },
        action: 'ALLOW',
        rules: [{ to: [{ operation: { ports: ['8443'] } }], when: [{ key: 'connection.sni', values: ['legacy.example.org'] }] }],
      });
      expect(manifests(json, 'AuthorizationPolicy')['istio-egress/egress-team-x-to-legacy-example-org']).toBeUndefined();
    });
  });

  it('E10: a destination no namespace may use fails synth', () => {
    const { stacks, gateway } = seed();
    gateway.addDestination({ host: 'example.com' });
    expect(() => Testing.synth(stacks.k8s, true)).toThrow(
      'k8s/EgressGateway/Destination-example.com: allowedNamespaces is empty: no namespace may use the destination (got []). ' +
      'Allow the namespaces that call "example.com" with destination.allow(team) or gateway.allow(team, "example.com"), or remove the ' +
      'destination: a route no namespace may use only widens what the gateway accepts.');
  });

  it('object names longer than a DNS label keep a prefix and a hash of the host', () => {
    const { stacks, gateway, teamX } = seed();
    const host = `${'a'.repeat(60)}.example.com`;
    const destination = gateway.addDestination({ host });
    destination.allow(teamX);
    synth(stacks.k8s);
    expect(destination.name).toMatch(/^a{54}-[0-9a-f]{8}$/);
  });
});
