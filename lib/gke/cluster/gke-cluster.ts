import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { TerraformOutput } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { invalidInput } from '../../core/errors';
import { regionOf } from '../../core/locations';
import { projectOf } from '../../core/project';
import { gkeClusterName } from '../../core/references';
import { markRelaxed } from '../../core/relaxations';
import { TrustDomain } from '../../core/spiffe';
import { compareVersions } from '../../core/versions';
import { claimUniqueName } from '../../core/unique-names';
import {
  checkBoolean, checkImplements, checkIntegerRange, checkIpv4Cidr, checkMachineType, checkOneOf, checkPattern, checkProps, checkResourceName,
  checkServiceAccountEmail, checkString, isUnresolved,
} from '../../core/validation';
import { NodePool, NodePoolOptions } from './node-pool';
import { NodeServiceAccount } from './node-service-account';

/** GKE release channel. */
export enum ReleaseChannel {
  /** The seeds' choice: newest versions first (S2). */
  RAPID = 'RAPID',
  /** Versions that have first spent time in RAPID; GKE's default channel. */
  REGULAR = 'REGULAR',
  /** Versions that have first spent time in REGULAR, for clusters that favour stability over new features. */
  STABLE = 'STABLE',
}

/** A GKE cluster that runs mesh workloads, created by this app or adopted. */
export interface IGkeCluster extends IConstruct {
  /** The project that owns the cluster; also names its workload pool and trust domain. */
  readonly project: string;
  /** Zone or region of the cluster. */
  readonly location: string;
  /** Region of the cluster (the location itself when the cluster is regional). */
  readonly region: string;
  /** The cluster name, e.g. `secure-td-cluster`. */
  readonly name: string;
  /** `projects/P/locations/L/clusters/NAME`, the ID Terraform reports for the cluster. */
  readonly resourceName: string;
  /** Workload identity pool `PROJECT_ID.svc.id.goog` (S2). */
  readonly workloadPool: string;
  /** SPIFFE trust domain of the cluster's mesh certificates, equal to the workload pool (S7). */
  readonly trustDomain: TrustDomain;
  /** VPC network name of the nodes. */
  readonly network: string;
  /** Network tag the health-check firewall targets (S2, L1), e.g. `allow-health-checks`. */
  readonly healthCheckTag: string;
  /** Network tag only this cluster's nodes carry, for rules aimed at one cluster (S3). */
  readonly nodeTag: string;
  /** Pod IP range, for cross-cluster firewall rules (S3); may be known only after apply. */
  readonly podCidr: string;
}

/** Attributes of an existing cluster, for {@link GkeCluster.fromClusterAttributes}. */
export interface GkeClusterAttributes {
  /**
   * The project that owns the cluster.
   * @default - the project of the stack's Google provider
   */
  readonly project?: string;
  /** The cluster's zone (zonal cluster) or region (regional cluster), e.g. `us-east1-b`. */
  readonly location: string;
  /** The cluster name. */
  readonly name: string;
  /**
   * VPC network name of the cluster's nodes.
   * @default 'default'
   */
  readonly network?: string;
  /** Tag the cluster's nodes carry for health checks (`--tags`). @default 'allow-health-checks' */
  readonly healthCheckTag?: string;
  /** A tag only this cluster's nodes carry, e.g. GKE's `gke-NAME-HASH-node`. @default - the health-check tag */
  readonly nodeTag?: string;
  /** The cluster's pod CIDR, needed only for cross-cluster firewall rules (S3). @default - none */
  readonly podCidr?: string;
}

/** Properties of a {@link GkeCluster}. */
export interface GkeClusterProps {
  /**
   * The project the cluster is created in; its workload pool is `PROJECT_ID.svc.id.goog`.
   * @default - the project of the stack's Google provider
   */
  readonly project?: string;
  /** A zone (zonal cluster, as in the seeds) or a region (regional cluster). */
  readonly location: string;
  /** The cluster name, e.g. `secure-td-cluster`. */
  readonly name: string;

  /**
   * VPC network name of the nodes (`network`).
   * @default 'default'
   */
  readonly network?: string;
  /**
   * Subnet name of the nodes (`subnetwork`), e.g. a subnet with secondary ranges for pods and Services (E1).
   * @default - the network's subnet in the cluster's region
   */
  readonly subnetwork?: string;

  /**
   * GKE release channel (`release_channel.channel`): how quickly the control plane and nodes get new versions.
   * @default ReleaseChannel.RAPID, the seeds' choice (S2)
   */
  readonly releaseChannel?: ReleaseChannel;

  /**
   * Lowest control-plane version; mesh certificates need 1.21.4-gke.1801 or later (S2).
   * @default '1.21.4-gke.1801'
   */
  readonly minMasterVersion?: string;

  /**
   * Network tag of the nodes that the health-check firewall targets; it must equal that firewall's
   * target tag (S2, L1).
   * @default 'allow-health-checks'
   */
  readonly healthCheckTag?: string;

  /** Machine type of the cluster's node pool. @default 'e2-standard-2', as in the seeds */
  readonly machineType?: string;

  /** Nodes per zone of the cluster's node pool. @default 3, gcloud's default */
  readonly nodeCount?: number;

  /**
   * Email of an existing Google service account for the nodes, for every pool that does not set its own.
   * Workloads never see it: `GKE_METADATA` hides the node credentials from pods (T1).
   * @default - a dedicated least-privilege account `NAME-nodes` is created (NodeServiceAccount, T1)
   */
  readonly nodeServiceAccount?: string;

  /**
   * Run the nodes as the Compute Engine default service account, which holds Editor on the project — what the
   * seeds' `gcloud container clusters create` does. Relaxes the hardened cluster defaults (T1); the posture check
   * reports it.
   * @default false
   */
  readonly allowDefaultNodeServiceAccount?: boolean;

  /** Pod IP range (VPC-native secondary range). @default - chosen by GKE */
  readonly podCidr?: string;

  /**
   * Name of the subnet's secondary range for pods (E1), instead of podCidr.
   * @default - none: GKE creates the range
   */
  readonly podRangeName?: string;

  /**
   * Name of the subnet's secondary range for Services (E1).
   * @default - none: GKE creates the range
   */
  readonly serviceRangeName?: string;

  /**
   * Give nodes public IP addresses. Off, nodes have internal addresses only (T1, E1) and reach the internet only
   * through Cloud NAT (network.CloudNat). Relaxes the hardened cluster defaults (T1); the posture check reports it.
   * @default false
   */
  readonly allowPublicNodes?: boolean;

  /**
   * The /28 range of the control plane's private endpoint (E1: `10.5.0.0/28`).
   * @default - none: GKE connects the control plane over Private Service Connect
   */
  readonly controlPlaneCidr?: string;

  /**
   * Use the legacy dataplane (kube-proxy, Calico network policy) instead of GKE Dataplane V2 (eBPF). NetworkPolicies
   * are enforced either way (T1, E8); Dataplane V2 also logs policy decisions and is GKE's default for new clusters.
   * @default false
   */
  readonly allowLegacyDataplane?: boolean;

  /**
   * Let `cdktf destroy` delete the cluster.
   * @default false
   */
  readonly allowDestroy?: boolean;
}

const MIN_MESH_VERSION = [1, 21, 4, 1801];
/** A private control plane's endpoint range must be a /28 (GKE private clusters). */
const CIDR_28 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/28$/;

/** Identity, network and tags every cluster has, created or adopted, checked and defaulted in one place. */
abstract class GkeClusterBase extends Construct implements IGkeCluster {
  public readonly project: string;
  public readonly location: string;
  public readonly region: string;
  public readonly name: string;
  public readonly network: string;
  public readonly healthCheckTag: string;
  public abstract readonly nodeTag: string;
  public abstract readonly podCidr: string;

  protected constructor(scope: Construct, id: string, attrs: GkeClusterAttributes) {
    super(scope, id);
    checkProps(this, attrs, 'Pass { location, name }, e.g. { location: "us-east1-b", name: "secure-td-cluster" }');
    this.project = projectOf(this, attrs.project);
    checkResourceName(this, 'name', attrs.name);
    this.location = attrs.location;
    this.region = regionOf(this, 'location', attrs.location);
    this.name = attrs.name;
    this.network = attrs.network ?? 'default';
    checkResourceName(this, 'network', this.network);
    this.healthCheckTag = attrs.healthCheckTag ?? 'allow-health-checks';
    checkResourceName(this, 'healthCheckTag', this.healthCheckTag);
  }

  public get resourceName(): string {
    return gkeClusterName(this.project, this.location, this.name);
  }

  public get workloadPool(): string {
    return `${this.project}.svc.id.goog`;
  }

  public get trustDomain(): TrustDomain {
    return TrustDomain.forGkeProject(this.project);
  }
}

/**
 * A GKE cluster ready for Cloud Service Mesh security (S2): mesh certificates, workload identity
 * `PROJECT_ID.svc.id.goog`, nodes with `GKE_METADATA`, VPC-native networking and the health-check tag —
 * the Terraform form of the seeds' `gcloud container clusters create … --enable-mesh-certificates` —
 * hardened by default (T1): private nodes, Dataplane V2 (NetworkPolicy enforcement), shielded nodes with secure
 * boot and integrity monitoring, a dedicated least-privilege node service account, no legacy ABAC, no client
 * certificate, legacy metadata endpoints and the kubelet read-only port off. Each protection is relaxed only by an
 * explicitly named prop (`allowPublicNodes`, `allowLegacyDataplane`, `allowDefaultNodeServiceAccount`), which the
 * posture check reports.
 *
 * @example
 * const cluster = new gke.GkeCluster(stack, 'Cluster', {
 *   location: 'us-east1-b',
 *   name: 'cluster-a',
 *   podCidr: '10.4.0.0/14',
 * });
 * new gke.FleetMembership(stack, 'Fleet', { cluster });
 * // A second pool kept for one kind of workload by a taint.
 * cluster.addNodePool('BatchPool', {
 *   name: 'batch',
 *   taints: [{ key: 'dedicated', value: 'batch', effect: gke.TaintEffect.NO_SCHEDULE }],
 * });
 */
export class GkeCluster extends GkeClusterBase {
  /** Adopts an existing cluster by reference; enable mesh certificates on it first (seed 000). */
  public static fromClusterAttributes(scope: Construct, id: string, attrs: GkeClusterAttributes): IGkeCluster {
    return new ImportedGkeCluster(scope, id, attrs);
  }

  /** Network tag only this cluster's nodes carry: `NAME-node`. */
  public readonly nodeTag: string;
  /** Email of the nodes' Google service account; undefined when they run as the Compute Engine default account. */
  public readonly nodeServiceAccount?: string;
  /** The dedicated node service account the cluster created (T1), unless one was given or the default allowed. */
  public readonly nodeIdentity?: NodeServiceAccount;
  /** Whether the cluster runs GKE Dataplane V2, which decides how pods reach the metadata server (E8). */
  public readonly dataplaneV2: boolean;
  /** The `google_container_cluster` (escape hatch). */
  public readonly resource: ContainerCluster;
  /** The node pool created with the cluster, named `CLUSTER-pool`. */
  public readonly nodePool: NodePool;

  constructor(scope: Construct, id: string, props: GkeClusterProps) {
    super(scope, id, props);
    checkClusterName(this, props.name);
    this.nodeTag = `${props.name}-node`;
    const minMasterVersion = props.minMasterVersion ?? '1.21.4-gke.1801';
    checkMeshVersion(this, minMasterVersion);
    const releaseChannel = props.releaseChannel ?? ReleaseChannel.RAPID;
    checkOneOf(this, 'releaseChannel', releaseChannel, Object.values(ReleaseChannel), 'a release channel');
    const allowDestroy = props.allowDestroy ?? false;
    checkBoolean(this, 'allowDestroy', allowDestroy);
    if (props.machineType !== undefined) checkMachineType(this, 'machineType', props.machineType);
    if (props.nodeServiceAccount !== undefined) checkServiceAccountEmail(this, 'nodeServiceAccount', props.nodeServiceAccount);
    if (props.podCidr !== undefined) checkIpv4Cidr(this, 'podCidr', props.podCidr, 'Give the pods a private IPv4 range such as "10.4.0.0/14"');
    claimUniqueName(this, 'name', 'GKE cluster', [this.project, props.location, props.name], `project ${this.project}, location ${props.location}`);
    const publicNodes = props.allowPublicNodes ?? false;
    checkBoolean(this, 'allowPublicNodes', publicNodes);
    if (props.controlPlaneCidr !== undefined) {
      if (publicNodes) {
        throw invalidInput(this, 'controlPlaneCidr', 'is only used with private nodes', props.controlPlaneCidr,
          'Remove controlPlaneCidr, or remove allowPublicNodes');
      }
      checkPattern(this, 'controlPlaneCidr', props.controlPlaneCidr, CIDR_28, 'is not a /28 IPv4 range',
        'Give the control plane a private /28 range that overlaps no subnet, e.g. "10.5.0.0/28" (E1)');
    }
    const defaultNodeAccount = props.allowDefaultNodeServiceAccount ?? false;
    checkBoolean(this, 'allowDefaultNodeServiceAccount', defaultNodeAccount);
    if (defaultNodeAccount && props.nodeServiceAccount !== undefined) {
      throw invalidInput(this, 'allowDefaultNodeServiceAccount', 'cannot be combined with nodeServiceAccount', defaultNodeAccount,
        'Either give the nodes an account (nodeServiceAccount) or let them run as the Compute Engine default one');
    }
    if (props.podCidr !== undefined && props.podRangeName !== undefined) {
      throw invalidInput(this, 'podRangeName', 'cannot be combined with podCidr', props.podRangeName,
        'Either let GKE create the pod range from podCidr, or name an existing secondary range with podRangeName');
    }
    for (const field of ['podRangeName', 'serviceRangeName'] as const) {
      if (props[field] !== undefined) checkResourceName(this, field, props[field] as string);
    }
    if (props.subnetwork !== undefined) checkString(this, 'subnetwork', props.subnetwork, 'Name the subnet, e.g. "gke-subnet"');
    // Checked here too, so an error names the prop the user set on the cluster rather than its node pool.
    if (props.nodeCount !== undefined) checkIntegerRange(this, 'nodeCount', props.nodeCount, 1, 1000);
    const legacyDataplane = props.allowLegacyDataplane ?? false;
    checkBoolean(this, 'allowLegacyDataplane', legacyDataplane);
    this.dataplaneV2 = !legacyDataplane;
    if (props.nodeServiceAccount === undefined && !defaultNodeAccount) {
      this.nodeIdentity = new NodeServiceAccount(this, 'NodeIdentity', { project: this.project, accountId: nodeAccountId(props.name) });
    }
    this.nodeServiceAccount = props.nodeServiceAccount ?? this.nodeIdentity?.email;

    this.resource = new ContainerCluster(this, 'Resource', {
      project: this.project,
      location: props.location,
      name: props.name,
      network: this.network,
      subnetwork: props.subnetwork,
      networkingMode: 'VPC_NATIVE',
      // VPC-native (the seeds' --enable-ip-alias); an explicit stack type keeps the block in the JSON.
      ipAllocationPolicy: {
        clusterIpv4CidrBlock: props.podCidr,
        clusterSecondaryRangeName: props.podRangeName,
        servicesSecondaryRangeName: props.serviceRangeName,
        stackType: 'IPV4',
      },
      // T1: nodes without public addresses; the control plane keeps its public endpoint for Terraform and kubectl.
      privateClusterConfig: publicNodes ? undefined : { enablePrivateNodes: true, masterIpv4CidrBlock: props.controlPlaneCidr },
      // T1, E8: NetworkPolicies are enforced, by Dataplane V2 or by Calico on the legacy dataplane.
      datapathProvider: legacyDataplane ? undefined : 'ADVANCED_DATAPATH',
      networkPolicy: legacyDataplane ? { enabled: true, provider: 'CALICO' } : undefined,
      addonsConfig: legacyDataplane ? { networkPolicyConfig: { disabled: false } } : undefined,
      // T1: no legacy ABAC (RBAC only) and no client certificate, whose credentials cannot be revoked.
      enableLegacyAbac: false,
      masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
      releaseChannel: { channel: releaseChannel },
      minMasterVersion,
      workloadIdentityConfig: { workloadPool: this.workloadPool },
      meshCertificates: { enableCertificates: true },
      enableShieldedNodes: true,
      // Node settings live in separate node pools, so changing them never recreates the cluster.
      removeDefaultNodePool: true,
      initialNodeCount: 1,
      deletionProtection: !allowDestroy,
      // X6: Terraform itself refuses a plan that would destroy or replace the cluster (deletion_protection only
      // stops the API call, after Terraform has planned it).
      lifecycle: { preventDestroy: !allowDestroy },
    });
    // The posture check reports what these options weaken as warnings naming them, not as errors (node pools follow).
    if (publicNodes === true) markRelaxed(this.resource, 'POSTURE-GKE-PRIVATE-NODES', 'GkeCluster allowPublicNodes: true');
    if (defaultNodeAccount === true) markRelaxed(this.resource, 'POSTURE-GKE-NODE-SERVICE-ACCOUNT', 'GkeCluster allowDefaultNodeServiceAccount: true');

    this.nodePool = this.addNodePool('NodePool', {
      name: `${props.name}-pool`,
      nodeCount: props.nodeCount,
      machineType: props.machineType,
    });
    this.addOperatorOutputs();
  }

  /**
   * T3: credential rotation is an operation, not configuration. The outputs name the cluster for the operator's
   * commands: `gcloud container clusters update NAME --location LOCATION --project PROJECT --start-credential-rotation`,
   * then, once every node is recreated, `--complete-credential-rotation` (docs/gke.md, "Credential rotation").
   */
  private addOperatorOutputs(): void {
    const prefix = this.node.id.replace(/[^A-Za-z0-9_]/g, '_');
    const outputs: Array<[string, string, string]> = [
      ['name', this.name, 'Name of the GKE cluster (T3: credential rotation commands take it)'],
      ['location', this.location, 'Zone or region of the GKE cluster'],
      ['project', this.project, 'Project of the GKE cluster'],
      ['start_credential_rotation', `gcloud container clusters update ${this.name} --location ${this.location} --project ${this.project} --start-credential-rotation`,
        'T3: starts rotating the control plane CA and credentials; recreate the nodes, then run the complete command'],
      ['complete_credential_rotation', `gcloud container clusters update ${this.name} --location ${this.location} --project ${this.project} --complete-credential-rotation`,
        'T3: completes the rotation once every node runs with the new credentials; old credentials stop working'],
    ];
    for (const [key, value, description] of outputs) {
      new TerraformOutput(this, `Output-${key}`, { value, description }).overrideLogicalId(`${prefix}_${key}`);
    }
  }

  public get podCidr(): string {
    return this.resource.clusterIpv4Cidr;
  }

  /** Adds a node pool with the seeds' node settings (S2), e.g. a tainted pool for the egress gateway (E6). */
  public addNodePool(id: string, options: NodePoolOptions): NodePool {
    return new NodePool(this, id, { ...options, cluster: this });
  }
}

class ImportedGkeCluster extends GkeClusterBase {
  public readonly nodeTag: string;
  private readonly cidr?: string;

  constructor(scope: Construct, id: string, attrs: GkeClusterAttributes) {
    super(scope, id, attrs);
    this.nodeTag = attrs.nodeTag ?? this.healthCheckTag;
    checkResourceName(this, 'nodeTag', this.nodeTag);
    if (attrs.podCidr !== undefined) checkIpv4Cidr(this, 'podCidr', attrs.podCidr);
    this.cidr = attrs.podCidr;
  }

  public get podCidr(): string {
    if (this.cidr) return this.cidr;
    throw invalidInput(this, 'podCidr', 'is unknown for this adopted cluster', this.cidr,
      'Pass podCidr to GkeCluster.fromClusterAttributes (gcloud container clusters describe NAME --format="value(clusterIpv4Cidr)")');
  }
}

/** `NAME-nodes`, shortened to the 30 characters service account IDs may have. */
function nodeAccountId(clusterName: string): string {
  return isUnresolved(clusterName) ? 'gke-nodes' : `${clusterName.slice(0, 24).replace(/-+$/, '')}-nodes`;
}

/** GKE names clusters and node pools with at most 40 characters; the node pool adds "-pool". */
function checkClusterName(scope: IConstruct, name: string): void {
  if (!isUnresolved(name) && name.length > 35) {
    throw invalidInput(scope, 'name', 'is longer than 35 characters', name,
      'GKE limits cluster and node pool names to 40 characters and the node pool is named CLUSTER-pool; shorten the name');
  }
}

function checkMeshVersion(scope: IConstruct, version: string): void {
  checkString(scope, 'minMasterVersion', version, 'Use 1.21.4-gke.1801 or later (S2), e.g. "1.21.4-gke.1801" or "latest"');
  if (isUnresolved(version) || version === 'latest') return;
  const match = /^(\d+)\.(\d+)(?:\.(\d+))?(?:-gke\.(\d+))?$/.exec(version);
  const parts = match ? match.slice(1).map((p) => Number(p ?? 0)) : undefined;
  const tooOld = parts !== undefined && compareVersions(parts, MIN_MESH_VERSION) < 0;
  if (!parts || tooOld) {
    throw invalidInput(scope, 'minMasterVersion', parts ? 'is older than GKE mesh certificates support' : 'is not a GKE version',
      version, 'Use 1.21.4-gke.1801 or later (S2), e.g. "1.21.4-gke.1801" or "latest"');
  }
}

/** The members every IGkeCluster has: a cluster from GkeCluster or GkeCluster.fromClusterAttributes. */
export function checkCluster(scope: IConstruct, field: string, cluster: unknown): void {
  checkImplements(scope, field, cluster, 'IGkeCluster', ['project', 'location', 'name', 'resourceName', 'workloadPool', 'trustDomain'],
    'Pass a GKE cluster: new GkeCluster(...) or GkeCluster.fromClusterAttributes(scope, id, { location, name })');
}
