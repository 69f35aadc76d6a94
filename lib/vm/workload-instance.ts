import { GoogleComputeInstance } from '@cdktf/provider-google-beta/lib/google-compute-instance';
import { Construct } from 'constructs';
import { waitFor } from '../core/dependencies';
import { ZONE } from '../core/locations';
import { projectOf } from '../core/project';
import { claimUniqueName } from '../core/unique-names';
import { checkOptionalBoolean, checkPattern, checkProps, checkResourceName } from '../core/validation';
import { betaProviderFor } from './beta-provider';
import { PartnerMetadata } from './partner-metadata';
import { IVmServiceAccount } from './vm-service-account';
import { attestationProblems, checkVmOptions, checkVmRegion, sharedVmFields } from './vm-configuration';
import { WorkloadVmOptions } from './workload-vm-options';

/** Properties of a {@link WorkloadInstance}. */
export interface WorkloadInstanceProps extends WorkloadVmOptions {
  /** The VM's name. */
  readonly name: string;
  /** The zone, in the issuing CA pool's region. */
  readonly zone: string;
  /**
   * Refuse deletion of the VM through the API (`deletion_protection`).
   * @default false
   */
  readonly deletionProtection?: boolean;
}

/**
 * One VM with a managed workload identity (W6): the same configuration as a WorkloadInstanceTemplate. Seed 003:
 * `gcloud beta compute instances create INSTANCE_NAME --zone=ZONE --service-account … --metadata
 * enable-workload-certificate=true --partner-metadata-from-file CONFIGS.json`.
 *
 * Unlike a template, a VM's partner metadata is updated in place (seed 003: `gcloud beta compute instances update
 * --partner-metadata-from-file`): a new issuance or trust config changes the VM, it does not replace it.
 */
export class WorkloadInstance extends Construct {
  /** The project of the VM. */
  public readonly project: string;
  /** The VM's name. */
  public readonly name: string;
  /** The VM's zone. */
  public readonly zone: string;
  /** The service account the VM runs as, which the managed identity's attestation rule names. */
  public readonly serviceAccount: IVmServiceAccount;
  /** The VM's identity, issuance and trust config. */
  public readonly partnerMetadata: PartnerMetadata;
  /** The `google_compute_instance` (google-beta, escape hatch). */
  public readonly resource: GoogleComputeInstance;

  constructor(scope: Construct, id: string, props: WorkloadInstanceProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { name, zone, serviceAccount, partnerMetadata }');
    this.project = projectOf(this, props.project);
    checkResourceName(this, 'name', props.name);
    checkPattern(this, 'zone', props.zone, ZONE, 'is not a Compute Engine zone', 'Use a zone such as "us-east1-b"');
    checkOptionalBoolean(this, 'deletionProtection', props.deletionProtection);
    const vm = checkVmOptions(this, props);
    checkVmRegion(this, 'zone', props.zone, vm.partnerMetadata);
    this.name = props.name;
    this.zone = props.zone;
    this.serviceAccount = vm.serviceAccount;
    this.partnerMetadata = vm.partnerMetadata;
    claimUniqueName(this, 'name', 'VM instance', [this.project, props.zone, props.name], `project ${this.project}, zone ${props.zone}`);

    this.resource = new GoogleComputeInstance(this, 'Resource', {
      provider: betaProviderFor(this, this.project, props.betaProvider),
      project: this.project,
      name: props.name,
      zone: props.zone,
      machineType: vm.machineType,
      bootDisk: { initializeParams: { image: vm.image }, autoDelete: true },
      ...sharedVmFields(vm),
      deletionProtection: props.deletionProtection,
    });
    // The partner metadata names the identity and CA pool as text: the VM's first boot must find them in place.
    for (const producer of [vm.serviceAccount, vm.partnerMetadata.identity, vm.partnerMetadata.issuingPool]) waitFor(this.resource, producer);
    this.node.addValidation({ validate: () => attestationProblems(this, vm) });
  }
}
