import { NetworkSecurityClientTlsPolicy } from '@cdktf/provider-google/lib/network-security-client-tls-policy';
import { Construct } from 'constructs';
import { CertificateProvider } from './certificate-provider';
import { meshResourceName, MeshResourceOptions } from './global-policy';

export interface ClientTlsPolicyProps extends MeshResourceOptions {
  /** The client's own certificate (mTLS). @default CertificateProvider.privateSpiffe() */
  readonly clientCertificate?: CertificateProvider;
  /** How the client validates the server's certificate. @default CertificateProvider.privateSpiffe() */
  readonly serverValidationCa?: CertificateProvider;
  /** Server name to send in TLS SNI. @default - none */
  readonly sni?: string;
}

/**
 * A client TLS policy (S11): how a mesh client presents its certificate and validates the server's when
 * it calls a backend service. Defaults to mTLS with GKE mesh certificates, as `client-mtls-policy` in the seeds.
 */
export class ClientTlsPolicy extends Construct {
  /** `projects/P/locations/global/clientTlsPolicies/NAME`, the form backend services reference. */
  public readonly policyName: string;
  public readonly name: string;
  public readonly resource: NetworkSecurityClientTlsPolicy;

  constructor(scope: Construct, id: string, props: ClientTlsPolicyProps) {
    super(scope, id);
    this.policyName = meshResourceName(this, props, 'clientTlsPolicies');
    this.name = props.name;
    const clientCertificate = props.clientCertificate ?? CertificateProvider.privateSpiffe();
    const serverValidationCa = props.serverValidationCa ?? CertificateProvider.privateSpiffe();
    this.resource = new NetworkSecurityClientTlsPolicy(this, 'Resource', {
      project: props.project,
      location: props.location ?? 'global',
      name: props.name,
      description: props.description,
      labels: props.labels,
      sni: props.sni,
      clientCertificate: clientCertificate._render(this, 'clientCertificate'),
      serverValidationCa: [serverValidationCa._render(this, 'serverValidationCa')],
      // A policy attached to a backend service cannot be deleted first (magic-modules#11496).
      lifecycle: { createBeforeDestroy: true },
    });
  }
}
