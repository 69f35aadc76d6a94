import { AccessEntry, AccessKind, AccessMap } from '../../lib/posture';
import { addPassthrough, combined, configOf, Fixture, fixture, manifestOf, only, resource } from './helpers';

/** What the seeds intend, row by row: kind, source, destination, hosts, ports, methods, paths, mTLS. */
function intent(e: AccessEntry): (string | boolean)[] {
  return [e.kind, e.source, e.destination, e.hosts.join(','), e.ports.join(','), e.methods.join(','), e.paths.join(','), e.mutualTls];
}

const CLIENT = 'spiffe://my-project-id.svc.id.goog/ns/default/sa/demo-client';

function mapOf(f: Fixture): AccessMap {
  return AccessMap.of(configOf(f));
}

describe('access map of the reference topology (S11–S16)', () => {
  it.each([
    ['lb-api', 'td-gke-https-proxy (target HTTPS proxy: default/mesh-gateway)'],
    ['routing-api', 'td-gke-gateway (Gateway: default/mesh-gateway)'],
  ])('%s: demo-client → service-test:8000 GET over mTLS, and the ingress gateway → the service; nothing else', (variant, gateway) => {
    const map = mapOf(only(fixture('reference'), variant));
    expect(map.entries.map(intent)).toEqual([
      ['mesh', CLIENT, 'service-test', 'service-test,mesh-gateway', '8000', 'GET', '', true],
      ['ingress', 'any client', 'service-test', 'mesh-gateway', '8080', 'GET', '', true],
    ]);
    const [mesh, ingress] = map.entries;
    // The client pod and the ingress gateway both run as demo-client (S14), so both are this principal.
    expect(mesh.sourceWorkloads).toEqual(['default/busybox', 'default/mesh-gateway (gateway)']);
    expect(mesh.destinationWorkloads).toEqual(['default/app1']);
    expect(mesh.layers).toEqual(['EndpointPolicy', 'ServerTlsPolicy', 'ClientTlsPolicy', 'AuthorizationPolicy']);
    expect(mesh.transport).toBe('mTLS required by server-mtls-policy; clients present certificates via client-mtls-policy');
    // Ingress: TLS terminated at the gateway (S15), the gateway → service hop in mTLS as the client KSA.
    expect({ via: ingress.via, transport: ingress.transport, destinationWorkloads: ingress.destinationWorkloads }).toEqual({
      via: gateway,
      transport: `TLS terminated at the gateway (server-tls-policy); mTLS from the gateway to td-gke-service as ${CLIENT}`,
      destinationWorkloads: ['default/app1'],
    });
    expect(ingress.enforcedBy.some((e) => e.startsWith('AuthorizationPolicy authz-gateway-policy'))).toBe(true);
    expect(ingress.notes.join(' ')).toContain('authz-gateway-policy is not attached to');
    expect(map.notes).toEqual([]);
  });

  it('both variants together: each row stays with its own deployment', () => {
    const map = mapOf(fixture('reference'));
    expect(map.entries.map((e) => [e.kind, e.stacks.join(','), e.sourceWorkloads.join(','), e.destinationWorkloads.join(',')])).toEqual([
      ['mesh', 'lb-api-gcp', 'default/busybox,default/mesh-gateway (gateway)', 'default/app1'],
      ['mesh', 'routing-api-gcp', 'default/busybox,default/mesh-gateway (gateway)', 'default/app1'],
      ['ingress', 'lb-api-traffic', '', 'default/app1'],
      ['ingress', 'routing-api-gcp', '', 'default/app1'],
    ]);
  });

  it('a weaker configuration shows in the map: no client TLS, a sourceless rule, no authorization', () => {
    const f = only(fixture('reference'), 'lb-api');
    delete resource(f, 'lb-api-traffic', 'google_compute_backend_service').security_settings;
    delete resource(f, 'lb-api-gcp', 'google_network_services_endpoint_policy').authorization_policy;
    const map = mapOf(f);
    const mesh = map.entries.filter((e) => e.kind === AccessKind.MESH);
    expect(mesh.map(intent)).toEqual([['mesh', 'any mesh workload', 'service-test', '', '', '', '', false]]);
    expect(mesh[0].notes).toEqual([
      'backend service td-gke-service has no client TLS policy: its clients send plaintext, which these endpoints reject',
      'no authorization policy: every caller that passes TLS is allowed',
    ]);
    expect(map.entries.find((e) => e.kind === AccessKind.INGRESS)?.mutualTls).toBe(false);
  });
});

describe('access map of the egress design (E7–E13)', () => {
  it('team-x → example.com; team-y → httpbin.org /status/418; nothing else', () => {
    const map = mapOf(fixture('egress'));
    expect(map.entries.map(intent)).toEqual([
      ['egress', 'namespace team-x', 'example.com', 'example.com', '80,443', '', '', true],
      ['egress', 'namespace team-y', 'httpbin.org', 'httpbin.org', '80,443', '', '/status/418', true],
    ]);
    for (const e of map.entries) {
      expect({ via: e.via, layers: e.layers, transport: e.transport, notes: e.notes, stacks: e.stacks }).toEqual({
        via: 'istio-egress/egress-gateway',
        layers: ['Sidecar', 'NetworkPolicy', 'AuthorizationPolicy', 'VPC firewall'],
        transport: 'mTLS (ISTIO_MUTUAL) from the sidecar to the gateway; TLS originated at the gateway (SIMPLE)',
        notes: [],
        stacks: ['egress-gcp', 'egress-k8s'],
      });
    }
    expect(map.entries[0].enforcedBy).toEqual([
      'Sidecar team-x/default (REGISTRY_ONLY)',
      'NetworkPolicy team-x/allow-egress-to-mesh-dns-google',
      'AuthorizationPolicy istio-egress/egress-team-x-to-examplecom (ALLOW)',
      'VPC firewall deny-all-egress',
      'VPC firewall allow-gateway-egress-web',
    ]);
    expect(map.notes).toEqual([]);
  });

  it('a grant the sidecar cannot route is a note, not a row: the ServiceEntry is not exported to the namespace', () => {
    const f = fixture('egress');
    manifestOf(f, 'egress-k8s', 'ServiceEntry', 'httpbinorg').spec.exportTo = ['istio-egress'];
    const map = mapOf(f);
    expect(map.entries.map((e) => e.source)).toEqual(['namespace team-x']);
    expect(map.notes).toEqual([
      'team-y may use httpbin.org at istio-egress/egress-gateway (istio-egress/egress-team-y-to-httpbinorg), but no ServiceEntry registers httpbin.org for team-y: blocked at the sidecar',
    ]);
  });

  it('without an AuthorizationPolicy every namespace whose sidecars know a host may use it', () => {
    const f = fixture('egress');
    const manifests = f.stacks['egress-k8s'].resource.kubernetes_manifest as Record<string, { manifest: { kind: string } }>;
    for (const k of Object.keys(manifests)) if (manifests[k].manifest.kind === 'AuthorizationPolicy') delete manifests[k];
    manifestOf(f, 'egress-k8s', 'ServiceEntry', 'examplecom').spec.exportTo = ['*'];
    const map = mapOf(f);
    expect(map.entries.map((e) => [e.source, e.destination, e.layers.join(',')])).toEqual([
      ['any namespace', 'example.com', 'VPC firewall'],
      ['namespace team-y', 'httpbin.org', 'Sidecar,NetworkPolicy,VPC firewall'],
    ]);
    expect(map.notes).toEqual(['istio-egress/egress-gateway: no ALLOW AuthorizationPolicy, so every namespace may use every host registered at the gateway']);
  });

  it('a PASSTHROUGH host: authorized by SNI for any source, reachable from the namespaces it is exported to, without mTLS (E12)', () => {
    const f = fixture('egress');
    addPassthrough(f);
    const map = mapOf(f);
    const row = map.entries.find((e) => e.destination === 'legacy.example.org');
    expect(row && [...intent(row), row.transport, row.notes]).toEqual([
      'egress', 'namespace team-y', 'legacy.example.org', 'legacy.example.org', '8443', '', '', false,
      'the workload\'s own TLS, passed through the gateway to the host (no identity-based authorization)',
      ['istio-egress/egress-passthrough-legacy-example-org allows any source for this host; only the namespaces its ServiceEntry is exported to can route to it'],
    ]);
    expect(map.toMermaid()).toContain('|"legacy.example.org:8443 TLS (passthrough)"|');
  });

  it('the reference topology with the egress stacks: the union, nothing else', () => {
    const map = mapOf(combined());
    expect(map.entries.map((e) => [e.kind, e.source, e.destination])).toEqual([
      ['mesh', CLIENT, 'service-test'], ['mesh', CLIENT, 'service-test'],
      ['ingress', 'any client', 'service-test'], ['ingress', 'any client', 'service-test'],
      ['egress', 'namespace team-x', 'example.com'], ['egress', 'namespace team-y', 'httpbin.org'],
    ]);
  });
});

describe('access map renderings', () => {
  const map = mapOf(combined());

  it('Markdown: a table per kind, notes and the Mermaid diagram', () => {
    const md = map.toMarkdown();
    expect(md).toMatch(/^# Access map\n/);
    for (const heading of ['### Service to service (Cloud Service Mesh)', '### Ingress (through gateways)', '### Egress (through Istio egress gateways)', '```mermaid']) {
      expect(md).toContain(heading);
    }
    expect(md).toContain('| namespace team-y | team-y/test | httpbin.org | httpbin.org | 80, 443 | any | /status/418 | yes |');
    // Every table row has as many cells as the header.
    for (const table of map.toMarkdownTable().split('###').slice(1)) {
      const rows = table.split('\n').filter((l) => l.startsWith('|'));
      const widths = rows.map((r) => r.replace(/\\\|/g, '').split('|').length);
      expect(new Set(widths).size).toBe(1);
    }
  });

  it('Mermaid: principals, gateways, services and external hosts with labelled edges', () => {
    expect(map.toMermaid()).toBe([
      'flowchart LR',
      '  n0(["demo-client (default)"])',
      '  n1["service-test"]',
      '  n2(["any client"])',
      '  n3{{"td-gke-https-proxy (target HTTPS proxy: default/mesh-gateway)"}}',
      '  n4{{"td-gke-gateway (Gateway: default/mesh-gateway)"}}',
      '  n5(["namespace team-x"])',
      '  n6[("example.com")]',
      '  n7{{"istio-egress/egress-gateway"}}',
      '  n8(["namespace team-y"])',
      '  n9[("httpbin.org")]',
      '  n0 -->|"service-test mesh-gateway:8000 GET mTLS"| n1',
      '  n2 -->|"mesh-gateway:8080 GET TLS"| n3',
      '  n3 -->|"mTLS"| n1',
      '  n2 -->|"mesh-gateway:8080 GET TLS"| n4',
      '  n4 -->|"mTLS"| n1',
      '  n5 -->|"example.com:80,443 mTLS"| n7',
      '  n7 -->|"TLS"| n6',
      '  n8 -->|"httpbin.org:80,443 /status/418 mTLS"| n7',
      '  n7 -->|"TLS"| n9',
      '',
    ].join('\n'));
  });

  it('DOT: a digraph Graphviz accepts, mTLS edges green', () => {
    const dot = map.toDot();
    expect(dot.startsWith('digraph access_map {\n  rankdir=LR;')).toBe(true);
    expect(dot).toContain('n0 -> n1 [label="service-test mesh-gateway:8000 GET mTLS", color=darkgreen];');
    expect(dot).toContain('n7 -> n6 [label="TLS", color=darkorange];');
    expect(dot.trimEnd().endsWith('}')).toBe(true);
  });
});
