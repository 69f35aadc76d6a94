import { NetworkSecurityServerTlsPolicy } from '@cdktf/provider-google/lib/network-security-server-tls-policy';
import { Construct } from 'constructs';
import { invalidInput } from '../../core/errors';
import { REGION } from '../../core/locations';
import { projectOf } from '../../core/project';
import { locationalName } from '../../core/references';
import { claimUniqueName } from '../../core/unique-names';
import { checkGoogleLabels, checkOneOf, checkPattern, checkProps, checkResourceName, checkString, isUnresolved } from '../../core/validation';

/** What an Application Load Balancer does with a client certificate that is missing or fails validation. */
export enum ClientValidationMode {
  /** Reject the connection (strict mTLS). */
  REJECT_INVALID = 'REJECT_INVALID',
  /** Let the request through and pass the validation result to the backend. */
  ALLOW_INVALID_OR_MISSING_CLIENT_CERT = 'ALLOW_INVALID_OR_MISSING_CLIENT_CERT',
}

/** Properties of a {@link LoadBalancerServerTlsPolicy}. */
export interface LoadBalancerServerTlsPolicyProps {
  /**
   * The project the policy is created in.
   * @default - the project of the stack's Google provider
   */
  readonly project?: string;
  /** The policy name, e.g. `lb-mtls-policy`. */
  readonly name: string;
  /** `global` for global load balancers or the load balancer's region. @default 'global' */
  readonly location?: string;
  /**
   * Free-text description of the policy (`description`).
   * @default - none
   */
  readonly description?: string;
  /**
   * What the load balancer does with a missing or invalid client certificate (`mtls_policy.client_validation_mode`).
   * @default ClientValidationMode.REJECT_INVALID: strict mTLS, which needs trustConfig
   */
  readonly clientValidationMode?: ClientValidationMode;
  /**
   * Certificate Manager trust config validating client certificates, as
   * `projects/P/locations/L/trustConfigs/NAME`. Required with REJECT_INVALID.
   * @default - none
   */
  readonly trustConfig?: string;
  /**
   * Google Cloud labels on the policy.
   * @default - no labels
   */
  readonly labels?: { [key: string]: string };
}

/**
 * A server TLS policy in its load balancer form (frontend mTLS of Application Load Balancers): no server
 * certificate (the proxy's certificate is used), `allowOpen` false and client validation through a
 * Certificate Manager trust config instead of a client validation CA (magic-modules#7822, #11538;
 * terraform-provider-google#18103). It cannot be attached to Cloud Service Mesh endpoints.
 */
export class LoadBalancerServerTlsPolicy extends Construct {
  /** The project that owns the policy. */
  public readonly project: string;
  /** The policy name. */
  public readonly name: string;
  /** `projects/P/locations/L/serverTlsPolicies/NAME`. */
  public readonly resourceName: string;
  /** The `google_network_security_server_tls_policy` (escape hatch). */
  public readonly resource: NetworkSecurityServerTlsPolicy;

  constructor(scope: Construct, id: string, props: LoadBalancerServerTlsPolicyProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { name, trustConfig }');
    this.project = projectOf(this, props.project);
    checkResourceName(this, 'name', props.name);
    this.name = props.name;
    const location = props.location ?? 'global';
    checkString(this, 'location', location, 'Use "global" for global load balancers or the region of a regional load balancer, e.g. "us-east1"');
    if (!isUnresolved(location) && location !== 'global' && !REGION.test(location)) {
      throw invalidInput(this, 'location', 'is neither "global" nor a region', location,
        'Use "global" for global load balancers or the region of a regional load balancer, e.g. "us-east1"');
    }
    checkGoogleLabels(this, 'labels', props.labels);
    if (props.description !== undefined) checkString(this, 'description', props.description, 'Describe the policy in one sentence');
    const mode = props.clientValidationMode ?? ClientValidationMode.REJECT_INVALID;
    checkOneOf(this, 'clientValidationMode', mode, Object.values(ClientValidationMode), 'a client validation mode');
    if (props.trustConfig !== undefined && props.trustConfig !== null) {
      // Certificate Manager trust config names (certificatemanager API: projects/*/locations/*/trustConfigs/*).
      checkPattern(this, 'trustConfig', props.trustConfig, /^projects\/[^/]+\/locations\/[^/]+\/trustConfigs\/[^/]+$/,
        'is not a Certificate Manager trust config name', 'Use projects/PROJECT/locations/LOCATION/trustConfigs/NAME');
    }
    if (mode === ClientValidationMode.REJECT_INVALID && !props.trustConfig) {
      throw invalidInput(this, 'trustConfig', 'is required with REJECT_INVALID', props.trustConfig,
        'Pass the Certificate Manager trust config that validates client certificates, or choose ALLOW_INVALID_OR_MISSING_CLIENT_CERT explicitly');
    }
    this.resourceName = locationalName(this.project, location, 'serverTlsPolicies', props.name);
    claimUniqueName(this, 'name', 'server TLS policy', [this.project, location, 'serverTlsPolicies', props.name], `project ${this.project}`);
    this.resource = new NetworkSecurityServerTlsPolicy(this, 'Resource', {
      project: this.project,
      location,
      name: props.name,
      description: props.description,
      labels: props.labels,
      allowOpen: false,
      mtlsPolicy: { clientValidationMode: mode, clientValidationTrustConfig: props.trustConfig },
      lifecycle: { createBeforeDestroy: true },
    });
  }
}
