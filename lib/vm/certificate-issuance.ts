/** Settings of certificate issuance configured on the workload identity pool. */
export interface PoolCertificateIssuanceOptions {
  /**
   * Lifetime of the workload certificates in days, 1 to 30 (the pool's `lifetime`, 86400s to 2592000s).
   * @default 1, the API's default (86400s)
   */
  readonly lifetimeDays?: number;
  /**
   * When rotation starts, as a percentage of the certificate's lifetime: 50 to 80.
   * @default 50, the API's default
   */
  readonly rotationWindowPercentage?: number;
}

/**
 * Where the VMs' certificate issuance config lives (W4). Two ways exist:
 *
 * - {@link CertificateIssuance.partnerMetadata} — seed 003's way: every VM (or template) carries the CA pool, key
 *   algorithm and trust anchors in its partner metadata (`wc.compute.googleapis.com`). Certificates live one day
 *   and rotate at half-life (the Compute Engine defaults); a change rolls out with the VMs' metadata.
 * - {@link CertificateIssuance.workloadIdentityPool} — the newer way of Google's current guide: the workload identity
 *   pool holds `inline_certificate_issuance_config` (CA pool per region, key algorithm, lifetime 1–30 days, rotation
 *   window 50–80%), and VMs carry only their identity (`iam.googleapis.com`). One setting for every VM of the pool,
 *   changed without touching templates; it needs a pool created by this app.
 */
export class CertificateIssuance {
  /** The seed's way: issuance and trust config in each VM's partner metadata (`CONFIGS.json`). */
  public static partnerMetadata(): CertificateIssuance {
    return new CertificateIssuance(false, undefined, undefined);
  }

  /**
   * The pool's `inline_certificate_issuance_config`: the CA pool of each region, key algorithm, lifetime and
   * rotation window are set once on the workload identity pool.
   */
  public static workloadIdentityPool(options: PoolCertificateIssuanceOptions = {}): CertificateIssuance {
    return new CertificateIssuance(true, options?.lifetimeDays ?? 1, options?.rotationWindowPercentage ?? 50);
  }

  private constructor(
    /** Whether the config lives on the workload identity pool rather than in the VMs' partner metadata. */
    public readonly onPool: boolean,
    /** Certificate lifetime in days (pool issuance only). */
    public readonly lifetimeDays: number | undefined,
    /** Rotation window percentage (pool issuance only). */
    public readonly rotationWindowPercentage: number | undefined,
  ) {}
}
