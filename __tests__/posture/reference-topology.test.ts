import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { buildTopology } from '../../app/topology';
import { AccessMap, PostureCheck, TerraformConfiguration } from '../../lib/posture';

/**
 * The posture check and the access map over what main.ts synthesizes (never over a parallel description): every stack
 * of the reference topology, read back from cdktf.out as the command reads it.
 */
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'reference-posture-'));
const app = new App({ outdir, context: { '@zerotrust-gcp/cdktf-mesh-security:printWarnings': false } });
buildTopology(app, {});
app.synth();
const config = TerraformConfiguration.load(outdir);

afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

const CLIENT = 'spiffe://my-project-id.svc.id.goog/ns/default/sa/demo-client';

describe('the reference topology (T2, X1)', () => {
  it('reads all nine stacks', () => {
    expect(config.stacks.map((s) => s.name).sort()).toEqual(['egress-gcp', 'egress-k8s', 'lb-api-gcp', 'lb-api-k8s', 'lb-api-traffic',
      'routing-api-gcp', 'routing-api-k8s', 'routing-api-traffic', 'vm-workload-identity']);
  });

  it('has zero posture findings: no error, no warning, nothing suppressed', () => {
    const report = PostureCheck.run(config);
    expect(report.findings.map((f) => `${f.ruleId} ${f.path}`)).toEqual([]);
  });

  it('access map = the seeds\' intent: demo-client → service-test:8000 GET over mTLS, the ingress gateway → the service, '
    + 'team-x → example.com, team-y → httpbin.org /status/418; nothing else', () => {
    const map = AccessMap.of(config);
    expect(map.entries.map((e) => [e.kind, e.source, e.destination, e.hosts.join(','), e.ports.join(','), e.methods.join(','), e.paths.join(','), e.mutualTls]))
      .toEqual([
        ['mesh', CLIENT, 'service-test', 'service-test,mesh-gateway', '8000', 'GET', '', true],
        ['mesh', CLIENT, 'service-test', 'service-test,mesh-gateway', '8000', 'GET', '', true],
        ['ingress', 'any client', 'service-test', 'mesh-gateway', '8080', 'GET', '', true],
        ['ingress', 'any client', 'service-test', 'mesh-gateway', '8080', 'GET', '', true],
        // The gateway's AuthorizationPolicy sees its container port: workloads send plain HTTP to port 80, which the
        // gateway Service maps to 8080, and TLS is originated from there (E12).
        ['egress', 'namespace team-x', 'example.com', 'example.com', '8080', '', '', true],
        ['egress', 'namespace team-y', 'httpbin.org', 'httpbin.org', '8080', '', '/status/418', true],
      ]);
    // One row per API variant: each is its own deployment.
    expect(map.entries.filter((e) => e.kind !== 'egress').map((e) => e.stacks[0])).toEqual(['lb-api-gcp', 'routing-api-gcp', 'lb-api-traffic', 'routing-api-gcp']);
    for (const e of map.entries.filter((entry) => entry.kind === 'egress')) {
      expect(e.layers).toEqual(['Sidecar', 'NetworkPolicy', 'AuthorizationPolicy', 'VPC firewall']);
    }
  });

  it('README\'s access map image is drawn from this topology: docs/access-map.dot is its DOT rendering (regenerate: '
    + 'npm run synth && npm run access-map && cp cdktf.out/access-map.{dot,svg} docs/)', () => {
    expect(AccessMap.of(config).toDot()).toBe(fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'access-map.dot'), 'utf8'));
  });
});
