import { ComputeBackendService } from '@cdktf/provider-google/lib/compute-backend-service';
import { Annotations } from 'cdktf';
import { Construct } from 'constructs';
import { waitFor } from '../core/dependencies';
import { invalidInput } from '../core/errors';
import { computeGlobalName } from '../core/references';
import { SpiffeId } from '../core/spiffe';
import { checkIntegerRange, checkNotEmpty, checkOneOf, checkProjectId, checkResourceName } from '../core/validation';
import { KubernetesServiceAccount } from '../gke/kubernetes-service-account';
import { ClientTlsPolicy } from './client-tls-policy';
import { MeshHealthCheck } from './health-check';
import { NetworkEndpointGroupRef } from './network-endpoint-group';

/** How a backend's load is measured. */
export enum BalancingMode {
  /** Requests per second per endpoint (L2). */
  RATE = 'RATE',
  CONNECTION = 'CONNECTION',
}

export interface MeshBackendServiceProps {
  readonly project: string;
  /** e.g. `td-gke-service` (L2). */
  readonly name: string;
  /** L1's `td-gke-health-check`. */
  readonly healthCheck: MeshHealthCheck;
  /** The GKE NEGs serving the service, e.g. `service-test-neg` (L2). */
  readonly networkEndpointGroups: NetworkEndpointGroupRef[];
  /** @default BalancingMode.RATE (L2) */
  readonly balancingMode?: BalancingMode;
  /** With RATE: requests per second per endpoint. @default 5 (L2) */
  readonly maxRatePerEndpoint?: number;

  /**
   * mTLS from clients to this service (S11): attached as `securitySettings.clientTlsPolicy`. Required
   * unless allowPlaintext is set (X1).
   * @default - none
   */
  readonly clientTlsPolicy?: ClientTlsPolicy;
  /**
   * The servers' Kubernetes service account; the identity clients require from the server
   * (`subjectAltNames` = its SPIFFE ID, S11).
   * @default - none
   */
  readonly serverServiceAccount?: KubernetesServiceAccount;
  /** Further server identities clients accept. @default - none */
  readonly subjectAltNames?: SpiffeId[];
  /**
   * Send plaintext to this service: the explicit opt-out of S11.
   * @default false
   */
  readonly allowPlaintext?: boolean;
}

/**
 * A Cloud Service Mesh backend service (L2, R5, S11): global, INTERNAL_SELF_MANAGED, health-checked GKE NEG
 * backends, and outbound mTLS with the server's identity pinned through subject alternative names.
 */
export class MeshBackendService extends Construct {
  public readonly project: string;
  public readonly name: string;
  /** `projects/P/global/backendServices/NAME`, the form URL maps reference (L3). */
  public readonly backendServiceName: string;
  public readonly resource: ComputeBackendService;

  constructor(scope: Construct, id: string, props: MeshBackendServiceProps) {
    super(scope, id);
    checkProjectId(this, 'project', props.project);
    checkResourceName(this, 'name', props.name);
    checkNotEmpty(this, 'networkEndpointGroups', props.networkEndpointGroups,
      'Pass the NEGs GKE creates for the service, e.g. negService.networkEndpointGroups');
    const balancingMode = props.balancingMode ?? BalancingMode.RATE;
    checkOneOf(this, 'balancingMode', balancingMode, Object.values(BalancingMode), 'a balancing mode for NEG backends');
    const maxRatePerEndpoint = props.maxRatePerEndpoint ?? 5;
    if (balancingMode === BalancingMode.RATE) checkIntegerRange(this, 'maxRatePerEndpoint', maxRatePerEndpoint, 1, 1_000_000);
    if (!props.clientTlsPolicy && !props.allowPlaintext) {
      throw invalidInput(this, 'clientTlsPolicy', 'is required', props.clientTlsPolicy,
        'Secure calls to this service with a ClientTlsPolicy (S11), or set allowPlaintext: true to send plaintext explicitly');
    }
    const sans = [...(props.serverServiceAccount ? [props.serverServiceAccount.spiffeId] : []), ...(props.subjectAltNames ?? [])];
    sans.forEach((san, i) => san.validate(this, `subjectAltNames[${i}]`));
    if (props.clientTlsPolicy && sans.length === 0) {
      Annotations.of(this).addWarning(`Backend service "${props.name}" accepts any mesh identity as server: ` +
        'set serverServiceAccount (or subjectAltNames) so clients verify they reached the right workload (S11).');
    }
    this.project = props.project;
    this.name = props.name;
    this.backendServiceName = computeGlobalName(props.project, 'backendServices', props.name);

    this.resource = new ComputeBackendService(this, 'Resource', {
      project: props.project,
      name: props.name,
      loadBalancingScheme: 'INTERNAL_SELF_MANAGED',
      protocol: 'HTTP',
      healthChecks: [props.healthCheck.healthCheckName],
      backend: props.networkEndpointGroups.map((neg) => ({
        group: neg.groupName,
        balancingMode,
        maxRatePerEndpoint: balancingMode === BalancingMode.RATE ? maxRatePerEndpoint : undefined,
      })),
      securitySettings: props.clientTlsPolicy ? {
        clientTlsPolicy: props.clientTlsPolicy.policyName,
        subjectAltNames: sans.length > 0 ? sans.map((san) => san.uri) : undefined,
      } : undefined,
    });
    waitFor(this.resource, props.healthCheck);
    // The NEG exists only once GKE has reconciled the annotated Service: deploy that stack first.
    for (const neg of props.networkEndpointGroups) waitFor(this.resource, neg.producer);
    waitFor(this.resource, props.clientTlsPolicy);
  }
}
