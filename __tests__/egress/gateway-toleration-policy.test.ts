import { GatewayTolerationPolicy } from '../../lib/egress';
import { TaintEffect } from '../../lib/gke';
import { synth } from '../helpers/synth';
import { egressGateway, egressStacks, manifests, specOf } from './fixtures';

type Json = Record<string, unknown>;

/** What the policy's validation requires of a pod that tolerates the tutorial's dedicated=gateway:NoSchedule. */
const EXPRESSION = "!has(object.spec.tolerations) || object.spec.tolerations.all(t, !((((!has(t.key) || t.key == '') && has(t.operator) && " +
  "t.operator == 'Exists') || (has(t.key) && t.key == 'dedicated' && ((has(t.operator) && t.operator == 'Exists') || " +
  "(has(t.value) ? t.value : '') == 'gateway'))) && (!has(t.effect) || t.effect == '' || t.effect == 'NoSchedule')))";

describe('GatewayTolerationPolicy', () => {
  it('E15: pods outside istio-egress (and the GKE system namespaces) may not tolerate the gateway pool\'s taint', () => {
    const stacks = egressStacks();
    egressGateway(stacks);
    const json = synth(stacks.k8s);
    expect(specOf(json, 'ValidatingAdmissionPolicy', 'restrict-gateway-toleration')).toEqual({
      failurePolicy: 'Fail',
      matchConstraints: {
        matchPolicy: 'Equivalent',
        resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['pods'], scope: 'Namespaced' }],
      },
      matchConditions: [{
        name: 'outside-allowed-namespaces',
        expression: "!(request.namespace in ['istio-egress', 'gmp-system']) && !request.namespace.startsWith('kube-') && !request.namespace.startsWith('gke-')",
      }],
      validations: [{
        expression: EXPRESSION,
        message: 'Only pods in istio-egress may tolerate the taints of node pool gateway (dedicated=gateway:NoSchedule): pods on those nodes bypass the egress controls (E15)',
        reason: 'Forbidden',
      }],
    });
    expect(specOf(json, 'ValidatingAdmissionPolicyBinding', 'restrict-gateway-toleration')).toEqual({ policyName: 'restrict-gateway-toleration', validationActions: ['Deny'] });
    const binding = Object.values(json.resource?.kubernetes_manifest ?? {}).find((r) => (r.manifest as Json).kind === 'ValidatingAdmissionPolicyBinding')!;
    expect(binding.depends_on).toEqual(['kubernetes_manifest.EgressGateway_TolerationPolicy_AE1E0E7A']);
  });

  it('E15: every taint of a pool is covered, with its own effect', () => {
    const stacks = egressStacks();
    const pool = stacks.cluster.addNodePool('Other', {
      name: 'other', taints: [{ key: 'dedicated', value: 'other', effect: TaintEffect.NO_EXECUTE }, { key: 'zone', value: 'dmz', effect: TaintEffect.NO_SCHEDULE }],
    });
    const policy = new GatewayTolerationPolicy(stacks.k8s, 'Restriction', { nodePool: pool, allowedNamespaces: ['dmz'], exemptNamespaces: [], name: 'restrict-dmz' });
    const json = synth(stacks.k8s);
    expect(Object.keys(manifests(json, 'ValidatingAdmissionPolicy'))).toEqual(['restrict-dmz']);
    expect(policy.expression).toContain("t.key == 'dedicated' && ((has(t.operator) && t.operator == 'Exists') || (has(t.value) ? t.value : '') == 'other'))) && (!has(t.effect) || t.effect == '' || t.effect == 'NoExecute')");
    expect(policy.expression).toContain("t.key == 'zone' && ((has(t.operator) && t.operator == 'Exists') || (has(t.value) ? t.value : '') == 'dmz'))) && (!has(t.effect) || t.effect == '' || t.effect == 'NoSchedule')");
    expect((specOf(json, 'ValidatingAdmissionPolicy', 'restrict-dmz').matchConditions as Json[])[0].expression)
      .toBe("!(request.namespace in ['dmz']) && !request.namespace.startsWith('kube-') && !request.namespace.startsWith('gke-')");
  });
});
