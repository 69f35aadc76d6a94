import { Fn, TerraformStack, Testing, Token } from 'cdktf';
import { MeshBackendService } from '../../../lib/mesh/routing/backend-service';
import { Gateway } from '../../../lib/mesh/routing/gateway';
import { MeshHealthCheck } from '../../../lib/mesh/routing/health-check';
import { HttpRoute, HttpRouteProps } from '../../../lib/mesh/routing/http-route';
import { Mesh } from '../../../lib/mesh/routing/mesh';
import { NetworkEndpointGroupRef } from '../../../lib/mesh/routing/network-endpoint-group';
import { ClientValidation, ServerTlsPolicy } from '../../../lib/mesh/policy/server-tls-policy';
import { addressOf } from '../../gke/fixtures';
import { googleStack, onlyResource, StackJson, synth } from '../../helpers/synth';

const HTTP_ROUTE = 'google_network_services_http_route';


/** R5's td-gke-service (plaintext here: the route only needs its name). */
function tdGkeService(stack: TerraformStack): MeshBackendService {
  return new MeshBackendService(stack, 'Backend', {
    project: 'my-project-id',
    name: 'td-gke-service',
    healthCheck: new MeshHealthCheck(stack, 'HealthCheck', { project: 'my-project-id', name: 'td-gke-health-check' }),
    networkEndpointGroups: [NetworkEndpointGroupRef.fromName('my-project-id', 'us-east1-b', 'service-test-neg')],
    allowPlaintext: true,
  });
}

function sidecarMesh(stack: TerraformStack): Mesh {
  return new Mesh(stack, 'Mesh', { project: 'my-project-id', name: 'sidecar-mesh' });
}

function tdGkeGateway(stack: TerraformStack): Gateway {
  return new Gateway(stack, 'Gateway', {
    project: 'my-project-id',
    name: 'td-gke-gateway',
    gatewayScope: 'gateway-proxy',
    ports: [8080],
    serverTlsPolicy: new ServerTlsPolicy(stack, 'ServerTls', {
      project: 'my-project-id', name: 'server-tls-policy', clientValidation: ClientValidation.none(),
    }),
  });
}

/** R2's helloworld-http-route: service-test on sidecar-mesh → td-gke-service. */
function helloworldRoute(stack: TerraformStack, props: Partial<HttpRouteProps> = {}): HttpRoute {
  return new HttpRoute(stack, 'Route', {
    project: 'my-project-id',
    name: 'helloworld-http-route',
    hostnames: ['service-test'],
    meshes: [sidecarMesh(stack)],
    destination: tdGkeService(stack),
    ...props,
  });
}

function routeOf(json: StackJson): Record<string, unknown> {
  return onlyResource(json, HTTP_ROUTE);
}

describe('HttpRoute', () => {
  describe('R2: the seeds\' helloworld-http-route (http_route.yaml)', () => {
    let json: StackJson;
    let route: HttpRoute;
    beforeAll(() => {
      const stack = googleStack();
      route = helloworldRoute(stack);
      json = synth(stack);
    });

    it('R2: helloworld-http-route serves hostname service-test', () => {
      expect(routeOf(json)).toMatchObject({ name: 'helloworld-http-route', project: 'my-project-id', hostnames: ['service-test'] });
    });

    it('R2: it is attached to projects/my-project-id/locations/global/meshes/sidecar-mesh and no gateway', () => {
      expect(routeOf(json).meshes).toEqual(['projects/my-project-id/locations/global/meshes/sidecar-mesh']);
      expect(routeOf(json)).not.toHaveProperty('gateways');
    });

    it('R2: every request goes to projects/my-project-id/locations/global/backendServices/td-gke-service', () => {
      expect(routeOf(json).rules).toEqual([{
        action: { destinations: [{ service_name: 'projects/my-project-id/locations/global/backendServices/td-gke-service' }] },
      }]);
    });

    it('S17: the route depends on the mesh and the backend service', () => {
      expect(routeOf(json).depends_on).toEqual([
        addressOf(json, 'google_network_services_mesh'),
        addressOf(json, 'google_compute_backend_service'),
      ]);
    });

    it('R2: exposes its name and the google_network_services_http_route', () => {
      expect(route.name).toBe('helloworld-http-route');
      expect(route.resource.terraformResourceType).toBe(HTTP_ROUTE);
    });
  });

  describe('R4: the seeds\' td-gke-route (td-gke-route.yaml)', () => {
    let json: StackJson;
    beforeAll(() => {
      const stack = googleStack();
      new HttpRoute(stack, 'Route', {
        project: 'my-project-id',
        name: 'td-gke-route',
        hostnames: ['mesh-gateway'],
        gateways: [tdGkeGateway(stack)],
        destination: tdGkeService(stack),
      });
      json = synth(stack);
    });

    it('R4: td-gke-route serves hostname mesh-gateway', () => {
      expect(routeOf(json)).toMatchObject({ name: 'td-gke-route', hostnames: ['mesh-gateway'] });
    });

    it('R4: it is attached to projects/my-project-id/locations/global/gateways/td-gke-gateway and no mesh', () => {
      expect(routeOf(json).gateways).toEqual(['projects/my-project-id/locations/global/gateways/td-gke-gateway']);
      expect(routeOf(json)).not.toHaveProperty('meshes');
    });

    it('R4: every request goes to projects/my-project-id/locations/global/backendServices/td-gke-service', () => {
      expect(routeOf(json).rules).toEqual([{
        action: { destinations: [{ service_name: 'projects/my-project-id/locations/global/backendServices/td-gke-service' }] },
      }]);
    });
  });

  it('R2/R4: a route on both a mesh and a gateway lists both', () => {
    const stack = googleStack();
    helloworldRoute(stack, { hostnames: ['service-test', 'mesh-gateway'], gateways: [tdGkeGateway(stack)] });
    expect(routeOf(synth(stack))).toMatchObject({
      hostnames: ['service-test', 'mesh-gateway'],
      meshes: ['projects/my-project-id/locations/global/meshes/sidecar-mesh'],
      gateways: ['projects/my-project-id/locations/global/gateways/td-gke-gateway'],
    });
  });

  it('R2/S17: a mesh and backend service in another stack make a stack dependency, not a remote state', () => {
    const app = Testing.app();
    const shared = googleStack(new TerraformStack(app, 'shared'));
    const routes = googleStack(new TerraformStack(app, 'routes'));
    new HttpRoute(routes, 'Route', {
      project: 'my-project-id',
      name: 'helloworld-http-route',
      hostnames: ['service-test'],
      meshes: [sidecarMesh(shared)],
      destination: tdGkeService(shared),
    });
    const json = synth(routes);
    expect(routes.dependencies).toEqual([shared]);
    expect(routeOf(json)).not.toHaveProperty('depends_on');
    expect(JSON.stringify(json)).not.toContain('terraform_remote_state');
  });

  describe('X2: bad input', () => {
    it('R2/R4/X2: a route on neither a mesh nor a gateway is rejected', () => {
      const stack = googleStack();
      expect(() => helloworldRoute(stack, { meshes: [], gateways: [] })).toThrow(new Error(
        'test/Route: meshes and gateways are both empty (got []). ' +
        'Attach the route to a Mesh (sidecars, R2) or a Gateway (ingress, R4); a route on neither is never used.'));
    });

    it('R2/X2: no hostnames is rejected', () => {
      const stack = googleStack();
      expect(() => helloworldRoute(stack, { hostnames: [] })).toThrow(new Error(
        'test/Route: hostnames must not be empty (got []). List the host names the route serves, e.g. ["service-test"].'));
    });

    it('R2/X2: a location other than global is rejected', () => {
      const stack = googleStack();
      expect(() => helloworldRoute(stack, { location: 'us-east1' })).toThrow(new Error(
        'test/Route: location must be "global" for Cloud Service Mesh (got "us-east1"). ' +
        'Traffic Director only reads service-security and routing resources from the global location; remove the location or set it to "global".'));
    });

    it('R2/X2: a name that is not a resource name is rejected', () => {
      const stack = googleStack();
      expect(() => helloworldRoute(stack, { name: 'helloworld_http_route' })).toThrow(new Error(
        'test/Route: name is not a valid Google Cloud resource name (got "helloworld_http_route"). ' +
        'Use 1-63 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.'));
    });
  });

  it('X5: unresolved name, location and hostnames are not rejected', () => {
    const stack = googleStack();
    helloworldRoute(stack, {
      name: Token.asString(Fn.lower('HELLOWORLD-HTTP-ROUTE')),
      location: Token.asString(Fn.lower('GLOBAL')),
      hostnames: [Token.asString(Fn.lower('SERVICE-TEST'))],
    });
    expect(routeOf(synth(stack))).toMatchObject({ name: '${lower("HELLOWORLD-HTTP-ROUTE")}', hostnames: ['${lower("SERVICE-TEST")}'] });
  });
});
