/**
 * The virtual IP range a private network reaches Google APIs through (E3). `private.googleapis.com` serves every
 * Google API; `restricted.googleapis.com` serves only the APIs VPC Service Controls supports and enforces its
 * perimeters — the choice for networks inside a perimeter.
 */
export class GoogleApisVip {
  /** `private.googleapis.com`, 199.36.153.8/30: every Google API, without VPC Service Controls. */
  public static readonly PRIVATE = new GoogleApisVip('private.googleapis.com', '199.36.153.8/30',
    ['199.36.153.8', '199.36.153.9', '199.36.153.10', '199.36.153.11']);

  /** `restricted.googleapis.com`, 199.36.153.4/30: only APIs VPC Service Controls supports, inside its perimeter. */
  public static readonly RESTRICTED = new GoogleApisVip('restricted.googleapis.com', '199.36.153.4/30',
    ['199.36.153.4', '199.36.153.5', '199.36.153.6', '199.36.153.7']);

  private constructor(
    /** The DNS name the private zones point `*.googleapis.com` at. */
    public readonly domain: string,
    /** The /30 range, for firewall rules and NetworkPolicies. */
    public readonly cidr: string,
    /** The four addresses of the range, for the DNS A records. */
    public readonly addresses: string[],
  ) {}
}
