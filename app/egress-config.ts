import { gke, network } from '@zerotrust-gcp/cdktf-mesh-security';
import { TerraformStack } from 'cdktf';
import type { TerraformCloudConfig } from './config';

/**
 * The egress example of seed 001 and Google's companion tutorial ("Using Cloud Service Mesh egress gateways on GKE
 * clusters"): the values the egress stacks of the reference topology are built from. Placeholders where the
 * tutorial has them (project ID and number).
 */
export interface EgressTopologyConfig {
  readonly projectId: string;
  readonly projectNumber: string;
  /** Region of the VPC subnet, the Cloud Router/NAT and the cluster. */
  readonly region: string;
  /** Zone of the (zonal) cluster. */
  readonly zone: string;
  readonly clusterName: string;
  readonly networkName: string;
  readonly subnetName: string;
  /** Primary range of the subnet (nodes). */
  readonly subnetCidr: string;
  /** Secondary range for pods. */
  readonly podCidr: string;
  /** Secondary range for Services. */
  readonly serviceCidr: string;
  /** The control plane's private /28. */
  readonly controlPlaneCidr: string;
  /** Cloud NAT ports per VM, sized for the gateway's concurrent connections (E2). */
  readonly natMinPortsPerVm: number;
  /** The teams, their namespaces and what each may call (E5, E13). */
  readonly teams: readonly TeamEgress[];
  /** Group allowed to manage the mesh and network objects (E14). */
  readonly networkAdminsGroup: string;
  /** Let `cdktf destroy` delete the cluster. */
  readonly allowDestroy: boolean;
  /** Terraform Cloud settings, as for the other stacks of the reference topology. @default - local state */
  readonly terraformCloud?: TerraformCloudConfig;
}

/** One team's namespace and the external destinations it may reach through the egress gateway. */
export interface TeamEgress {
  readonly namespace: string;
  /** Group granted edit rights in the namespace, without the mesh and network kinds (E14). */
  readonly group: string;
  readonly destinations: readonly { readonly host: string; readonly paths?: readonly string[] }[];
}

/** The seed's example: team-x → example.com over HTTPS; team-y → httpbin.org, path /status/418 only. */
export const EGRESS_DEFAULTS: EgressTopologyConfig = {
  projectId: 'my-project-id',
  projectNumber: '123456789012',
  region: 'us-central1',
  zone: 'us-central1-a',
  clusterName: 'cluster1',
  networkName: 'vpc-network',
  subnetName: 'subnet-gke',
  subnetCidr: '10.0.0.0/24',
  podCidr: '10.1.0.0/16',
  serviceCidr: '10.2.0.0/20',
  controlPlaneCidr: '10.5.0.0/28',
  natMinPortsPerVm: 2048,
  teams: [
    { namespace: 'team-x', group: 'team-x@example.com', destinations: [{ host: 'example.com' }] },
    { namespace: 'team-y', group: 'team-y@example.com', destinations: [{ host: 'httpbin.org', paths: ['/status/418'] }] },
  ],
  networkAdminsGroup: 'network-admins@example.com',
  allowDestroy: false,
};

/**
 * What the egress Kubernetes stack needs from the egress Google Cloud stack (built by app/egress-gcp.ts, consumed by
 * app/egress-k8s.ts): the private cluster, its dedicated gateway node pool and the Google API VIP the network uses.
 */
export interface EgressGcpParts {
  readonly stack: TerraformStack;
  readonly cluster: gke.GkeCluster;
  /** The tainted pool only the egress gateway runs on (E6). */
  readonly gatewayPool: gke.NodePool;
  /** private.googleapis.com or restricted.googleapis.com (E3), for NetworkPolicies and Sidecar hosts. */
  readonly googleApisVip: network.GoogleApisVip;
}
