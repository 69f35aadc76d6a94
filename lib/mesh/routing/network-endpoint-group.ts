import { IConstruct } from 'constructs';
import { ZONE } from '../../core/locations';
import { computeZonalName } from '../../core/references';
import { checkPattern, checkProjectId, checkResourceName } from '../../core/validation';

/**
 * A zonal network endpoint group that GKE creates for a Service annotated with `cloud.google.com/neg`
 * (S10). Terraform only references it: the NEG controller owns it, so the backend service that uses it
 * must be deployed after the Kubernetes stack.
 */
export class NetworkEndpointGroupRef {
  /** A NEG created outside this app. */
  public static fromName(project: string, zone: string, name: string): NetworkEndpointGroupRef {
    return new NetworkEndpointGroupRef(project, zone, name, undefined);
  }

  /**
   * A NEG that GKE creates for `producer` (the annotated Kubernetes Service): backend services using it wait
   * for the producer's stack.
   */
  public static createdBy(producer: IConstruct, project: string, zone: string, name: string): NetworkEndpointGroupRef {
    return new NetworkEndpointGroupRef(project, zone, name, producer);
  }

  private constructor(
    /** The project of the NEG, which is the GKE cluster's project. */
    public readonly project: string,
    /** The zone of the NEG; GKE creates one NEG per zone the Service's pods run in. */
    public readonly zone: string,
    /** The NEG name, e.g. `service-test-neg`. */
    public readonly name: string,
    /** The construct whose deployment makes GKE create the NEG, when known. */
    public readonly producer: IConstruct | undefined,
  ) {}

  /** `projects/P/zones/Z/networkEndpointGroups/NAME`, the form backend services take. */
  public get resourceName(): string {
    return computeZonalName(this.project, this.zone, 'networkEndpointGroups', this.name);
  }

  /** Checks the reference where a construct uses it, so the error names that construct. @internal */
  public _check(scope: IConstruct, field: string): void {
    checkProjectId(scope, `${field}.project`, this.project);
    checkPattern(scope, `${field}.zone`, this.zone, ZONE, 'is not a zone', 'NEGs are zonal; use a zone such as "us-east1-b"');
    checkResourceName(scope, `${field}.name`, this.name);
  }
}
