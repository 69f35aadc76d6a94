import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { AnnotationMetadataEntryType, App, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { CaHierarchy, CaKeyAlgorithm } from '../../lib/ca';
import { GkeCluster, GkeClusterProps, GkeKubernetesProvider } from '../../lib/gke';
import { testApp } from '../helpers/synth';

/**
 * Inputs shared by the GKE tests: the seeds' demo values (seed 000). Expected values are written out in each
 * test, never taken from these constants.
 */
export const SEED_CLUSTER: GkeClusterProps = {
  project: 'my-project-id',
  location: 'us-east1-b',
  name: 'secure-td-cluster',
};

/** A Google Cloud stack with its provider, as every real stack has one (cdktf checks provider presence). */
export function gcpStack(app: App = testApp(), id = 'test'): TerraformStack {
  const stack = new TerraformStack(app, id);
  new GoogleProvider(stack, 'google', { project: 'my-project-id' });
  return stack;
}

/** The seeds' CA hierarchy (S5): td-sec-pool/pkcs2-ca root, td-ca-pool/td-ca subordinate in us-east1. */
export function seedHierarchy(stack: TerraformStack, keyAlgorithm?: CaKeyAlgorithm): CaHierarchy {
  return new CaHierarchy(stack, 'Ca', {
    project: 'my-project-id',
    organization: 'TestCorpLLC',
    subordinateLocation: 'us-east1',
    subordinatePoolId: 'td-ca-pool',
    subordinateCaId: 'td-ca',
    // The provider cannot activate a subordinate issued from a pool ID with an underscore, so the seed's td_sec_pool
    // is spelled with hyphens (see SubordinateCertificateAuthority).
    rootPoolId: 'td-sec-pool',
    rootCaId: 'pkcs2-ca',
    keyAlgorithm,
  });
}

/** The seeds' cluster in a fresh Google Cloud stack. */
export function seedCluster(stack: TerraformStack, overrides: Partial<GkeClusterProps> = {}): GkeCluster {
  return new GkeCluster(stack, 'Cluster', { ...SEED_CLUSTER, ...overrides });
}

/** Warning texts attached with `Annotations.of(...).addWarning` anywhere under `scope`. */
export function warningsUnder(scope: IConstruct): string[] {
  return scope.node.findAll()
    .flatMap((c) => c.node.metadata)
    .filter((entry) => entry.type === AnnotationMetadataEntryType.WARN)
    .map((entry) => String(entry.data));
}

/** Terraform address `TYPE.NAME` of the only resource of a type in synthesized JSON. */
export function addressOf(json: { resource?: Record<string, Record<string, unknown>> }, type: string): string {
  const names = Object.keys(json.resource?.[type] ?? {});
  expect({ type, count: names.length }).toEqual({ type, count: 1 });
  return `${type}.${names[0]}`;
}

/** A Google Cloud stack `gcp` and a Kubernetes stack `k8s` (configured for the cluster) of one app. */
export interface MeshStacks {
  readonly gcp: TerraformStack;
  readonly k8s: TerraformStack;
  readonly cluster: GkeCluster;
  readonly hierarchy: CaHierarchy;
}

/**
 * The seeds' cluster and CA hierarchy in a Google Cloud stack, and a Kubernetes stack for the objects GKE reads
 * from the cluster, as real apps separate them.
 */
export function meshStacks(caKeyAlgorithm?: CaKeyAlgorithm): MeshStacks {
  const app = testApp();
  const gcp = gcpStack(app, 'gcp');
  const cluster = seedCluster(gcp);
  const hierarchy = seedHierarchy(gcp, caKeyAlgorithm);
  const k8s = new TerraformStack(app, 'k8s');
  new GkeKubernetesProvider(k8s, 'Cluster', { cluster });
  return { gcp, k8s, cluster, hierarchy };
}
