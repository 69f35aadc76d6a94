/**
 * What rules and the access map need to know about a whole configuration: resources by type, references between
 * them (by interpolation or by the `projects/P/locations/L/COLLECTION/NAME` names Cloud Service Mesh uses), and the
 * Kubernetes objects.
 * @internal
 */
import {
  K8sNetworkPolicy, K8sObject, K8sService, K8sWorkload, kubernetesObjects, networkPoliciesOf, servicesOf, workloadsOf,
} from './kubernetes-objects';
import type { TerraformConfiguration } from './terraform-configuration';
import type { TfResource, TfStack } from './tf-model';
import { isInterpolation, referenceAt, stringAt, UNKNOWN, Unknown } from './values';

const DIRECT_REFERENCE = /^\$\{(?:data\.)?([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)(?:\.[A-Za-z0-9_.[\]"*-]+)?\}$/;

/** @internal */
export class CheckContext {
  public readonly stacks: TfStack[];
  public readonly resources: TfResource[];
  private readonly byType = new Map<string, TfResource[]>();
  private k8sCache?: K8sObject[];
  private workloadCache?: K8sWorkload[];
  private readonly order = new Map<string, string[]>();

  constructor(public readonly config: TerraformConfiguration) {
    this.stacks = config._stacks;
    this.resources = this.stacks.flatMap((s) => s.resources);
    for (const r of this.resources) {
      const list = this.byType.get(r.type) ?? [];
      list.push(r);
      this.byType.set(r.type, list);
    }
  }

  /** Resources of any of the types, in configuration order. */
  public all(...types: string[]): TfResource[] {
    return types.flatMap((t) => this.byType.get(t) ?? []);
  }

  public stack(name: string): TfStack | undefined {
    return this.stacks.find((s) => s.name === name);
  }

  /**
   * The stacks a reference from `stack` most likely means, nearest first: the stack itself, the stacks it depends
   * on (transitively), then the rest. Two variants of a topology may define policies of the same name; a backend
   * service refers to the one its own deployment created.
   */
  public stackOrder(stack: string): string[] {
    const cached = this.order.get(stack);
    if (cached) return cached;
    const seen = [stack];
    for (let i = 0; i < seen.length; i++) {
      for (const dep of this.stack(seen[i])?.dependencies ?? []) if (!seen.includes(dep)) seen.push(dep);
    }
    for (const s of this.stacks) if (!seen.includes(s.name)) seen.push(s.name);
    this.order.set(stack, seen);
    return seen;
  }

  /**
   * The resource a reference names: `${TYPE.NAME.attr}` in the same stack, or a full or short resource name
   * (`projects/P/locations/global/serverTlsPolicies/NAME`, a self link, or `NAME`) matched against the `name`
   * attribute of resources of the given types. UNKNOWN when the reference is only known at apply time (a
   * cross-stack reference, a computed name); undefined when nothing in the configuration matches.
   */
  public resolve(from: TfResource, reference: unknown, types: string[]): TfResource | Unknown | undefined {
    if (reference === UNKNOWN) return UNKNOWN;
    if (typeof reference !== 'string' || reference === '') return undefined;
    if (isInterpolation(reference)) {
      const m = DIRECT_REFERENCE.exec(reference);
      if (!m) return UNKNOWN;
      const target = this.stack(from.stack)?.resources.find((r) => r.type === m[1] && r.name === m[2]);
      return target && types.includes(target.type) ? target : UNKNOWN;
    }
    const parts = reference.replace(/^https?:\/\/[^/]+\/[^/]+\/[^/]+\//, '').replace(/^\/\/[^/]+\//, '').split('/');
    const name = parts[parts.length - 1];
    const projectIndex = parts.indexOf('projects');
    const project = projectIndex >= 0 ? parts[projectIndex + 1] : undefined;
    const candidates = this.all(...types).filter((r) => {
      const rName = stringAt(r.body, 'name');
      if (rName !== name) return false;
      const rProject = stringAt(r.body, 'project');
      return project === undefined || rProject === undefined || rProject === UNKNOWN || rProject === project;
    });
    if (candidates.length === 0) {
      // A reference to something this configuration names only at apply time could still be it.
      const unknownNames = this.all(...types).some((r) => stringAt(r.body, 'name') === UNKNOWN);
      return unknownNames ? UNKNOWN : undefined;
    }
    const order = this.stackOrder(from.stack);
    return [...candidates].sort((a, b) => order.indexOf(a.stack) - order.indexOf(b.stack))[0];
  }

  /**
   * The stacks deployed together with `stack`: those connected to it by dependencies (cdktf's manifest). Two
   * variants of a topology in one cdktf.out are two groups; a folder without dependency information is one group.
   */
  public group(stack: string): Set<string> {
    const linked = new Map<string, Set<string>>(this.stacks.map((s) => [s.name, new Set<string>()]));
    for (const s of this.stacks) {
      for (const d of s.dependencies) {
        linked.get(s.name)?.add(d);
        linked.get(d)?.add(s.name);
      }
    }
    if (this.stacks.every((s) => s.dependencies.length === 0)) return new Set(this.stacks.map((s) => s.name));
    const seen = new Set([stack]);
    const queue = [stack];
    while (queue.length > 0) {
      for (const next of linked.get(queue.shift() as string) ?? []) {
        if (!seen.has(next)) { seen.add(next); queue.push(next); }
      }
    }
    return seen;
  }

  /** Of some candidates, those deployed with `stack` (see group); all of them when none is. */
  public near<T>(stack: string, candidates: T[], stackOf: (c: T) => string): T[] {
    const group = this.group(stack);
    const close = candidates.filter((c) => group.has(stackOf(c)));
    return close.length > 0 ? close : candidates;
  }

  /** Resources of `types` whose attribute `attribute` refers to `target` (or may, when unknown: see `unknown`). */
  public referrers(target: TfResource, types: string[], attributes: string[]): { known: TfResource[]; unknown: TfResource[] } {
    const known: TfResource[] = [];
    const unknown: TfResource[] = [];
    for (const r of this.all(...types)) {
      for (const attribute of attributes) {
        const value = referenceAt(r.body, attribute);
        if (value === undefined) continue;
        const resolved = this.resolve(r, value, [target.type]);
        if (resolved === target) known.push(r);
        else if (resolved === UNKNOWN) unknown.push(r);
      }
    }
    return { known: [...new Set(known)], unknown: [...new Set(unknown)] };
  }

  public get k8s(): K8sObject[] {
    this.k8sCache ??= kubernetesObjects(this.resources);
    return this.k8sCache;
  }

  public k8sOfKind(kind: string, apiGroup?: string): K8sObject[] {
    return this.k8s.filter((o) => o.kind === kind && (apiGroup === undefined || o.apiVersion.startsWith(`${apiGroup}/`)));
  }

  public get workloads(): K8sWorkload[] {
    this.workloadCache ??= workloadsOf(this.k8s);
    return this.workloadCache;
  }

  public get services(): K8sService[] {
    return servicesOf(this.k8s);
  }

  public get networkPolicies(): K8sNetworkPolicy[] {
    return networkPoliciesOf(this.k8s);
  }

  /** Outputs of every stack, as `{ stack, name, value }`. */
  public outputs(): { stack: string; name: string; value: unknown; description: unknown }[] {
    const out: { stack: string; name: string; value: unknown; description: unknown }[] = [];
    for (const s of this.stacks) {
      for (const doc of s.documents) {
        const outputs = doc.output;
        if (typeof outputs !== 'object' || outputs === null) continue;
        for (const [name, o] of Object.entries(outputs as Record<string, { value?: unknown; description?: unknown }>)) {
          out.push({ stack: s.name, name, value: o?.value, description: o?.description });
        }
      }
    }
    return out;
  }
}
