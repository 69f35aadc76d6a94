import { DataGoogleClientConfig } from '@cdktf/provider-google/lib/data-google-client-config';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Fn, TerraformDataSource, TerraformProvider, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { checkInstance, checkProps } from '../../core/validation';
import { checkCluster, IGkeCluster } from '../cluster/gke-cluster';

/** Properties of a {@link GkeKubernetesProvider}. */
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
 *
 * @example
 * const k8s = new TerraformStack(app, 'k8s');
 * new gke.GkeKubernetesProvider(k8s, 'Cluster', { cluster });
 */
export class GkeKubernetesProvider extends Construct {
  /** The kubernetes provider pointed at the cluster; it authenticates with the caller's short-lived Google access token. */
  public readonly provider: KubernetesProvider;
  /** The Google provider the cluster and token lookups use (given or created). */
  public readonly googleProvider: GoogleProvider;

  constructor(scope: Construct, id: string, props: GkeKubernetesProviderProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { cluster }, the cluster the stack\'s Kubernetes objects go to');
    checkCluster(this, 'cluster', props.cluster);
    if (props.googleProvider !== undefined) {
      checkInstance(this, 'googleProvider', props.googleProvider, GoogleProvider, 'Pass the stack\'s GoogleProvider, or leave googleProvider out');
    }
    const { cluster } = props;
    // The provider can only reach a cluster that an earlier deploy created: deploy the cluster's stack first.
    const stack = TerraformStack.of(this);
    const clusterStack = TerraformStack.of(cluster);
    if (clusterStack !== stack && !stack.dependencies.includes(clusterStack)) stack.addDependency(clusterStack);
    this.googleProvider = props.googleProvider ?? new GoogleProvider(this, 'google', { project: cluster.project });
    const client = new DataGoogleClientConfig(this, 'client', { provider: this.googleProvider });
    const found = new ClusterLookup(this, 'cluster', this.googleProvider, cluster);
    this.provider = new KubernetesProvider(this, 'kubernetes', {
      host: `https://${found.getStringAttribute('endpoint')}`,
      token: client.accessToken,
      clusterCaCertificate: Fn.base64decode(Token.asString(found.interpolationForAttribute('master_auth[0].cluster_ca_certificate'))),
    });
  }
}

/**
 * `data "google_container_cluster"` reading only what the provider block needs. The typed binding of this data
 * source is 2.2 MB of generated code and cost ~115 ms per synth (`npm run bench`) to read two attributes; the
 * rendered JSON is the same and is checked against the provider schema in the tests.
 */
class ClusterLookup extends TerraformDataSource {
  constructor(scope: Construct, id: string, provider: TerraformProvider, private readonly cluster: IGkeCluster) {
    super(scope, id, { terraformResourceType: 'google_container_cluster', terraformGeneratorMetadata: { providerName: 'google' }, provider });
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return { project: this.cluster.project, location: this.cluster.location, name: this.cluster.name };
  }
}
