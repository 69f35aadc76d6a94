import { IConstruct } from 'constructs';
import { invalidInput } from '../core/errors';
import { SpiffeId, TrustDomain } from '../core/spiffe';
import { isUnresolved } from '../core/validation';

/**
 * A peer identity an authorization rule matches: a SPIFFE ID from the peer's mesh certificate, or a
 * prefix/suffix pattern over such IDs. Checked when the policy is built, so errors name the policy.
 */
export class Principal {
  /** The workload running as Kubernetes service account `namespace/serviceAccount` in `trustDomain` (S13). */
  public static kubernetesServiceAccount(trustDomain: TrustDomain, namespace: string, serviceAccount: string): Principal {
    return Principal.spiffeId(trustDomain.kubernetesServiceAccount(namespace, serviceAccount));
  }

  /** Exactly this SPIFFE ID. */
  public static spiffeId(id: SpiffeId): Principal {
    return new Principal(id.uri, 'exact');
  }

  /** Every principal starting with `prefix`, e.g. all service accounts of a namespace (`spiffe://P.svc.id.goog/ns/team-a/`). */
  public static startingWith(prefix: string): Principal {
    return new Principal(`${prefix}*`, 'prefix');
  }

  /** Every principal ending with `suffix`, e.g. one service account name in any namespace. */
  public static endingWith(suffix: string): Principal {
    return new Principal(`*${suffix}`, 'suffix');
  }

  /** Any authenticated peer (`*`): only a valid certificate is required. */
  public static anyAuthenticated(): Principal {
    return new Principal('*', 'any');
  }

  private constructor(
    /** The principal string as the API takes it. */
    public readonly value: string,
    private readonly kind: 'exact' | 'prefix' | 'suffix' | 'any',
  ) {}

  /** @internal */
  public _render(scope: IConstruct, field: string): string {
    if (isUnresolved(this.value)) return this.value;
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
