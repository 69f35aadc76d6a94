import { NetworkServicesEndpointPolicy } from '@cdktf/provider-google/lib/network-services-endpoint-policy';
import { IResolvable, TerraformIterator } from 'cdktf';
import { Construct } from 'constructs';
import { waitFor } from '../../core/dependencies';
import { invalidInput } from '../../core/errors';
import { markRelaxed } from '../../core/relaxations';
import { checkBoolean, checkOneOf, checkPorts, checkStringMap, isUnresolved } from '../../core/validation';
import { checkAuthorizationPolicy, IAuthorizationPolicy } from './authorization-policy';
import { checkClientTlsPolicy, IClientTlsPolicy } from './client-tls-policy';
import { meshResource, MeshResourceOptions } from './mesh-resource';
import { checkServerTlsPolicy, IServerTlsPolicy } from './server-tls-policy';

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

/** Properties of an {@link EndpointPolicy}. */
export interface EndpointPolicyProps extends MeshResourceOptions {
  /**
   * Which proxies the policy configures (`type`).
   * @default EndpointPolicyType.SIDECAR_PROXY
   */
  readonly type?: EndpointPolicyType;
  /**
   * Labels the endpoints' proxy metadata must carry, e.g. `{ app: 'payments' }` from the pods'
   * `cloud.google.com/proxyMetadata` (S10, S12). At least one.
   */
  readonly matchLabels: { [name: string]: string };
  /**
   * Whether every label in matchLabels or any one of them must match (`metadataLabelMatchCriteria`).
   * @default MetadataLabelMatchCriteria.MATCH_ALL, the narrower match, as in the seeds (S12)
   */
  readonly matchCriteria?: MetadataLabelMatchCriteria;
  /** Only traffic to these ports is affected. @default - every port */
  readonly ports?: number[];
  /** Inbound TLS or mTLS of the matched endpoints (S12); required unless allowPlaintext is set (X1). @default - none */
  readonly serverTlsPolicy?: IServerTlsPolicy;
  /**
   * Accept plaintext at the matched endpoints: the explicit opt-out of inbound mTLS (S12).
   * @default false
   */
  readonly allowPlaintext?: boolean;
  /** Authorization of inbound requests (S13). @default - every authenticated peer is allowed */
  readonly authorizationPolicy?: IAuthorizationPolicy;
  /** TLS of the endpoints' own outbound calls. @default - none */
  readonly clientTlsPolicy?: IClientTlsPolicy;
}

/**
 * An endpoint policy (S12, S13): applies a server TLS policy and an authorization policy to the inbound
 * traffic of the proxies whose metadata labels match — the seeds' `ep` for pods labelled `app=payments`.
 *
 * @example
 * new mesh.EndpointPolicy(stack, 'Endpoints', {
 *   name: 'ep',
 *   matchLabels: { app: 'payments' },
 *   serverTlsPolicy: new mesh.ServerTlsPolicy(stack, 'ServerMtls', { name: 'server-mtls-policy' }),
 *   authorizationPolicy,
 * });
 */
export class EndpointPolicy extends Construct {
  /** The project that owns the policy. */
  public readonly project: string;
  /** The policy name, e.g. `ep`. */
  public readonly name: string;
  /** `projects/P/locations/global/endpointPolicies/NAME`. */
  public readonly resourceName: string;
  /** The `google_network_services_endpoint_policy` (escape hatch). */
  public readonly resource: NetworkServicesEndpointPolicy;

  constructor(scope: Construct, id: string, props: EndpointPolicyProps) {
    super(scope, id);
    const identity = meshResource(this, props, 'endpointPolicies', 'endpoint policy');
    this.project = identity.project;
    this.name = identity.name;
    this.resourceName = identity.resourceName;
    const matchFix = 'Match the workloads\' proxy metadata, e.g. matchLabels: { app: "payments" } for pods annotated cloud.google.com/proxyMetadata: \'{"app": "payments"}\'';
    const labelsKnown = checkStringMap(this, 'matchLabels', props.matchLabels, matchFix);
    const labels = labelsKnown ? Object.entries(props.matchLabels) : [];
    if (labelsKnown && labels.length === 0) throw invalidInput(this, 'matchLabels', 'must name at least one label', props.matchLabels, matchFix);
    const type = props.type ?? EndpointPolicyType.SIDECAR_PROXY;
    checkOneOf(this, 'type', type, Object.values(EndpointPolicyType), 'an endpoint policy type');
    const criteria = props.matchCriteria ?? MetadataLabelMatchCriteria.MATCH_ALL;
    checkOneOf(this, 'matchCriteria', criteria, Object.values(MetadataLabelMatchCriteria), 'a metadata label match criteria');
    if (props.ports !== undefined) checkPorts(this, 'ports', props.ports, 'List the ports the policy applies to, e.g. [8000]');
    const allowPlaintext = props.allowPlaintext ?? false;
    checkBoolean(this, 'allowPlaintext', allowPlaintext);
    if (props.serverTlsPolicy === undefined || props.serverTlsPolicy === null) {
      if (!allowPlaintext) {
        throw invalidInput(this, 'serverTlsPolicy', 'is required', props.serverTlsPolicy,
          'Secure the matched endpoints with a ServerTlsPolicy using ClientValidation.mutualTls() (S12), or set allowPlaintext: true to accept plaintext explicitly (X1)');
      }
    } else {
      checkServerTlsPolicy(this, 'serverTlsPolicy', props.serverTlsPolicy);
    }
    if (props.authorizationPolicy !== undefined) checkAuthorizationPolicy(this, 'authorizationPolicy', props.authorizationPolicy);
    if (props.clientTlsPolicy !== undefined) checkClientTlsPolicy(this, 'clientTlsPolicy', props.clientTlsPolicy);

    this.resource = new NetworkServicesEndpointPolicy(this, 'Resource', {
      project: identity.project,
      name: props.name,
      description: props.description,
      labels: props.labels,
      type,
      endpointMatcher: {
        metadataLabelMatcher: {
          metadataLabelMatchCriteria: criteria,
          // A map known only at apply time becomes a dynamic block over its entries (X5).
          metadataLabels: labelsKnown ? labels.map(([labelName, labelValue]) => ({ labelName, labelValue })) : labelIterator(props.matchLabels),
        },
      },
      trafficPortSelector: props.ports ? { ports: isUnresolved(props.ports) ? props.ports as unknown as string[] : props.ports.map(String) } : undefined,
      serverTlsPolicy: props.serverTlsPolicy?.resourceName,
      authorizationPolicy: props.authorizationPolicy?.resourceName,
      clientTlsPolicy: props.clientTlsPolicy?.resourceName,
    });
    for (const policy of [props.serverTlsPolicy, props.authorizationPolicy, props.clientTlsPolicy]) {
      waitFor(this.resource, policy);
    }
    if (allowPlaintext === true && (props.serverTlsPolicy === undefined || props.serverTlsPolicy === null)) {
      markRelaxed(this.resource, 'POSTURE-MESH-ENDPOINT-NO-TLS', 'EndpointPolicy allowPlaintext: true');
    }
  }
}

function labelIterator(labels: { [name: string]: string }): IResolvable {
  const each = TerraformIterator.fromMap(labels);
  return each.dynamic({ label_name: each.key, label_value: each.value });
}
