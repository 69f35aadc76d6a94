import { isIP } from 'net';
import { IConstruct } from 'constructs';
import { invalidInput } from './errors';
import { checkString, isUnresolved } from './validation';

/** RFC 1123 host name in lowercase: dot-separated labels of letters, digits and inner hyphens, at most 253 characters. */
const DNS_NAME = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/;
/** Characters a partial host (the fixed part of a prefix or suffix pattern) may hold. */
const HOST_CHARACTERS = /^[a-z0-9.-]+$/;

const HOST_FIX = 'Use a lowercase DNS name such as "service-test" or "api.example.com" — no scheme, path, port, underscore or IP address';

function reject(scope: IConstruct, field: string, value: string, why: string, fix = HOST_FIX): never {
  throw invalidInput(scope, field, why, value, fix);
}

function commonProblems(scope: IConstruct, field: string, value: string): void {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) reject(scope, field, value, 'is a URL, not a host name');
  // Only text that could be an address reaches isIP: Node compiles its IPv6 pattern at the first call (3 ms a synth).
  if (/^[\d.]+$|:/.test(value) && isIP(value) !== 0) reject(scope, field, value, 'is an IP address, not a host name');
  if (value !== value.toLowerCase()) reject(scope, field, value, 'has upper-case letters', `${HOST_FIX}; DNS names are matched in lower case`);
}

/** An exact host name (RFC 1123), e.g. a Service host or an external destination. */
export function checkHostName(scope: IConstruct, field: string, value: string): void {
  checkString(scope, field, value, HOST_FIX);
  if (isUnresolved(value)) return;
  commonProblems(scope, field, value);
  if (value.includes('*')) reject(scope, field, value, 'has a wildcard, which is not allowed here');
  if (!DNS_NAME.test(value)) reject(scope, field, value, 'is not a valid DNS host name');
}

/**
 * A host name that may start with `*.` (Network Services HTTPRoute `hostnames`: RFC 1123 names, IP addresses not
 * allowed, a wildcard only as the whole first label).
 */
export function checkWildcardHostName(scope: IConstruct, field: string, value: string): void {
  checkString(scope, field, value, HOST_FIX);
  if (isUnresolved(value)) return;
  commonProblems(scope, field, value);
  const rest = value.startsWith('*.') ? value.slice(2) : value;
  if (rest.includes('*')) reject(scope, field, value, 'has a wildcard outside the first label', 'Use the "*.example.com" form, or list the hosts');
  if (!DNS_NAME.test(rest)) reject(scope, field, value, 'is not a valid DNS host name');
}

/**
 * A host pattern of a Network Security authorization rule (`destinations.hosts`): exact, prefix (`mydomain.*`),
 * suffix (`*.myorg.com`) or `*`, matched against `:authority`.
 */
export function checkAuthorizationHost(scope: IConstruct, field: string, value: string): void {
  checkString(scope, field, value, HOST_FIX);
  if (isUnresolved(value) || value === '*') return;
  commonProblems(scope, field, value);
  const fixed = value.startsWith('*') ? value.slice(1) : value.endsWith('*') ? value.slice(0, -1) : value;
  if (fixed.includes('*')) {
    reject(scope, field, value, 'has a wildcard in the middle', 'Use one wildcard at the start ("*.example.com") or end ("service-*"), or "*" for any host');
  }
  if (fixed === value ? !DNS_NAME.test(value) : !HOST_CHARACTERS.test(fixed)) reject(scope, field, value, 'is not a valid host name or host pattern');
}
