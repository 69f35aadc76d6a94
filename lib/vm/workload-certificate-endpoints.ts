/**
 * What a workload on a VM with a managed workload identity reads (W8, seed 003). Two ways:
 *
 * - Files: the Compute Engine guest agent (20231103.01 or later) writes them atomically to
 *   `/var/run/secrets/workload-spiffe-credentials` and refreshes them on rotation — see core's WorkloadCredentials.
 * - The metadata server: three endpoints under `http://metadata.google.internal/computeMetadata/v1/instance/`,
 *   queried with the header `Metadata-Flavor: Google`. Poll them every 5 minutes, and read the certificate and the
 *   private key from one `workload-identities` response, or a rotation in between pairs a key with the wrong
 *   certificate.
 */
export class WorkloadCertificateEndpoints {
  /** `http://metadata.google.internal/computeMetadata/v1/instance/gce-workload-certificates`. */
  public static readonly BASE_URL = 'http://metadata.google.internal/computeMetadata/v1/instance/gce-workload-certificates';
  /** Errors in the partner metadata (`partnerMetadataConfigsErrors`); expect HTTP 200 without errors. */
  public static readonly CONFIG_STATUS = `${WorkloadCertificateEndpoints.BASE_URL}/config-status`;
  /** The VM's credentials: `workloadCredentials[SPIFFE_ID].certificatePem` and `.privateKeyPem`, read from one response. */
  public static readonly WORKLOAD_IDENTITIES = `${WorkloadCertificateEndpoints.BASE_URL}/workload-identities`;
  /** Trust bundles by trust domain: `trustAnchors[TRUST_DOMAIN].trustAnchorsPem`. */
  public static readonly TRUST_ANCHORS = `${WorkloadCertificateEndpoints.BASE_URL}/trust-anchors`;
  /** The header every metadata server request carries. */
  public static readonly METADATA_FLAVOR_HEADER = 'Metadata-Flavor: Google';
  /** How often a workload polls the endpoints: every 5 minutes (seed 003). */
  public static readonly POLL_INTERVAL_SECONDS = 300;
  /** The oldest Compute Engine guest agent that writes the credential files (seed 003). */
  public static readonly MINIMUM_GUEST_AGENT_VERSION = '20231103.01';

  private constructor() {}
}
