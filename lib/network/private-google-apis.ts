import { ComputeRoute } from '@cdktf/provider-google/lib/compute-route';
import { DnsManagedZone } from '@cdktf/provider-google/lib/dns-managed-zone';
import { DnsRecordSet } from '@cdktf/provider-google/lib/dns-record-set';
import { Construct } from 'constructs';
import { invalidInput } from '../core/errors';
import { claimUniqueName } from '../core/unique-names';
import { checkImplements, checkInstance, checkProps, checkResourceName, isUnresolved } from '../core/validation';
import { waitForApi } from './api-dependency';
import { GoogleApisVip } from './google-apis-vip';
import type { IVpc } from './vpc';

/** Properties of a {@link PrivateGoogleApis}. */
export interface PrivateGoogleApisProps {
  /** The network whose Google API traffic goes to the VIP. */
  readonly network: IVpc;

  /**
   * The VIP: `GoogleApisVip.PRIVATE` (private.googleapis.com, every Google API) or `GoogleApisVip.RESTRICTED`
   * (restricted.googleapis.com, only the APIs VPC Service Controls supports, and the perimeter enforced) — the
   * choice for a project inside a VPC Service Controls perimeter.
   * @default GoogleApisVip.PRIVATE
   */
  readonly vip?: GoogleApisVip;

  /**
   * Prefix of the zone and route names: `PREFIX-googleapis`, `PREFIX-gcr-io`, `PREFIX-pkg-dev` and
   * `PREFIX-google-apis-vip`.
   * @default - the network name
   */
  readonly namePrefix?: string;
}

/** A private zone, its apex name, and the name every other name of the zone is a CNAME for. */
interface ZoneSpec {
  readonly id: string;
  readonly suffix: string;
  readonly dnsName: string;
  readonly target: string;
}

/** The longest suffix of a zone or route name; names have at most 63 characters. */
const LONGEST_SUFFIX = '-google-apis-vip';

/**
 * Private DNS zones and a route that send a VPC network's Google API traffic to a Google API VIP (E3), so nodes and
 * pods without external addresses reach Google APIs, Container Registry and Artifact Registry with Private Google
 * Access while the firewall denies every other egress (E7): the Terraform form of "Configure Private Google Access",
 * DNS option "custom zones", as the egress tutorial does with `gcloud dns managed-zones create … --visibility private`.
 *
 * - `googleapis.com.`: CNAME `*.googleapis.com.` → the VIP's name, A records for the VIP's name → its four addresses;
 * - `gcr.io.` and `pkg.dev.`: CNAME `*.DOMAIN.` → `DOMAIN.`, A `DOMAIN.` → the four addresses;
 * - a route for the VIP's /30 to the default internet gateway, which keeps the VIP reachable even if the
 *   network's default route is removed (traffic to the VIP never leaves Google's network).
 *
 * The egress tutorial's prose swaps the two VIPs; the facts are: `restricted.googleapis.com` (199.36.153.4/30) is the
 * VPC Service Controls VIP and serves only the APIs the perimeter supports; `private.googleapis.com` (199.36.153.8/30)
 * serves every Google API and enforces no perimeter.
 */
export class PrivateGoogleApis extends Construct {
  /** The VIP the zones point at, for the firewall (EgressFirewall) and the Kubernetes stack's NetworkPolicies. */
  public readonly vip: GoogleApisVip;
  /** The private zones: `googleapis.com.`, `gcr.io.` and `pkg.dev.`. */
  public readonly zones: DnsManagedZone[];
  /** The route for the VIP's range to the default internet gateway. */
  public readonly route: ComputeRoute;

  constructor(scope: Construct, id: string, props: PrivateGoogleApisProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { network }, the network whose nodes reach Google APIs privately');
    checkImplements(this, 'network', props.network, 'IVpc', ['project', 'name', 'networkId'],
      'Pass a VPC network: new Vpc(...) or Vpc.fromNetworkName(scope, id, { name })');
    const { network } = props;
    const project = network.project;
    this.vip = props.vip ?? GoogleApisVip.PRIVATE;
    checkInstance(this, 'vip', this.vip, GoogleApisVip, 'Use GoogleApisVip.PRIVATE, or GoogleApisVip.RESTRICTED inside a VPC Service Controls perimeter');
    const prefix = props.namePrefix ?? network.name;
    checkResourceName(this, 'namePrefix', prefix);
    if (!isUnresolved(prefix) && prefix.length + LONGEST_SUFFIX.length > 63) {
      throw invalidInput(this, 'namePrefix', `is longer than ${63 - LONGEST_SUFFIX.length} characters`, prefix,
        `Zone and route names add up to "${LONGEST_SUFFIX}" and may have at most 63 characters; pass a shorter namePrefix`);
    }

    const specs: ZoneSpec[] = [
      { id: 'GoogleApis', suffix: 'googleapis', dnsName: 'googleapis.com.', target: `${this.vip.domain}.` },
      { id: 'ContainerRegistry', suffix: 'gcr-io', dnsName: 'gcr.io.', target: 'gcr.io.' },
      { id: 'ArtifactRegistry', suffix: 'pkg-dev', dnsName: 'pkg.dev.', target: 'pkg.dev.' },
    ];
    this.zones = specs.map((spec) => {
      const name = `${prefix}-${spec.suffix}`;
      claimUniqueName(this, 'namePrefix', 'Cloud DNS zone', [project, name], `project ${project}`);
      const zone = new DnsManagedZone(this, `${spec.id}Zone`, {
        project,
        name,
        dnsName: spec.dnsName,
        description: `Sends ${spec.dnsName} to ${this.vip.domain} (${this.vip.cidr}) for hosts without external addresses (E3).`,
        visibility: 'private',
        privateVisibilityConfig: { networks: [{ networkUrl: network.networkId }] },
      });
      waitForApi(zone, project, 'dns.googleapis.com');
      // The records name the zone by its resource, so they are created after it.
      const address = new DnsRecordSet(this, `${spec.id}A`, {
        project, managedZone: zone.name, name: spec.target, type: 'A', ttl: 300, rrdatas: [...this.vip.addresses],
      });
      const wildcard = new DnsRecordSet(this, `${spec.id}Cname`, {
        project, managedZone: zone.name, name: `*.${spec.dnsName}`, type: 'CNAME', ttl: 300, rrdatas: [spec.target],
      });
      for (const record of [address, wildcard]) waitForApi(record, project, 'dns.googleapis.com');
      return zone;
    });

    const routeName = `${prefix}${LONGEST_SUFFIX}`;
    claimUniqueName(this, 'namePrefix', 'route', [project, routeName], `project ${project}`);
    this.route = new ComputeRoute(this, 'VipRoute', {
      project,
      name: routeName,
      network: network.networkId,
      destRange: this.vip.cidr,
      nextHopGateway: 'default-internet-gateway',
      description: `Keeps ${this.vip.domain} reachable without a default route (E3).`,
    });
  }
}
