import { NetworkServicesGateway } from '@cdktf/provider-google/lib/network-services-gateway';
import { Construct, IConstruct } from 'constructs';
import { waitFor } from '../../core/dependencies';
import { invalidInput } from '../../core/errors';
import { markRelaxed } from '../../core/relaxations';
import { checkBoolean, checkImplements, checkNotEmpty, checkPorts, checkResourceName } from '../../core/validation';
import { IAuthorizationPolicy } from '../policy/authorization-policy';
import { meshResource, MeshResourceAttributes, MeshResourceOptions } from '../policy/mesh-resource';
import { checkServerTlsPolicy, IServerTlsPolicy } from '../policy/server-tls-policy';
import { handleUnattachableAuthorization } from './gateway-authorization';

/** A service-routing API gateway, created by this app or adopted. */
export interface IGateway extends IConstruct {
  /** The project that owns the gateway. */
  readonly project: string;
  /** The gateway name, e.g. `td-gke-gateway`. */
  readonly name: string;
  /** `projects/P/locations/global/gateways/NAME`, the form routes reference (R4). */
  readonly resourceName: string;
  /** The scope Envoy gateway proxies must be bootstrapped with, e.g. `gateway-proxy` (R3). */
  readonly gatewayScope: string;
  /** Ports the gateway proxies listen on (R3). */
  readonly ports: number[];
}

/** Attributes of an existing gateway, for {@link Gateway.fromGatewayAttributes}. */
export interface GatewayAttributes extends MeshResourceAttributes {
  /** The gateway's scope. */
  readonly gatewayScope: string;
  /** The gateway's ports. */
  readonly ports: number[];
}

/** Properties of a {@link Gateway}. */
export interface GatewayProps extends MeshResourceOptions {
  /** Scope of the Envoy proxies that take this gateway's configuration, e.g. `gateway-proxy` (R3). */
  readonly gatewayScope: string;
  /** Ports the gateway proxies listen on, e.g. [8080] (R3). */
  readonly ports: number[];
  /** TLS termination at the gateway (S15); required unless allowPlaintext is set (X1). @default - none */
  readonly serverTlsPolicy?: IServerTlsPolicy;
  /**
   * Run the gateway without TLS termination.
   * @default false
   */
  readonly allowPlaintext?: boolean;
  /**
   * Authorization the seeds attach to the gateway (S16). Terraform cannot attach it; see
   * authorizationEnforcedBy.
   * @default - none
   */
  readonly authorizationPolicy?: IAuthorizationPolicy;
  /**
   * The endpoint authorization policy that enforces authorizationPolicy's hosts at the backends; required
   * with authorizationPolicy.
   * @default - none
   */
  readonly authorizationEnforcedBy?: IAuthorizationPolicy;
}

/**
 * A service-routing API gateway of type OPEN_MESH (R3): standalone Envoy proxies started with the
 * gateway's scope terminate TLS with the server TLS policy and route with the gateway's HTTP routes.
 */
export class Gateway extends Construct implements IGateway {
  /** Adopts an existing gateway, e.g. to route this app's hosts through a shared ingress. */
  public static fromGatewayAttributes(scope: Construct, id: string, attrs: GatewayAttributes): IGateway {
    return new ImportedGateway(scope, id, attrs);
  }

  public readonly project: string;
  public readonly name: string;
  public readonly resourceName: string;
  public readonly gatewayScope: string;
  public readonly ports: number[];
  /** The `google_network_services_gateway` (escape hatch). */
  public readonly resource: NetworkServicesGateway;

  constructor(scope: Construct, id: string, props: GatewayProps) {
    super(scope, id);
    const identity = meshResource(this, props, 'gateways', 'gateway');
    this.project = identity.project;
    this.name = identity.name;
    this.resourceName = identity.resourceName;
    checkResourceName(this, 'gatewayScope', props.gatewayScope);
    checkNotEmpty(this, 'ports', props.ports, 'List the ports the gateway listens on, e.g. [8080]');
    checkPorts(this, 'ports', props.ports, 'List the ports the gateway listens on, e.g. [8080]');
    const allowPlaintext = props.allowPlaintext ?? false;
    checkBoolean(this, 'allowPlaintext', allowPlaintext);
    if (props.serverTlsPolicy === undefined || props.serverTlsPolicy === null) {
      if (!allowPlaintext) {
        throw invalidInput(this, 'serverTlsPolicy', 'is required', props.serverTlsPolicy,
          'Terminate TLS at the gateway with a ServerTlsPolicy (S15), or set allowPlaintext: true to accept plaintext explicitly');
      }
    } else {
      checkServerTlsPolicy(this, 'serverTlsPolicy', props.serverTlsPolicy);
    }
    this.gatewayScope = props.gatewayScope;
    this.ports = props.ports;
    this.resource = new NetworkServicesGateway(this, 'Resource', {
      project: identity.project,
      location: identity.location,
      name: identity.name,
      description: props.description,
      labels: props.labels,
      type: 'OPEN_MESH',
      scope: props.gatewayScope,
      ports: props.ports,
      serverTlsPolicy: props.serverTlsPolicy?.resourceName,
    });
    waitFor(this.resource, props.serverTlsPolicy);
    if (allowPlaintext === true && (props.serverTlsPolicy === undefined || props.serverTlsPolicy === null)) {
      markRelaxed(this.resource, 'POSTURE-MESH-GATEWAY-NO-TLS', 'Gateway allowPlaintext: true');
    }
    if (props.authorizationPolicy !== undefined && props.authorizationPolicy !== null) {
      handleUnattachableAuthorization(this, {
        description: `gateway "${props.name}"`,
        resourceType: 'google_network_services_gateway',
        resourceName: props.name,
        manualCommands: [
          `gcloud network-services gateways export ${props.name} --location=global --destination=${props.name}.yaml`,
          `echo "authorizationPolicy: ${props.authorizationPolicy.resourceName}" >> ${props.name}.yaml`,
          `gcloud network-services gateways import ${props.name} --location=global --source=${props.name}.yaml`,
        ],
      }, props.authorizationPolicy, props.authorizationEnforcedBy);
    }
  }
}

class ImportedGateway extends Construct implements IGateway {
  public readonly project: string;
  public readonly name: string;
  public readonly resourceName: string;
  public readonly gatewayScope: string;
  public readonly ports: number[];

  constructor(scope: Construct, id: string, attrs: GatewayAttributes) {
    super(scope, id);
    const identity = meshResource(this, attrs, 'gateways');
    this.project = identity.project;
    this.name = identity.name;
    this.resourceName = identity.resourceName;
    checkResourceName(this, 'gatewayScope', attrs.gatewayScope);
    checkPorts(this, 'ports', attrs.ports, 'List the gateway\'s ports, e.g. [8080]');
    this.gatewayScope = attrs.gatewayScope;
    this.ports = attrs.ports;
  }
}

export function checkGateway(scope: IConstruct, field: string, gateway: unknown): void {
  checkImplements(scope, field, gateway, 'IGateway', ['project', 'name', 'resourceName', 'gatewayScope', 'ports'],
    'Pass a Gateway, or Gateway.fromGatewayAttributes(scope, id, { name, gatewayScope, ports }) for an existing one');
}
