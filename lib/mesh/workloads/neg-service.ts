import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { Construct } from 'constructs';
import { invalidInput } from '../../core/errors';
import { checkZoneInRegion, isZone } from '../../core/locations';
import {
  checkImplements, checkInstance, checkKnownList, checkKubernetesServiceName, checkList, checkNotEmpty, checkPort, checkProps, checkResourceName, checkString, isUnresolved,
} from '../../core/validation';
import { warn } from '../../core/warnings';
import { kubernetesNumber } from '../../kubernetes/values';
import { MeshHealthCheck } from '../routing/health-check';
import { NetworkEndpointGroupRef } from '../routing/network-endpoint-group';
import { claimUniqueName } from '../../core/unique-names';
import { claimKubernetesName } from './workload-namespace';
import { IWorkloadSelector } from './workload-selector';

/** How {@link MeshWorkload.exposeViaNegService} exposes a workload. */
export interface NegServiceOptions {
  /** Kubernetes Service name, also the mesh host name clients call, e.g. `service-test`. */
  readonly serviceName: string;

  /** Service port, e.g. 80. */
  readonly port: number;

  /** Name of the standalone NEG GKE creates for the port, e.g. `service-test-neg`. */
  readonly negName: string;

  /**
   * Pod port the Service forwards to.
   * @default - the workload's containerPort
   */
  readonly targetPort?: number;

  /**
   * Name of the Service port (an IANA service name: at most 15 characters).
   * @default - the service name, as in the seed
   */
  readonly portName?: string;

  /**
   * The health check of the backend service that uses the NEG. Its port must not be one the sidecar
   * intercepts, or the endpoint's mTLS and authorization policies reject the health checks (S10).
   * @default - none checked
   */
  readonly healthCheck?: MeshHealthCheck;

  /**
   * Zones of the NEGs (GKE creates one per zone the pods run in).
   * @default - the cluster's zone; required for a regional cluster
   */
  readonly zones?: string[];
}

/** Properties of a {@link NegService}. */
export interface NegServiceProps extends NegServiceOptions {
  /** The pods behind the Service, e.g. a {@link MeshWorkload}. */
  readonly workload: IWorkloadSelector;
}

/** Service port names are IANA service names (Kubernetes `IsValidPortName`). */
const IANA_SERVICE_NAME = /^(?=.{1,15}$)(?=.*[a-z])[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * A Kubernetes Service whose port GKE exposes as a named standalone zonal NEG (`cloud.google.com/neg`, S10):
 * the backend that Cloud Service Mesh backend services point at.
 */
export class NegService extends Construct {
  /** The Kubernetes Service name, also the mesh host name clients call. */
  public readonly serviceName: string;
  /** Name of the standalone NEGs GKE creates for the port. */
  public readonly negName: string;
  /** The Service port exposed through the NEGs. */
  public readonly port: number;
  /** The pod port the Service forwards to. */
  public readonly targetPort: number;
  /** The NEGs GKE creates, one per zone, for backend services (L2). */
  public readonly networkEndpointGroups: NetworkEndpointGroupRef[];
  /** The `kubernetes_service_v1` (escape hatch). */
  public readonly resource: ServiceV1;

  constructor(scope: Construct, id: string, props: NegServiceProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { workload, serviceName, port, negName }');
    const { workload } = props;
    checkImplements(this, 'workload', workload, 'IWorkloadSelector', ['cluster', 'namespace', 'podLabels', 'inboundPorts'],
      'Pass the workload behind the Service, e.g. a MeshWorkload (or call workload.exposeViaNegService(...))');
    checkKubernetesServiceName(this, 'serviceName', props.serviceName);
    checkResourceName(this, 'negName', props.negName);
    claimKubernetesName(this, 'serviceName', 'Service', workload.namespace, props.serviceName);
    checkPort(this, 'port', props.port);
    const targetPort = props.targetPort ?? workload.containerPort;
    if (targetPort === undefined) {
      throw invalidInput(this, 'targetPort', 'is required', targetPort,
        `Workload ${workload.node.path} has no containerPort; set targetPort to the port the pods serve on, e.g. 8000`);
    }
    checkPort(this, 'targetPort', targetPort);
    const portName = props.portName ?? props.serviceName;
    checkString(this, 'portName', portName, 'Name the Service port with an IANA service name, e.g. "http"');
    if (!isUnresolved(portName) && !IANA_SERVICE_NAME.test(portName)) {
      throw invalidInput(this, props.portName === undefined ? 'serviceName' : 'portName', 'is not a valid Service port name', portName,
        'Port names are IANA service names: at most 15 lowercase letters, digits and single hyphens; set portName, e.g. "http"');
    }
    if (props.healthCheck !== undefined) {
      checkInstance(this, 'healthCheck', props.healthCheck, MeshHealthCheck, 'Pass the MeshHealthCheck of the backend service that uses the NEG');
    }
    checkHealthCheckPort(this, props.healthCheck, targetPort, workload.inboundPorts);

    this.serviceName = props.serviceName;
    this.negName = props.negName;
    this.port = props.port;
    this.targetPort = targetPort;
    const zones = props.zones ?? defaultZones(this, workload);
    checkKnownList(this, 'zones', zones, 'GKE creates one NEG per zone and the backend service names each of them');
    checkNotEmpty(this, 'zones', zones, `List the zones of cluster "${workload.cluster.name}" that run the pods`);
    if (checkList(this, 'zones', zones, 'List zones such as ["us-east1-b"]')) {
      zones.forEach((zone, i) => checkZoneInRegion(this, `zones[${i}]`, zone, workload.cluster.region));
    }
    if (!isUnresolved(zones)) {
      for (const zone of zones) {
        claimUniqueName(this, 'negName', 'network endpoint group', [workload.cluster.project, zone, props.negName], `project ${workload.cluster.project}, zone ${zone}`);
      }
    }
    this.networkEndpointGroups = zones.map((zone) => NetworkEndpointGroupRef.createdBy(this, workload.cluster.project, zone, props.negName));

    this.resource = new ServiceV1(this, 'Resource', {
      metadata: {
        name: props.serviceName,
        namespace: workload.namespace,
        annotations: {
          // Seed 000's exact form; GKE's NEG controller reads it as JSON.
          'cloud.google.com/neg': `{"exposed_ports": {"${kubernetesNumber(props.port)}":{"name": ${JSON.stringify(props.negName)}}}}`,
        },
      },
      spec: {
        type: 'ClusterIP',
        selector: workload.podLabels,
        port: [{ name: portName, port: props.port, targetPort: kubernetesNumber(targetPort), protocol: 'TCP' }],
      },
    });
  }
}

/**
 * S10: health checks to a port the sidecar intercepts get the endpoint's mTLS and authorization policies, are
 * rejected, and mark healthy servers unhealthy.
 */
function checkHealthCheckPort(scope: Construct, healthCheck: MeshHealthCheck | undefined, targetPort: number, inboundPorts: readonly number[]): void {
  if (!healthCheck || isUnresolved(targetPort)) return;
  const port = healthCheck.port;
  if (port !== undefined) {
    if (isUnresolved(port) || (port !== targetPort && !inboundPorts.includes(port))) return;
    const problem = port === targetPort ? 'equals the application port (targetPort)' : 'is an inbound port the sidecar intercepts';
    throw invalidInput(scope, 'healthCheck.port', `${problem} (health check "${healthCheck.name}")`, port,
      'The endpoint\'s mTLS and authorization policies would apply to the health checks, reject them and mark the server unhealthy (S10); ' +
      'serve health checks on a different, unintercepted port and set it on the MeshHealthCheck');
  }
  if (inboundPorts.includes(targetPort)) {
    warn(scope, `Health check "${healthCheck.name}" uses the serving port ${targetPort}, which the sidecar intercepts: ` +
      'once the endpoint requires mTLS or authorization, the health checks are rejected and the server is marked unhealthy (S10). ' +
      'Give the MeshHealthCheck a dedicated port that is not in inboundPorts.');
  }
}

function defaultZones(scope: Construct, workload: IWorkloadSelector): string[] {
  const { location, name } = workload.cluster;
  if (isZone(location)) return [location];
  throw invalidInput(scope, 'zones', `is required for regional cluster "${name}"`, undefined,
    `List the zones of ${location} that run the pods, e.g. ["${location}-b", "${location}-c"]; GKE creates one NEG per zone`);
}

