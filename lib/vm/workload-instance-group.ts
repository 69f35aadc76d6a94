import { ComputeInstanceGroupManager } from '@cdktf/provider-google/lib/compute-instance-group-manager';
import { Construct } from 'constructs';
import { invalidInput } from '../core/errors';
import { ZONE } from '../core/locations';
import { projectOf } from '../core/project';
import { claimUniqueName } from '../core/unique-names';
import { checkInstance, checkIntegerRange, checkPattern, checkProps, checkResourceName, isUnresolved } from '../core/validation';
import { WorkloadInstanceTemplate } from './workload-instance-template';
import { checkVmRegion } from './vm-configuration';

/** Properties of a {@link WorkloadInstanceGroup}. */
export interface WorkloadInstanceGroupProps {
  /** The template the group's VMs are created from. */
  readonly template: WorkloadInstanceTemplate;
  /** The group's name. */
  readonly name: string;
  /** The zone, in the issuing CA pool's region. */
  readonly zone: string;
  /**
   * The project the group is created in.
   * @default - the project of the stack's Google provider
   */
  readonly project?: string;
  /**
   * Number of VMs the group keeps running (`target_size`).
   * @default 2
   */
  readonly targetSize?: number;
  /**
   * Start of the names of the group's VMs (`base_instance_name`).
   * @default - the group's name
   */
  readonly baseInstanceName?: string;
  /**
   * VMs created above the target size while the group rolls to a new template (W7). At least 1, so capacity never dips.
   * @default 1
   */
  readonly maxSurge?: number;
}

/**
 * A zonal managed instance group of VMs with a managed workload identity (W5). Seed 003: `gcloud compute
 * instance-groups managed create INSTANCE_GROUP_NAME --size=SIZE --template=INSTANCE_TEMPLATE_NAME --zone=ZONE`.
 *
 * W7: the group follows its template's `self_link_unique`, and its update policy is proactive replacement with a
 * surge of at least one VM and none unavailable, so a new issuance or trust config rolls through the group without
 * a gap in capacity or identity.
 */
export class WorkloadInstanceGroup extends Construct {
  /** The project of the group. */
  public readonly project: string;
  /** The group's name. */
  public readonly name: string;
  /** The group's zone. */
  public readonly zone: string;
  /** The template the group's VMs are created from. */
  public readonly template: WorkloadInstanceTemplate;
  /** The `google_compute_instance_group_manager` (escape hatch). */
  public readonly resource: ComputeInstanceGroupManager;

  constructor(scope: Construct, id: string, props: WorkloadInstanceGroupProps) {
    super(scope, id);
    checkProps(this, props, 'Pass { template, name, zone }, e.g. { template, name: "mwlid-backend", zone: "us-east1-b" }');
    checkInstance(this, 'template', props.template, WorkloadInstanceTemplate, 'Pass a WorkloadInstanceTemplate');
    this.project = projectOf(this, props.project);
    checkResourceName(this, 'name', props.name);
    checkPattern(this, 'zone', props.zone, ZONE, 'is not a Compute Engine zone', 'Use a zone such as "us-east1-b"');
    checkVmRegion(this, 'zone', props.zone, props.template.partnerMetadata);
    if (!isUnresolved(props.template.region) && !isUnresolved(props.zone) && !props.zone.startsWith(`${props.template.region}-`)) {
      throw invalidInput(this, 'zone', `is not in the template's region ${props.template.region}`, props.zone, `Use a zone such as "${props.template.region}-b"`);
    }
    const targetSize = props.targetSize ?? 2;
    checkIntegerRange(this, 'targetSize', targetSize, 0, 1000);
    const baseInstanceName = props.baseInstanceName ?? props.name;
    checkResourceName(this, 'baseInstanceName', baseInstanceName);
    const maxSurge = props.maxSurge ?? 1;
    checkIntegerRange(this, 'maxSurge', maxSurge, 1, 1000,
      'Use a surge of at least 1 (W7): the group creates a VM from the new template before it removes an old one');
    this.name = props.name;
    this.zone = props.zone;
    this.template = props.template;
    claimUniqueName(this, 'name', 'managed instance group', [this.project, props.zone, props.name], `project ${this.project}, zone ${props.zone}`);

    this.resource = new ComputeInstanceGroupManager(this, 'Resource', {
      project: this.project,
      name: props.name,
      zone: props.zone,
      baseInstanceName,
      targetSize,
      version: [{ name: 'primary', instanceTemplate: props.template.selfLinkUnique }],
      updatePolicy: {
        type: 'PROACTIVE',
        minimalAction: 'REPLACE',
        replacementMethod: 'SUBSTITUTE',
        maxSurgeFixed: maxSurge,
        maxUnavailableFixed: 0,
      },
    });
  }
}
