import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { Construct, IConstruct } from 'constructs';
import { projectOf } from '../core/project';
import { computeGlobalName } from '../core/references';
import { claimUniqueName } from '../core/unique-names';
import { checkProps, checkResourceName, checkString } from '../core/validation';
import { Subnet, SubnetOptions } from './subnet';

/** A VPC network, created by this app or adopted. */
export interface IVpc extends IConstruct {
  /** The project of the network. */
  readonly project: string;
  /** The network name, e.g. `vpc-network`. */
  readonly name: string;
  /**
   * `projects/P/global/networks/NAME`. For a network this app creates it is a reference to the
   * `google_compute_network`, so whatever names the network by it is created after it.
   */
  readonly networkId: string;
}

/** Attributes of an existing network, for {@link Vpc.fromNetworkName}. */
export interface VpcAttributes {
  /**
   * The project of the network.
   * @default - the project of the stack's Google provider
   */
  readonly project?: string;
  /** The network name, e.g. `default`. */
  readonly name: string;
}

/** Properties of a {@link Vpc}. */
export interface VpcProps {
  /**
   * The project to create the network in.
   * @default - the project of the stack's Google provider
   */
  readonly project?: string;
  /** The network name (the egress tutorial's `vpc-network`). */
  readonly name: string;
  /**
   * A description of the network.
   * @default - none
   */
  readonly description?: string;
}

/**
 * A custom-mode VPC network (E1): no automatic subnets, so every range is one the app chose and checked
 * (`gcloud compute networks create NAME --subnet-mode custom`). Add subnets with {@link Vpc.addSubnet}.
 *
 * The default route to the internet gateway stays: Cloud NAT (E2) and the Google API VIPs (E3) are reached through
 * it. What may leave the network is decided by the firewall (network.EgressFirewall, E7), not by routes.
 */
export class Vpc extends Construct implements IVpc {
  /** Adopts an existing network by name, e.g. the project's `default` network. */
  public static fromNetworkName(scope: Construct, id: string, attrs: VpcAttributes): IVpc {
    return new ImportedVpc(scope, id, attrs);
  }

  /** The project of the network. */
  public readonly project: string;
  /** The network name. */
  public readonly name: string;
  /** The `google_compute_network` (escape hatch). */
  public readonly resource: ComputeNetwork;

  constructor(scope: Construct, id: string, props: VpcProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { name }, e.g. { name: "vpc-network" }');
    this.project = projectOf(this, props.project);
    checkResourceName(this, 'name', props.name);
    if (props.description !== undefined) checkString(this, 'description', props.description, 'Describe the network in a sentence');
    claimUniqueName(this, 'name', 'VPC network', [this.project, props.name], `project ${this.project}`);
    this.name = props.name;
    this.resource = new ComputeNetwork(this, 'Resource', {
      project: this.project,
      name: props.name,
      description: props.description,
      autoCreateSubnetworks: false,
      routingMode: 'REGIONAL',
      deleteDefaultRoutesOnCreate: false,
    });
  }

  /** `projects/P/global/networks/NAME` as a reference to the `google_compute_network`. */
  public get networkId(): string {
    return this.resource.id;
  }

  /**
   * Adds a subnet to this network, e.g. the cluster's subnet with its pod and Service ranges (E1).
   * @param id construct id of the subnet, a child of this network
   * @param options the subnet's name, region and ranges
   */
  public addSubnet(id: string, options: SubnetOptions): Subnet {
    return new Subnet(this, id, { ...options, network: this });
  }
}

class ImportedVpc extends Construct implements IVpc {
  public readonly project: string;
  public readonly name: string;

  constructor(scope: Construct, id: string, attrs: VpcAttributes) {
    super(scope, id);
    checkProps(this, attrs, 'Pass { name }, e.g. { name: "default" }');
    this.project = projectOf(this, attrs.project);
    checkResourceName(this, 'name', attrs.name);
    this.name = attrs.name;
  }

  public get networkId(): string {
    return computeGlobalName(this.project, 'networks', this.name);
  }
}
