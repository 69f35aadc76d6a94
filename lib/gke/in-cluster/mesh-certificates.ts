import { Construct, IConstruct } from 'constructs';
import { ICaPool } from '../../ca/ca-pool';
import { WorkloadKeyAlgorithm } from '../../ca/workload-key-algorithm';
import { invalidInput } from '../../core/errors';
import { checkImplements, checkProps, isUnresolved } from '../../core/validation';
import { checkCluster, IGkeCluster } from '../cluster/gke-cluster';
import { TrustConfig, TrustStore } from './trust-config';
import { WorkloadCertificateConfig } from './workload-certificate-config';

/**
 * The mesh certificates of one cluster: its WorkloadCertificateConfig and TrustConfig (S7). Workloads that
 * mount `gke-workload-certificates` take one, so a cluster that cannot issue their certificates is ruled out by
 * the types rather than found at deploy time (S18).
 */
export interface IMeshCertificates extends IConstruct {
  /** The cluster whose workloads get these certificates. */
  readonly cluster: IGkeCluster;
}

/** Properties of {@link MeshCertificates}. */
export interface MeshCertificatesProps {
  /** The cluster to configure (the Kubernetes stack's provider must point at it). */
  readonly cluster: IGkeCluster;

  /** The pool that issues workload certificates: the subordinate pool, as the seeds recommend (S5, S7). */
  readonly issuingPool: ICaPool;

  /** Pools whose CA certificates anchor the cluster's own trust domain: the root pool (S7). */
  readonly trustAnchors: ICaPool[];

  /**
   * Key algorithm of workload keys; it must be of the issuing CA's key family (S7).
   * @default - ECDSA P256 for an ECDSA CA, RSA 2048 for an RSA CA
   */
  readonly keyAlgorithm?: WorkloadKeyAlgorithm;

  /**
   * Lifetime of each workload certificate, in seconds (`validityDurationSeconds`).
   * @default 86400 (one day), GKE's default (S7)
   */
  readonly validityDurationSeconds?: number;

  /**
   * Start rotating a workload certificate when this percentage of its validity is left (`rotationWindowPercentage`).
   * @default 50, GKE's default (S7)
   */
  readonly rotationWindowPercentage?: number;

  /** Other SPIFFE trust domains to trust, e.g. a second project's clusters. @default - none */
  readonly additionalTrustStores?: TrustStore[];
}

/**
 * Configures GKE mesh certificates on a cluster (S7): the `WorkloadCertificateConfig` (which CA Service pool
 * signs, which keys workloads generate) and the `TrustConfig` (which roots the cluster trusts) — both named
 * `default`, so one per cluster.
 *
 * @example
 * // In the Kubernetes stack of the cluster, from the CA hierarchy of the Google Cloud stack.
 * const meshCertificates = new gke.MeshCertificates(k8s, 'MeshCertificates', {
 *   cluster,
 *   issuingPool: hierarchy.subordinatePool,
 *   trustAnchors: [hierarchy.rootPool],
 * });
 */
export class MeshCertificates extends Construct implements IMeshCertificates {
  /**
   * The mesh certificates of a cluster whose WorkloadCertificateConfig and TrustConfig are managed outside this
   * app (for example by a platform team's own stack, or with kubectl as in seed 000).
   */
  public static fromCluster(scope: Construct, id: string, cluster: IGkeCluster): IMeshCertificates {
    return new ImportedMeshCertificates(scope, id, cluster);
  }

  public readonly cluster: IGkeCluster;
  /** The cluster's `WorkloadCertificateConfig`: which pool signs and which keys workloads generate. */
  public readonly workloadCertificateConfig: WorkloadCertificateConfig;
  /** The cluster's `TrustConfig`: which root CAs its workloads trust. */
  public readonly trustConfig: TrustConfig;

  constructor(scope: Construct, id: string, props: MeshCertificatesProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { cluster, issuingPool, trustAnchors }');
    checkCluster(this, 'cluster', props.cluster);
    this.cluster = props.cluster;
    this.workloadCertificateConfig = new WorkloadCertificateConfig(this, 'WorkloadCertificates', {
      cluster: props.cluster,
      issuingPool: props.issuingPool,
      keyAlgorithm: props.keyAlgorithm,
      validityDurationSeconds: props.validityDurationSeconds,
      rotationWindowPercentage: props.rotationWindowPercentage,
    });
    this.trustConfig = new TrustConfig(this, 'Trust', {
      cluster: props.cluster,
      trustAnchors: props.trustAnchors,
      additionalTrustStores: props.additionalTrustStores,
    });
  }
}

class ImportedMeshCertificates extends Construct implements IMeshCertificates {
  public readonly cluster: IGkeCluster;

  constructor(scope: Construct, id: string, cluster: IGkeCluster) {
    super(scope, id);
    checkCluster(this, 'cluster', cluster);
    this.cluster = cluster;
  }
}

/**
 * Checks that a workload on `cluster` got the mesh certificates of that cluster (S18): without them pods never
 * start, because mounting `gke-workload-certificates` fails with "caPEM is nil (check active
 * WorkloadCertificateConfig)" (seed 000, troubleshooting).
 */
export function checkMeshCertificates(scope: IConstruct, field: string, certificates: unknown, cluster?: IGkeCluster): void {
  checkImplements(scope, field, certificates, 'IMeshCertificates', ['cluster'],
    'Configure mesh certificates for the cluster in its Kubernetes stack, e.g. new MeshCertificates(k8sStack, "MeshCertificates", ' +
    '{ cluster, issuingPool: hierarchy.subordinatePool, trustAnchors: [hierarchy.rootPool] }), or adopt them with MeshCertificates.fromCluster(...); ' +
    'without a WorkloadCertificateConfig and TrustConfig pods never start (seed 000, troubleshooting)');
  if (cluster === undefined) return;
  const theirs = (certificates as IMeshCertificates).cluster.resourceName;
  if (!isUnresolved(theirs) && !isUnresolved(cluster.resourceName) && theirs !== cluster.resourceName) {
    throw invalidInput(scope, field, `configure cluster ${theirs}, not the workload's cluster ${cluster.resourceName}`, theirs,
      'Pass the MeshCertificates of the cluster the workload runs in: GKE issues mesh certificates per cluster (S7, S18)');
  }
}
