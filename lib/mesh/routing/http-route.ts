import { NetworkServicesHttpRoute } from '@cdktf/provider-google/lib/network-services-http-route';
import { Construct, IConstruct } from 'constructs';
import { waitFor } from '../../core/dependencies';
import { invalidInput } from '../../core/errors';
import { checkWildcardHostName } from '../../core/hosts';
import { claimUniqueName } from '../../core/unique-names';
import { checkImplements, checkList, checkNotEmpty, isUnresolved } from '../../core/validation';
import { meshResource, MeshResourceOptions } from '../policy/mesh-resource';
import { checkBackendService, IMeshBackendService } from './backend-service';
import { checkGateway, IGateway } from './gateway';
import type { IMesh } from './mesh';

/** An HTTP route as {@link Mesh.addHttpRoute} takes it: everything but the meshes. */
export interface HttpRouteOptions extends MeshResourceOptions {
  /** Hosts the route serves, e.g. `service-test` (R2) or `mesh-gateway` (R4); `*.example.com` wildcards allowed. */
  readonly hostnames: string[];
  /** Gateways that use the route (R4). @default - none */
  readonly gateways?: IGateway[];
  /** Backend service receiving every request. */
  readonly destination: IMeshBackendService;
}

/** Properties of an {@link HttpRoute}. */
export interface HttpRouteProps extends HttpRouteOptions {
  /** Meshes whose sidecars use the route (R2). @default - none */
  readonly meshes?: IMesh[];
}

/** A service-routing API HTTP route (R2, R4): hostnames of a mesh or gateway routed to a backend service. */
export class HttpRoute extends Construct {
  /** The project that owns the route. */
  public readonly project: string;
  /** The route name, e.g. `helloworld-http-route`. */
  public readonly name: string;
  /** `projects/P/locations/global/httpRoutes/NAME`. */
  public readonly resourceName: string;
  /** The `google_network_services_http_route` (escape hatch). */
  public readonly resource: NetworkServicesHttpRoute;

  constructor(scope: Construct, id: string, props: HttpRouteProps) {
    super(scope, id);
    const identity = meshResource(this, props, 'httpRoutes', 'HTTP route');
    this.project = identity.project;
    this.name = identity.name;
    this.resourceName = identity.resourceName;
    checkNotEmpty(this, 'hostnames', props.hostnames, 'List the host names the route serves, e.g. ["service-test"]');
    if (!isUnresolved(props.hostnames)) props.hostnames.forEach((host, i) => checkWildcardHostName(this, `hostnames[${i}]`, host));
    const meshes = props.meshes ?? [];
    const gateways = props.gateways ?? [];
    checkList(this, 'meshes', meshes, 'List the meshes whose sidecars use the route, e.g. [mesh]');
    checkList(this, 'gateways', gateways, 'List the gateways that use the route, e.g. [gateway]');
    meshes.forEach((mesh, i) => checkMesh(this, `meshes[${i}]`, mesh));
    gateways.forEach((gateway, i) => checkGateway(this, `gateways[${i}]`, gateway));
    if (meshes.length === 0 && gateways.length === 0) {
      throw invalidInput(this, 'meshes', 'and gateways are both empty', [],
        'Attach the route to a Mesh (sidecars, R2) or a Gateway (ingress, R4); a route on neither is never used');
    }
    checkBackendService(this, 'destination', props.destination);
    // Traffic Director refuses two routes for one host on the same mesh or gateway.
    if (!isUnresolved(props.hostnames)) {
      props.hostnames.forEach((host, i) => {
        for (const parent of [...meshes, ...gateways]) {
          claimUniqueName(this, `hostnames[${i}]`, 'route for host', [parent.resourceName, host], `${parent.resourceName}`);
        }
      });
    }
    this.resource = new NetworkServicesHttpRoute(this, 'Resource', {
      project: identity.project,
      name: identity.name,
      description: props.description,
      labels: props.labels,
      hostnames: props.hostnames,
      meshes: meshes.length > 0 ? meshes.map((m) => m.resourceName) : undefined,
      gateways: gateways.length > 0 ? gateways.map((g) => g.resourceName) : undefined,
      rules: [{ action: { destinations: [{ serviceName: props.destination.routeDestinationName }] } }],
    });
    for (const dependency of [...meshes, ...gateways, props.destination]) waitFor(this.resource, dependency);
  }
}

function checkMesh(scope: IConstruct, field: string, mesh: unknown): void {
  checkImplements(scope, field, mesh, 'IMesh', ['project', 'name', 'resourceName', 'interceptionPort'],
    'Pass a Mesh, or Mesh.fromMeshAttributes(scope, id, { name }) for an existing one');
}
