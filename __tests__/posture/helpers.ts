import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PostureCheck, PostureFinding, PostureReport, TerraformConfiguration } from '../../lib/posture';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** fixtures/reference: the reference topology (both API variants) with the T1 settings; fixtures/egress: E1–E13. */
export const FIXTURES = path.join(__dirname, 'fixtures');

export interface Fixture {
  readonly manifest: Json;
  readonly stacks: Record<string, Json>;
}

/** A deep copy of a fixture, to weaken in a test. */
export function fixture(name: 'reference' | 'egress'): Fixture {
  const dir = path.join(FIXTURES, name);
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Json;
  const stacks: Record<string, Json> = {};
  for (const [stack, entry] of Object.entries(manifest.stacks as Record<string, Json>)) {
    stacks[stack] = JSON.parse(fs.readFileSync(path.join(dir, entry.synthesizedStackPath as string), 'utf8')) as Json;
  }
  return { manifest, stacks };
}

/** Both fixtures as one configuration (the reference topology plus the egress stacks). */
export function combined(): Fixture {
  const a = fixture('reference');
  const b = fixture('egress');
  return { manifest: { ...a.manifest, stacks: { ...a.manifest.stacks, ...b.manifest.stacks } }, stacks: { ...a.stacks, ...b.stacks } };
}

/** Only some stacks of a fixture (e.g. one API variant). */
export function only(f: Fixture, prefix: string): Fixture {
  const names = Object.keys(f.stacks).filter((s) => s.startsWith(prefix));
  return {
    manifest: { ...f.manifest, stacks: Object.fromEntries(names.map((n) => [n, f.manifest.stacks[n]])) },
    stacks: Object.fromEntries(names.map((n) => [n, f.stacks[n]])),
  };
}

export function configOf(f: Fixture): TerraformConfiguration {
  return TerraformConfiguration.fromStacks(Object.entries(f.stacks).map(([name, json]) => ({
    name,
    json,
    file: `stacks/${name}/cdk.tf.json`,
    dependencies: (f.manifest.stacks[name]?.dependencies ?? []) as string[],
  })));
}

export function check(f: Fixture): PostureReport {
  return PostureCheck.run(configOf(f));
}

/** Writes a fixture as a cdktf.out folder in a fresh temporary directory. */
export function writeOut(f: Fixture): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'posture-'));
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(f.manifest, null, 2));
  for (const [name, json] of Object.entries(f.stacks)) {
    const file = path.join(dir, f.manifest.stacks[name].synthesizedStackPath as string);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(json, null, 2));
  }
  return dir;
}

/** The one resource of a type in a stack whose name contains `part`. */
export function resource(f: Fixture, stack: string, type: string, part = ''): Json {
  const all = Object.entries((f.stacks[stack].resource?.[type] ?? {}) as Record<string, Json>).filter(([n]) => n.includes(part));
  if (all.length !== 1) throw new Error(`expected one ${type} *${part}* in ${stack}, found ${all.map(([n]) => n).join(', ') || 'none'}`);
  return all[0][1];
}

/** The one kubernetes_manifest of a kind (and name) in a stack. */
export function manifestOf(f: Fixture, stack: string, kind: string, name?: string, namespace?: string): Json {
  const all = Object.values((f.stacks[stack].resource?.kubernetes_manifest ?? {}) as Record<string, Json>).filter((r) =>
    r.manifest.kind === kind && (name === undefined || r.manifest.metadata.name === name) && (namespace === undefined || r.manifest.metadata.namespace === namespace));
  if (all.length !== 1) throw new Error(`expected one ${kind} ${namespace ?? ''}/${name ?? '*'} in ${stack}, found ${all.length}`);
  return all[0].manifest;
}

/** Findings as `RULE stack type.name field`, for exact comparisons. */
export function keys(findings: PostureFinding[]): string[] {
  return findings.map((f) => `${f.ruleId} ${f.stack} ${f.address} ${f.field}`).sort();
}

/**
 * Adds a PASSTHROUGH destination to the egress fixture as the egress constructs render one (E12): the gateway
 * server passes TLS through, so the AuthorizationPolicy can match only the SNI, for any source.
 */
export function addPassthrough(f: Fixture): Json {
  const manifests = f.stacks['egress-k8s'].resource.kubernetes_manifest as Record<string, Json>;
  const gateway = manifestOf(f, 'egress-k8s', 'Gateway', 'egress-gateway');
  gateway.spec.servers.push({ port: { number: 443, name: 'tls', protocol: 'TLS' }, hosts: ['./legacy.example.org'], tls: { mode: 'PASSTHROUGH' } });
  manifests['ExternalHost-legacy_ServiceEntry_F0000001'] = { manifest: {
    apiVersion: 'networking.istio.io/v1', kind: 'ServiceEntry', metadata: { name: 'legacy-example-org', namespace: 'istio-egress' },
    spec: { hosts: ['legacy.example.org'], exportTo: ['istio-egress', 'team-y'], location: 'MESH_EXTERNAL', resolution: 'DNS', ports: [{ number: 443, name: 'tls', protocol: 'TLS' }] },
  } };
  manifests['ExternalHost-legacy_VirtualService_F0000003'] = { manifest: {
    apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'legacy-example-org-through-egress-gateway', namespace: 'istio-egress' },
    spec: {
      hosts: ['legacy.example.org'],
      exportTo: ['istio-egress', 'team-y'],
      gateways: ['mesh', 'istio-egress/egress-gateway'],
      tls: [
        { match: [{ gateways: ['mesh'], port: 443, sniHosts: ['legacy.example.org'] }], route: [{ destination: { host: 'istio-egressgateway.istio-egress.svc.cluster.local', port: { number: 443 } } }] },
        { match: [{ gateways: ['istio-egress/egress-gateway'], port: 443, sniHosts: ['legacy.example.org'] }], route: [{ destination: { host: 'legacy.example.org', port: { number: 443 } } }] },
      ],
    },
  } };
  const policy = { '//': { metadata: { path: 'egress-k8s/ExternalHost-legacy/Authorization', uniqueId: 'ExternalHost-legacy_Authorization_F0000002' } }, manifest: {
    apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { name: 'egress-passthrough-legacy-example-org', namespace: 'istio-egress' },
    spec: {
      action: 'ALLOW',
      selector: { matchLabels: { istio: 'egressgateway' } },
      rules: [{ to: [{ operation: { ports: ['8443'] } }], when: [{ key: 'connection.sni', values: ['legacy.example.org'] }] }],
    },
  } };
  manifests['ExternalHost-legacy_Authorization_F0000002'] = policy;
  return policy;
}
