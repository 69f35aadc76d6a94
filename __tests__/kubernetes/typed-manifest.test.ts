import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { TypedManifest } from '../../lib/kubernetes/typed-manifest';
import { EXAMPLES, SIDECAR, TELEMETRY } from '../gen/examples';
import { onlyResource, resourcesOf, synth, testStack } from '../helpers/synth';

function kubernetesStack(): TerraformStack {
  const stack = testStack();
  new KubernetesProvider(stack, 'kubernetes', {});
  return stack;
}

describe('TypedManifest', () => {
  it('E9: renders one kubernetes_manifest with the provider default computed fields', () => {
    const stack = kubernetesStack();
    const sidecar = new TypedManifest(stack, 'Sidecar', { manifest: SIDECAR });
    const manifest = onlyResource(synth(stack), 'kubernetes_manifest');
    expect(manifest).toEqual({
      manifest: SIDECAR,
      computed_fields: ['metadata.labels', 'metadata.annotations'],
    });
    expect(sidecar.resource.node.id).toBe('Resource');
    expect(sidecar.manifest).toBe(SIDECAR);
  });

  it('adds the fields admission webhooks mutate to the provider defaults, once each, and passes wait_for', () => {
    const stack = kubernetesStack();
    new TypedManifest(stack, 'Telemetry', {
      manifest: TELEMETRY,
      computedFields: ['spec.selector', 'metadata.labels'],
      waitFor: { fields: { 'status.observedGeneration': '1' } },
    });
    expect(onlyResource(synth(stack), 'kubernetes_manifest')).toMatchObject({
      computed_fields: ['metadata.labels', 'metadata.annotations', 'spec.selector'],
      wait_for: { fields: { 'status.observedGeneration': '1' } },
    });
  });

  it('X5: merges computed fields known only at apply time in Terraform', () => {
    const stack = kubernetesStack();
    const fields = new TerraformVariable(stack, 'fields', {}).listValue;
    new TypedManifest(stack, 'Sidecar', { manifest: SIDECAR, computedFields: fields });
    expect(onlyResource(synth(stack), 'kubernetes_manifest').computed_fields).toBe(
      '${distinct(concat(["metadata.labels", "metadata.annotations"], var.fields))}');
  });

  it('renders every generated kind, each valid against its upstream schema (synth checks)', () => {
    const stack = kubernetesStack();
    for (const [kind, example] of Object.entries(EXAMPLES)) {
      new TypedManifest(stack, kind, { manifest: example });
    }
    expect(Object.keys(resourcesOf(synth(stack), 'kubernetes_manifest'))).toHaveLength(Object.keys(EXAMPLES).length);
  });

  it('X2: fails before creating the resource when the manifest does not match its schema', () => {
    const stack = kubernetesStack();
    const sidecar = { ...SIDECAR, spec: { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY_' } } };
    expect(() => new TypedManifest(stack, 'Sidecar', { manifest: sidecar })).toThrow(
      'test/Sidecar: manifest.spec.outboundTrafficPolicy.mode is not a value networking.istio.io/v1 Sidecar allows (got "REGISTRY_ONLY_"). ' +
      'Use one of: REGISTRY_ONLY, ALLOW_ANY.');
    expect(() => new TypedManifest(stack, 'Telemetry', { manifest: TELEMETRY, computedFields: [7 as unknown as string] }))
      .toThrow('test/Telemetry: computedFields[0] must be a string (got 7). List manifest paths such as "spec.template.metadata.annotations".');
  });
});
