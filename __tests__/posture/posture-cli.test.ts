import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PostureCheck, PostureCli, TerraformConfiguration } from '../../lib/posture';
import { REPO_ROOT } from '../helpers/paths';
import { combined, FIXTURES, fixture, resource, writeOut } from './helpers';

/** The 1-based line of `"NAME": {` in a file. */
function lineOf(file: string, name: string): number {
  return fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.trim() === `"${name}": {`) + 1;
}

/** A cdktf.out whose lb-api cluster lost private nodes (an error) and one ServiceEntry its exportTo (a warning). */
function weakenedOut(): string {
  const f = combined();
  delete resource(f, 'lb-api-gcp', 'google_container_cluster').private_cluster_config;
  const manifests = f.stacks['egress-k8s'].resource.kubernetes_manifest as Record<string, { manifest: { kind: string; metadata: { name: string }; spec: Record<string, unknown> } }>;
  const entry = Object.values(manifests).find((m) => m.manifest.kind === 'ServiceEntry' && m.manifest.metadata.name === 'examplecom');
  delete entry?.manifest.spec.exportTo;
  return writeOut(f);
}

describe('posture command (T2)', () => {
  it('exits 0 on the hardened reference topology and prints a summary', () => {
    const result = PostureCli.run(['posture', '__tests__/posture/fixtures/reference'], { cwd: REPO_ROOT });
    expect(result).toEqual({
      exitCode: 0,
      stdout: 'Posture check of __tests__/posture/fixtures/reference: 6 stacks, 0 errors, 0 warnings, 0 suppressed.\n\nOK: no error-severity findings.\n',
      stderr: '',
      filesWritten: [],
    });
  });

  it('reads cdktf.out by default and exits 1 on an error finding, printing each finding with its Terraform address', () => {
    const dir = weakenedOut();
    const result = PostureCli.run(['posture'], { cwd: path.dirname(dir) });
    // No cdktf.out next to the temporary folder: bad input is exit code 2, with the reason.
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/cdktf\.out: no such file or folder\. Run `cdktf synth` first/);
    fs.renameSync(dir, path.join(path.dirname(dir), 'cdktf.out'));
    try {
      const failing = PostureCli.run(['posture'], { cwd: path.dirname(dir) });
      const line = lineOf(path.join(path.dirname(dir), 'cdktf.out', 'stacks', 'lb-api-gcp', 'cdk.tf.json'), 'Cluster_EB0386A7');
      expect(failing.exitCode).toBe(1);
      expect(failing.stdout).toContain('Posture check of cdktf.out: 8 stacks, 1 error, 1 warning, 0 suppressed.');
      expect(failing.stdout).toContain([
        'error   POSTURE-GKE-PRIVATE-NODES  GKE nodes have public IP addresses',
        `  resource: google_container_cluster.Cluster_EB0386A7  (stack lb-api-gcp, cdktf.out/stacks/lb-api-gcp/cdk.tf.json:${line})`,
        '  lb-api-gcp/Cluster/Resource: private_cluster_config.enable_private_nodes is not true, so every node gets a public IP address (got nothing). '
          + 'Set private_cluster_config.enable_private_nodes = true (GkeCluster does unless allowPublicNodes: true) and give the subnet Cloud NAT.',
      ].join('\n'));
      expect(failing.stdout).toContain('warning POSTURE-ISTIO-SERVICEENTRY-EXPORT  ServiceEntry visible to every namespace');
      expect(failing.stdout).toMatch(/FAILED: 1 error-severity finding\./);
      // A suppression with a reason makes it pass; --fail-on-warnings makes the warning count.
      const suppressed = PostureCli.run(['posture', '--suppress', 'POSTURE-GKE-PRIVATE-NODES=lab cluster (SEC-1)'], { cwd: path.dirname(dir) });
      expect({ code: suppressed.exitCode, listed: suppressed.stdout.includes('POSTURE-GKE-PRIVATE-NODES  google_container_cluster.Cluster_EB0386A7  (stack lb-api-gcp): lab cluster (SEC-1)') })
        .toEqual({ code: 0, listed: true });
      expect(PostureCli.run(['posture', '--suppress=POSTURE-GKE-PRIVATE-NODES=lab', '--fail-on-warnings'], { cwd: path.dirname(dir) }).exitCode).toBe(1);
    } finally {
      fs.rmSync(path.join(path.dirname(dir), 'cdktf.out'), { recursive: true, force: true });
    }
  });

  it('rejects bad usage with exit code 2 and the usage text', () => {
    for (const args of [['lint'], ['posture', '--format', 'xml'], ['posture', '--suppress', 'POSTURE-GKE-PRIVATE-NODES'], ['posture', 'a', 'b'], ['posture', '--bogus']]) {
      const result = PostureCli.run(args, { cwd: REPO_ROOT });
      expect({ args, code: result.exitCode, usage: result.stderr.includes('Usage:') }).toEqual({ args, code: 2, usage: true });
    }
    expect(PostureCli.run(['posture', path.join(FIXTURES, 'reference'), '--suppress', 'NOPE=x'], { cwd: REPO_ROOT }).stderr)
      .toMatch(/^error: ruleId is not a posture rule \(got "NOPE"\)/);
    expect(PostureCli.run(['--help']).stdout).toMatch(/^Usage:\n {2}cdktf-mesh-security posture/);
  });

  it('`rules` prints the rule table', () => {
    expect(PostureCli.run(['rules']).stdout).toBe(PostureCheck.rulesMarkdown());
  });
});

describe('SARIF 2.1.0 output', () => {
  it('has the schema keys, one rule per posture rule, and results with ruleId, level, file and line locations', () => {
    const dir = weakenedOut();
    const output = path.join(dir, 'reports', 'posture.sarif');
    const result = PostureCli.run(['posture', dir, '--format', 'sarif', '--output', output], { cwd: dir });
    expect(result.exitCode).toBe(1);
    expect(result.filesWritten).toEqual([output]);
    // The log still shows the findings when SARIF goes to a file.
    expect(result.stdout).toContain('error   POSTURE-GKE-PRIVATE-NODES');
    const sarif = JSON.parse(fs.readFileSync(output, 'utf8'));
    expect(Object.keys(sarif)).toEqual(['$schema', 'version', 'runs']);
    expect({ schema: sarif.$schema, version: sarif.version, runs: sarif.runs.length }).toEqual({
      schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: 1,
    });
    const run = sarif.runs[0];
    const rules = run.tool.driver.rules as { id: string; shortDescription: { text: string }; fullDescription: { text: string }; help: { text: string }; defaultConfiguration: { level: string } }[];
    expect(run.tool.driver.name).toBe('cdktf-mesh-security posture');
    expect(rules.map((r) => r.id)).toEqual(PostureCheck.rules().map((r) => r.id));
    for (const r of rules) {
      expect([r.shortDescription.text.length > 0, r.fullDescription.text.length > 0, r.help.text.length > 0, ['error', 'warning'].includes(r.defaultConfiguration.level)])
        .toEqual([true, true, true, true]);
    }
    const line = lineOf(path.join(dir, 'stacks', 'lb-api-gcp', 'cdk.tf.json'), 'Cluster_EB0386A7');
    expect(line).toBeGreaterThan(1);
    // Ordered by stack: egress-k8s before lb-api-gcp.
    expect(run.results).toEqual([
      expect.objectContaining({ ruleId: 'POSTURE-ISTIO-SERVICEENTRY-EXPORT', level: 'warning' }),
      expect.objectContaining({
        ruleId: 'POSTURE-GKE-PRIVATE-NODES',
        ruleIndex: rules.findIndex((r) => r.id === 'POSTURE-GKE-PRIVATE-NODES'),
        level: 'error',
        message: { text: expect.stringMatching(/^lb-api-gcp\/Cluster\/Resource: private_cluster_config\.enable_private_nodes is not true/) },
        locations: [{
          physicalLocation: { artifactLocation: { uri: 'stacks/lb-api-gcp/cdk.tf.json' }, region: { startLine: line } },
          logicalLocations: [{ name: 'google_container_cluster.Cluster_EB0386A7', fullyQualifiedName: 'lb-api-gcp/google_container_cluster.Cluster_EB0386A7', kind: 'resource' }],
        }],
        partialFingerprints: { 'postureFinding/v1': expect.stringMatching(/^[0-9a-f]{64}$/) },
      }),
    ]);
  });

  it('suppressed findings stay in the log with their justification', () => {
    const dir = weakenedOut();
    const result = PostureCli.run(['posture', dir, '--format', 'sarif', '--suppress', 'POSTURE-GKE-PRIVATE-NODES=lab cluster'], { cwd: dir });
    expect(result.exitCode).toBe(0);
    const results = JSON.parse(result.stdout).runs[0].results as { ruleId: string; suppressions?: unknown }[];
    expect(results.find((r) => r.ruleId === 'POSTURE-GKE-PRIVATE-NODES')?.suppressions).toEqual([{ kind: 'inSource', justification: 'lab cluster' }]);
  });
});

describe('access-map command', () => {
  it('writes access-map.md and access-map.dot (and access-map.svg with Graphviz) next to the synth output and prints the table', () => {
    const dir = writeOut(fixture('egress'));
    const result = PostureCli.run(['access-map', dir], { renderSvg: false });
    expect(result.exitCode).toBe(0);
    expect(result.filesWritten.map((f) => path.relative(dir, f))).toEqual(['access-map.md', 'access-map.dot']);
    expect(result.stdout).toContain('| namespace team-x | team-x/test | example.com | example.com | 80, 443 | any | any | yes |');
    expect(fs.readFileSync(path.join(dir, 'access-map.md'), 'utf8')).toContain('```mermaid\nflowchart LR\n');
    expect(fs.readFileSync(path.join(dir, 'access-map.dot'), 'utf8')).toMatch(/^digraph access_map \{/);
  });

  const hasDot = spawnSync('dot', ['-V']).status === 0;
  (hasDot ? it : it.skip)('renders access-map.svg when Graphviz dot is installed', () => {
    const dir = writeOut(fixture('reference'));
    const result = PostureCli.run(['access-map', dir]);
    expect(result.filesWritten.map((f) => path.basename(f))).toEqual(['access-map.md', 'access-map.dot', 'access-map.svg']);
    expect(fs.readFileSync(path.join(dir, 'access-map.svg'), 'utf8')).toContain('<svg');
  });
});

describe('reading Terraform JSON that cdktf did not write', () => {
  it('a folder of *.tf.json files is one stack; a folder of such folders is one stack per folder; one file is a stack', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'plain-'));
    const gcp = fixture('reference').stacks['lb-api-gcp'];
    const { resource: resources, ...rest } = gcp;
    const { google_container_cluster: clusters, ...others } = resources;
    fs.mkdirSync(path.join(root, 'live', 'gke'), { recursive: true });
    fs.writeFileSync(path.join(root, 'live', 'gke', 'main.tf.json'), JSON.stringify({ ...rest, resource: others }));
    // Terraform JSON also allows a list of blocks: `"resource": [{ "TYPE": { "NAME": {…} } }]`.
    const weak = { ...clusters.Cluster_EB0386A7, private_cluster_config: undefined };
    fs.writeFileSync(path.join(root, 'live', 'gke', 'cluster.tf.json'), `{\n  "resource": [\n    {\n      "google_container_cluster": {\n        "primary": ${JSON.stringify(weak)}\n      }\n    }\n  ]\n}\n`);
    fs.mkdirSync(path.join(root, 'live', 'egress'));
    fs.copyFileSync(path.join(FIXTURES, 'egress', 'stacks', 'egress-k8s', 'cdk.tf.json'), path.join(root, 'live', 'egress', 'k8s.tf.json'));

    const folder = TerraformConfiguration.load(path.join(root, 'live', 'gke'));
    expect(folder.stacks).toEqual([{ name: 'gke', files: ['cluster.tf.json', 'main.tf.json'], dependencies: [], resourceCount: Object.values(others as Record<string, object>).reduce((n: number, byName) => n + Object.keys(byName).length, 1) }]);
    const nested = TerraformConfiguration.load(path.join(root, 'live'));
    expect(nested.stacks.map((s) => s.name)).toEqual(['egress', 'gke']);
    const report = PostureCheck.run(nested);
    expect(report.findings.map((f) => [f.ruleId, f.stack, f.address, f.file, f.line, f.path])).toEqual([
      ['POSTURE-GKE-PRIVATE-NODES', 'gke', 'google_container_cluster.primary', 'gke/cluster.tf.json', 5, 'lb-api-gcp/Cluster/Resource'],
    ]);
    const single = TerraformConfiguration.load(path.join(root, 'live', 'gke', 'cluster.tf.json'));
    expect(single.stacks.map((s) => [s.name, s.files])).toEqual([['cluster', ['cluster.tf.json']]]);
  });

  it('explains unreadable input', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bad-'));
    expect(() => TerraformConfiguration.load(root)).toThrow(/holds neither a cdktf manifest\.json nor \*\.tf\.json files/);
    fs.writeFileSync(path.join(root, 'main.tf.json'), '{ "resource": ');
    expect(() => TerraformConfiguration.load(root)).toThrow(/main\.tf\.json: not valid JSON/);
  });
});

describe('the package command (bin/cdktf-mesh-security.js)', () => {
  it('runs the posture module from the repository under tsx and exits with its code', () => {
    const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
    const ok = spawnSync(tsx, [path.join(REPO_ROOT, 'bin', 'cdktf-mesh-security.js'), 'posture', path.join(FIXTURES, 'egress')], { encoding: 'utf8' });
    expect({ status: ok.status, out: ok.stdout.split('\n')[0] }).toEqual({ status: 0, out: expect.stringMatching(/2 stacks, 0 errors, 0 warnings, 0 suppressed\.$/) });
    const failing = spawnSync(tsx, [path.join(REPO_ROOT, 'bin', 'cdktf-mesh-security.js'), 'posture', weakenedOut()], { encoding: 'utf8' });
    expect(failing.status).toBe(1);
  });
});
