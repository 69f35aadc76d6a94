/**
 * Where workloads find the X.509 credentials CA Service issues them. GKE mounts them with the
 * `gke-workload-certificates` CSI volume (seeds 000, 002); the Compute Engine guest agent writes them to the same
 * directory on VMs with managed workload identity (seed 003; guest agent 20231103.01 or later).
 */
export class WorkloadCredentials {
  /** `/var/run/secrets/workload-spiffe-credentials`. */
  public static readonly DIRECTORY = '/var/run/secrets/workload-spiffe-credentials';
  /** The workload's certificate chain, leaf first. */
  public static readonly CERTIFICATES = `${WorkloadCredentials.DIRECTORY}/certificates.pem`;
  /** The workload's private key. */
  public static readonly PRIVATE_KEY = `${WorkloadCredentials.DIRECTORY}/private_key.pem`;
  /** The trust anchors (CA certificates) peers are validated against. */
  public static readonly CA_CERTIFICATES = `${WorkloadCredentials.DIRECTORY}/ca_certificates.pem`;

  private constructor() {}
}
