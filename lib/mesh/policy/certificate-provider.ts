import { NetworkSecurityClientTlsPolicyClientCertificate } from '@cdktf/provider-google/lib/network-security-client-tls-policy';
import { IConstruct } from 'constructs';
import { invalidInput } from '../../core/errors';
import { checkInstance, checkString, isUnresolved } from '../../core/validation';

/**
 * The rendered form of a certificate or validation CA: every TLS policy block (server certificate, client
 * certificate, validation CAs) has this shape.
 */
type CertificateProviderConfig = NetworkSecurityClientTlsPolicyClientCertificate;

/**
 * Where Envoy gets a certificate or a validation CA from. `privateSpiffe()` is the GKE mesh certificate
 * plugin the seeds use everywhere (S11, S12, S15).
 */
export class CertificateProvider {
  /** The `google_cloud_private_spiffe` plugin: GKE-managed mesh certificates signed by CA Service. */
  public static privateSpiffe(): CertificateProvider {
    return new CertificateProvider('google_cloud_private_spiffe', undefined);
  }

  /** Another certificate provider plugin instance by name. */
  public static pluginInstance(name: string): CertificateProvider {
    return new CertificateProvider(name, undefined);
  }

  /** A gRPC endpoint serving certificates over SDS, e.g. `unix:/var/run/sds/uds_path`. */
  public static grpcEndpoint(targetUri: string): CertificateProvider {
    return new CertificateProvider(undefined, targetUri);
  }

  private constructor(
    /** The plugin instance name, when this is a plugin. */
    public readonly pluginInstanceName: string | undefined,
    /** The SDS endpoint, when this is a gRPC endpoint. */
    public readonly targetUri: string | undefined,
  ) {}

  /** @internal */
  public _render(scope: IConstruct, field: string): CertificateProviderConfig {
    if (this.targetUri !== undefined) {
      checkString(scope, field, this.targetUri, 'Use a gRPC target such as "unix:/var/run/sds/uds_path"');
      if (!isUnresolved(this.targetUri) && !/^(unix:|dns:|ipv4:|ipv6:|[a-z0-9.-]+:\d+$)/.test(this.targetUri)) {
        throw invalidInput(scope, field, 'is not a gRPC target URI', this.targetUri,
          'Use a gRPC target such as "unix:/var/run/sds/uds_path"');
      }
      return { grpcEndpoint: { targetUri: this.targetUri } };
    }
    if (typeof this.pluginInstanceName !== 'string' || this.pluginInstanceName === '') {
      throw invalidInput(scope, field, 'names no certificate provider plugin', this.pluginInstanceName,
        'Use CertificateProvider.privateSpiffe() for GKE mesh certificates');
    }
    return { certificateProviderInstance: { pluginInstance: this.pluginInstanceName } };
  }
}

/** Renders `provider` after checking it is a CertificateProvider (a plugin name string would render no TLS at all). */
export function renderCertificateProvider(scope: IConstruct, field: string, provider: unknown): CertificateProviderConfig {
  checkInstance(scope, field, provider, CertificateProvider,
    'Use CertificateProvider.privateSpiffe() for GKE mesh certificates, or CertificateProvider.pluginInstance(name) / grpcEndpoint(uri)');
  return (provider as CertificateProvider)._render(scope, field);
}
