import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { Fn, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import type { ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding } from '../../.gen/admissionregistration.k8s.io/v1';
import { invalidInput } from '../core/errors';
import { claimUniqueName } from '../core/unique-names';
import { checkInstance, checkKubernetesLabelName, checkKubernetesObjectName, checkList, checkNotEmpty, checkProps, isUnresolved } from '../core/validation';
import { NodePool, NodeTaint } from '../gke/cluster/node-pool';
import { kubernetesEffect } from './egress-conventions';
import { istioObject } from './istio-object';

/** Props of {@link GatewayTolerationPolicy}. */
export interface GatewayTolerationPolicyProps {
  /** The tainted pool only the allowed namespaces' pods may run on, e.g. the egress gateway pool (E6). */
  readonly nodePool: NodePool;

  /** Namespaces whose pods may tolerate the pool's taints, e.g. `["istio-egress"]`. */
  readonly allowedNamespaces: string[];

  /**
   * Namespaces left out of the check besides every `kube-*` and `gke-*` namespace, where GKE runs the node agents
   * that tolerate every taint (networking, metadata server, logging, the mesh CNI). Teams cannot create namespaces,
   * so an exempt namespace is one only cluster administrators can run pods in.
   * @default ['gmp-system'], GKE's managed Prometheus collectors
   */
  readonly exemptNamespaces?: string[];

  /** Name of the ValidatingAdmissionPolicy and its binding. @default 'restrict-POOL-toleration' */
  readonly name?: string;
}

/**
 * E15: the Kubernetes API server rejects any pod outside `allowedNamespaces` that tolerates a taint of the node pool,
 * so no workload can run on the egress gateway nodes — whose firewall rule lets them reach the internet (E7) — and
 * bypass the egress controls (seed 001, "Restricting the use of tolerations").
 *
 * A built-in `ValidatingAdmissionPolicy` and its binding (admissionregistration.k8s.io/v1, GA in Kubernetes 1.30):
 * CEL evaluated by the API server itself, with no webhook, controller or CRD to install or keep available, failing
 * closed. The seed names Policy Controller (Gatekeeper), which works too but is a fleet feature to enable and an
 * in-cluster webhook to run; this policy is one object in the cluster's own stack.
 *
 * The policy checks pods, the objects that reach the nodes, on create and update (pods from Deployments or Jobs are
 * rejected when their controller creates them, with the message in the controller's events).
 */
export class GatewayTolerationPolicy extends Construct {
  /** Name of the ValidatingAdmissionPolicy and its binding. */
  public readonly name: string;
  /** The CEL expression a pod must satisfy. */
  public readonly expression: string;
  /** The `ValidatingAdmissionPolicy` (escape hatch). */
  public readonly policy: Manifest;
  /** The `ValidatingAdmissionPolicyBinding` that enforces it with `Deny`. */
  public readonly binding: Manifest;

  constructor(scope: Construct, id: string, props: GatewayTolerationPolicyProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { nodePool, allowedNamespaces }, e.g. { nodePool: gatewayPool, allowedNamespaces: ["istio-egress"] }');
    checkInstance(this, 'nodePool', props.nodePool, NodePool, 'Pass the gke.NodePool the policy protects, e.g. cluster.addNodePool("Gateway", {...})');
    const allowedFix = 'List the namespaces whose pods may run on the pool, e.g. ["istio-egress"]';
    checkNotEmpty(this, 'allowedNamespaces', props.allowedNamespaces, allowedFix);
    const exempt = props.exemptNamespaces ?? ['gmp-system'];
    for (const [field, list] of [['allowedNamespaces', props.allowedNamespaces], ['exemptNamespaces', exempt]] as const) {
      if (checkList(this, field, list, allowedFix)) list.forEach((namespace, i) => checkKubernetesLabelName(this, `${field}[${i}]`, namespace));
    }
    const pool = props.nodePool;
    this.name = props.name ?? `restrict-${pool.name}-toleration`;
    checkKubernetesObjectName(this, 'name', this.name);
    const stack = TerraformStack.of(this).node.path;
    claimUniqueName(this, 'name', 'ValidatingAdmissionPolicy', [stack, this.name], `the cluster of stack ${stack}`);
    if (!isUnresolved(pool.taints) && pool.taints.length === 0) {
      throw invalidInput(this, 'nodePool', 'has no taint to restrict', pool.node.path,
        'Taint the pool, e.g. { key: "dedicated", value: "gateway", effect: TaintEffect.NO_SCHEDULE }, so that only pods tolerating it run there');
    }

    this.expression = `!has(object.spec.tolerations) || object.spec.tolerations.all(t, ${pool.taints.map((taint) => `!(${tolerates(taint)})`).join(' && ')})`;
    const namespaces = celList([props.allowedNamespaces, exempt]);
    const allowed = isUnresolved(props.allowedNamespaces) ? Token.asString(Fn.join(', ', props.allowedNamespaces)) : props.allowedNamespaces.join(', ');
    const taints = pool.taints.map((t) => `${t.key}=${t.value}:${kubernetesEffect(t.effect)}`).join(', ');
    this.policy = istioObject<ValidatingAdmissionPolicy>(this, 'Policy', {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name: this.name },
    }, () => ({
      // X1: a policy the API server cannot evaluate rejects the pod rather than letting it through.
      failurePolicy: 'Fail',
      matchConstraints: {
        // Equivalent also matches requests through other API versions of pods.
        matchPolicy: 'Equivalent',
        resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['pods'], scope: 'Namespaced' }],
      },
      matchConditions: [{
        name: 'outside-allowed-namespaces',
        expression: `!(request.namespace in ${namespaces}) && !request.namespace.startsWith('kube-') && !request.namespace.startsWith('gke-')`,
      }],
      validations: [{
        expression: this.expression,
        message: `Only pods in ${allowed} may tolerate the taints of node pool ${pool.name} (${taints}): ` +
          'pods on those nodes bypass the egress controls (E15)',
        reason: 'Forbidden',
      }],
    }));
    this.binding = istioObject<ValidatingAdmissionPolicyBinding>(this, 'Binding', {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name: this.name },
    }, () => ({ policyName: this.name, validationActions: ['Deny'] }), [this.policy]);
  }
}

/**
 * The CEL condition "toleration `t` tolerates `taint`", with Kubernetes' matching rules: an empty key with operator
 * Exists tolerates every taint; otherwise the keys match and either the operator is Exists or the values are equal
 * (a missing value is ""); a missing or empty effect matches every effect.
 */
function tolerates(taint: NodeTaint): string {
  const exists = "has(t.operator) && t.operator == 'Exists'";
  const anyKey = `(!has(t.key) || t.key == '') && ${exists}`;
  const sameKey = `has(t.key) && t.key == ${celString(taint.key)} && ((${exists}) || (has(t.value) ? t.value : '') == ${celString(taint.value)})`;
  const effect = `!has(t.effect) || t.effect == '' || t.effect == ${celString(kubernetesEffect(taint.effect))}`;
  return `((${anyKey}) || (${sameKey})) && (${effect})`;
}

/** A CEL string literal; taint keys, values and namespace names hold no quotes or backslashes (label syntax). */
function celString(value: string): string {
  return `'${value}'`;
}

/** A CEL list of the names in `lists`; a list known only at apply time is quoted and joined by Terraform (X5). */
function celList(lists: readonly (readonly string[])[]): string {
  const quoted = lists.map((names) => (isUnresolved(names)
    ? Token.asString(Fn.join(', ', Fn.formatlist("'%s'", [names])))
    : names.map(celString).join(', '))).filter((text) => text !== '');
  return `[${quoted.join(', ')}]`;
}
