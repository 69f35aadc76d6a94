import { Testing } from 'cdktf';
import { WorkloadKeyAlgorithm } from '../../lib/ca';
import { VmServiceAccount, WorkloadInstance, WorkloadInstanceProps } from '../../lib/vm';
import { Demo, demo, demoMetadata, only, synthVm } from './fixtures';

const INSTANCE = 'google_compute_instance';

function instance(d: Demo, props: Partial<WorkloadInstanceProps> = {}, keyAlgorithm = WorkloadKeyAlgorithm.rsa(2048)): WorkloadInstance {
  return new WorkloadInstance(d.stack, 'Vm', {
    name: 'mwlid-client',
    zone: 'us-east1-b',
    serviceAccount: d.serviceAccount,
    partnerMetadata: demoMetadata(d, { keyAlgorithm }),
    ...props,
  });
}

describe('WorkloadInstance', () => {
  it('W6: one VM with the template\'s configuration, like `gcloud beta compute instances create`', () => {
    const d = demo();
    const vm = instance(d);
    const rendered = only(synthVm(d.stack), INSTANCE);
    expect(rendered).toMatchObject({
      provider: 'google-beta',
      name: 'mwlid-client',
      zone: 'us-east1-b',
      machine_type: 'e2-medium',
      boot_disk: { initialize_params: { image: 'debian-cloud/debian-12' }, auto_delete: true },
      service_account: { email: 'mwlid-backend@my-project-id.iam.gserviceaccount.com', scopes: ['https://www.googleapis.com/auth/cloud-platform'] },
      metadata: { 'enable-workload-certificate': 'true' },
      partner_metadata: vm.partnerMetadata.entries,
      shielded_instance_config: { enable_secure_boot: true, enable_vtpm: true, enable_integrity_monitoring: true },
      network_interface: [{ network: 'default' }],
    });
  });

  it('W6: a config change updates the partner metadata in place: same VM, no replacement trigger', () => {
    const render = (keyAlgorithm: WorkloadKeyAlgorithm) => {
      const d = demo();
      instance(d, {}, keyAlgorithm);
      return only(synthVm(d.stack), INSTANCE);
    };
    const before = render(WorkloadKeyAlgorithm.rsa(2048));
    const after = render(WorkloadKeyAlgorithm.rsa(4096));
    expect(after.name).toBe(before.name);
    expect(after.partner_metadata).not.toEqual(before.partner_metadata);
    expect([before.lifecycle, after.lifecycle]).toEqual([undefined, undefined]);
    const { partner_metadata: p1, ...rest1 } = before;
    const { partner_metadata: p2, ...rest2 } = after;
    expect([p1, p2].every(Boolean)).toBe(true);
    expect(rest2).toEqual(rest1);
  });

  it('W4: a VM outside the issuing CA pool\'s region is rejected', () => {
    expect(() => instance(demo(), { zone: 'europe-west1-b' })).toThrow(
      'test/Vm: partnerMetadata.issuingPool is in region us-east1, not in the VMs\' region europe-west1 (got "us-east1"). ' +
      'Managed workload identities get certificates only from a CA pool in the VM\'s own region (seed 003): issue from a subordinate CA pool in europe-west1 ' +
      '(one per workload region), or run the VMs in us-east1.');
  });

  it('W2: a missing service account is rejected', () => {
    expect(() => instance(demo(), { serviceAccount: null as unknown as VmServiceAccount })).toThrow(
      'test/Vm: serviceAccount is required (got null). Managed workload identities are attested by the VM\'s attached service account (seed 003): ' +
      'pass a VmServiceAccount, or VmServiceAccount.fromServiceAccountAttributes(scope, id, { email }) for an existing one.');
  });

  it('W2: a service account the identity does not attest fails synth', () => {
    const d = demo();
    const other = VmServiceAccount.fromServiceAccountAttributes(d.stack, 'Other', { email: '123456789012-compute@developer.gserviceaccount.com' });
    instance(d, { serviceAccount: other });
    expect(() => Testing.synth(d.stack, true)).toThrow(
      'test/Vm: serviceAccount is not admitted by an attestation rule of managed identity "backend" (got "123456789012-compute@developer.gserviceaccount.com").');
  });

  describe('X2: bad input', () => {
    it.each([
      ['name', undefined, 'test/Vm: name is required (got nothing).'],
      ['name', null, 'test/Vm: name is required (got null).'],
      ['name', 12, 'test/Vm: name must be a string (got 12).'],
      ['zone', undefined, 'test/Vm: zone is required (got nothing). Use a zone such as "us-east1-b".'],
      ['zone', 'east', 'test/Vm: zone is not a Compute Engine zone (got "east"). Use a zone such as "us-east1-b".'],
      ['partnerMetadata', undefined, 'test/Vm: partnerMetadata is required (got nothing). Pass a PartnerMetadata: new PartnerMetadata(scope, id, { identity, issuingPool, keyAlgorithm }).'],
      ['deletionProtection', 1, 'test/Vm: deletionProtection must be true or false (got 1). Set deletionProtection to true or false.'],
    ])('%s = %j', (field, value, message) => {
      expect(() => instance(demo(), { [field]: value })).toThrow(message);
    });
  });
});
