import { IConstruct } from 'constructs';
import { invalidInput } from './errors';
import { isUnresolved } from './validation';

/** SPIFFE trust domain characters (SPIFFE ID spec §2.1: lowercase letters, digits, dots, hyphens, underscores). */
const TRUST_DOMAIN = /^[a-z0-9._-]+$/;
const PATH_SEGMENT = /^[A-Za-z0-9._-]+$/;

/** Rejects a trust domain with characters the SPIFFE ID specification does not allow. */
export function checkTrustDomain(scope: IConstruct, field: string, value: string): void {
  if (isUnresolved(value) || (typeof value === 'string' && TRUST_DOMAIN.test(value))) return;
  throw invalidInput(scope, field, 'is not a SPIFFE trust domain', value,
    'Use a trust domain such as "my-project-id.svc.id.goog" (lowercase letters, digits, dots, hyphens and underscores)');
}

/**
 * A SPIFFE trust domain. GKE mesh certificates use the cluster's workload identity pool,
 * `PROJECT_ID.svc.id.goog`, as trust domain (S7).
 */
export class TrustDomain {
  /** The trust domain of GKE workload identity and mesh certificates in a project: `PROJECT_ID.svc.id.goog`. */
  public static forGkeProject(projectId: string): TrustDomain {
    return new TrustDomain(`${projectId}.svc.id.goog`);
  }

  /** Any trust domain, checked when a construct uses it. */
  public static of(name: string): TrustDomain {
    return new TrustDomain(name);
  }

  private constructor(
    /** The trust domain, e.g. `my-project-id.svc.id.goog`; the host part of every SPIFFE ID in it. */
    public readonly name: string,
  ) {}

  /** The SPIFFE ID GKE gives a pod running as `serviceAccount` in `namespace`. */
  public kubernetesServiceAccount(namespace: string, serviceAccount: string): SpiffeId {
    return SpiffeId.of(`spiffe://${this.name}/ns/${namespace}/sa/${serviceAccount}`);
  }

  /** Throws a construct-path error when the name is not a SPIFFE trust domain. */
  public validate(scope: IConstruct, field: string): void {
    checkTrustDomain(scope, field, this.name);
  }

  /** The trust domain name. */
  public toString(): string {
    return this.name;
  }
}

/**
 * A SPIFFE ID (`spiffe://TRUST_DOMAIN/PATH`), the identity carried in mesh certificates.
 * Factories do not throw: the construct that uses the ID validates it, so the error names the construct path.
 */
export class SpiffeId {
  /** `spiffe://TRUST_DOMAIN/ns/NAMESPACE/sa/SERVICE_ACCOUNT`, the identity of a GKE workload (S11, S13). */
  public static forKubernetesServiceAccount(trustDomain: string, namespace: string, serviceAccount: string): SpiffeId {
    return TrustDomain.of(trustDomain).kubernetesServiceAccount(namespace, serviceAccount);
  }

  /** Any SPIFFE ID given as a URI. */
  public static of(uri: string): SpiffeId {
    return new SpiffeId(uri);
  }

  /** Why `uri` is not a SPIFFE ID, or undefined when it is one (or is an unresolved token). */
  public static problemWith(uri: string): string | undefined {
    if (isUnresolved(uri)) return undefined;
    if (typeof uri !== 'string') return 'is not a string';
    const match = /^spiffe:\/\/([^/]*)(\/.*)?$/.exec(uri);
    if (!match) return 'must start with "spiffe://"';
    const [, trustDomain, path] = match;
    if (!trustDomain || !TRUST_DOMAIN.test(trustDomain)) {
      return 'has an invalid trust domain (lowercase letters, digits, dots, hyphens and underscores only)';
    }
    if (path === undefined) return undefined;
    const segments = path.slice(1).split('/');
    for (const segment of segments) {
      if (segment === '') return 'has an empty path segment';
      if (segment === '.' || segment === '..') return 'has a relative path segment';
      if (!PATH_SEGMENT.test(segment)) return `has an invalid path segment "${segment}"`;
    }
    return undefined;
  }

  private constructor(
    /** The ID as a URI, e.g. `spiffe://my-project-id.svc.id.goog/ns/default/sa/demo-client`. */
    public readonly uri: string,
  ) {}

  /** The trust domain part of the ID (empty when the ID is malformed or a token). */
  public get trustDomain(): string {
    return /^spiffe:\/\/([^/]+)/.exec(this.uri)?.[1] ?? '';
  }

  /** Throws a construct-path error when the ID is malformed. */
  public validate(scope: IConstruct, field: string): void {
    const problem = SpiffeId.problemWith(this.uri);
    if (problem) {
      throw invalidInput(scope, field, `is not a valid SPIFFE ID: it ${problem}`, this.uri,
        'Use spiffe://TRUST_DOMAIN/ns/NAMESPACE/sa/SERVICE_ACCOUNT, e.g. SpiffeId.forKubernetesServiceAccount("my-project.svc.id.goog", "default", "client")');
    }
  }

  /** The ID as a URI. */
  public toString(): string {
    return this.uri;
  }
}
