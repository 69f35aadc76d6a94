import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import { Construct, IConstruct } from 'constructs';
import { invalidInput } from '../core/errors';
import { gkeClusterName } from '../core/references';
import { TrustDomain } from '../core/spiffe';
import { compareVersions } from '../core/versions';
import { checkIntegerRange, checkOneOf, checkProjectId, checkResourceName, isUnresolved } from '../core/validation';

/** GKE release channel. */
export enum ReleaseChannel {
  /** The seeds' choice: newest versions first (S2). */
  RAPID = 'RAPID',
  REGULAR = 'REGULAR',
  STABLE = 'STABLE',
}

/** A GKE cluster that runs mesh workloads, created by this app or adopted. */
export interface IGkeCluster extends IConstruct {
  readonly project: string;
  /** Zone or region of the cluster. */
  readonly location: string;
  /** Region of the cluster (the location itself when the cluster is regional). */
  readonly region: string;
  readonly clusterName: string;
  /** `projects/P/locations/L/clusters/NAME`, the ID Terraform reports for the cluster. */
  readonly clusterId: string;
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
  readonly project: string;
  readonly location: string;
  readonly clusterName: string;
  /** @default 'default' */
  readonly network?: string;
  /** Tag the cluster's nodes carry for health checks (`--tags`). @default 'allow-health-checks' */
  readonly healthCheckTag?: string;
  /** A tag only this cluster's nodes carry, e.g. GKE's `gke-NAME-HASH-node`. @default - the health-check tag */
  readonly nodeTag?: string;
  /** The cluster's pod CIDR, needed only for cross-cluster firewall rules (S3). @default - none */
  readonly podCidr?: string;
}

export interface GkeClusterProps {
  readonly project: string;
  /** A zone (zonal cluster, as in the seeds) or a region (regional cluster). */
  readonly location: string;
  /** e.g. `secure-td-cluster`. */
  readonly clusterName: string;

  /** @default 'default' */
  readonly network?: string;
  /** @default - the network's subnet in the cluster's region */
  readonly subnetwork?: string;

  /** @default ReleaseChannel.RAPID (S2) */
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

  /** @default 'e2-standard-2', as in the seeds */
  readonly machineType?: string;

  /** Nodes per zone. @default 3, gcloud's default */
  readonly nodeCount?: number;

  /**
   * Email of the nodes' Google service account. Workloads never see it: `GKE_METADATA` hides the node
   * credentials from pods (T1), which use workload identity instead.
   * @default - the Compute Engine default service account, as the seeds create the cluster
   */
  readonly nodeServiceAccount?: string;

  /** Pod IP range (VPC-native secondary range). @default - chosen by GKE */
  readonly podCidr?: string;

  /**
   * Let `cdktf destroy` delete the cluster.
   * @default false
   */
  readonly allowDestroy?: boolean;
}

const MIN_MESH_VERSION = [1, 21, 4, 1801];

/** Identity, network and tags every cluster has, created or adopted, checked and defaulted in one place. */
abstract class GkeClusterBase extends Construct implements IGkeCluster {
  public readonly project: string;
  public readonly location: string;
  public readonly region: string;
  public readonly clusterName: string;
  public readonly network: string;
  public readonly healthCheckTag: string;
  public abstract readonly nodeTag: string;
  public abstract readonly podCidr: string;

  protected constructor(scope: Construct, id: string, attrs: GkeClusterAttributes) {
    super(scope, id);
    checkProjectId(this, 'project', attrs.project);
    checkResourceName(this, 'clusterName', attrs.clusterName);
    this.project = attrs.project;
    this.location = attrs.location;
    this.region = regionOf(this, attrs.location);
    this.clusterName = attrs.clusterName;
    this.network = attrs.network ?? 'default';
    this.healthCheckTag = attrs.healthCheckTag ?? 'allow-health-checks';
    checkResourceName(this, 'healthCheckTag', this.healthCheckTag);
  }

  public get clusterId(): string {
    return gkeClusterName(this.project, this.location, this.clusterName);
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
 * the Terraform form of the seeds' `gcloud container clusters create … --enable-mesh-certificates`.
 */
export class GkeCluster extends GkeClusterBase {
  /** Adopts an existing cluster by reference; enable mesh certificates on it first (seed 000). */
  public static fromClusterAttributes(scope: Construct, id: string, attrs: GkeClusterAttributes): IGkeCluster {
    return new ImportedGkeCluster(scope, id, attrs);
  }

  public readonly nodeTag: string;
  /** The `google_container_cluster` (escape hatch). */
  public readonly resource: ContainerCluster;
  /** The node pool with the seeds' node settings (escape hatch). */
  public readonly nodePool: ContainerNodePool;

  constructor(scope: Construct, id: string, props: GkeClusterProps) {
    super(scope, id, props);
    checkClusterName(this, props.clusterName);
    this.nodeTag = `${props.clusterName}-node`;
    const minMasterVersion = props.minMasterVersion ?? '1.21.4-gke.1801';
    checkMeshVersion(this, minMasterVersion);
    const releaseChannel = props.releaseChannel ?? ReleaseChannel.RAPID;
    checkOneOf(this, 'releaseChannel', releaseChannel, Object.values(ReleaseChannel), 'a release channel');
    const nodeCount = props.nodeCount ?? 3;
    checkIntegerRange(this, 'nodeCount', nodeCount, 1, 1000);
    const allowDestroy = props.allowDestroy ?? false;

    this.resource = new ContainerCluster(this, 'Resource', {
      project: props.project,
      location: props.location,
      name: props.clusterName,
      network: this.network,
      subnetwork: props.subnetwork,
      networkingMode: 'VPC_NATIVE',
      // VPC-native (the seeds' --enable-ip-alias); an explicit stack type keeps the block in the JSON.
      ipAllocationPolicy: { clusterIpv4CidrBlock: props.podCidr, stackType: 'IPV4' },
      releaseChannel: { channel: releaseChannel },
      minMasterVersion,
      workloadIdentityConfig: { workloadPool: this.workloadPool },
      meshCertificates: { enableCertificates: true },
      enableShieldedNodes: true,
      // Node settings live in a separate node pool, so changing them never recreates the cluster.
      removeDefaultNodePool: true,
      initialNodeCount: 1,
      deletionProtection: !allowDestroy,
    });

    this.nodePool = new ContainerNodePool(this, 'NodePool', {
      project: props.project,
      location: props.location,
      cluster: this.resource.name,
      name: `${props.clusterName}-pool`,
      nodeCount,
      management: { autoRepair: true, autoUpgrade: true },
      nodeConfig: {
        machineType: props.machineType ?? 'e2-standard-2',
        imageType: 'COS_CONTAINERD',
        oauthScopes: ['https://www.googleapis.com/auth/cloud-platform'],
        serviceAccount: props.nodeServiceAccount,
        tags: [this.healthCheckTag, this.nodeTag],
        workloadMetadataConfig: { mode: 'GKE_METADATA' },
        shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
      },
    });
  }

  public get podCidr(): string {
    return this.resource.clusterIpv4Cidr;
  }
}

class ImportedGkeCluster extends GkeClusterBase {
  public readonly nodeTag: string;
  private readonly cidr?: string;

  constructor(scope: Construct, id: string, attrs: GkeClusterAttributes) {
    super(scope, id, attrs);
    this.nodeTag = attrs.nodeTag ?? this.healthCheckTag;
    this.cidr = attrs.podCidr;
  }

  public get podCidr(): string {
    if (this.cidr) return this.cidr;
    throw invalidInput(this, 'podCidr', 'is unknown for this adopted cluster', this.cidr,
      'Pass podCidr to GkeCluster.fromClusterAttributes (gcloud container clusters describe NAME --format="value(clusterIpv4Cidr)")');
  }
}

/** GKE names clusters and node pools with at most 40 characters; the node pool adds "-pool". */
function checkClusterName(scope: IConstruct, name: string): void {
  if (!isUnresolved(name) && name.length > 35) {
    throw invalidInput(scope, 'clusterName', 'is longer than 35 characters', name,
      'GKE limits cluster and node pool names to 40 characters and the node pool is named CLUSTER-pool; shorten the name');
  }
}

const LOCATION = /^([a-z]+-[a-z]+[0-9]+)(-[a-z])?$/;

function regionOf(scope: IConstruct, location: string): string {
  if (isUnresolved(location)) return location;
  const match = LOCATION.exec(location);
  if (!match) {
    throw invalidInput(scope, 'location', 'is not a Google Cloud zone or region', location,
      'Use a zone such as "us-east1-b" (zonal cluster, as in the seeds) or a region such as "us-east1"');
  }
  return match[1];
}

function checkMeshVersion(scope: IConstruct, version: string): void {
  if (isUnresolved(version) || version === 'latest') return;
  const match = /^(\d+)\.(\d+)(?:\.(\d+))?(?:-gke\.(\d+))?$/.exec(version);
  const parts = match ? match.slice(1).map((p) => Number(p ?? 0)) : undefined;
  const tooOld = parts !== undefined && compareVersions(parts, MIN_MESH_VERSION) < 0;
  if (!parts || tooOld) {
    throw invalidInput(scope, 'minMasterVersion', parts ? 'is older than GKE mesh certificates support' : 'is not a GKE version',
      version, 'Use 1.21.4-gke.1801 or later (S2), e.g. "1.21.4-gke.1801" or "latest"');
  }
}

