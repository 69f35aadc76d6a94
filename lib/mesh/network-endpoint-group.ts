import { computeZonalName } from '../core/references';

/**
 * A zonal network endpoint group that GKE creates for a Service annotated with `cloud.google.com/neg`
 * (S10). Terraform only references it: the NEG controller owns it, so the backend service that uses it
 * must be deployed after the Kubernetes stack.
 */
export class NetworkEndpointGroupRef {
  public static fromName(project: string, zone: string, name: string): NetworkEndpointGroupRef {
    return new NetworkEndpointGroupRef(project, zone, name);
  }

  private constructor(
    public readonly project: string,
    public readonly zone: string,
    public readonly name: string,
  ) {}

  /** `projects/P/zones/Z/networkEndpointGroups/NAME`, the form backend services take. */
  public get groupName(): string {
    return computeZonalName(this.project, this.zone, 'networkEndpointGroups', this.name);
  }
}
