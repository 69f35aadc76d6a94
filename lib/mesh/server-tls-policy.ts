import { NetworkSecurityServerTlsPolicy } from '@cdktf/provider-google/lib/network-security-server-tls-policy';
import { Construct } from 'constructs';
import { invalidInput } from '../core/errors';
import { CertificateProvider } from './certificate-provider';
import { meshResourceName, MeshResourceOptions } from './global-policy';

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
 */
export class ServerTlsPolicy extends Construct {
  /** `projects/P/locations/global/serverTlsPolicies/NAME`, the form references take (S13). */
  public readonly policyName: string;
  public readonly name: string;
  /** Whether the policy requires client certificates. */
  public readonly mutualTls: boolean;
  public readonly allowOpen: boolean;
  public readonly resource: NetworkSecurityServerTlsPolicy;

  constructor(scope: Construct, id: string, props: ServerTlsPolicyProps) {
    super(scope, id);
    this.policyName = meshResourceName(this, props, 'serverTlsPolicies');
    this.name = props.name;
    this.allowOpen = props.allowOpen ?? false;
    const serverCertificate = props.serverCertificate ?? (this.allowOpen ? undefined : CertificateProvider.privateSpiffe());
    const clientValidation = props.clientValidation ?? (this.allowOpen ? ClientValidation.none() : ClientValidation.mutualTls());
    this.mutualTls = clientValidation.ca !== undefined;
    if (this.mutualTls && !serverCertificate) {
      throw invalidInput(this, 'serverCertificate', 'is required for an mTLS policy', serverCertificate,
        'An mTLS server must present a certificate: set serverCertificate: CertificateProvider.privateSpiffe(), or use ClientValidation.none() for a plaintext-only policy');
    }

    this.resource = new NetworkSecurityServerTlsPolicy(this, 'Resource', {
      project: props.project,
      location: props.location ?? 'global',
      name: props.name,
      description: props.description,
      labels: props.labels,
      allowOpen: this.allowOpen,
      serverCertificate: serverCertificate?._render(this, 'serverCertificate'),
      mtlsPolicy: clientValidation.ca ? { clientValidationCa: [clientValidation.ca._render(this, 'clientValidation')] } : undefined,
      // Deleting a policy still attached to a proxy fails with "in use" (magic-modules#11496).
      lifecycle: { createBeforeDestroy: true },
    });
  }
}
