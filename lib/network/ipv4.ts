import { IConstruct } from 'constructs';
import { invalidInput } from '../core/errors';
import { checkIpv4Cidr, isUnresolved } from '../core/validation';

/**
 * IPv4 range arithmetic for the network constructs' synth-time checks (E1). Ranges known only at apply time are
 * never parsed (X5): callers skip them.
 */

/** A parsed IPv4 CIDR range. @internal */
export interface Ipv4Range {
  readonly text: string;
  /** First address as an unsigned 32-bit number. */
  readonly start: number;
  /** Last address as an unsigned 32-bit number. */
  readonly end: number;
  readonly prefixLength: number;
}

/** Parses `a.b.c.d/n` (already checked with `isIpv4Cidr`). @internal */
export function parseIpv4Range(text: string): Ipv4Range {
  const [address, prefix] = text.split('/');
  const prefixLength = Number(prefix);
  const value = address.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
  const size = 2 ** (32 - prefixLength);
  const start = Math.floor(value / size) * size;
  return { text, start, end: start + size - 1, prefixLength };
}

/** The dotted form of an unsigned 32-bit address. */
function dotted(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** `text` with its host bits cleared, e.g. `10.0.0.0/24` for `10.0.0.1/24`. @internal */
export function canonicalIpv4Range(text: string): string {
  const range = parseIpv4Range(text);
  return `${dotted(range.start)}/${range.prefixLength}`;
}

/** @internal */
export function rangesOverlap(a: Ipv4Range, b: Ipv4Range): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** @internal */
export function rangeContains(outer: Ipv4Range, inner: Ipv4Range): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/**
 * Ranges a VPC subnet may use without further thought: RFC 1918 space, and the other special-purpose ranges VPC
 * networks accept as internal ranges (VPC documentation, "Subnets", "Valid IPv4 ranges").
 */
const PRIVATE_RANGES: ReadonlyArray<readonly [string, string]> = [
  ['10.0.0.0/8', 'RFC 1918'],
  ['172.16.0.0/12', 'RFC 1918'],
  ['192.168.0.0/16', 'RFC 1918'],
  ['100.64.0.0/10', 'RFC 6598 shared address space'],
  ['192.0.0.0/24', 'RFC 6890 IETF protocol assignments'],
  ['192.0.2.0/24', 'RFC 5737 documentation (TEST-NET-1)'],
  ['198.51.100.0/24', 'RFC 5737 documentation (TEST-NET-2)'],
  ['203.0.113.0/24', 'RFC 5737 documentation (TEST-NET-3)'],
  ['192.88.99.0/24', 'RFC 7526 6to4 relay anycast'],
  ['198.18.0.0/15', 'RFC 2544 benchmarking'],
  // Class E: VPC accepts it, but some node operating systems do not route it.
  ['240.0.0.0/4', 'RFC 5735 reserved (class E)'],
];

/**
 * Ranges no subnet may use, not even as privately used public ranges: what VPC networks prohibit (this network,
 * loopback, link-local with the metadata server, multicast, broadcast) and the Google API VIPs the private DNS
 * zones point at (E3) — a subnet there would capture the nodes' Google API traffic.
 */
const FORBIDDEN_RANGES: ReadonlyArray<readonly [string, string]> = [
  ['0.0.0.0/8', 'the "this network" range'],
  ['127.0.0.0/8', 'the loopback range'],
  ['169.254.0.0/16', 'the link-local range of the metadata server'],
  ['224.0.0.0/4', 'the multicast range'],
  ['255.255.255.255/32', 'the broadcast address'],
  ['199.36.153.4/30', 'the restricted.googleapis.com VIP'],
  ['199.36.153.8/30', 'the private.googleapis.com VIP'],
];

/** Largest and smallest IPv4 subnet ranges (VPC documentation, "Subnets": /29 is the smallest range). */
const MIN_SUBNET_PREFIX_LENGTH = 8;
const MAX_SUBNET_PREFIX_LENGTH = 29;

const ALLOWED_TEXT = 'RFC 1918 space (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) or another range VPC networks accept as internal '
  + '(100.64.0.0/10, 192.0.0.0/24, 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 192.88.99.0/24, 198.18.0.0/15, 240.0.0.0/4)';

/**
 * A subnet range (primary or secondary): IPv4 CIDR, no host bits, a prefix length Compute Engine accepts, inside
 * private space unless `allowPublic`, never in a forbidden range. Returns the parsed range, or undefined for a token.
 * @internal
 */
export function checkSubnetRange(scope: IConstruct, field: string, value: string, allowPublic: boolean, example: string): Ipv4Range | undefined {
  checkIpv4Cidr(scope, field, value, `Use a private IPv4 range such as "${example}"`);
  if (isUnresolved(value)) return undefined;
  const range = parseIpv4Range(value);
  const canonical = canonicalIpv4Range(value);
  if (canonical !== value) {
    throw invalidInput(scope, field, 'has host bits set', value, `Use the range's network address: "${canonical}"`);
  }
  if (range.prefixLength < MIN_SUBNET_PREFIX_LENGTH || range.prefixLength > MAX_SUBNET_PREFIX_LENGTH) {
    throw invalidInput(scope, field, `has a prefix length outside /${MIN_SUBNET_PREFIX_LENGTH}-/${MAX_SUBNET_PREFIX_LENGTH}`, value,
      `VPC subnet ranges are /${MIN_SUBNET_PREFIX_LENGTH} at the largest and /${MAX_SUBNET_PREFIX_LENGTH} at the smallest; use e.g. "${example}"`);
  }
  const forbidden = FORBIDDEN_RANGES.find(([cidr]) => rangesOverlap(parseIpv4Range(cidr), range));
  if (forbidden) {
    throw invalidInput(scope, field, `overlaps ${forbidden[1]} ${forbidden[0]}, which no VPC subnet may use`, value,
      `Use a range inside ${ALLOWED_TEXT}`);
  }
  if (!allowPublic && !PRIVATE_RANGES.some(([cidr]) => rangeContains(parseIpv4Range(cidr), range))) {
    throw invalidInput(scope, field, 'is not inside a private range', value,
      `Use a range inside ${ALLOWED_TEXT}; to use public addresses privately, set allowPrivatelyUsedPublicRanges: true`);
  }
  return range;
}
