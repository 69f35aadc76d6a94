import { DataGoogleClientConfig } from '@cdktf/provider-google/lib/data-google-client-config';
import { DataGoogleContainerCluster } from '@cdktf/provider-google/lib/data-google-container-cluster';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Fn, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { IGkeCluster } from './gke-cluster';

export interface GkeKubernetesProviderProps {
  /** The cluster to talk to; only its project, location and name are read. */
  readonly cluster: IGkeCluster;

  /**
   * Google provider the lookups use.
   * @default - a Google provider for the cluster's project is created in this stack
   */
  readonly googleProvider?: GoogleProvider;
}

/**
 * Configures the kubernetes provider of a Kubernetes stack for a GKE cluster deployed by an earlier stack.
 * The endpoint and CA come from a `google_container_cluster` data source looked up by plain
 * project/location/name strings, and the token from `google_client_config`: a cdktf cross-stack reference
 * inside a provider block breaks (terraform-cdk#2662) and a provider fed unknown values silently falls
 * back to localhost (terraform-provider-kubernetes#1307).
 */
export class GkeKubernetesProvider extends Construct {
  public readonly provider: KubernetesProvider;
  public readonly googleProvider: GoogleProvider;

  constructor(scope: Construct, id: string, props: GkeKubernetesProviderProps) {
    super(scope, id);
    const { cluster } = props;
    // The provider can only reach a cluster that an earlier deploy created: deploy the cluster's stack first.
    const stack = TerraformStack.of(this);
    const clusterStack = TerraformStack.of(cluster);
    if (clusterStack !== stack && !stack.dependencies.includes(clusterStack)) stack.addDependency(clusterStack);
    this.googleProvider = props.googleProvider ?? new GoogleProvider(this, 'google', { project: cluster.project });
    const client = new DataGoogleClientConfig(this, 'client', { provider: this.googleProvider });
    const found = new DataGoogleContainerCluster(this, 'cluster', {
      provider: this.googleProvider,
      project: cluster.project,
      location: cluster.location,
      name: cluster.clusterName,
    });
    this.provider = new KubernetesProvider(this, 'kubernetes', {
      host: `https://${found.endpoint}`,
      token: client.accessToken,
      clusterCaCertificate: Fn.base64decode(found.masterAuth.get(0).clusterCaCertificate),
    });
  }
}
