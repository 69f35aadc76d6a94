import { ComputeHealthCheck } from '@cdktf/provider-google/lib/compute-health-check';
import { Construct } from 'constructs';
import { computeGlobalName } from '../core/references';
import { checkPort, checkProjectId, checkResourceName } from '../core/validation';

export interface MeshHealthCheckProps {
  readonly project: string;
  /** e.g. `td-gke-health-check`. */
  readonly name: string;
  /**
   * A dedicated health-check port. It must differ from the application port the sidecar intercepts,
   * or the endpoint's mTLS and authorization policies also apply to health checks and reject them (S10).
   * @default - the endpoint's serving port (`--use-serving-port`), as in the seeds
   */
  readonly port?: number;
  /** @default '/' */
  readonly requestPath?: string;
}

/** The HTTP health check of mesh backend services (L1, R5). */
export class MeshHealthCheck extends Construct {
  public readonly name: string;
  /** `projects/P/global/healthChecks/NAME`. */
  public readonly healthCheckName: string;
  /** The explicit health-check port; undefined when the serving port is used. */
  public readonly port?: number;
  public readonly resource: ComputeHealthCheck;

  constructor(scope: Construct, id: string, props: MeshHealthCheckProps) {
    super(scope, id);
    checkProjectId(this, 'project', props.project);
    checkResourceName(this, 'name', props.name);
    if (props.port !== undefined) checkPort(this, 'port', props.port);
    this.name = props.name;
    this.port = props.port;
    this.healthCheckName = computeGlobalName(props.project, 'healthChecks', props.name);
    this.resource = new ComputeHealthCheck(this, 'Resource', {
      project: props.project,
      name: props.name,
      httpHealthCheck: props.port === undefined
        ? { portSpecification: 'USE_SERVING_PORT', requestPath: props.requestPath ?? '/' }
        : { portSpecification: 'USE_FIXED_PORT', port: props.port, requestPath: props.requestPath ?? '/' },
    });
  }
}
