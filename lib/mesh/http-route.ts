import { NetworkServicesHttpRoute } from '@cdktf/provider-google/lib/network-services-http-route';
import { Construct } from 'constructs';
import { waitFor } from '../core/dependencies';
import { invalidInput } from '../core/errors';
import { locationalName } from '../core/references';
import { checkNotEmpty } from '../core/validation';
import { MeshBackendService } from './backend-service';
import { Gateway } from './gateway';
import { meshResourceName, MeshResourceOptions } from './global-policy';
import { Mesh } from './mesh';

export interface HttpRouteProps extends MeshResourceOptions {
  /** Hosts the route serves, e.g. `service-test` (R2) or `mesh-gateway` (R4). */
  readonly hostnames: string[];
  /** Meshes whose sidecars use the route (R2). @default - none */
  readonly meshes?: Mesh[];
  /** Gateways that use the route (R4). @default - none */
  readonly gateways?: Gateway[];
  /** Backend service receiving every request. */
  readonly destination: MeshBackendService;
}

/** A service-routing API HTTP route (R2, R4): hostnames of a mesh or gateway routed to a backend service. */
export class HttpRoute extends Construct {
  public readonly name: string;
  public readonly resource: NetworkServicesHttpRoute;

  constructor(scope: Construct, id: string, props: HttpRouteProps) {
    super(scope, id);
    meshResourceName(this, props, 'httpRoutes');
    this.name = props.name;
    checkNotEmpty(this, 'hostnames', props.hostnames, 'List the host names the route serves, e.g. ["service-test"]');
    const meshes = props.meshes ?? [];
    const gateways = props.gateways ?? [];
    if (meshes.length === 0 && gateways.length === 0) {
      throw invalidInput(this, 'meshes', 'and gateways are both empty', [],
        'Attach the route to a Mesh (sidecars, R2) or a Gateway (ingress, R4); a route on neither is never used');
    }
    this.resource = new NetworkServicesHttpRoute(this, 'Resource', {
      project: props.project,
      name: props.name,
      description: props.description,
      labels: props.labels,
      hostnames: props.hostnames,
      meshes: meshes.length > 0 ? meshes.map((m) => m.meshName) : undefined,
      gateways: gateways.length > 0 ? gateways.map((g) => g.gatewayName) : undefined,
      rules: [{
        action: {
          destinations: [{
            serviceName: locationalName(props.destination.project, 'global', 'backendServices', props.destination.name),
          }],
        },
      }],
    });
    for (const dependency of [...meshes, ...gateways, props.destination]) waitFor(this.resource, dependency);
  }
}
