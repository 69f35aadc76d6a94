import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { CaHierarchy } from '../ca/ca-hierarchy';
import { IamMember } from '../core/iam-member';
import { FleetMembership } from '../gke/fleet-membership';
import { GkeCluster } from '../gke/gke-cluster';
import { GkeKubernetesProvider } from '../gke/gke-kubernetes-provider';
import { KubernetesServiceAccount } from '../gke/kubernetes-service-account';
import { MeshServiceAccount } from '../gke/mesh-service-account';
import { TrustConfig } from '../gke/trust-config';
import { WorkloadCertificateConfig } from '../gke/workload-certificate-config';
import { ProjectApis } from '../project/project-apis';
import { MeshApiVariant, TopologyConfig } from './config';
import { topologyStack } from './stacks';

/** The stacks of one API variant, in deploy order. */
export interface VariantStacks {
  readonly variant: MeshApiVariant;
  /** Google Cloud resources the cluster and the workloads need: APIs, cluster, CAs, IAM, mesh policies. */
  readonly gcp: TerraformStack;
  /** Kubernetes objects, applied once the cluster exists. */
  readonly kubernetes: TerraformStack;
}

/**
 * Builds the reference topology of seeds 000 and 002 into `app`: for every configured variant, a GCP
 * stack and a Kubernetes stack that depends on it.
 */
export function buildReferenceTopology(app: App, config: TopologyConfig): VariantStacks[] {
  return config.variants.map((variant) => buildVariant(app, variant, config));
}

function buildVariant(app: App, variant: MeshApiVariant, config: TopologyConfig): VariantStacks {
  const gcp = topologyStack(app, `${variant}-gcp`, config);
  new GoogleProvider(gcp, 'google', { project: config.projectId, region: config.subordinateLocation });
  new ProjectApis(gcp, 'Apis', { project: config.projectId });

  const cluster = new GkeCluster(gcp, 'Cluster', {
    project: config.projectId,
    location: config.zone,
    clusterName: config.clusterName,
    network: config.network,
    healthCheckTag: config.healthCheckTag,
    allowDestroy: config.allowDestroy,
  });
  new FleetMembership(gcp, 'Fleet', { cluster });

  const ca = new CaHierarchy(gcp, 'Ca', {
    project: config.projectId,
    organization: config.organization,
    rootPoolId: config.rootPoolId,
    rootCaId: config.rootCaId,
    rootLocation: config.rootLocation,
    subordinatePoolId: config.subordinatePoolId,
    subordinateCaId: config.subordinateCaId,
    subordinateLocation: config.subordinateLocation,
    allowDestroy: config.allowDestroy,
  });
  ca.grantMeshCertificateIssuance(IamMember.gkeServiceAgent(config.projectNumber));
  const caAdmin = IamMember.of(config.caAdminMember);
  ca.grantCaManager(caAdmin);
  ca.grantCaAdmin(caAdmin);

  const meshAccount = new MeshServiceAccount(gcp, 'MeshIdentity', { cluster });
  for (const ksa of [config.serverServiceAccount, config.clientServiceAccount]) {
    meshAccount.allowKubernetesServiceAccount(config.namespace, ksa);
  }

  const kubernetes = topologyStack(app, `${variant}-k8s`, config);
  kubernetes.addDependency(gcp);
  new GkeKubernetesProvider(kubernetes, 'Cluster', { cluster });
  new WorkloadCertificateConfig(kubernetes, 'WorkloadCertificates', { cluster, issuingPool: ca.subordinatePool });
  new TrustConfig(kubernetes, 'Trust', { cluster, trustAnchors: [ca.rootPool] });
  for (const [id, name] of [['ServerServiceAccount', config.serverServiceAccount], ['ClientServiceAccount', config.clientServiceAccount]]) {
    new KubernetesServiceAccount(kubernetes, id, { namespace: config.namespace, name, googleServiceAccount: meshAccount });
  }
  return { variant, gcp, kubernetes };
}
