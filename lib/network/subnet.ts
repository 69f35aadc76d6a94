import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import { Construct, IConstruct } from 'constructs';
import { invalidInput } from '../core/errors';
import { regionOf } from '../core/locations';
import { claimUniqueName } from '../core/unique-names';
import { checkBoolean, checkImplements, checkList, checkProps, checkResourceName, isUnresolved } from '../core/validation';
import { checkSubnetRange, Ipv4Range, rangesOverlap } from './ipv4';
import type { IVpc } from './vpc';

/** A named secondary range of a subnet, e.g. the pods' or Services' range of a VPC-native cluster (E1). */
export interface SecondaryRange {
  /** The range name the cluster refers to, e.g. `pods`. */
  readonly rangeName: string;
  /** The IPv4 range, e.g. `10.1.0.0/16`. */
  readonly cidr: string;
}

/** Options of a subnet added with {@link Vpc.addSubnet}. */
export interface SubnetOptions {
  /** The subnet name (the egress tutorial's `subnet-gke`). */
  readonly name: string;
  /** The region, e.g. `us-central1`; the cluster, Cloud Router and Cloud NAT live there too. */
  readonly region: string;
  /** The primary range: the nodes' addresses, e.g. `10.0.0.0/24`. */
  readonly cidr: string;
  /**
   * Named secondary ranges, e.g. `pods` 10.1.0.0/16 and `services` 10.2.0.0/20 for a VPC-native cluster (E1). They may
   * not overlap each other or the primary range.
   * @default - none
   */
  readonly secondaryRanges?: SecondaryRange[];
  /**
   * Private Google Access (E3): nodes and pods without external addresses reach Google APIs, through the VIP the
   * private DNS zones name (network.PrivateGoogleApis). Off, a private cluster cannot pull images or reach the
   * mesh's Google APIs.
   * @default true
   */
  readonly privateGoogleAccess?: boolean;
  /**
   * Accept ranges outside private address space ("privately used public IPv4 addresses"). The network can then
   * no longer reach the public hosts of those ranges.
   * @default false
   */
  readonly allowPrivatelyUsedPublicRanges?: boolean;
}

/** A regional subnet, created by this app ({@link Subnet}) or adopted ({@link Subnet.fromSubnetAttributes}). */
export interface ISubnet extends IConstruct {
  /** The project of the subnet: its network's. */
  readonly project: string;
  /** The subnet name. */
  readonly name: string;
  /** The subnet's region. */
  readonly region: string;
  /** The network of the subnet. */
  readonly network: IVpc;
  /** `projects/P/regions/R/subnetworks/NAME`. */
  readonly subnetworkId: string;
}

/** Attributes of an existing subnet, for {@link Subnet.fromSubnetAttributes}. */
export interface SubnetAttributes {
  /** The network of the subnet, e.g. `Vpc.fromNetworkName(scope, 'Default', { name: 'default' })`. */
  readonly network: IVpc;
  /** The subnet name; the subnets of an auto-mode network such as `default` are named after the network. */
  readonly name: string;
  /** The subnet's region, e.g. `us-east1`. */
  readonly region: string;
}

/** Properties of a {@link Subnet}. */
export interface SubnetProps extends SubnetOptions {
  /** The network of the subnet. */
  readonly network: IVpc;
}

/**
 * A regional subnet with named secondary ranges for a VPC-native GKE cluster (E1) and Private Google Access on (E3),
 * the Terraform form of the egress tutorial's `gcloud compute networks subnets create subnet-gke --range 10.0.0.0/24
 * --secondary-range pods=10.1.0.0/16,services=10.2.0.0/20 --enable-private-ip-google-access`.
 *
 * Every range is checked at synth time: a private IPv4 range in CIDR form without host bits, a prefix length VPC
 * accepts (/8 to /29), no overlap with the subnet's other ranges or with other subnets of the same network.
 */
export class Subnet extends Construct implements ISubnet {
  /**
   * Adopts an existing subnet, e.g. the `default` network's subnet in the cluster's region, for a Cloud NAT.
   * @param scope the construct scope
   * @param id the construct id
   * @param attrs the subnet's network, name and region
   */
  public static fromSubnetAttributes(scope: Construct, id: string, attrs: SubnetAttributes): ISubnet {
    return new ImportedSubnet(scope, id, attrs);
  }

  /** The project of the subnet: its network's. */
  public readonly project: string;
  /** The subnet name. */
  public readonly name: string;
  /** The subnet's region. */
  public readonly region: string;
  /** The primary range. */
  public readonly cidr: string;
  /** The network of the subnet. */
  public readonly network: IVpc;
  /** The named secondary ranges. */
  public readonly secondaryRanges: SecondaryRange[];
  /** The `google_compute_subnetwork` (escape hatch). */
  public readonly resource: ComputeSubnetwork;
  /** The parsed ranges of this subnet with the field that set each, for the overlap checks of later subnets. */
  private readonly ranges: Array<{ readonly field: string; readonly range: Ipv4Range }> = [];

  constructor(scope: Construct, id: string, props: SubnetProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { network, name, region, cidr }, e.g. { network, name: "subnet-gke", region: "us-central1", cidr: "10.0.0.0/24" }');
    checkImplements(this, 'network', props.network, 'IVpc', ['project', 'name', 'networkId'],
      'Pass a VPC network: new Vpc(...) or Vpc.fromNetworkName(scope, id, { name })');
    this.network = props.network;
    this.project = props.network.project;
    checkResourceName(this, 'name', props.name);
    this.region = regionOf(this, 'region', props.region);
    if (!isUnresolved(props.region) && this.region !== props.region) {
      throw invalidInput(this, 'region', 'is a zone, not a region', props.region, `Subnets are regional; use "${this.region}"`);
    }
    const allowPublic = props.allowPrivatelyUsedPublicRanges ?? false;
    checkBoolean(this, 'allowPrivatelyUsedPublicRanges', allowPublic);
    const privateGoogleAccess = props.privateGoogleAccess ?? true;
    checkBoolean(this, 'privateGoogleAccess', privateGoogleAccess);
    claimUniqueName(this, 'name', 'subnet', [this.project, this.region, props.name], `project ${this.project}, region ${this.region}`);

    this.addRange('cidr', checkSubnetRange(this, 'cidr', props.cidr, allowPublic, '10.0.0.0/24'));
    const secondary = props.secondaryRanges ?? [];
    const fix = 'List named ranges such as [{ rangeName: "pods", cidr: "10.1.0.0/16" }, { rangeName: "services", cidr: "10.2.0.0/20" }]';
    if (checkList(this, 'secondaryRanges', secondary, fix)) {
      secondary.forEach((entry, i) => {
        const field = `secondaryRanges[${i}]`;
        if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw invalidInput(this, field, 'is not a secondary range', entry, fix);
        checkResourceName(this, `${field}.rangeName`, entry.rangeName);
        const twin = secondary.findIndex((other) => (other as SecondaryRange | null)?.rangeName === entry.rangeName);
        if (!isUnresolved(entry.rangeName) && twin !== i) {
          throw invalidInput(this, `${field}.rangeName`, `is already the name of secondaryRanges[${twin}]`, entry.rangeName,
            'Give each secondary range its own name, e.g. "pods" and "services"');
        }
        this.addRange(`${field}.cidr`, checkSubnetRange(this, `${field}.cidr`, entry.cidr, allowPublic, i === 0 ? '10.1.0.0/16' : '10.2.0.0/20'));
      });
    }
    this.checkOtherSubnets();

    this.name = props.name;
    this.cidr = props.cidr;
    this.secondaryRanges = secondary.map((entry) => ({ rangeName: entry.rangeName, cidr: entry.cidr }));
    this.resource = new ComputeSubnetwork(this, 'Resource', {
      project: this.project,
      name: props.name,
      region: this.region,
      network: props.network.networkId,
      ipCidrRange: props.cidr,
      secondaryIpRange: this.secondaryRanges.map((entry) => ({ rangeName: entry.rangeName, ipCidrRange: entry.cidr })),
      privateIpGoogleAccess: privateGoogleAccess,
    });
  }

  /**
   * `projects/P/regions/R/subnetworks/NAME` as a reference to the `google_compute_subnetwork`, so a cluster or NAT
   * that names the subnet by it is created after the subnet (and its network).
   */
  public get subnetworkId(): string {
    return this.resource.id;
  }

  /**
   * The range of a named secondary range, e.g. `secondaryRangeCidr("pods")`.
   * @param rangeName the name given in `secondaryRanges`
   */
  public secondaryRangeCidr(rangeName: string): string {
    const found = this.secondaryRanges.find((entry) => entry.rangeName === rangeName);
    if (!found) {
      throw invalidInput(this, 'secondaryRanges', `has no range named "${rangeName}"`, this.secondaryRanges.map((entry) => entry.rangeName),
        'Name one of the subnet\'s secondary ranges');
    }
    return found.cidr;
  }

  /** Every range of the subnet: the primary range, then the secondary ranges. */
  public get allRanges(): string[] {
    return [this.cidr, ...this.secondaryRanges.map((entry) => entry.cidr)];
  }

  /** Records a parsed range after checking it overlaps none recorded before (a token range is skipped, X5). */
  private addRange(field: string, range: Ipv4Range | undefined): void {
    if (!range) return;
    const clash = this.ranges.find((other) => rangesOverlap(other.range, range));
    if (clash) {
      throw invalidInput(this, field, `overlaps ${clash.field} ${clash.range.text}`, range.text,
        'Give the primary range and each secondary range its own, non-overlapping part of the address space, e.g. 10.0.0.0/24, 10.1.0.0/16 and 10.2.0.0/20');
    }
    this.ranges.push({ field, range });
  }

  /** Subnets of one VPC network may not overlap (VPC: ranges are unique across the network). */
  private checkOtherSubnets(): void {
    const others = this.node.root.node.findAll()
      .filter((c): c is Subnet => c instanceof Subnet && c !== this && c.network === this.network);
    for (const other of others) {
      for (const mine of this.ranges) {
        const clash = other.ranges.find((theirs) => rangesOverlap(theirs.range, mine.range));
        if (clash) {
          throw invalidInput(this, mine.field, `overlaps ${clash.field} ${clash.range.text} of subnet ${other.node.path}`, mine.range.text,
            'Ranges are unique across a VPC network; choose a range no other subnet of the network uses');
        }
      }
    }
  }
}

class ImportedSubnet extends Construct implements ISubnet {
  public readonly project: string;
  public readonly name: string;
  public readonly region: string;
  public readonly network: IVpc;

  constructor(scope: Construct, id: string, attrs: SubnetAttributes) {
    super(scope, id);
    checkProps(this, attrs, 'Pass { network, name, region }, e.g. { network: Vpc.fromNetworkName(scope, "Default", { name: "default" }), name: "default", region: "us-east1" }');
    checkImplements(this, 'network', attrs.network, 'IVpc', ['project', 'name', 'networkId'],
      'Pass a VPC network: new Vpc(...) or Vpc.fromNetworkName(scope, id, { name })');
    checkResourceName(this, 'name', attrs.name);
    this.region = regionOf(this, 'region', attrs.region);
    if (!isUnresolved(attrs.region) && this.region !== attrs.region) {
      throw invalidInput(this, 'region', 'is a zone, not a region', attrs.region, `Subnets are regional; use "${this.region}"`);
    }
    this.network = attrs.network;
    this.project = attrs.network.project;
    this.name = attrs.name;
  }

  public get subnetworkId(): string {
    return `projects/${this.project}/regions/${this.region}/subnetworks/${this.name}`;
  }
}
