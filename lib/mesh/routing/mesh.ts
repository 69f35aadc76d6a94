import { NetworkServicesMesh } from '@cdktf/provider-google/lib/network-services-mesh';
import { Construct, IConstruct } from 'constructs';
import { checkPort } from '../../core/validation';
import { meshResource, MeshResourceAttributes, MeshResourceOptions } from '../policy/mesh-resource';
import { HttpRoute, HttpRouteOptions } from './http-route';

/** A service-routing API mesh, created by this app or adopted. */
export interface IMesh extends IConstruct {
  /** The project that owns the mesh. */
  readonly project: string;
  /** The mesh name, e.g. `sidecar-mesh`; sidecars are bootstrapped with it (S9). */
  readonly name: string;
  /** `projects/P/locations/global/meshes/NAME`, the form routes reference (R2). */
  readonly resourceName: string;
  /** Port the sidecars intercept outbound traffic on (R1). */
  readonly interceptionPort: number;
}

/** Attributes of an existing mesh, for {@link Mesh.fromMeshAttributes}. */
export interface MeshAttributes extends MeshResourceAttributes {
  /**
   * Port the existing mesh's sidecars intercept outbound traffic on.
   * @default 15001
   */
  readonly interceptionPort?: number;
}

/** Properties of a {@link Mesh}. */
export interface MeshProps extends MeshResourceOptions {
  /** Port the sidecars intercept outbound traffic on. @default 15001 (R1) */
  readonly interceptionPort?: number;
}

/**
 * A service-routing API mesh (R1): the scope that sidecars (configured with the mesh name) and HTTP
 * routes share.
 *
 * @example
 * const sidecarMesh = new mesh.Mesh(stack, 'Mesh', { name: 'sidecar-mesh' });
 * sidecarMesh.addHttpRoute('Route', {
 *   name: 'helloworld-http-route',
 *   hostnames: ['service-test'],
 *   destination: backend,
 * });
 */
export class Mesh extends Construct implements IMesh {
  /** Adopts an existing mesh, e.g. one a central team runs, to add routes or sidecars to it. */
  public static fromMeshAttributes(scope: Construct, id: string, attrs: MeshAttributes): IMesh {
    return new ImportedMesh(scope, id, attrs);
  }

  public readonly project: string;
  public readonly name: string;
  public readonly resourceName: string;
  public readonly interceptionPort: number;
  /** The `google_network_services_mesh` (escape hatch). */
  public readonly resource: NetworkServicesMesh;

  constructor(scope: Construct, id: string, props: MeshProps) {
    super(scope, id);
    const identity = meshResource(this, props, 'meshes', 'mesh');
    this.project = identity.project;
    this.name = identity.name;
    this.resourceName = identity.resourceName;
    this.interceptionPort = props.interceptionPort ?? 15001;
    checkPort(this, 'interceptionPort', this.interceptionPort);
    this.resource = new NetworkServicesMesh(this, 'Resource', {
      project: identity.project,
      location: identity.location,
      name: identity.name,
      description: props.description,
      labels: props.labels,
      interceptionPort: this.interceptionPort,
    });
  }

  /** Routes hosts of this mesh to a backend service (R2); the route is a child of the mesh. */
  public addHttpRoute(id: string, options: HttpRouteOptions): HttpRoute {
    return new HttpRoute(this, id, { ...options, meshes: [this] });
  }
}

class ImportedMesh extends Construct implements IMesh {
  public readonly project: string;
  public readonly name: string;
  public readonly resourceName: string;
  public readonly interceptionPort: number;

  constructor(scope: Construct, id: string, attrs: MeshAttributes) {
    super(scope, id);
    const identity = meshResource(this, attrs, 'meshes');
    this.project = identity.project;
    this.name = identity.name;
    this.resourceName = identity.resourceName;
    this.interceptionPort = attrs.interceptionPort ?? 15001;
    checkPort(this, 'interceptionPort', this.interceptionPort);
  }
}
