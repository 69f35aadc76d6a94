import { NetworkServicesMesh } from '@cdktf/provider-google/lib/network-services-mesh';
import { Construct } from 'constructs';
import { checkPort } from '../core/validation';
import { meshResourceName, MeshResourceOptions } from './global-policy';

export interface MeshProps extends MeshResourceOptions {
  /** Port the sidecars intercept outbound traffic on. @default 15001 (R1) */
  readonly interceptionPort?: number;
}

/**
 * A service-routing API mesh (R1): the scope that sidecars (configured with the mesh name) and HTTP
 * routes share.
 */
export class Mesh extends Construct {
  public readonly name: string;
  /** `projects/P/locations/global/meshes/NAME`, the form routes reference (R2). */
  public readonly meshName: string;
  public readonly interceptionPort: number;
  public readonly resource: NetworkServicesMesh;

  constructor(scope: Construct, id: string, props: MeshProps) {
    super(scope, id);
    this.meshName = meshResourceName(this, props, 'meshes');
    this.name = props.name;
    this.interceptionPort = props.interceptionPort ?? 15001;
    checkPort(this, 'interceptionPort', this.interceptionPort);
    this.resource = new NetworkServicesMesh(this, 'Resource', {
      project: props.project,
      location: props.location ?? 'global',
      name: props.name,
      description: props.description,
      labels: props.labels,
      interceptionPort: this.interceptionPort,
    });
  }
}
