import { Testing, TerraformStack } from 'cdktf';
import { ca, core, gke, mesh } from '../../lib';
import { PostureCheck, PostureReport, TerraformConfiguration } from '../../lib/posture';
import { googleStack } from '../helpers/synth';

/**
 * X1: every weaker choice is an explicit, named option, and the posture check says which one. Each option below
 * marks the resource it weakens, so the rule reports it as a warning naming the option, not as an error.
 */
function check(stack: TerraformStack): PostureReport {
  // Testing.synth runs the aspects and validations but strips the `//` comments the markers live in.
  Testing.synth(stack, true);
  const json = stack.toTerraform();
  return PostureCheck.run(TerraformConfiguration.fromStacks([{ name: stack.node.id, json }]));
}

/** The findings of one rule as [severity, relaxed by]. */
function findingsOf(report: PostureReport, ruleId: string): Array<[string, string | undefined]> {
  return report.findings.filter((f) => f.ruleId === ruleId).map((f) => [f.severity, f.relaxedBy]);
}

describe('explicit relaxations (X1)', () => {
  it('T1: GkeCluster allowPublicNodes and allowDefaultNodeServiceAccount: warnings naming the option, on the cluster and its pool', () => {
    const stack = googleStack();
    new gke.GkeCluster(stack, 'Cluster', { location: 'us-east1-b', name: 'lab', allowPublicNodes: true, allowDefaultNodeServiceAccount: true });
    const report = check(stack);
    expect(report.errors).toEqual([]);
    expect(findingsOf(report, 'POSTURE-GKE-PRIVATE-NODES')).toEqual([['warning', 'GkeCluster allowPublicNodes: true']]);
    expect(findingsOf(report, 'POSTURE-GKE-NODE-SERVICE-ACCOUNT')).toEqual([['warning', 'GkeCluster allowDefaultNodeServiceAccount: true']]);
  });

  it('T1: the hardened defaults have no finding at all', () => {
    const stack = googleStack();
    new gke.GkeCluster(stack, 'Cluster', { location: 'us-east1-b', name: 'prod' });
    expect(check(stack).findings).toEqual([]);
  });

  it('X6: CaHierarchy allowDestroy marks both pools and both CAs', () => {
    const stack = googleStack();
    new ca.CaHierarchy(stack, 'Ca', {
      organization: 'TestCorpLLC', rootPoolId: 'root-pool', rootCaId: 'root-ca', subordinatePoolId: 'sub-pool', subordinateCaId: 'sub-ca',
      subordinateLocation: 'us-east1', allowDestroy: true,
    });
    const report = check(stack);
    expect(report.errors).toEqual([]);
    // Pools: prevent_destroy off; CAs: prevent_destroy and deletion_protection off.
    expect(findingsOf(report, 'POSTURE-CA-DELETION-PROTECTION').sort()).toEqual([
      ['warning', 'CaPool allowDestroy: true'],
      ['warning', 'CaPool allowDestroy: true'],
      ['warning', 'RootCertificateAuthority allowDestroy: true'],
      ['warning', 'RootCertificateAuthority allowDestroy: true'],
      ['warning', 'SubordinateCertificateAuthority allowDestroy: true'],
      ['warning', 'SubordinateCertificateAuthority allowDestroy: true'],
    ]);
  });

  it('S11, S12, S15: plaintext options of ServerTlsPolicy, EndpointPolicy, MeshBackendService and Gateway', () => {
    const stack = googleStack();
    const open = new mesh.ServerTlsPolicy(stack, 'Open', { name: 'open-policy', allowOpen: true });
    const authz = new mesh.AuthorizationPolicy(stack, 'Authz', { name: 'authz' });
    authz.addRule({
      sources: [{ principals: [mesh.Principal.kubernetesServiceAccount(core.TrustDomain.forGkeProject('my-project-id'), 'default', 'client')] }],
      destinations: [{ hosts: ['svc'], ports: [8000], methods: ['GET'] }],
    });
    new mesh.EndpointPolicy(stack, 'Legacy', { name: 'legacy', matchLabels: { app: 'legacy' }, allowPlaintext: true, authorizationPolicy: authz });
    new mesh.EndpointPolicy(stack, 'Payments', { name: 'payments', matchLabels: { app: 'payments' }, serverTlsPolicy: open, authorizationPolicy: authz });
    new mesh.MeshBackendService(stack, 'Backend', {
      name: 'legacy-service',
      healthCheck: new mesh.MeshHealthCheck(stack, 'HealthCheck', { name: 'hc' }),
      networkEndpointGroups: [mesh.NetworkEndpointGroupRef.fromName('my-project-id', 'us-east1-b', 'legacy-neg')],
      allowPlaintext: true,
    });
    new mesh.Gateway(stack, 'Gateway', { name: 'gw', gatewayScope: 'gateway-proxy', ports: [8080], allowPlaintext: true });
    const report = check(stack);
    expect(report.errors).toEqual([]);
    expect(findingsOf(report, 'POSTURE-MESH-PLAINTEXT-ALLOWED')).toEqual([['warning', 'ServerTlsPolicy allowOpen: true']]);
    expect(findingsOf(report, 'POSTURE-MESH-NO-CLIENT-VALIDATION')).toEqual([['warning', 'ServerTlsPolicy allowOpen: true']]);
    expect(findingsOf(report, 'POSTURE-MESH-ENDPOINT-NO-TLS')).toEqual([['warning', 'EndpointPolicy allowPlaintext: true']]);
    expect(findingsOf(report, 'POSTURE-MESH-BACKEND-NO-CLIENT-TLS')).toEqual([['warning', 'MeshBackendService allowPlaintext: true']]);
    expect(findingsOf(report, 'POSTURE-MESH-GATEWAY-NO-TLS')).toEqual([['warning', 'Gateway allowPlaintext: true']]);
  });
});
