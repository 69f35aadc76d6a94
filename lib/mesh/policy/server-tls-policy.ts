import { NetworkSecurityServerTlsPolicy } from '@cdktf/provider-google/lib/network-security-server-tls-policy';
import { Construct, IConstruct } from 'constructs';
import { invalidInput } from '../../core/errors';
import { markRelaxed } from '../../core/relaxations';
import { checkBoolean, checkImplements, checkInstance } from '../../core/validation';
import { CertificateProvider, renderCertificateProvider } from './certificate-provider';
import { LoadBalancerServerTlsPolicy } from './load-balancer-server-tls-policy';
import { meshResource, MeshResourceAttributes, MeshResourceOptions } from './mesh-resource';

/** A server TLS policy in its Cloud Service Mesh form, created by this app or adopted. */
export interface IServerTlsPolicy extends IConstruct {
  /** The project that owns the policy. */
  readonly project: string;
  /** The policy name, e.g. `server-mtls-policy`. */
  readonly name: string;
  /** `projects/P/locations/global/serverTlsPolicies/NAME`, the form endpoint policies and gateways reference. */
  readonly resourceName: string;
}

/** Whether and how a Cloud Service Mesh server asks clients for certificates. */
export class ClientValidation {
  /**
   * Require a client certificate and validate it against `ca` (mTLS).
   * @param ca @default CertificateProvider.privateSpiffe()
   */
  public static mutualTls(ca?: CertificateProvider): ClientValidation {
    return new ClientValidation(ca ?? CertificateProvider.privateSpiffe());
  }

  /** Do not ask for client certificates: server-side TLS only, as for the ingress gateway (S15). */
  public static none(): ClientValidation {
    return new ClientValidation(undefined);
  }

  private constructor(
    /** CA that validates client certificates; undefined for TLS without client authentication. */
    public readonly ca: CertificateProvider | undefined,
  ) {}
}

/** Properties of a {@link ServerTlsPolicy}. */
export interface ServerTlsPolicyProps extends MeshResourceOptions {
  /**
   * How the server gets its certificate.
   * @default CertificateProvider.privateSpiffe(); none when allowOpen is true
   */
  readonly serverCertificate?: CertificateProvider;

  /**
   * Client certificate validation.
   * @default ClientValidation.mutualTls() — strict mTLS with GKE mesh certificates (X1); none when allowOpen is true
   */
  readonly clientValidation?: ClientValidation;

  /**
   * Also accept plaintext connections, the escape hatch for migrating a port to TLS. With it, the policy
   * holds only what you set explicitly: add serverCertificate (and clientValidation) for permissive TLS/mTLS.
   * @default false
   */
  readonly allowOpen?: boolean;
}

/**
 * A server TLS policy in its Cloud Service Mesh form (S12, S15): used by endpoint policies and gateways,
 * with certificates from a certificate provider and, for mTLS, exactly one client validation CA. The load
 * balancer form (trust configs, no allowOpen) is {@link LoadBalancerServerTlsPolicy}; the two cannot be mixed.
 *
 * @example
 * // Strict mTLS with GKE mesh certificates (the default), for an endpoint policy (S12).
 * new mesh.ServerTlsPolicy(stack, 'ServerMtls', { name: 'server-mtls-policy' });
 * // Server-side TLS only, for the ingress gateway (S15).
 * new mesh.ServerTlsPolicy(stack, 'GatewayTls', {
 *   name: 'server-tls-policy',
 *   description: 'tls server policy',
 *   clientValidation: mesh.ClientValidation.none(),
 * });
 */
export class ServerTlsPolicy extends Construct implements IServerTlsPolicy {
  /** Adopts an existing Cloud Service Mesh server TLS policy, e.g. one a central team manages. */
  public static fromServerTlsPolicyAttributes(scope: Construct, id: string, attrs: MeshResourceAttributes): IServerTlsPolicy {
    return new ImportedServerTlsPolicy(scope, id, attrs);
  }

  public readonly project: string;
  public readonly name: string;
  /** `projects/P/locations/global/serverTlsPolicies/NAME`, the form references take (S13). */
  public readonly resourceName: string;
  /** Whether the policy requires client certificates. */
  public readonly mutualTls: boolean;
  /** Whether the policy also accepts plaintext connections (`allow_open`). */
  public readonly allowOpen: boolean;
  /** The `google_network_security_server_tls_policy` (escape hatch). */
  public readonly resource: NetworkSecurityServerTlsPolicy;

  constructor(scope: Construct, id: string, props: ServerTlsPolicyProps) {
    super(scope, id);
    const identity = meshResource(this, props, 'serverTlsPolicies', 'server TLS policy');
    this.project = identity.project;
    this.name = identity.name;
    this.resourceName = identity.resourceName;
    this.allowOpen = props.allowOpen ?? false;
    checkBoolean(this, 'allowOpen', this.allowOpen);
    const serverCertificate = props.serverCertificate ?? (this.allowOpen ? undefined : CertificateProvider.privateSpiffe());
    const clientValidation = props.clientValidation ?? (this.allowOpen ? ClientValidation.none() : ClientValidation.mutualTls());
    checkInstance(this, 'clientValidation', clientValidation, ClientValidation, 'Use ClientValidation.mutualTls() or ClientValidation.none()');
    this.mutualTls = clientValidation.ca !== undefined;
    if (this.mutualTls && !serverCertificate) {
      throw invalidInput(this, 'serverCertificate', 'is required for an mTLS policy', serverCertificate,
        'An mTLS server must present a certificate: set serverCertificate: CertificateProvider.privateSpiffe(), or use ClientValidation.none() for a plaintext-only policy');
    }

    this.resource = new NetworkSecurityServerTlsPolicy(this, 'Resource', {
      project: identity.project,
      location: identity.location,
      name: identity.name,
      description: props.description,
      labels: props.labels,
      allowOpen: this.allowOpen,
      serverCertificate: serverCertificate === undefined ? undefined : renderCertificateProvider(this, 'serverCertificate', serverCertificate),
      mtlsPolicy: clientValidation.ca ? { clientValidationCa: [renderCertificateProvider(this, 'clientValidation', clientValidation.ca)] } : undefined,
      // Deleting a policy still attached to a proxy fails with "in use" (magic-modules#11496).
      lifecycle: { createBeforeDestroy: true },
    });
    if (this.allowOpen === true) markRelaxed(this.resource, 'POSTURE-MESH-PLAINTEXT-ALLOWED', 'ServerTlsPolicy allowOpen: true');
    if (!this.mutualTls) {
      markRelaxed(this.resource, 'POSTURE-MESH-NO-CLIENT-VALIDATION',
        props.clientValidation === undefined ? 'ServerTlsPolicy allowOpen: true' : 'ServerTlsPolicy clientValidation: ClientValidation.none()');
    }
  }
}

class ImportedServerTlsPolicy extends Construct implements IServerTlsPolicy {
  public readonly project: string;
  public readonly name: string;
  public readonly resourceName: string;

  constructor(scope: Construct, id: string, attrs: MeshResourceAttributes) {
    super(scope, id);
    const identity = meshResource(this, attrs, 'serverTlsPolicies');
    this.project = identity.project;
    this.name = identity.name;
    this.resourceName = identity.resourceName;
  }
}

/**
 * Checks a server TLS policy reference. The load-balancer form has a trust config instead of a client validation
 * CA and cannot configure mesh endpoints or gateways, so it is rejected by name.
 */
export function checkServerTlsPolicy(scope: IConstruct, field: string, policy: unknown): void {
  if (policy instanceof LoadBalancerServerTlsPolicy) {
    throw invalidInput(scope, field, 'is a load-balancer server TLS policy, which Cloud Service Mesh endpoints and gateways cannot use', policy,
      'Use a ServerTlsPolicy (certificate provider and client validation CA, S12/S15); LoadBalancerServerTlsPolicy is for Application Load Balancers');
  }
  checkImplements(scope, field, policy, 'IServerTlsPolicy', ['project', 'name', 'resourceName'],
    'Pass a ServerTlsPolicy, or ServerTlsPolicy.fromServerTlsPolicyAttributes(scope, id, { name }) for an existing one');
}
