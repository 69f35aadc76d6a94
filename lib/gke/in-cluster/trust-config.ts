import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { Construct } from 'constructs';
import type { TrustConfig as TrustConfigManifest } from '../../../.gen/security.cloud.google.com/v1';
import { checkPool } from '../../ca/certificate-authority';
import { ICaPool } from '../../ca/ca-pool';
import { invalidInput } from '../../core/errors';
import { checkTrustDomain } from '../../core/spiffe';
import { claimUniqueName } from '../../core/unique-names';
import { checkList, checkNotEmpty, checkProps, checkRequired, isUnresolved } from '../../core/validation';
import { checkCluster, IGkeCluster } from '../cluster/gke-cluster';

/** Certificates from another SPIFFE trust domain to trust, e.g. a second project's clusters. */
export interface TrustStore {
  /** The other SPIFFE trust domain, e.g. `other-project.svc.id.goog`. */
  readonly trustDomain: string;
  /** Pools whose root certificates anchor that domain. */
  readonly trustAnchors: ICaPool[];
}

/** Properties of a {@link TrustConfig}. */
export interface TrustConfigProps {
  /** The cluster this object configures. */
  readonly cluster: IGkeCluster;

  /** Pools whose CA certificates anchor the cluster's own trust domain: the root pool (S7). */
  readonly trustAnchors: ICaPool[];

  /**
   * Trust domain of the first trust store. It must be the cluster's workload identity pool, or mesh
   * certificates fail to validate (S18).
   * @default - the cluster's workload pool, `PROJECT_ID.svc.id.goog`
   */
  readonly trustDomain?: string;

  /**
   * Other SPIFFE trust domains the cluster's workloads trust, each with its own root pools (`trustStores`).
   * @default - none: only the cluster's own trust domain is trusted
   */
  readonly additionalTrustStores?: TrustStore[];
}

/**
 * The cluster-wide `TrustConfig` named `default` (S7): which root CAs the cluster's workloads trust for
 * which SPIFFE trust domain.
 */
export class TrustConfig extends Construct {
  /** The cluster this object configures. */
  public readonly cluster: IGkeCluster;
  /** The manifest as rendered (typed by the generated CRD types in `.gen`). */
  public readonly manifest: { [key: string]: unknown };
  /** The `kubernetes_manifest` (escape hatch). */
  public readonly resource: Manifest;

  constructor(scope: Construct, id: string, props: TrustConfigProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { cluster, trustAnchors }, e.g. { cluster, trustAnchors: [hierarchy.rootPool] }');
    checkCluster(this, 'cluster', props.cluster);
    this.cluster = props.cluster;
    // GKE reads only the object named "default": a second one for the cluster would replace the first.
    claimUniqueName(this, 'cluster', 'TrustConfig', [props.cluster.resourceName, 'default'], `cluster ${props.cluster.name}`);
    const ownDomain = props.trustDomain ?? props.cluster.workloadPool;
    if (!isUnresolved(ownDomain) && ownDomain !== props.cluster.workloadPool) {
      throw invalidInput(this, 'trustDomain', `does not match the cluster's trust domain "${props.cluster.workloadPool}"`, ownDomain,
        'GKE mesh certificates carry spiffe://PROJECT_ID.svc.id.goog identities; remove trustDomain or set it to the cluster\'s workload pool, ' +
        'and list other domains in additionalTrustStores');
    }
    checkNotEmpty(this, 'trustAnchors', props.trustAnchors, 'Pass the root CA pool, e.g. trustAnchors: [hierarchy.rootPool]');
    const additional = props.additionalTrustStores ?? [];
    checkList(this, 'additionalTrustStores', additional, 'List trust stores such as { trustDomain: "other-project.svc.id.goog", trustAnchors: [pool] }');
    const stores = [{ trustDomain: ownDomain, trustAnchors: props.trustAnchors }, ...additional];
    const seen = new Set<string>();
    stores.forEach((store, index) => {
      checkRequired(this, `trustStores[${index}]`, store, 'Give each trust store a trustDomain and trustAnchors');
      checkTrustDomain(this, `trustStores[${index}].trustDomain`, store.trustDomain);
      checkNotEmpty(this, `trustStores[${index}].trustAnchors`, store.trustAnchors, 'Give each trust store at least one CA pool');
      store.trustAnchors.forEach((pool, i) => checkPool(this, `trustStores[${index}].trustAnchors[${i}]`, pool));
      if (!isUnresolved(store.trustDomain) && seen.has(store.trustDomain)) {
        throw invalidInput(this, `trustStores[${index}].trustDomain`, 'appears twice', store.trustDomain,
          'GKE rejects a TrustConfig with two entries for one trust domain; merge their trust anchors');
      }
      seen.add(store.trustDomain);
    });

    const manifest: TrustConfigManifest = {
      apiVersion: 'security.cloud.google.com/v1',
      kind: 'TrustConfig',
      metadata: { name: 'default' },
      spec: {
        trustStores: stores.map((store) => ({
          trustDomain: store.trustDomain,
          trustAnchors: store.trustAnchors.map((pool) => ({ certificateAuthorityServiceURI: pool.uri })),
        })),
      },
    };
    this.manifest = manifest as unknown as { [key: string]: unknown };
    this.resource = new Manifest(this, 'Resource', { manifest: this.manifest });
  }
}
