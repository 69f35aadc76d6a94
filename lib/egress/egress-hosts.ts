import { createHash } from 'crypto';
import { IConstruct } from 'constructs';
import { invalidInput } from '../core/errors';
import { checkHostName, checkWildcardHostName } from '../core/hosts';
import { checkString, isUnresolved } from '../core/validation';

/**
 * Host rules of egress destinations (E10), internal to the egress constructs.
 *
 * Seed 001 ("DNS, host names and wildcards"): an egress gateway can route a wildcard only when one server set serves
 * every host it covers (`*.example.com`). Envoy routes to predefined hosts, predefined IP addresses or the request's
 * original destination IP, and behind a gateway that IP is the gateway's own, so arbitrary hosts (`*.com`, `*`)
 * cannot be preconfigured.
 */

const WILDCARD_FIX = 'Use an exact host such as "api.example.com", or "*.example.com" with servedBy naming the one server set ' +
  'that serves every host it covers: Envoy routes only to predefined hosts, predefined IP addresses or the original ' +
  'destination IP, and behind an egress gateway the original destination IP is the gateway\'s own (seed 001)';

/** @internal Whether `host` has the `*.example.com` form (checked by {@link checkEgressHost}). */
export function isWildcardHost(host: string): boolean {
  return !isUnresolved(host) && host.startsWith('*.');
}

/**
 * @internal An external host an egress gateway can route: an exact DNS name, or `*.example.com` (a wildcard as the
 * whole first label, over a domain of at least two labels). Tokens pass (X5).
 */
export function checkEgressHost(scope: IConstruct, field: string, host: string): void {
  checkString(scope, field, host, WILDCARD_FIX);
  if (isUnresolved(host)) return;
  if (!host.includes('*')) {
    checkHostName(scope, field, host);
    return;
  }
  if (host === '*') {
    throw invalidInput(scope, field, 'is a bare wildcard, which an egress gateway cannot route', host, WILDCARD_FIX);
  }
  if (!host.startsWith('*.') || host.slice(2).includes('*')) {
    throw invalidInput(scope, field, 'has a wildcard that is not the whole first label, which an egress gateway cannot route', host, WILDCARD_FIX);
  }
  checkWildcardHostName(scope, field, host);
  if (!host.slice(2).includes('.')) {
    throw invalidInput(scope, field, 'covers a whole top-level domain, which an egress gateway cannot route', host, WILDCARD_FIX);
  }
}

/** Kubernetes names (and Istio subset names) are DNS-1123 labels of at most 63 characters. */
const MAX_LABEL = 63;

/**
 * @internal The base name of a destination's Istio objects, in the host's own words: `example.com` → `example-com`,
 * `*.example.com` → `wildcard-example-com`. Longer than a DNS label allows, it keeps a prefix and a hash of the host.
 */
export function nameOfHost(host: string): string {
  const name = host.replace(/^\*\./, 'wildcard.').replace(/\./g, '-');
  if (name.length <= MAX_LABEL) return name;
  const hash = createHash('sha256').update(host).digest('hex').slice(0, 8);
  return `${name.slice(0, MAX_LABEL - 9).replace(/-+$/, '')}-${hash}`;
}

/** @internal `ExampleCom` → `example-com`: a construct id in Kubernetes words, for names that cannot come from a host token. */
export function nameOfId(id: string): string {
  const name = id.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return (name || 'destination').slice(0, MAX_LABEL).replace(/-+$/, '');
}

/**
 * @internal The SNI the sidecars present to the gateway's ISTIO_MUTUAL server of a destination. The gateway selects the
 * server (its filter chain) by SNI, so it must be one of the server's hosts (istio#23910); for `*.example.com` any
 * name under it does, and Istio's wildcard egress example uses `placeholder.<domain>`.
 */
export function gatewaySniOf(host: string): string {
  return isWildcardHost(host) ? `placeholder.${host.slice(2)}` : host;
}
