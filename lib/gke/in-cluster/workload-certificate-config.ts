import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { Construct } from 'constructs';
import type { WorkloadCertificateConfig as WorkloadCertificateConfigManifest } from '../../../.gen/security.cloud.google.com/v1';
import { checkPool } from '../../ca/certificate-authority';
import { ICaPool } from '../../ca/ca-pool';
import { KeyFamily } from '../../ca/key-algorithm';
import { EcdsaCurve, WorkloadKeyAlgorithm } from '../../ca/workload-key-algorithm';
import { formatProblem, invalidInput } from '../../core/errors';
import { claimUniqueName } from '../../core/unique-names';
import { checkInstance, checkIntegerRange, checkProps } from '../../core/validation';
import { warn } from '../../core/warnings';
import { checkCluster, IGkeCluster } from '../cluster/gke-cluster';

/** Properties of a {@link WorkloadCertificateConfig}. */
export interface WorkloadCertificateConfigProps {
  /** The cluster this object configures (the Kubernetes stack's provider must point at it). */
  readonly cluster: IGkeCluster;

  /** The pool that issues workload certificates: the subordinate pool, as the seeds recommend (S5, S7). */
  readonly issuingPool: ICaPool;

  /**
   * Key algorithm of workload keys. It must be of the issuing CA's key family (S7, seed troubleshooting).
   * @default - ECDSA P256 for an ECDSA CA (the seeds' ec-p256-sha256 CAs) or a pool of unknown key family, RSA 2048 for an RSA CA
   */
  readonly keyAlgorithm?: WorkloadKeyAlgorithm;

  /**
   * Lifetime of each workload certificate, in seconds (`validityDurationSeconds`).
   * @default 86400 (one day), GKE's default (S7)
   */
  readonly validityDurationSeconds?: number;

  /** Start rotating when this percentage of the validity is left. @default 50, GKE's default (S7) */
  readonly rotationWindowPercentage?: number;
}

/**
 * The cluster-wide `WorkloadCertificateConfig` named `default` (S7): which CA Service pool signs mesh
 * certificates and which keys workloads generate. GKE installs its CRD when mesh certificates are enabled.
 */
export class WorkloadCertificateConfig extends Construct {
  /** The cluster this object configures. */
  public readonly cluster: IGkeCluster;
  /** The pool that signs the cluster's workload certificates (`endpointURI`). */
  public readonly issuingPool: ICaPool;
  /** Key algorithm of the workload keys, given or defaulted from the issuing pool's key family. */
  public readonly keyAlgorithm: WorkloadKeyAlgorithm;
  /** The manifest as rendered (typed by the generated CRD types in `.gen`). */
  public readonly manifest: { [key: string]: unknown };
  /** The `kubernetes_manifest` (escape hatch). */
  public readonly resource: Manifest;

  constructor(scope: Construct, id: string, props: WorkloadCertificateConfigProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { cluster, issuingPool }, e.g. { cluster, issuingPool: hierarchy.subordinatePool }');
    checkCluster(this, 'cluster', props.cluster);
    checkPool(this, 'issuingPool', props.issuingPool);
    // GKE reads only the object named "default": a second one for the cluster would replace the first.
    claimUniqueName(this, 'cluster', 'WorkloadCertificateConfig', [props.cluster.resourceName, 'default'], `cluster ${props.cluster.name}`);
    this.cluster = props.cluster;
    this.issuingPool = props.issuingPool;
    // An unknown key family (an adopted pool without keyFamily) is not guessed: the default is the seeds' ECDSA.
    this.keyAlgorithm = props.keyAlgorithm ?? (props.issuingPool.keyFamily === KeyFamily.RSA ? WorkloadKeyAlgorithm.rsa(2048) : WorkloadKeyAlgorithm.ecdsa(EcdsaCurve.P256));
    checkInstance(this, 'keyAlgorithm', this.keyAlgorithm, WorkloadKeyAlgorithm,
      'Use WorkloadKeyAlgorithm.ecdsa(EcdsaCurve.P256) or WorkloadKeyAlgorithm.rsa(2048)');
    const keyAlgorithm = this.keyAlgorithm._render(this);
    const mismatch = this.keyFamilyMismatch();
    if (mismatch) throw invalidInput(this, mismatch.field, mismatch.problem, mismatch.value, mismatch.fix);
    // A CA added to the pool after this object was built is checked at synth.
    this.node.addValidation({
      validate: () => {
        const late = this.keyFamilyMismatch();
        return late ? [formatProblem(this, late.field, late.problem, late.value, late.fix)] : [];
      },
    });
    if ((props.keyAlgorithm === undefined || props.keyAlgorithm === null) && props.issuingPool.keyFamily === undefined) {
      warn(this, `The key family of pool "${props.issuingPool.name}" is unknown, so workload keys default to ECDSA P256 ` +
        'unchecked (S7). Set keyFamily on CaPool.fromPoolAttributes, or keyAlgorithm here, to the family of the issuing CA.');
    }
    if (props.issuingPool.holdsRootCa) {
      warn(this, `Workload certificates are issued from pool "${props.issuingPool.name}", which holds a root CA. ` +
        'This is allowed but discouraged (S5): issue from a subordinate pool so the root key stays offline.');
    }
    const validityDurationSeconds = props.validityDurationSeconds ?? 86400;
    checkIntegerRange(this, 'validityDurationSeconds', validityDurationSeconds, 1, 365 * 24 * 3600);
    const rotationWindowPercentage = props.rotationWindowPercentage ?? 50;
    checkIntegerRange(this, 'rotationWindowPercentage', rotationWindowPercentage, 0, 100);

    const manifest: WorkloadCertificateConfigManifest = {
      apiVersion: 'security.cloud.google.com/v1',
      kind: 'WorkloadCertificateConfig',
      metadata: { name: 'default' },
      spec: {
        certificateAuthorityConfig: { certificateAuthorityServiceConfig: { endpointURI: props.issuingPool.uri } },
        keyAlgorithm,
        validityDurationSeconds,
        rotationWindowPercentage,
      },
    };
    this.manifest = manifest as unknown as { [key: string]: unknown };
    this.resource = new Manifest(this, 'Resource', { manifest: this.manifest });
  }

  /** S7 and the seed's troubleshooting: workload keys must be of the issuing CA's key family. */
  private keyFamilyMismatch(): { field: string; problem: string; value: string; fix: string } | undefined {
    const family = this.issuingPool.keyFamily;
    if (family === undefined || family === this.keyAlgorithm.family) return undefined;
    return {
      field: 'keyAlgorithm',
      problem: `is ${this.keyAlgorithm.family} but the issuing CA in pool "${this.issuingPool.name}" uses ${family} keys`,
      value: this.keyAlgorithm.toString(),
      fix: `Use an ${family} workload key (e.g. ${family === KeyFamily.ECDSA ? 'WorkloadKeyAlgorithm.ecdsa(EcdsaCurve.P256)' : 'WorkloadKeyAlgorithm.rsa(2048)'}): ` +
        'workload keys must be of the CA\'s key family, or TLS stacks reject the certificates (seed 000, troubleshooting)',
    };
  }
}

