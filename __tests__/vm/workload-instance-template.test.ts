import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { CaPool, WorkloadKeyAlgorithm } from '../../lib/ca';
import { PartnerMetadata, VmServiceAccount, WorkloadInstanceTemplate, WorkloadInstanceTemplateProps } from '../../lib/vm';
import { Demo, demo, demoMetadata, only, synthVm, vmStack } from './fixtures';

const TEMPLATE = 'google_compute_instance_template';

function template(d: Demo, props: Partial<WorkloadInstanceTemplateProps> = {}, metadata?: PartnerMetadata): WorkloadInstanceTemplate {
  return new WorkloadInstanceTemplate(d.stack, 'Template', {
    namePrefix: 'mwlid-backend',
    serviceAccount: d.serviceAccount,
    partnerMetadata: metadata ?? demoMetadata(d, { keyAlgorithm: WorkloadKeyAlgorithm.rsa(2048) }),
    ...props,
  });
}

/** The template's synthesized name prefix for a demo built by `build`. */
function namePrefix(build: (d: Demo) => void = (d) => template(d)): string {
  const d = demo();
  build(d);
  return only(synthVm(d.stack), TEMPLATE).name_prefix as string;
}

describe('WorkloadInstanceTemplate', () => {
  it('W5: service account, enable-workload-certificate=true and the partner metadata, with google-beta', () => {
    const d = demo();
    const metadata = demoMetadata(d, { keyAlgorithm: WorkloadKeyAlgorithm.rsa(2048) });
    template(d, {}, metadata);
    const rendered = only(synthVm(d.stack), TEMPLATE);
    expect(rendered).toMatchObject({
      provider: 'google-beta',
      project: 'my-project-id',
      region: 'us-east1',
      machine_type: 'e2-medium',
      service_account: { email: 'mwlid-backend@my-project-id.iam.gserviceaccount.com', scopes: ['https://www.googleapis.com/auth/cloud-platform'] },
      metadata: { 'enable-workload-certificate': 'true' },
      partner_metadata: metadata.entries,
      disk: [{ source_image: 'debian-cloud/debian-12', boot: true, auto_delete: true }],
    });
    expect(Object.keys(rendered.partner_metadata as object)).toEqual(['iam.googleapis.com', 'wc.compute.googleapis.com']);
  });

  it('W5: Shielded VM on and, by default, no external IP (X1)', () => {
    const d = demo();
    template(d);
    const rendered = only(synthVm(d.stack), TEMPLATE);
    expect(rendered.shielded_instance_config).toEqual({ enable_secure_boot: true, enable_vtpm: true, enable_integrity_monitoring: true });
    expect(rendered.network_interface).toEqual([{ network: 'default' }]);
  });

  it('X1: an external IP is an explicit, named option', () => {
    const d = demo();
    template(d, { assignExternalIp: true, network: 'vms', subnetwork: 'vms-us-east1' });
    expect(only(synthVm(d.stack), TEMPLATE).network_interface).toEqual([{ network: 'vms', subnetwork: 'vms-us-east1', access_config: [{}] }]);
  });

  it('W5: waits for the service account, the managed identity and the CA pool its metadata names', () => {
    const d = demo();
    template(d);
    expect(only(synthVm(d.stack), TEMPLATE).depends_on).toEqual([
      expect.stringMatching(/^google_service_account\.ServiceAccount_/),
      expect.stringMatching(/^google_iam_workload_identity_pool_managed_identity\.Pool_Namespace_Backend_/),
      expect.stringMatching(/^google_privateca_ca_pool\.Ca_SubordinatePool_/),
    ]);
  });

  it('W5: more metadata is merged in stable order; enable-workload-certificate cannot be overridden', () => {
    const d = demo();
    template(d, { metadata: { 'startup-script': 'echo hi', 'enable-oslogin': 'TRUE' } });
    expect(Object.keys(only(synthVm(d.stack), TEMPLATE).metadata as object)).toEqual(['enable-oslogin', 'enable-workload-certificate', 'startup-script']);
    expect(() => template(demo(), { metadata: { 'enable-workload-certificate': 'false' } })).toThrow(
      'test/Template: metadata.enable-workload-certificate cannot be set: the VMs need it "true" to receive their managed identity (got "false"). ' +
      'Remove enable-workload-certificate from metadata; it is always "true" (seed 003).');
  });

  describe('W7: templates are immutable, so a new configuration is a new template created before the old one goes', () => {
    it('W7: create_before_destroy and a name prefix instead of a name', () => {
      const d = demo();
      template(d);
      const rendered = only(synthVm(d.stack), TEMPLATE);
      expect(rendered.lifecycle).toEqual({ create_before_destroy: true });
      expect(rendered.name).toBeUndefined();
      expect(rendered.name_prefix).toMatch(/^mwlid-backend-[0-9a-f]{8}-$/);
    });

    it('W7: the same configuration keeps its name prefix, also when the app grows (no token numbers in the digest)', () => {
      const grown = namePrefix((d) => {
        new TerraformVariable(d.stack, 'unrelated', { type: 'string' });
        template(d);
      });
      expect(namePrefix()).toBe(namePrefix());
      expect(grown).toBe(namePrefix());
    });

    it('W7: a change of issuance config (key algorithm) yields a new template name', () => {
      const changed = namePrefix((d) => template(d, {}, demoMetadata(d, { keyAlgorithm: WorkloadKeyAlgorithm.rsa(4096) })));
      expect(changed).toMatch(/^mwlid-backend-[0-9a-f]{8}-$/);
      expect(changed).not.toBe(namePrefix());
    });

    it('W7: a change of trust config (trust anchors) yields a new template name', () => {
      const changed = namePrefix((d) => template(d, {}, demoMetadata(d, {
        keyAlgorithm: WorkloadKeyAlgorithm.rsa(2048), trustAnchors: [d.hierarchy.subordinatePool, d.hierarchy.rootPool],
      })));
      expect(changed).not.toBe(namePrefix());
    });
  });

  it('W4: a CA pool in another region than the VMs is rejected', () => {
    const d = demo();
    expect(() => template(d, { region: 'us-central1' })).toThrow(
      'test/Template: partnerMetadata.issuingPool is in region us-east1, not in the VMs\' region us-central1 (got "us-east1"). ' +
      'Managed workload identities get certificates only from a CA pool in the VM\'s own region (seed 003): issue from a subordinate CA pool in us-central1 ' +
      '(one per workload region), or run the VMs in us-east1.');
  });

  it('W2: a missing service account is rejected with the reason', () => {
    expect(() => template(demo(), { serviceAccount: undefined })).toThrow(
      'test/Template: serviceAccount is required (got nothing). Managed workload identities are attested by the VM\'s attached service account (seed 003): ' +
      'pass a VmServiceAccount, or VmServiceAccount.fromServiceAccountAttributes(scope, id, { email }) for an existing one.');
  });

  it('W2: a service account the identity does not attest fails synth', () => {
    const d = demo();
    const other = new VmServiceAccount(d.stack, 'Other', { accountId: 'mwlid-other' });
    template(d, { serviceAccount: other });
    expect(() => Testing.synth(d.stack, true)).toThrow(
      'test/Template: serviceAccount is not admitted by an attestation rule of managed identity "backend" (got "mwlid-other@my-project-id.iam.gserviceaccount.com"). ' +
      'VMs running as this account would receive no identity (W2): call identity.allowVmsWithServiceAccount(serviceAccount) for test/Pool/Namespace/Backend.');
  });

  describe('X2: bad input', () => {
    const PREFIX_FIX = 'Use 1-27 lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit, e.g. "mwlid-backend".';
    const SA_FIX = 'Managed workload identities are attested by the VM\'s attached service account (seed 003): pass a VmServiceAccount, or ' +
      'VmServiceAccount.fromServiceAccountAttributes(scope, id, { email }) for an existing one.';
    const PM_FIX = 'Pass a PartnerMetadata: new PartnerMetadata(scope, id, { identity, issuingPool, keyAlgorithm }).';
    it.each([
      ['namePrefix', undefined, `test/Template: namePrefix is required (got nothing). ${PREFIX_FIX}`],
      ['namePrefix', null, `test/Template: namePrefix is required (got null). ${PREFIX_FIX}`],
      ['namePrefix', 3, `test/Template: namePrefix must be a string (got 3). ${PREFIX_FIX}`],
      ['namePrefix', 'a-very-long-template-name-prefix', `test/Template: namePrefix is not a valid template name prefix (got "a-very-long-template-name-prefix"). ${PREFIX_FIX}`],
      ['serviceAccount', null, `test/Template: serviceAccount is required (got null). ${SA_FIX}`],
      ['serviceAccount', 'mwlid-backend@my-project-id.iam.gserviceaccount.com',
        `test/Template: serviceAccount is not an IVmServiceAccount (got "mwlid-backend@my-project-id.iam.gserviceaccount.com"). ${SA_FIX}`],
      ['partnerMetadata', undefined, `test/Template: partnerMetadata is required (got nothing). ${PM_FIX}`],
      ['partnerMetadata', null, `test/Template: partnerMetadata is required (got null). ${PM_FIX}`],
      ['partnerMetadata', '{"iam.googleapis.com":{}}', `test/Template: partnerMetadata is not a PartnerMetadata (got "{\\"iam.googleapis.com\\":{}}"). ${PM_FIX}`],
      ['machineType', 'big', 'test/Template: machineType is not a Compute Engine machine type (got "big"). Use a machine type such as "e2-standard-2" (gcloud compute machine-types list).'],
      ['assignExternalIp', 'no', 'test/Template: assignExternalIp must be true or false (got "no"). Set assignExternalIp to true or false.'],
      ['metadata', ['a'], 'test/Template: metadata must be a map of strings (got ["a"]). Give metadata as a map of strings; enable-workload-certificate is set to "true" for you.'],
    ])('%s = %j', (field, value, message) => {
      const d = demo();
      const metadata = demoMetadata(d);
      expect(() => template(d, { [field]: value }, metadata)).toThrow(message);
    });
  });

  it('X5: a machine type and name prefix known only at apply time are not rejected', () => {
    const d = demo();
    const machineType = new TerraformVariable(d.stack, 'machine', { type: 'string' }).stringValue;
    const prefix = new TerraformVariable(d.stack, 'prefix', { type: 'string' }).stringValue;
    template(d, { machineType, namePrefix: prefix });
    const rendered = only(synthVm(d.stack), TEMPLATE);
    expect(rendered.machine_type).toBe('${var.machine}');
    expect(rendered.name_prefix).toMatch(/^\$\{var\.prefix\}-[0-9a-f]{8}-$/);
  });

  it('X4: two synths of the same app are byte-identical', () => {
    const render = () => {
      const d = demo();
      template(d);
      return Testing.synth(d.stack, true);
    };
    expect(render()).toBe(render());
  });

  it('a template in a pool region given as a CA pool adopted from another project', () => {
    const stack: TerraformStack = vmStack();
    const d = demo(stack);
    const adopted = CaPool.fromPoolAttributes(stack, 'Adopted', { project: 'pki-project-id', location: 'us-east1', name: 'vm-issuing-pool' });
    d.pool.authorizeCertificateRequests(adopted);
    template(d, {}, demoMetadata(d, { issuingPool: adopted }));
    expect((only(synthVm(stack), TEMPLATE).partner_metadata as Record<string, string>)['wc.compute.googleapis.com'])
      .toContain('projects/pki-project-id/locations/us-east1/caPools/vm-issuing-pool');
  });
});

