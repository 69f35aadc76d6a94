import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { Annotations } from 'cdktf';
import { Construct } from 'constructs';
import type { WorkloadCertificateConfig as WorkloadCertificateConfigManifest } from '../../.gen/security.cloud.google.com/v1';
import { ICaPool } from '../ca/ca-pool';
import { KeyFamily } from '../ca/key-algorithm';
import { invalidInput } from '../core/errors';
import { checkIntegerRange } from '../core/validation';
import { IGkeCluster } from './gke-cluster';
import { registerWorkloadCertificateConfig } from './mesh-certificate-registry';
import { EcdsaCurve, WorkloadKeyAlgorithm } from './workload-key-algorithm';

export interface WorkloadCertificateConfigProps {
  /** The cluster this object configures (the Kubernetes stack's provider must point at it). */
  readonly cluster: IGkeCluster;

  /** The pool that issues workload certificates: the subordinate pool, as the seeds recommend (S5, S7). */
  readonly issuingPool: ICaPool;

  /**
   * Key algorithm of workload keys. It must be of the issuing CA's key family (S7, seed troubleshooting).
   * @default - ECDSA P256 for an ECDSA CA (the seeds' ec-p256-sha256 CAs), RSA 2048 for an RSA CA
   */
  readonly keyAlgorithm?: WorkloadKeyAlgorithm;

  /** @default 86400 (one day), GKE's default (S7) */
  readonly validityDurationSeconds?: number;

  /** Start rotating when this percentage of the validity is left. @default 50, GKE's default (S7) */
  readonly rotationWindowPercentage?: number;
}

/**
 * The cluster-wide `WorkloadCertificateConfig` named `default` (S7): which CA Service pool signs mesh
 * certificates and which keys workloads generate. GKE installs its CRD when mesh certificates are enabled.
 */
export class WorkloadCertificateConfig extends Construct {
  public readonly keyAlgorithm: WorkloadKeyAlgorithm;
  /** The manifest as rendered. */
  public readonly manifest: WorkloadCertificateConfigManifest;
  /** The `kubernetes_manifest` (escape hatch). */
  public readonly resource: Manifest;

  constructor(scope: Construct, id: string, props: WorkloadCertificateConfigProps) {
    super(scope, id);
    const caFamilies = [...new Set(props.issuingPool.certificateAuthorities.map((ca) => ca.keyFamily))];
    this.keyAlgorithm = props.keyAlgorithm ?? defaultKeyAlgorithm(caFamilies);
    const keyAlgorithm = this.keyAlgorithm._render(this);
    const mismatch = caFamilies.find((family) => family !== this.keyAlgorithm.family);
    if (mismatch) {
      throw invalidInput(this, 'keyAlgorithm', `is ${this.keyAlgorithm.family} but the issuing CA in pool "${props.issuingPool.poolId}" uses ${mismatch} keys`,
        this.keyAlgorithm.toString(),
        `Use an ${mismatch} workload key (e.g. ${mismatch === KeyFamily.ECDSA ? 'WorkloadKeyAlgorithm.ecdsa(EcdsaCurve.P256)' : 'WorkloadKeyAlgorithm.rsa(2048)'}): ` +
        'workload keys must be of the CA\'s key family, or TLS stacks reject the certificates (seed 000, troubleshooting)');
    }
    if (props.issuingPool.certificateAuthorities.some((ca) => ca.isRoot)) {
      Annotations.of(this).addWarning(`Workload certificates are issued from pool "${props.issuingPool.poolId}", which holds a root CA. ` +
        'This is allowed but discouraged (S5): issue from a subordinate pool so the root key stays offline.');
    }
    const validityDurationSeconds = props.validityDurationSeconds ?? 86400;
    checkIntegerRange(this, 'validityDurationSeconds', validityDurationSeconds, 1, 365 * 24 * 3600);
    const rotationWindowPercentage = props.rotationWindowPercentage ?? 50;
    checkIntegerRange(this, 'rotationWindowPercentage', rotationWindowPercentage, 0, 100);

    this.manifest = {
      apiVersion: 'security.cloud.google.com/v1',
      kind: 'WorkloadCertificateConfig',
      metadata: { name: 'default' },
      spec: {
        certificateAuthorityConfig: { certificateAuthorityServiceConfig: { endpointURI: props.issuingPool.poolUri } },
        keyAlgorithm,
        validityDurationSeconds,
        rotationWindowPercentage,
      },
    };
    this.resource = new Manifest(this, 'Resource', { manifest: this.manifest as unknown as Record<string, unknown> });
    registerWorkloadCertificateConfig(this, props.cluster.clusterId);
  }
}

function defaultKeyAlgorithm(caFamilies: KeyFamily[]): WorkloadKeyAlgorithm {
  return caFamilies.length === 1 && caFamilies[0] === KeyFamily.RSA
    ? WorkloadKeyAlgorithm.rsa(2048)
    : WorkloadKeyAlgorithm.ecdsa(EcdsaCurve.P256);
}
