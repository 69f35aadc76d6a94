import { NetworkServicesGateway } from '@cdktf/provider-google/lib/network-services-gateway';
import { Construct } from 'constructs';
import { waitFor } from '../core/dependencies';
import { invalidInput } from '../core/errors';
import { checkNotEmpty, checkPort, checkResourceName } from '../core/validation';
import { AuthorizationPolicy } from './authorization-policy';
import { handleUnattachableAuthorization } from './gateway-authorization';
import { meshResourceName, MeshResourceOptions } from './global-policy';
import { ServerTlsPolicy } from './server-tls-policy';

export interface GatewayProps extends MeshResourceOptions {
  /** Scope of the Envoy proxies that take this gateway's configuration, e.g. `gateway-proxy` (R3). */
  readonly scope: string;
  /** Ports the gateway proxies listen on, e.g. [8080] (R3). */
  readonly ports: number[];
  /** TLS termination at the gateway (S15); required unless allowPlaintext is set (X1). */
  readonly serverTlsPolicy?: ServerTlsPolicy;
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
  readonly authorizationPolicy?: AuthorizationPolicy;
  /**
   * The endpoint authorization policy that enforces authorizationPolicy's hosts at the backends; required
   * with authorizationPolicy.
   * @default - none
   */
  readonly authorizationEnforcedBy?: AuthorizationPolicy;
}

/**
 * A service-routing API gateway of type OPEN_MESH (R3): standalone Envoy proxies started with the
 * gateway's scope terminate TLS with the server TLS policy and route with the gateway's HTTP routes.
 */
export class Gateway extends Construct {
  public readonly name: string;
  /** `projects/P/locations/global/gateways/NAME`, the form routes reference (R4). */
  public readonly gatewayName: string;
  /** The scope Envoy gateway proxies must be bootstrapped with. */
  public readonly gatewayScope: string;
  public readonly ports: number[];
  public readonly resource: NetworkServicesGateway;

  constructor(scope: Construct, id: string, props: GatewayProps) {
    super(scope, id);
    this.gatewayName = meshResourceName(this, props, 'gateways');
    this.name = props.name;
    checkResourceName(this, 'scope', props.scope);
    checkNotEmpty(this, 'ports', props.ports, 'List the ports the gateway listens on, e.g. [8080]');
    props.ports.forEach((port, i) => checkPort(this, `ports[${i}]`, port));
    if (!props.serverTlsPolicy && !props.allowPlaintext) {
      throw invalidInput(this, 'serverTlsPolicy', 'is required', props.serverTlsPolicy,
        'Terminate TLS at the gateway with a ServerTlsPolicy (S15), or set allowPlaintext: true to accept plaintext explicitly');
    }
    this.gatewayScope = props.scope;
    this.ports = props.ports;
    this.resource = new NetworkServicesGateway(this, 'Resource', {
      project: props.project,
      location: props.location ?? 'global',
      name: props.name,
      description: props.description,
      labels: props.labels,
      type: 'OPEN_MESH',
      scope: props.scope,
      ports: props.ports,
      serverTlsPolicy: props.serverTlsPolicy?.policyName,
    });
    waitFor(this.resource, props.serverTlsPolicy);
    if (props.authorizationPolicy) {
      handleUnattachableAuthorization(this, {
        description: `gateway "${props.name}"`,
        resourceType: 'google_network_services_gateway',
        resourceName: props.name,
        manualCommands: [
          `gcloud network-services gateways export ${props.name} --location=global --destination=${props.name}.yaml`,
          `echo "authorizationPolicy: ${props.authorizationPolicy.policyName}" >> ${props.name}.yaml`,
          `gcloud network-services gateways import ${props.name} --location=global --source=${props.name}.yaml`,
        ],
      }, props.authorizationPolicy, props.authorizationEnforcedBy);
    }
  }
}
