import { ComputeHealthCheck } from '@cdktf/provider-google/lib/compute-health-check';
import { Construct } from 'constructs';
import { projectOf } from '../../core/project';
import { computeGlobalName } from '../../core/references';
import { claimUniqueName } from '../../core/unique-names';
import { checkPattern, checkPort, checkProps, checkResourceName } from '../../core/validation';

/** Properties of a {@link MeshHealthCheck}. */
export interface MeshHealthCheckProps {
  /**
   * The project the health check is created in.
   * @default - the project of the stack's Google provider
   */
  readonly project?: string;
  /** e.g. `td-gke-health-check`. */
  readonly name: string;
  /**
   * A dedicated health-check port. It must differ from the application port the sidecar intercepts,
   * or the endpoint's mTLS and authorization policies also apply to health checks and reject them (S10).
   * @default - the endpoint's serving port (`--use-serving-port`), as in the seeds
   */
  readonly port?: number;
  /**
   * HTTP path the health checkers request (`http_health_check.request_path`), e.g. `/healthz`.
   * @default '/'
   */
  readonly requestPath?: string;
}

/** The HTTP health check of mesh backend services (L1, R5). */
export class MeshHealthCheck extends Construct {
  /** The project that owns the health check. */
  public readonly project: string;
  /** The health check name, e.g. `td-gke-health-check`. */
  public readonly name: string;
  /** `projects/P/global/healthChecks/NAME`. */
  public readonly resourceName: string;
  /** The explicit health-check port; undefined when the serving port is used. */
  public readonly port?: number;
  /** The `google_compute_health_check` (escape hatch). */
  public readonly resource: ComputeHealthCheck;

  constructor(scope: Construct, id: string, props: MeshHealthCheckProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { name }, e.g. { name: "td-gke-health-check" }');
    this.project = projectOf(this, props.project);
    checkResourceName(this, 'name', props.name);
    claimUniqueName(this, 'name', 'health check', [this.project, props.name], `project ${this.project}`);
    if (props.port !== undefined) checkPort(this, 'port', props.port);
    if (props.requestPath !== undefined) {
      checkPattern(this, 'requestPath', props.requestPath, /^\/[^\s?#]*(\?[^\s#]*)?$/, 'is not an HTTP request path', 'Use a path starting with "/", e.g. "/healthz"');
    }
    this.name = props.name;
    this.port = props.port;
    this.resourceName = computeGlobalName(this.project, 'healthChecks', props.name);
    this.resource = new ComputeHealthCheck(this, 'Resource', {
      project: this.project,
      name: props.name,
      httpHealthCheck: props.port === undefined
        ? { portSpecification: 'USE_SERVING_PORT', requestPath: props.requestPath ?? '/' }
        : { portSpecification: 'USE_FIXED_PORT', port: props.port, requestPath: props.requestPath ?? '/' },
    });
  }
}
