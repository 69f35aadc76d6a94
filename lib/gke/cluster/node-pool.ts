import { ContainerNodePool, ContainerNodePoolNodeConfigTaint } from '@cdktf/provider-google/lib/container-node-pool';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { addDependsOn } from '../../core/dependencies';
import { invalidInput } from '../../core/errors';
import { claimUniqueName } from '../../core/unique-names';
import {
  checkIntegerRange, checkList, checkMachineType, checkOneOf, checkPattern, checkProps, checkResourceName, checkServiceAccountEmail, checkString,
  checkStringMap, isUnresolved,
} from '../../core/validation';
import type { GkeCluster } from './gke-cluster';

/** What a Kubernetes taint does to pods that do not tolerate it. */
export enum TaintEffect {
  /** New pods without the toleration are not scheduled on the pool (E6: only the egress gateway lands there). */
  NO_SCHEDULE = 'NO_SCHEDULE',
  /** The scheduler avoids the pool for pods without the toleration but may still place them there: no isolation. */
  PREFER_NO_SCHEDULE = 'PREFER_NO_SCHEDULE',
  /** Running pods without the toleration are evicted too. */
  NO_EXECUTE = 'NO_EXECUTE',
}

/** A node taint, e.g. `dedicated=gateway:NoSchedule` for the egress gateway pool (E6). */
export interface NodeTaint {
  /** Taint key, a Kubernetes label key such as `dedicated`. */
  readonly key: string;
  /** Taint value, e.g. `gateway`; pods tolerate the key and value together. */
  readonly value: string;
  /** What the taint does to pods that do not tolerate it. */
  readonly effect: TaintEffect;
}

/** Options of a node pool added with {@link GkeCluster.addNodePool}. */
export interface NodePoolOptions {
  /** Node pool name (at most 40 characters). */
  readonly name: string;

  /** Nodes per zone. @default 3, gcloud's default */
  readonly nodeCount?: number;

  /**
   * Compute Engine machine type of the nodes.
   * @default 'e2-standard-2', as in the seeds
   */
  readonly machineType?: string;

  /**
   * Email of the nodes' Google service account. Workloads never see it: `GKE_METADATA` hides the node
   * credentials from pods (T1), which use workload identity instead.
   * @default - the cluster's node service account
   */
  readonly serviceAccount?: string;

  /** Kubernetes labels of the nodes, e.g. for node selectors. @default - none */
  readonly labels?: { [key: string]: string };

  /** Taints that keep other pods off the pool (E6). @default - none */
  readonly taints?: NodeTaint[];

  /**
   * Network tags in addition to the cluster's health-check and node tags, e.g. for firewall rules aimed at
   * this pool only.
   * @default - none
   */
  readonly tags?: string[];
}

/** Properties of a {@link NodePool}. */
export interface NodePoolProps extends NodePoolOptions {
  /** The cluster the pool belongs to. */
  readonly cluster: GkeCluster;
}

/** Kubernetes label keys: an optional DNS prefix and a name of at most 63 characters (apimachinery `IsQualifiedName`). */
const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
/** Kubernetes label values: empty or at most 63 characters (apimachinery `IsValidLabelValue`). */
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

/**
 * A GKE node pool with the seeds' node settings (S2): `GKE_METADATA` for workload identity and metadata
 * concealment, shielded nodes with secure boot and integrity monitoring, COS containerd, auto-repair and
 * auto-upgrade, and the cluster's network tags.
 */
export class NodePool extends Construct {
  /** The node pool name. */
  public readonly name: string;
  /** The cluster the pool belongs to. */
  public readonly cluster: GkeCluster;
  /** Kubernetes labels of the nodes, e.g. for node selectors. */
  public readonly labels: { [key: string]: string };
  /** Taints of the nodes; pods that must run here tolerate them (E6). */
  public readonly taints: NodeTaint[];
  /** Email of the nodes' Google service account; undefined for the Compute Engine default account. */
  public readonly serviceAccount?: string;
  /** The `google_container_node_pool` (escape hatch). */
  public readonly resource: ContainerNodePool;

  constructor(scope: Construct, id: string, props: NodePoolProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { name }, e.g. { name: "gateway", taints: [...] }');
    const { cluster } = props;
    checkResourceName(this, 'name', props.name);
    claimUniqueName(this, 'name', 'node pool', [cluster.resourceName, props.name], `cluster ${cluster.name}`);
    if (!isUnresolved(props.name) && props.name.length > 40) {
      throw invalidInput(this, 'name', 'is longer than 40 characters', props.name, 'GKE limits node pool names to 40 characters; shorten the name');
    }
    this.name = props.name;
    this.cluster = cluster;
    const nodeCount = props.nodeCount ?? 3;
    checkIntegerRange(this, 'nodeCount', nodeCount, 1, 1000);
    const machineType = props.machineType ?? 'e2-standard-2';
    checkMachineType(this, 'machineType', machineType);
    if (props.serviceAccount !== undefined) checkServiceAccountEmail(this, 'serviceAccount', props.serviceAccount);
    if (props.labels !== undefined) checkLabels(this, props.labels);
    const taints = props.taints ?? [];
    if (checkList(this, 'taints', taints, 'List taints such as { key: "dedicated", value: "gateway", effect: TaintEffect.NO_SCHEDULE }')) {
      taints.forEach((taint, i) => checkTaint(this, `taints[${i}]`, taint));
    }
    const tags = props.tags ?? [];
    if (checkList(this, 'tags', tags, 'List network tags such as ["egress-gateway"]')) {
      tags.forEach((tag, i) => checkResourceName(this, `tags[${i}]`, tag));
    }

    this.labels = { ...(props.labels ?? {}) };
    this.taints = [...taints];
    this.serviceAccount = props.serviceAccount ?? cluster.nodeServiceAccount;
    // "Default" keeps the Terraform address of the pool GkeCluster created before NodePool existed (X3).
    this.resource = new ContainerNodePool(this, 'Default', {
      project: cluster.project,
      location: cluster.location,
      cluster: cluster.resource.name,
      name: props.name,
      nodeCount,
      management: { autoRepair: true, autoUpgrade: true },
      nodeConfig: {
        machineType,
        imageType: 'COS_CONTAINERD',
        oauthScopes: ['https://www.googleapis.com/auth/cloud-platform'],
        serviceAccount: this.serviceAccount,
        // A tag list known only at apply time (X5) is joined by Terraform.
        tags: isUnresolved(tags) ? Token.asList(Fn.concat([[cluster.healthCheckTag, cluster.nodeTag], tags])) : [cluster.healthCheckTag, cluster.nodeTag, ...tags],
        labels: props.labels,
        taint: taints.length > 0 ? taints.map((t): ContainerNodePoolNodeConfigTaint => ({ key: t.key, value: t.value, effect: t.effect })) : undefined,
        // T1: pods see the GKE metadata server, never the node's credentials or bootstrap attributes (seed 004).
        workloadMetadataConfig: { mode: 'GKE_METADATA' },
        shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
        // T1: the v0.1/v1beta1 metadata endpoints, which answer without the Metadata-Flavor header, stay off.
        metadata: { 'disable-legacy-endpoints': 'true' },
        // T1: the kubelet's unauthenticated read-only port (10255) is closed.
        kubeletConfig: { insecureKubeletReadonlyPortEnabled: 'FALSE' },
      },
    });
    // The account is named by its email, a plain string: without this the pool could come before the account and its roles.
    if (props.serviceAccount === undefined && cluster.nodeIdentity) {
      for (const dependency of [cluster.nodeIdentity.resource, ...cluster.nodeIdentity.grants]) addDependsOn(this.resource, dependency);
    }
  }
}

function checkLabels(scope: Construct, labels: { [key: string]: string }): void {
  if (!checkStringMap(scope, 'labels', labels, 'Use Kubernetes labels such as { pool: "gateway" }')) return;
  for (const [key, value] of Object.entries(labels)) {
    if (!isUnresolved(key) && !LABEL_KEY.test(key)) {
      throw invalidInput(scope, 'labels', `has an invalid label key "${key}"`, key,
        'Use an optional DNS prefix and a name of at most 63 letters, digits, "-", "_" and ".", e.g. "cloud.google.com/gke-nodepool"');
    }
    if (!isUnresolved(value) && !LABEL_VALUE.test(value)) {
      throw invalidInput(scope, `labels.${key}`, 'is not a valid label value', value,
        'Use at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit');
    }
  }
}

function checkTaint(scope: Construct, field: string, taint: NodeTaint): void {
  const fix = 'Use { key: "dedicated", value: "gateway", effect: TaintEffect.NO_SCHEDULE }';
  if (taint === undefined || taint === null || typeof taint !== 'object') throw invalidInput(scope, field, 'is not a taint', taint, fix);
  checkPattern(scope, `${field}.key`, taint.key, LABEL_KEY, 'is not a valid taint key', 'Use a key such as "dedicated"');
  checkString(scope, `${field}.value`, taint.value, fix);
  if (!isUnresolved(taint.value) && !LABEL_VALUE.test(taint.value)) {
    throw invalidInput(scope, `${field}.value`, 'is not a valid taint value', taint.value, 'Use at most 63 letters, digits, "-", "_" and "."');
  }
  checkOneOf(scope, `${field}.effect`, taint.effect, Object.values(TaintEffect), 'a taint effect');
}
