import { NetworkServicesEndpointPolicy } from '@cdktf/provider-google/lib/network-services-endpoint-policy';
import { Annotations } from 'cdktf';
import { Construct } from 'constructs';
import { waitFor } from '../core/dependencies';
import { invalidInput } from '../core/errors';
import { checkPort, isUnresolved } from '../core/validation';
import { AuthorizationPolicy } from './authorization-policy';
import { ClientTlsPolicy } from './client-tls-policy';
import { meshResourceName, MeshResourceOptions } from './global-policy';
import { ServerTlsPolicy } from './server-tls-policy';

/** Which proxies an endpoint policy configures. */
export enum EndpointPolicyType {
  /** Envoy sidecars (S12). */
  SIDECAR_PROXY = 'SIDECAR_PROXY',
  /** Proxyless gRPC servers. */
  GRPC_SERVER = 'GRPC_SERVER',
}

/** How the endpoint's metadata labels are matched. */
export enum MetadataLabelMatchCriteria {
  /** Every label must match (S12). */
  MATCH_ALL = 'MATCH_ALL',
  /** Any one label must match. */
  MATCH_ANY = 'MATCH_ANY',
}

export interface EndpointPolicyProps extends MeshResourceOptions {
  /** @default EndpointPolicyType.SIDECAR_PROXY */
  readonly type?: EndpointPolicyType;
  /**
   * Labels the endpoints' proxy metadata must carry, e.g. `{ app: 'payments' }` from the pods'
   * `cloud.google.com/proxyMetadata` (S10, S12). At least one.
   */
  readonly matchLabels: { [name: string]: string };
  /** @default MetadataLabelMatchCriteria.MATCH_ALL */
  readonly matchCriteria?: MetadataLabelMatchCriteria;
  /** Only traffic to these ports is affected. @default - every port */
  readonly ports?: number[];
  /** Inbound TLS or mTLS of the matched endpoints (S12). @default - plaintext; a warning is reported */
  readonly serverTlsPolicy?: ServerTlsPolicy;
  /** Authorization of inbound requests (S13). @default - every authenticated peer is allowed */
  readonly authorizationPolicy?: AuthorizationPolicy;
  /** TLS of the endpoints' own outbound calls. @default - none */
  readonly clientTlsPolicy?: ClientTlsPolicy;
}

/**
 * An endpoint policy (S12, S13): applies a server TLS policy and an authorization policy to the inbound
 * traffic of the proxies whose metadata labels match — the seeds' `ep` for pods labelled `app=payments`.
 */
export class EndpointPolicy extends Construct {
  public readonly name: string;
  /** `projects/P/locations/global/endpointPolicies/NAME`. */
  public readonly endpointPolicyName: string;
  public readonly resource: NetworkServicesEndpointPolicy;

  constructor(scope: Construct, id: string, props: EndpointPolicyProps) {
    super(scope, id);
    this.endpointPolicyName = meshResourceName(this, props, 'endpointPolicies');
    this.name = props.name;
    const labels = Object.entries(props.matchLabels);
    if (!isUnresolved(props.matchLabels) && labels.length === 0) {
      throw invalidInput(this, 'matchLabels', 'must name at least one label', props.matchLabels,
        'Match the workloads\' proxy metadata, e.g. matchLabels: { app: "payments" } for pods annotated cloud.google.com/proxyMetadata: \'{"app": "payments"}\'');
    }
    props.ports?.forEach((port, i) => checkPort(this, `ports[${i}]`, port));
    if (!props.serverTlsPolicy) {
      Annotations.of(this).addWarning(`Endpoint policy "${props.name}" has no server TLS policy: matched endpoints accept plaintext (X1). ` +
        'Set serverTlsPolicy to a ServerTlsPolicy with ClientValidation.mutualTls() (S12).');
    }

    this.resource = new NetworkServicesEndpointPolicy(this, 'Resource', {
      project: props.project,
      name: props.name,
      description: props.description,
      labels: props.labels,
      type: props.type ?? EndpointPolicyType.SIDECAR_PROXY,
      endpointMatcher: {
        metadataLabelMatcher: {
          metadataLabelMatchCriteria: props.matchCriteria ?? MetadataLabelMatchCriteria.MATCH_ALL,
          metadataLabels: labels.map(([labelName, labelValue]) => ({ labelName, labelValue })),
        },
      },
      trafficPortSelector: props.ports ? { ports: props.ports.map(String) } : undefined,
      serverTlsPolicy: props.serverTlsPolicy?.policyName,
      authorizationPolicy: props.authorizationPolicy?.policyName,
      clientTlsPolicy: props.clientTlsPolicy?.policyName,
    });
    for (const policy of [props.serverTlsPolicy, props.authorizationPolicy, props.clientTlsPolicy]) {
      waitFor(this.resource, policy);
    }
  }
}
