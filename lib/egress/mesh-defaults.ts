import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import type { PeerAuthentication } from '../../.gen/security.istio.io/v1';
import type { Telemetry, TelemetrySpecAccessLoggingProviders } from '../../.gen/telemetry.istio.io/v1';
import { claimUniqueName } from '../core/unique-names';
import { checkBoolean, checkKubernetesLabelName, checkProps } from '../core/validation';
import { ISTIO_SYSTEM } from './egress-conventions';
import { istioObject } from './istio-object';

/** Props of {@link MeshDefaults}. */
export interface MeshDefaultsProps {
  /** The mesh's root namespace, whose policies apply to every namespace. @default 'istio-system' */
  readonly rootNamespace?: string;

  /**
   * Keep Cloud Service Mesh's traffic logs (provider `stackdriver`, sent to Cloud Logging and shown on the Cloud
   * Service Mesh pages) next to the Envoy access logs.
   * @default true
   */
  readonly trafficLogs?: boolean;
}

/**
 * Mesh-wide defaults in the root namespace:
 *
 * - `PeerAuthentication` `default` with mTLS `STRICT`: no workload accepts plaintext from another (X1; the companion
 *   tutorial's first step). The egress gateway's own servers are governed by its Gateway, not by this.
 * - `Telemetry` `mesh-default` with Envoy access logs on (E16). Managed Cloud Service Mesh takes no `meshConfig`
 *   from the user for `accessLogFile: /dev/stdout`; its documented way ("Request proxy logs") is a Telemetry resource
 *   in `istio-system` with the `envoy` provider, which writes the same access log to each proxy's stdout. Traffic
 *   logs (`stackdriver`) stay on unless `trafficLogs: false`.
 *
 * The root namespace exists once the control plane is provisioned (managed Cloud Service Mesh creates it).
 */
export class MeshDefaults extends Construct {
  /** The mesh's root namespace, e.g. `istio-system`. */
  public readonly rootNamespace: string;
  /** The mesh-wide `PeerAuthentication` (STRICT). */
  public readonly peerAuthentication: Manifest;
  /** The mesh-wide `Telemetry` with the access log providers (E16). */
  public readonly telemetry: Manifest;

  constructor(scope: Construct, id: string, props: MeshDefaultsProps = {}) {
    super(scope, id);
    if (props !== undefined && props !== null) checkProps(this, props, 'Pass { rootNamespace, trafficLogs }, or nothing for the defaults');
    const options = props ?? {};
    this.rootNamespace = options.rootNamespace ?? ISTIO_SYSTEM;
    checkKubernetesLabelName(this, 'rootNamespace', this.rootNamespace);
    const trafficLogs = options.trafficLogs ?? true;
    checkBoolean(this, 'trafficLogs', trafficLogs);
    const stack = TerraformStack.of(this).node.path;
    claimUniqueName(this, 'id', 'set of mesh defaults', [stack, this.rootNamespace], `the root namespace of the cluster of stack ${stack}`);

    this.peerAuthentication = istioObject<PeerAuthentication>(this, 'PeerAuthentication', {
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: 'default', namespace: this.rootNamespace },
    }, () => ({ mtls: { mode: 'STRICT' } }));

    const providers: TelemetrySpecAccessLoggingProviders[] = [{ name: 'envoy' }, ...(trafficLogs ? [{ name: 'stackdriver' }] : [])];
    this.telemetry = istioObject<Telemetry>(this, 'Telemetry', {
      apiVersion: 'telemetry.istio.io/v1',
      kind: 'Telemetry',
      metadata: { name: 'mesh-default', namespace: this.rootNamespace },
    }, () => ({ accessLogging: [{ providers }] }));
  }
}
