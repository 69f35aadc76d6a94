import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { invalidInput } from '../../core/errors';
import { claimUniqueName } from '../../core/unique-names';
import { checkKubernetesLabelName, isUnresolved } from '../../core/validation';
import { KubernetesServiceAccount } from '../../gke/in-cluster/kubernetes-service-account';

/** A pod can only run as a service account of its own namespace: checked once for every workload. */
export function checkWorkloadNamespace(scope: IConstruct, namespace: string, serviceAccount: KubernetesServiceAccount): void {
  checkKubernetesLabelName(scope, 'namespace', namespace);
  if (isUnresolved(namespace) || isUnresolved(serviceAccount.namespace) || serviceAccount.namespace === namespace) return;
  throw invalidInput(scope, 'namespace', `differs from the namespace "${serviceAccount.namespace}" of service account "${serviceAccount.name}"`,
    namespace, 'A pod can only run as a service account of its own namespace; deploy the workload in the service account\'s namespace, ' +
    'or create the KubernetesServiceAccount in the workload\'s namespace');
}

/** A Kubernetes object name claimed in its namespace of the stack's cluster: the API server refuses a second one. */
export function claimKubernetesName(scope: IConstruct, field: string, kind: string, namespace: string, name: string): void {
  const stack = TerraformStack.of(scope).node.path;
  claimUniqueName(scope, field, kind, [stack, namespace, name], `namespace ${namespace} of the cluster of stack ${stack}`);
}
