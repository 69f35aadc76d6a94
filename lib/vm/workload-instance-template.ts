import { createHash } from 'crypto';
import { GoogleComputeInstanceTemplate } from '@cdktf/provider-google-beta/lib/google-compute-instance-template';
import { IResolveContext, Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { waitFor } from '../core/dependencies';
import { projectOf } from '../core/project';
import { checkPattern, checkProps, checkString } from '../core/validation';
import { betaProviderFor } from './beta-provider';
import { PartnerMetadata } from './partner-metadata';
import { IVmServiceAccount } from './vm-service-account';
import { attestationProblems, CheckedVmOptions, checkVmOptions, checkVmRegion, sharedVmFields } from './vm-configuration';
import { WorkloadVmOptions } from './workload-vm-options';

/** Properties of a {@link WorkloadInstanceTemplate}. */
export interface WorkloadInstanceTemplateProps extends WorkloadVmOptions {
  /**
   * Start of the template's name (at most 27 characters). The template is named `NAME_PREFIX-DIGEST-` plus a
   * suffix Terraform picks, where DIGEST changes with the partner metadata and instance metadata: templates are
   * immutable, so a new configuration is a new template (W7).
   */
  readonly namePrefix: string;

  /**
   * Description of the template.
   * @default - none
   */
  readonly description?: string;

  /**
   * The VMs' region, for a subnetwork by name; must be the issuing CA pool's region.
   * @default - the issuing CA pool's region
   */
  readonly region?: string;
}

/** Name prefixes: a Compute Engine name start, short enough that Terraform's suffix stays a full UUID (≤ 37 with the digest). */
const NAME_PREFIX = /^[a-z]([-a-z0-9]{0,25}[a-z0-9])?$/;

/**
 * An instance template for VMs with a managed workload identity (W5): the attached service account, metadata
 * `enable-workload-certificate=true`, the partner metadata, Shielded VM and no external IP. Seed 003:
 * `gcloud beta compute instance-templates create … --service-account … --metadata enable-workload-certificate=true
 * --partner-metadata-from-file CONFIGS.json`.
 *
 * Templates are immutable (W7): a change of issuance or trust config changes the name prefix, so Terraform creates
 * the new template before it destroys the old one (`create_before_destroy`), and a WorkloadInstanceGroup rolls its
 * VMs over to it with a surge.
 *
 * @example
 * const template = new vm.WorkloadInstanceTemplate(stack, 'Template', { namePrefix: 'mwlid-backend', serviceAccount, partnerMetadata });
 * new vm.WorkloadInstanceGroup(stack, 'Group', { template, name: 'mwlid-backend', zone: 'us-east1-b', targetSize: 2 });
 */
export class WorkloadInstanceTemplate extends Construct {
  /** The project of the template. */
  public readonly project: string;
  /** The service account the template's VMs run as, which the managed identity's attestation rule names. */
  public readonly serviceAccount: IVmServiceAccount;
  /** The VMs' identity, issuance and trust config. */
  public readonly partnerMetadata: PartnerMetadata;
  /** The region the template's VMs must run in: the issuing CA pool's. */
  public readonly region: string;
  /** The `google_compute_instance_template` (google-beta, escape hatch). */
  public readonly resource: GoogleComputeInstanceTemplate;
  private readonly digestSource: object;

  constructor(scope: Construct, id: string, props: WorkloadInstanceTemplateProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { namePrefix, serviceAccount, partnerMetadata }');
    this.project = projectOf(this, props.project);
    checkPattern(this, 'namePrefix', props.namePrefix, NAME_PREFIX, 'is not a valid template name prefix',
      'Use 1-27 lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit, e.g. "mwlid-backend"');
    if (props.description !== undefined) checkString(this, 'description', props.description, 'Describe the template in one sentence');
    const vm: CheckedVmOptions = checkVmOptions(this, props);
    this.serviceAccount = vm.serviceAccount;
    this.partnerMetadata = vm.partnerMetadata;
    this.region = props.region ?? vm.partnerMetadata.region;
    checkVmRegion(this, 'region', this.region, vm.partnerMetadata);
    this.digestSource = { metadata: vm.metadata, partnerMetadata: vm.partnerMetadata.entries };

    this.resource = new GoogleComputeInstanceTemplate(this, 'Resource', {
      provider: betaProviderFor(this, this.project, props.betaProvider),
      project: this.project,
      namePrefix: Lazy.stringValue({ produce: (context) => `${props.namePrefix}-${this.digestOf(context)}-` }),
      description: props.description,
      region: this.region,
      machineType: vm.machineType,
      disk: [{ sourceImage: vm.image, boot: true, autoDelete: true }],
      ...sharedVmFields(vm),
      // W7: the replacement exists before the group moves to it and the old template goes.
      lifecycle: { createBeforeDestroy: true },
    });
    // The partner metadata names the identity and CA pool as text: the VM's first boot must find them in place.
    for (const producer of [vm.serviceAccount, vm.partnerMetadata.identity, vm.partnerMetadata.issuingPool]) waitFor(this.resource, producer);
    this.node.addValidation({ validate: () => attestationProblems(this, vm) });
  }

  /**
   * Eight hex digits of SHA-256 over the partner metadata and instance metadata as Terraform sees them (values known
   * at apply time as their references, never as token numbers that shift when the app grows): equal configuration,
   * equal digest (X4).
   */
  private digestOf(context: IResolveContext): string {
    return createHash('sha256').update(JSON.stringify(context.resolve(this.digestSource))).digest('hex').slice(0, 8);
  }

  /** `self_link_unique` of the current template: what a group's version points at, so a new template is a new version. */
  public get selfLinkUnique(): string {
    return this.resource.selfLinkUnique;
  }
}
