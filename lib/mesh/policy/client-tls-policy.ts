import { NetworkSecurityClientTlsPolicy } from '@cdktf/provider-google/lib/network-security-client-tls-policy';
import { Construct, IConstruct } from 'constructs';
import { checkImplements, checkPattern } from '../../core/validation';
import { CertificateProvider, renderCertificateProvider } from './certificate-provider';
import { meshResource, MeshResourceAttributes, MeshResourceOptions } from './mesh-resource';

/** A client TLS policy, created by this app or adopted. */
export interface IClientTlsPolicy extends IConstruct {
  /** The project that owns the policy. */
  readonly project: string;
  /** The policy name, e.g. `client-mtls-policy`. */
  readonly name: string;
  /** `projects/P/locations/global/clientTlsPolicies/NAME`, the form backend services reference. */
  readonly resourceName: string;
}

/** Properties of a {@link ClientTlsPolicy}. */
export interface ClientTlsPolicyProps extends MeshResourceOptions {
  /** The client's own certificate (mTLS). @default CertificateProvider.privateSpiffe() */
  readonly clientCertificate?: CertificateProvider;
  /** How the client validates the server's certificate. @default CertificateProvider.privateSpiffe() */
  readonly serverValidationCa?: CertificateProvider;
  /** Server name to send in TLS SNI. @default - none */
  readonly sni?: string;
}

/** A DNS host name, as TLS SNI carries it (RFC 6066 §3: no IP addresses, no trailing dot). */
const SNI = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * A client TLS policy (S11): how a mesh client presents its certificate and validates the server's when
 * it calls a backend service. Defaults to mTLS with GKE mesh certificates, as `client-mtls-policy` in the seeds.
 */
export class ClientTlsPolicy extends Construct implements IClientTlsPolicy {
  /** Adopts an existing client TLS policy, e.g. one a central team manages. */
  public static fromClientTlsPolicyAttributes(scope: Construct, id: string, attrs: MeshResourceAttributes): IClientTlsPolicy {
    return new ImportedClientTlsPolicy(scope, id, attrs);
  }

  public readonly project: string;
  public readonly name: string;
  public readonly resourceName: string;
  /** The `google_network_security_client_tls_policy` (escape hatch). */
  public readonly resource: NetworkSecurityClientTlsPolicy;

  constructor(scope: Construct, id: string, props: ClientTlsPolicyProps) {
    super(scope, id);
    const identity = meshResource(this, props, 'clientTlsPolicies', 'client TLS policy');
    this.project = identity.project;
    this.name = identity.name;
    this.resourceName = identity.resourceName;
    if (props.sni !== undefined) {
      checkPattern(this, 'sni', props.sni, SNI, 'is not a DNS host name', 'Use the server\'s host name, e.g. "service-test.example.com"');
    }
    this.resource = new NetworkSecurityClientTlsPolicy(this, 'Resource', {
      project: identity.project,
      location: identity.location,
      name: identity.name,
      description: props.description,
      labels: props.labels,
      sni: props.sni,
      clientCertificate: renderCertificateProvider(this, 'clientCertificate', props.clientCertificate ?? CertificateProvider.privateSpiffe()),
      serverValidationCa: [renderCertificateProvider(this, 'serverValidationCa', props.serverValidationCa ?? CertificateProvider.privateSpiffe())],
      // A policy attached to a backend service cannot be deleted first (magic-modules#11496).
      lifecycle: { createBeforeDestroy: true },
    });
  }
}

class ImportedClientTlsPolicy extends Construct implements IClientTlsPolicy {
  public readonly project: string;
  public readonly name: string;
  public readonly resourceName: string;

  constructor(scope: Construct, id: string, attrs: MeshResourceAttributes) {
    super(scope, id);
    const identity = meshResource(this, attrs, 'clientTlsPolicies');
    this.project = identity.project;
    this.name = identity.name;
    this.resourceName = identity.resourceName;
  }
}

export function checkClientTlsPolicy(scope: IConstruct, field: string, policy: unknown): void {
  checkImplements(scope, field, policy, 'IClientTlsPolicy', ['project', 'name', 'resourceName'],
    'Pass a ClientTlsPolicy, or ClientTlsPolicy.fromClientTlsPolicyAttributes(scope, id, { name }) for an existing one');
}
