import { TerraformVariable } from 'cdktf';
import { WorkloadKeyAlgorithm } from '../../lib/ca';
import { WorkloadInstanceGroup, WorkloadInstanceGroupProps, WorkloadInstanceTemplate } from '../../lib/vm';
import { Demo, demo, demoMetadata, only, synthVm } from './fixtures';

const GROUP = 'google_compute_instance_group_manager';

function group(d: Demo, props: Partial<WorkloadInstanceGroupProps> = {}): WorkloadInstanceGroup {
  const template = new WorkloadInstanceTemplate(d.stack, 'Template', {
    namePrefix: 'mwlid-backend',
    serviceAccount: d.serviceAccount,
    partnerMetadata: demoMetadata(d, { keyAlgorithm: WorkloadKeyAlgorithm.rsa(2048) }),
  });
  return new WorkloadInstanceGroup(d.stack, 'Group', { template, name: 'mwlid-backend', zone: 'us-east1-b', ...props });
}

describe('WorkloadInstanceGroup', () => {
  it('W5: a zonal managed instance group of the template, like `gcloud compute instance-groups managed create`', () => {
    const d = demo();
    group(d, { targetSize: 3 });
    expect(only(synthVm(d.stack), GROUP)).toMatchObject({
      project: 'my-project-id',
      name: 'mwlid-backend',
      zone: 'us-east1-b',
      base_instance_name: 'mwlid-backend',
      target_size: 3,
    });
  });

  it('W7: the group follows the template\'s self_link_unique, so a new template is a new version', () => {
    const d = demo();
    group(d);
    expect(only(synthVm(d.stack), GROUP).version).toEqual([
      { name: 'primary', instance_template: expect.stringMatching(/^\$\{google_compute_instance_template\.Template_\w+\.self_link_unique\}$/) },
    ]);
  });

  it('W7: rolls without a gap: proactive replacement, surge 1, none unavailable', () => {
    const d = demo();
    group(d);
    expect(only(synthVm(d.stack), GROUP).update_policy).toEqual({
      type: 'PROACTIVE', minimal_action: 'REPLACE', replacement_method: 'SUBSTITUTE', max_surge_fixed: 1, max_unavailable_fixed: 0,
    });
  });

  it('W7: a larger surge is allowed, no surge is not', () => {
    const d = demo();
    group(d, { maxSurge: 3 });
    expect((only(synthVm(d.stack), GROUP).update_policy as Record<string, unknown>).max_surge_fixed).toBe(3);
    expect(() => group(demo(), { maxSurge: 0 })).toThrow(
      'test/Group: maxSurge must be an integer from 1 to 1000 (got 0). Use a surge of at least 1 (W7): the group creates a VM from the new template before it removes an old one.');
  });

  it('W4: a zone outside the issuing CA pool\'s region is rejected', () => {
    expect(() => group(demo(), { zone: 'us-central1-a' })).toThrow(
      'test/Group: partnerMetadata.issuingPool is in region us-east1, not in the VMs\' region us-central1 (got "us-east1"). ' +
      'Managed workload identities get certificates only from a CA pool in the VM\'s own region (seed 003): issue from a subordinate CA pool in us-central1 ' +
      '(one per workload region), or run the VMs in us-east1.');
  });

  describe('X2: bad input', () => {
    it.each([
      ['template', undefined, 'test/Group: template is required (got nothing). Pass a WorkloadInstanceTemplate.'],
      ['template', null, 'test/Group: template is required (got null). Pass a WorkloadInstanceTemplate.'],
      ['template', 'mwlid-backend', 'test/Group: template is not a WorkloadInstanceTemplate (got "mwlid-backend"). Pass a WorkloadInstanceTemplate.'],
      ['name', undefined, 'test/Group: name is required (got nothing). Use 1-63 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.'],
      ['name', null, 'test/Group: name is required (got null).'],
      ['name', 'Backend', 'test/Group: name is not a valid Google Cloud resource name (got "Backend").'],
      ['zone', undefined, 'test/Group: zone is required (got nothing). Use a zone such as "us-east1-b".'],
      ['zone', null, 'test/Group: zone is required (got null). Use a zone such as "us-east1-b".'],
      ['zone', 'us-east1', 'test/Group: zone is not a Compute Engine zone (got "us-east1"). Use a zone such as "us-east1-b".'],
      ['targetSize', -1, 'test/Group: targetSize must be an integer from 0 to 1000 (got -1). Use a value from 0 to 1000.'],
      ['targetSize', '2', 'test/Group: targetSize must be a number (got "2"). Use a value from 0 to 1000.'],
    ])('%s = %j', (field, value, message) => {
      expect(() => group(demo(), { [field]: value })).toThrow(message);
    });
  });

  it('X5: a zone and size known only at apply time are not rejected', () => {
    const d = demo();
    const zone = new TerraformVariable(d.stack, 'zone', { type: 'string' }).stringValue;
    const size = new TerraformVariable(d.stack, 'size', { type: 'number' }).numberValue;
    group(d, { zone, targetSize: size });
    expect(only(synthVm(d.stack), GROUP)).toMatchObject({ zone: '${var.zone}', target_size: '${var.size}' });
  });
});
