import { ComputeBackendService } from '@cdktf/provider-google/lib/compute-backend-service';
import { Construct, IConstruct } from 'constructs';
import { waitFor } from '../../core/dependencies';
import { invalidInput } from '../../core/errors';
import { projectOf } from '../../core/project';
import { computeGlobalName, locationalName } from '../../core/references';
import { markRelaxed } from '../../core/relaxations';
import { SpiffeId } from '../../core/spiffe';
import { claimUniqueName } from '../../core/unique-names';
import {
  checkBoolean, checkImplements, checkInstance, checkIntegerRange, checkList, checkNotEmpty, checkOneOf, checkProps, checkResourceName,
} from '../../core/validation';
import { warn } from '../../core/warnings';
import { KubernetesServiceAccount } from '../../gke/in-cluster/kubernetes-service-account';
import { checkClientTlsPolicy, IClientTlsPolicy } from '../policy/client-tls-policy';
import { MeshHealthCheck } from './health-check';
import { NetworkEndpointGroupRef } from './network-endpoint-group';

/**
 * How a backend's load is measured. Mesh backend services speak HTTP to their NEG endpoints, and Compute Engine
 * balances HTTP backends by request rate only: CONNECTION is for SSL, TCP and UDP backend services, UTILIZATION for
 * instance groups.
 */
export enum BalancingMode {
  /** Requests per second per endpoint (L2). */
  RATE = 'RATE',
}

/** A Cloud Service Mesh backend service, created by this app or adopted. */
export interface IMeshBackendService extends IConstruct {
  /** The project that owns the backend service. */
  readonly project: string;
  /** The backend service name, e.g. `td-gke-service`. */
  readonly name: string;
  /** `projects/P/global/backendServices/NAME`, the form URL maps reference (L3). */
  readonly resourceName: string;
  /** `projects/P/locations/global/backendServices/NAME`, the form service-routing API routes reference (R2, R4). */
  readonly routeDestinationName: string;
}

/** Attributes of an existing backend service, for {@link MeshBackendService.fromBackendServiceAttributes}. */
export interface MeshBackendServiceAttributes {
  /**
   * The project that owns the backend service.
   * @default - the project of the stack's Google provider
   */
  readonly project?: string;
  /** The backend service name. */
  readonly name: string;
}

/** Properties of a {@link MeshBackendService}. */
export interface MeshBackendServiceProps {
  /**
   * The project the backend service is created in.
   * @default - the project of the stack's Google provider
   */
  readonly project?: string;
  /** The backend service name, e.g. `td-gke-service` (L2). */
  readonly name: string;
  /** The HTTP health check of the NEG backends, e.g. `td-gke-health-check` (L1). */
  readonly healthCheck: MeshHealthCheck;
  /** The GKE NEGs serving the service, e.g. `service-test-neg` (L2). */
  readonly networkEndpointGroups: NetworkEndpointGroupRef[];
  /**
   * How each NEG backend's load is measured (`backend.balancing_mode`).
   * @default BalancingMode.RATE (L2)
   */
  readonly balancingMode?: BalancingMode;
  /** With RATE: requests per second per endpoint. @default 5 (L2) */
  readonly maxRatePerEndpoint?: number;

  /**
   * mTLS from clients to this service (S11): attached as `securitySettings.clientTlsPolicy`. Required
   * unless allowPlaintext is set, so plaintext is never the default (X1).
   * @default - none
   */
  readonly clientTlsPolicy?: IClientTlsPolicy;
  /**
   * The servers' Kubernetes service account; the identity clients require from the server
   * (`subjectAltNames` = its SPIFFE ID, S11).
   * @default - none
   */
  readonly serverServiceAccount?: KubernetesServiceAccount;
  /** Further server identities clients accept. @default - none */
  readonly subjectAltNames?: SpiffeId[];
  /**
   * Send plaintext to this service: the explicit opt-out of client-side mTLS (S11).
   * @default false
   */
  readonly allowPlaintext?: boolean;
}

abstract class MeshBackendServiceBase extends Construct implements IMeshBackendService {
  public abstract readonly project: string;
  public abstract readonly name: string;

  public get resourceName(): string {
    return computeGlobalName(this.project, 'backendServices', this.name);
  }

  public get routeDestinationName(): string {
    return locationalName(this.project, 'global', 'backendServices', this.name);
  }
}

/**
 * A Cloud Service Mesh backend service (L2, R5, S11): global, INTERNAL_SELF_MANAGED, health-checked GKE NEG
 * backends, and outbound mTLS with the server's identity pinned through subject alternative names.
 *
 * @example
 * new mesh.MeshBackendService(stack, 'Backend', {
 *   name: 'td-gke-service',
 *   healthCheck: new mesh.MeshHealthCheck(stack, 'HealthCheck', { name: 'td-gke-health-check' }),
 *   networkEndpointGroups: [mesh.NetworkEndpointGroupRef.fromName('my-project-id', 'us-east1-b', 'service-test-neg')],
 *   clientTlsPolicy: new mesh.ClientTlsPolicy(stack, 'ClientMtls', { name: 'client-mtls-policy' }),
 *   // Clients accept only this server identity (S11).
 *   subjectAltNames: [core.SpiffeId.forKubernetesServiceAccount('my-project-id.svc.id.goog', 'default', 'demo-server')],
 * });
 */
export class MeshBackendService extends MeshBackendServiceBase {
  /** Adopts an existing backend service, e.g. to route to it from this app's meshes and gateways. */
  public static fromBackendServiceAttributes(scope: Construct, id: string, attrs: MeshBackendServiceAttributes): IMeshBackendService {
    return new ImportedMeshBackendService(scope, id, attrs);
  }

  /** The project that owns the backend service. */
  public readonly project: string;
  public readonly name: string;
  /** The `google_compute_backend_service` (escape hatch). */
  public readonly resource: ComputeBackendService;

  constructor(scope: Construct, id: string, props: MeshBackendServiceProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { name, healthCheck, networkEndpointGroups, clientTlsPolicy }');
    this.project = projectOf(this, props.project);
    checkResourceName(this, 'name', props.name);
    claimUniqueName(this, 'name', 'backend service', [this.project, props.name], `project ${this.project}`);
    checkInstance(this, 'healthCheck', props.healthCheck, MeshHealthCheck, 'Pass the MeshHealthCheck of the service (L1), e.g. new MeshHealthCheck(stack, "HealthCheck", { name: "td-gke-health-check" })');
    const negFix = 'Pass the NEGs GKE creates for the service, e.g. negService.networkEndpointGroups';
    checkNotEmpty(this, 'networkEndpointGroups', props.networkEndpointGroups, negFix);
    props.networkEndpointGroups.forEach((neg, i) => {
      checkInstance(this, `networkEndpointGroups[${i}]`, neg, NetworkEndpointGroupRef, negFix);
      neg._check(this, `networkEndpointGroups[${i}]`);
    });
    const duplicate = props.networkEndpointGroups.find((neg, i) =>
      props.networkEndpointGroups.findIndex((other) => other.resourceName === neg.resourceName) !== i);
    if (duplicate) {
      throw invalidInput(this, 'networkEndpointGroups', `lists NEG ${duplicate.resourceName} twice`, duplicate.resourceName,
        'List each NEG once: Compute Engine rejects a backend service with duplicate backends');
    }
    const balancingMode = props.balancingMode ?? BalancingMode.RATE;
    checkOneOf(this, 'balancingMode', balancingMode, Object.values(BalancingMode), 'a balancing mode for NEG backends');
    const maxRatePerEndpoint = props.maxRatePerEndpoint ?? 5;
    if (balancingMode === BalancingMode.RATE) checkIntegerRange(this, 'maxRatePerEndpoint', maxRatePerEndpoint, 1, 1_000_000);
    const allowPlaintext = props.allowPlaintext ?? false;
    checkBoolean(this, 'allowPlaintext', allowPlaintext);
    const hasTls = props.clientTlsPolicy !== undefined && props.clientTlsPolicy !== null;
    if (!hasTls && !allowPlaintext) {
      throw invalidInput(this, 'clientTlsPolicy', 'is required', props.clientTlsPolicy,
        'Secure calls to this service with a ClientTlsPolicy (S11), or set allowPlaintext: true to send plaintext explicitly');
    }
    if (hasTls) checkClientTlsPolicy(this, 'clientTlsPolicy', props.clientTlsPolicy);
    if (props.serverServiceAccount !== undefined) {
      checkInstance(this, 'serverServiceAccount', props.serverServiceAccount, KubernetesServiceAccount,
        'Pass the servers\' KubernetesServiceAccount, whose SPIFFE ID clients require (S11)');
    }
    const extraSans = props.subjectAltNames ?? [];
    checkList(this, 'subjectAltNames', extraSans, 'List SpiffeIds such as SpiffeId.forKubernetesServiceAccount(trustDomain, "default", "demo-server")');
    extraSans.forEach((san, i) => checkInstance(this, `subjectAltNames[${i}]`, san, SpiffeId, 'Use SpiffeId.of("spiffe://…") or SpiffeId.forKubernetesServiceAccount(...)'));
    const sans = [...(props.serverServiceAccount ? [props.serverServiceAccount.spiffeId] : []), ...extraSans];
    sans.forEach((san, i) => san.validate(this, `subjectAltNames[${i}]`));
    if (hasTls && sans.length === 0) {
      warn(this, `Backend service "${props.name}" accepts any mesh identity as server: ` +
        'set serverServiceAccount (or subjectAltNames) so clients verify they reached the right workload (S11).');
    }
    this.name = props.name;

    this.resource = new ComputeBackendService(this, 'Resource', {
      project: this.project,
      name: props.name,
      loadBalancingScheme: 'INTERNAL_SELF_MANAGED',
      protocol: 'HTTP',
      healthChecks: [props.healthCheck.resourceName],
      backend: props.networkEndpointGroups.map((neg) => ({
        group: neg.resourceName,
        balancingMode,
        maxRatePerEndpoint: balancingMode === BalancingMode.RATE ? maxRatePerEndpoint : undefined,
      })),
      securitySettings: hasTls ? {
        clientTlsPolicy: props.clientTlsPolicy!.resourceName,
        subjectAltNames: sans.length > 0 ? sans.map((san) => san.uri) : undefined,
      } : undefined,
    });
    waitFor(this.resource, props.healthCheck);
    // The NEG exists only once GKE has reconciled the annotated Service: deploy that stack first.
    for (const neg of props.networkEndpointGroups) waitFor(this.resource, neg.producer);
    waitFor(this.resource, props.clientTlsPolicy);
    if (!hasTls) markRelaxed(this.resource, 'POSTURE-MESH-BACKEND-NO-CLIENT-TLS', 'MeshBackendService allowPlaintext: true');
  }
}

class ImportedMeshBackendService extends MeshBackendServiceBase {
  public readonly project: string;
  public readonly name: string;

  constructor(scope: Construct, id: string, attrs: MeshBackendServiceAttributes) {
    super(scope, id);
    this.project = projectOf(this, attrs.project);
    checkResourceName(this, 'name', attrs.name);
    this.name = attrs.name;
  }
}

export function checkBackendService(scope: IConstruct, field: string, service: unknown): void {
  checkImplements(scope, field, service, 'IMeshBackendService', ['project', 'name', 'resourceName', 'routeDestinationName'],
    'Pass a MeshBackendService, or MeshBackendService.fromBackendServiceAttributes(scope, id, { name }) for an existing one');
}
