import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { Lazy, TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/errors';
import { addDependsOn } from '../core/dependencies';
import { checkManifest } from '../kubernetes/manifest-schemas';
import { TypedManifest } from '../kubernetes/typed-manifest';

/** What every object of the generated types has besides its spec. */
interface ObjectHead {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: { [key: string]: string } };
}

/**
 * @internal An Istio or admission object as a {@link TypedManifest} whose spec is rendered at synth time by `spec`.
 *
 * The egress objects are additive: a destination allowed to one more namespace changes its ServiceEntry's exportTo,
 * the gateway's servers and that namespace's Sidecar. Rendering every such object from the one model when the stack is
 * synthesized is what keeps them from disagreeing. TypedManifest checks the literal parts when it is created; the spec
 * is checked against the same upstream schema once it is complete, by a validation of the object (run at synth).
 *
 * `T` is the generated type (`ServiceEntry`, `Sidecar`, …), so `spec` is typed by the CRD.
 *
 * computedFields stay the provider's default (labels and annotations): no admission webhook mutates these kinds —
 * Istio's webhook only validates them, and the API server's defaults fill fields the manifests leave out, which the
 * provider reads back without a diff (terraform-provider-kubernetes#2367 is about fields a webhook rewrites).
 */
export function istioObject<T extends ObjectHead & { spec?: unknown }>(scope: Construct, id: string, head: Omit<T, 'spec'>,
  spec: () => NonNullable<T['spec']>, dependsOn: TerraformResource[] = []): Manifest {
  const typed = new TypedManifest(scope, id, {
    manifest: { ...head, spec: Lazy.anyValue({ produce: () => spec() }) },
  });
  typed.node.addValidation({
    validate: () => {
      try {
        checkManifest(typed, 'manifest', { ...head, spec: spec() });
        return [];
      } catch (error) {
        if (error instanceof ValidationError) return [error.message];
        throw error;
      }
    },
  });
  for (const producer of dependsOn) addDependsOn(typed.resource, producer);
  return typed.resource;
}
