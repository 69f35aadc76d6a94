import { IConstruct } from 'constructs';
import { invalidInput } from '../../core/errors';
import { SpiffeId, TrustDomain } from '../../core/spiffe';
import { checkInstance, isUnresolved } from '../../core/validation';

/**
 * A peer identity an authorization rule matches: a SPIFFE ID from the peer's mesh certificate, or a
 * prefix/suffix pattern over such IDs. Checked when the policy is built, so errors name the policy.
 */
export class Principal {
  /** The workload running as Kubernetes service account `namespace/serviceAccount` in `trustDomain` (S13). */
  public static kubernetesServiceAccount(trustDomain: TrustDomain, namespace: string, serviceAccount: string): Principal {
    // Factories never throw (they have no construct path to report); a wrong argument is reported where the principal is used.
    if (!(trustDomain instanceof TrustDomain)) {
      return new Principal(undefined, 'exact', { field: 'trustDomain', value: trustDomain, fix: 'Pass a TrustDomain, e.g. TrustDomain.forGkeProject("my-project-id") or cluster.trustDomain' });
    }
    return Principal.spiffeId(trustDomain.kubernetesServiceAccount(namespace, serviceAccount));
  }

  /** Exactly this SPIFFE ID. */
  public static spiffeId(id: SpiffeId): Principal {
    if (!(id instanceof SpiffeId)) {
      return new Principal(undefined, 'exact', { field: 'id', value: id, fix: 'Pass a SpiffeId, e.g. SpiffeId.of("spiffe://my-project-id.svc.id.goog/ns/default/sa/demo-client")' });
    }
    return new Principal(id.uri, 'exact');
  }

  /** Every principal starting with `prefix`, e.g. all service accounts of a namespace (`spiffe://P.svc.id.goog/ns/team-a/`). */
  public static startingWith(prefix: string): Principal {
    if (typeof prefix !== 'string') return new Principal(undefined, 'prefix', { field: 'prefix', value: prefix, fix: 'Pass the prefix as a string' });
    return new Principal(`${prefix}*`, 'prefix');
  }

  /** Every principal ending with `suffix`, e.g. one service account name in any namespace. */
  public static endingWith(suffix: string): Principal {
    if (typeof suffix !== 'string') return new Principal(undefined, 'suffix', { field: 'suffix', value: suffix, fix: 'Pass the suffix as a string' });
    return new Principal(`*${suffix}`, 'suffix');
  }

  /** Any authenticated peer (`*`): only a valid certificate is required. */
  public static anyAuthenticated(): Principal {
    return new Principal('*', 'any');
  }

  private constructor(
    /** The principal string as the API takes it; undefined when a factory got a wrong argument. */
    public readonly value: string | undefined,
    private readonly kind: 'exact' | 'prefix' | 'suffix' | 'any',
    private readonly factoryProblem?: { readonly field: string; readonly value: unknown; readonly fix: string },
  ) {}

  /** @internal */
  public _render(scope: IConstruct, field: string): string {
    if (this.factoryProblem) {
      const { field: argument, value, fix } = this.factoryProblem;
      throw invalidInput(scope, `${field} (${argument})`, 'has the wrong type', value, fix);
    }
    if (this.value === undefined || isUnresolved(this.value)) return this.value as string;
    if (this.kind === 'exact') {
      SpiffeId.of(this.value).validate(scope, field);
    } else if (this.kind !== 'any') {
      const core = this.kind === 'prefix' ? this.value.slice(0, -1) : this.value.slice(1);
      if (core === '' || core.includes('*')) {
        throw invalidInput(scope, field, 'is not a valid principal pattern', this.value,
          'Use one wildcard at the start or end of a non-empty pattern, or Principal.anyAuthenticated() for "*"');
      }
    }
    return this.value;
  }
}

/** Renders `principal` after checking it is a Principal (a SPIFFE string in its place would crash or match nothing). */
export function renderPrincipal(scope: IConstruct, field: string, principal: unknown): string {
  checkInstance(scope, field, principal, Principal,
    'Use Principal.kubernetesServiceAccount(trustDomain, namespace, serviceAccount) or Principal.spiffeId(SpiffeId.of("spiffe://…"))');
  return (principal as Principal)._render(scope, field);
}
