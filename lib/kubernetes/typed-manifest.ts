import { Manifest, ManifestWaitFor } from '@cdktf/provider-kubernetes/lib/manifest';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { checkManifest } from './manifest-schemas';
import { checkList, checkString } from '../core/validation';

/**
 * What the kubernetes provider treats as computed when `computed_fields` is not set. Setting `computed_fields`
 * replaces this default rather than adding to it, so it is always kept.
 */
const PROVIDER_COMPUTED_FIELDS = ['metadata.labels', 'metadata.annotations'];

export interface TypedManifestProps {
  /**
   * The object, typed by the caller with the generated types in `.gen` (e.g. `Sidecar` from
   * `.gen/networking.istio.io/v1`) and checked here against the same upstream schema at synth time.
   */
  // An index signature of `any` is the only one a generated interface (which has none) is assignable to, so callers
  // pass their typed object without casts; jsii renders it as a map of any, like the provider's own `manifest`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly manifest: { [key: string]: any };

  /**
   * Manifest paths that admission webhooks or controllers change after apply, which Terraform must not treat as
   * drift (`computed_fields`, terraform-provider-kubernetes#2367: without it a mutated field fails the apply with
   * "Provider produced inconsistent result").
   * @default - only metadata.labels and metadata.annotations, the provider's default; given paths are added to them
   */
  readonly computedFields?: string[];

  /** @default - the provider does not wait for any field after apply */
  readonly waitFor?: ManifestWaitFor;
}

/**
 * A `kubernetes_manifest` whose object is checked at synth time against the upstream schema of its kind
 * (`checkManifest`): a typo, a wrong enum value or an unknown field fails synth instead of being pruned silently
 * by the API server or rejected at apply time. Plumbing for the constructs that render Istio and admission objects
 * (the kubernetes provider has no typed resources for them); not exported from the library's index.
 */
export class TypedManifest extends Construct {
  /** The object as given (and as it is synthesized). */
  public readonly manifest: { [key: string]: unknown };
  /** The `kubernetes_manifest` (escape hatch). */
  public readonly resource: Manifest;

  constructor(scope: Construct, id: string, props: TypedManifestProps) {
    super(scope, id);
    checkManifest(this, 'manifest', props.manifest);
    this.manifest = props.manifest;
    this.resource = new Manifest(this, 'Resource', {
      manifest: props.manifest,
      computedFields: this.computedFields(props.computedFields ?? []),
      waitFor: props.waitFor,
    });
  }

  private computedFields(extra: string[]): string[] {
    const fix = 'List manifest paths such as "spec.template.metadata.annotations"';
    // A list known only at apply time is merged by Terraform.
    if (!checkList(this, 'computedFields', extra, fix)) return Token.asList(Fn.distinct(Fn.concat([PROVIDER_COMPUTED_FIELDS, extra])));
    extra.forEach((path, index) => checkString(this, `computedFields[${index}]`, path, fix));
    return [...new Set([...PROVIDER_COMPUTED_FIELDS, ...extra])];
  }
}
