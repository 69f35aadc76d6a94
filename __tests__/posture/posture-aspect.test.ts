import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { App, Testing, TerraformStack } from 'cdktf';
import { loadTopologyConfig } from '../../app/config';
import { buildReferenceTopology } from '../../app/reference-topology';
import { Posture, PostureCheck, PostureCli, TerraformConfiguration } from '../../lib/posture';

/** A cluster with every T1 setting the rules expect, as raw provider resources (no library construct). */
function cluster(stack: TerraformStack, id: string, options: { privateNodes?: boolean } = {}): ContainerCluster {
  const c = new ContainerCluster(stack, id, {
    name: id.toLowerCase(),
    location: 'us-east1-b',
    workloadIdentityConfig: { workloadPool: 'my-project-id.svc.id.goog' },
    privateClusterConfig: options.privateNodes === false ? undefined : { enablePrivateNodes: true },
    datapathProvider: 'ADVANCED_DATAPATH',
    releaseChannel: { channel: 'RAPID' },
    enableShieldedNodes: true,
    removeDefaultNodePool: true,
    initialNodeCount: 1,
  });
  new ContainerNodePool(stack, `${id}Pool`, {
    cluster: c.name,
    location: 'us-east1-b',
    nodeConfig: {
      serviceAccount: `${id.toLowerCase()}-nodes@my-project-id.iam.gserviceaccount.com`,
      workloadMetadataConfig: { mode: 'GKE_METADATA' },
      shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
      kubeletConfig: { insecureKubeletReadonlyPortEnabled: 'FALSE' },
    },
  });
  return c;
}

function gcpStack(app: App, id: string): TerraformStack {
  const stack = new TerraformStack(app, id);
  new GoogleProvider(stack, 'google', { project: 'my-project-id' });
  return stack;
}

function synthError(stack: TerraformStack): string {
  try {
    Testing.synth(stack, true);
  } catch (err) {
    return (err as Error).message;
  }
  return '';
}

function annotations(stack: TerraformStack, level: string): string[] {
  return stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === level).map((m) => `${c.node.path}: ${String(m.data)}`));
}

describe('Posture aspect (T2): errors fail the synth, warnings are annotations', () => {
  it('fails the synth on an error finding, naming the rule, the resource path, the field, the fix and why', () => {
    const app = Testing.app();
    const stack = gcpStack(app, 'clusters');
    cluster(stack, 'Weak', { privateNodes: false });
    Posture.of(app).enforce();
    const message = synthError(stack);
    expect(message).toContain('[clusters] POSTURE-GKE-PRIVATE-NODES (error): clusters/Weak: private_cluster_config.enable_private_nodes is not true, '
      + 'so every node gets a public IP address (got nothing). Set private_cluster_config.enable_private_nodes = true');
    expect(message).toContain('Why: Nodes of a private cluster have internal IP addresses only');
  });

  it('passes a hardened stack without annotations, and does nothing unless enforced', () => {
    const app = Testing.app();
    const hardened = gcpStack(app, 'hardened');
    cluster(hardened, 'Strong');
    const unchecked = gcpStack(app, 'unchecked');
    cluster(unchecked, 'Weak', { privateNodes: false });
    Posture.of(hardened).enforce();
    expect([synthError(hardened), synthError(unchecked)]).toEqual(['', '']);
    expect([...annotations(hardened, '@cdktf/warn'), ...annotations(hardened, '@cdktf/info')]).toEqual([]);
  });

  it('reports warnings as annotations on the resource and does not fail', () => {
    const app = Testing.app();
    const stack = gcpStack(app, 'net');
    cluster(stack, 'Strong');
    const rule = new ComputeFirewall(stack, 'OpenSsh', { name: 'open-ssh', network: 'default', sourceRanges: ['0.0.0.0/0'], allow: [{ protocol: 'tcp', ports: ['22'] }] });
    Posture.relax(rule, 'POSTURE-NET-FIREWALL-OPEN-INGRESS', 'bastion rule, explicitly public');
    Posture.of(app).enforce();
    expect(synthError(stack)).toBe('');
    expect(annotations(stack, '@cdktf/warn')).toEqual([
      'net/OpenSsh: POSTURE-NET-FIREWALL-OPEN-INGRESS (warning): net/OpenSsh: source_ranges includes 0.0.0.0/0 (got ["0.0.0.0/0"]). '
        + 'Restrict source_ranges to the ranges that need access (e.g. 35.191.0.0/16 and 130.211.0.0/22 for health checks), or use source_tags / source_service_accounts. '
        + `Relaxed explicitly by bastion rule, explicitly public. Why: ${PostureCheck.rule('POSTURE-NET-FIREWALL-OPEN-INGRESS').reason}`,
    ]);
    // The relaxation travels in the JSON, where Terraform ignores it and the command finds it.
    expect(stack.toTerraform().resource.google_compute_firewall.OpenSsh['//'].posture).toEqual({
      relaxations: { 'POSTURE-NET-FIREWALL-OPEN-INGRESS': 'bastion rule, explicitly public' },
    });
  });

  it('--fail-on-warnings makes warnings fail too', () => {
    const app = Testing.app();
    const stack = gcpStack(app, 'net');
    const rule = new ComputeFirewall(stack, 'OpenSsh', { name: 'open-ssh', network: 'default', sourceRanges: ['0.0.0.0/0'], allow: [{ protocol: 'tcp', ports: ['22'] }] });
    Posture.relax(rule, 'POSTURE-NET-FIREWALL-OPEN-INGRESS', 'bastion');
    Posture.of(app).enforce({ failOnWarnings: true });
    expect(synthError(stack)).toContain('POSTURE-NET-FIREWALL-OPEN-INGRESS (warning)');
  });
});

describe('suppressions (X1: every weaker choice is explicit)', () => {
  it('app-wide: the finding becomes an info annotation with the reason, and the stack JSON carries it', () => {
    const app = Testing.app();
    const stack = gcpStack(app, 'lab');
    cluster(stack, 'Lab', { privateNodes: false });
    Posture.of(app).enforce().suppress('POSTURE-GKE-PRIVATE-NODES', 'throw-away lab cluster (SEC-12)');
    expect(synthError(stack)).toBe('');
    expect(annotations(stack, '@cdktf/info')).toEqual([
      expect.stringMatching(/^lab\/Lab: POSTURE-GKE-PRIVATE-NODES suppressed: throw-away lab cluster \(SEC-12\) \(lab\/Lab: private_cluster_config/),
    ]);
    expect(stack.toTerraform()['//'].posture).toEqual({ suppressions: { 'POSTURE-GKE-PRIVATE-NODES': 'throw-away lab cluster (SEC-12)' } });
  });

  it('construct-scoped: only resources below the scope are suppressed', () => {
    const app = Testing.app();
    const stack = gcpStack(app, 'two');
    const lab = cluster(stack, 'Lab', { privateNodes: false });
    cluster(stack, 'Prod', { privateNodes: false });
    Posture.of(app).enforce();
    Posture.of(lab).suppress('POSTURE-GKE-PRIVATE-NODES', 'lab only');
    const message = synthError(stack);
    expect(message).toContain('two/Prod: private_cluster_config.enable_private_nodes is not true');
    expect(message).not.toContain('two/Lab:');
    expect(stack.toTerraform().resource.google_container_cluster.Lab['//'].posture).toEqual({ suppressions: { 'POSTURE-GKE-PRIVATE-NODES': 'lab only' } });
  });

  it('needs a known rule and a reason (one error shape)', () => {
    const app = Testing.app();
    const stack = gcpStack(app, 's');
    expect(() => Posture.of(stack).suppress('POSTURE-GKE-PRIVATE-NODES', ' '))
      .toThrow('s: reason must say why the rule is suppressed (got " "). Give a reason, e.g. "lab cluster without production data (ticket SEC-123)".');
    expect(() => Posture.of(stack).suppress('POSTURE-NOPE', 'x')).toThrow(/^s: ruleId is not a posture rule \(got "POSTURE-NOPE"\)\. Use one of: POSTURE-GKE-WORKLOAD-IDENTITY, /);
    const fw = new ComputeFirewall(stack, 'Fw', { name: 'fw', network: 'default', sourceRanges: ['10.0.0.0/8'], allow: [{ protocol: 'tcp' }] });
    expect(() => Posture.relax(fw, 'POSTURE-NET-FIREWALL-OPEN-INGRESS', '')).toThrow(/^s\/Fw: option must name the option that relaxes the rule/);
  });
});

describe('the whole app in one check', () => {
  it('app.synth() fails on an error in any enforced stack, stacks added after enforce() included; the command agrees with the synth', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'posture-app-'));
    const app = new App({ outdir });
    cluster(gcpStack(app, 'first'), 'Strong');
    Posture.of(app).enforce();
    const late = gcpStack(app, 'late');
    cluster(late, 'Weak', { privateNodes: false });
    expect(() => app.synth()).toThrow(/\[late\] POSTURE-GKE-PRIVATE-NODES \(error\): late\/Weak: private_cluster_config/);

    const suppressedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'posture-app-'));
    const ok = new App({ outdir: suppressedDir });
    cluster(gcpStack(ok, 'first'), 'Strong');
    const lab = gcpStack(ok, 'lab');
    cluster(lab, 'Weak', { privateNodes: false });
    Posture.of(ok).enforce();
    Posture.of(lab).suppress('POSTURE-GKE-PRIVATE-NODES', 'lab stack');
    ok.synth();
    // The command reads the same cdktf.out and honours the suppression written into it.
    const result = PostureCli.run(['posture', suppressedDir]);
    expect({ code: result.exitCode, summary: result.stdout.split('\n')[0] }).toEqual({
      code: 0, summary: `Posture check of ${suppressedDir}: 2 stacks, 0 errors, 0 warnings, 1 suppressed.`,
    });
  });
});

describe('the reference topology (main.ts) today', () => {
  it.each(['lb-api', 'routing-api'])('%s: every finding is a T1 cluster protection the GkeCluster hardening adds', (variant) => {
    const app = Testing.app();
    buildReferenceTopology(app, loadTopologyConfig({ MESH_API_VARIANTS: variant }));
    const stacks = app.node.findAll().filter((c): c is TerraformStack => c instanceof TerraformStack);
    const config = TerraformConfiguration.fromStacks(stacks.map((s) => ({ name: s.node.id, json: s.toTerraform(), dependencies: s.dependencies.map((d) => d.node.id) })));
    const rules = [...new Set(PostureCheck.run(config).findings.filter((f) => !f.suppressed).map((f) => f.ruleId))];
    const t1 = ['POSTURE-GKE-PRIVATE-NODES', 'POSTURE-GKE-NETWORK-POLICY', 'POSTURE-GKE-NODE-SERVICE-ACCOUNT', 'POSTURE-GKE-KUBELET-READONLY-PORT',
      'POSTURE-GKE-LEGACY-METADATA-ENDPOINTS', 'POSTURE-GKE-SHIELDED-NODES', 'POSTURE-GKE-METADATA-CONCEALMENT', 'POSTURE-GKE-WORKLOAD-IDENTITY'];
    expect(rules.filter((r) => !t1.includes(r))).toEqual([]);
  });
});
