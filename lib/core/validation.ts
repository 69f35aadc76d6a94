import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { invalidInput } from './errors';

/**
 * Synth-time checks shared by every construct, for callers with and without a type checker (X2): each one
 * rejects `undefined`, `null` and values of the wrong type with the one error shape, and returns silently for
 * a value that is an unresolved token (X5): such values are only known at apply time and are never rejected.
 */

/** True when `value` (or any element of it) is a token resolved only at apply time. */
export function isUnresolved(value: unknown): boolean {
  return value !== undefined && value !== null && Token.isUnresolved(value);
}

/** Rejects a missing value: `undefined` and `null` alike, since jsii languages pass `null` for "not given". */
export function checkRequired(scope: IConstruct, field: string, value: unknown, fix: string): void {
  if (value === undefined || value === null) throw invalidInput(scope, field, 'is required', value, fix);
}

/** A required string, or a string token. */
export function checkString(scope: IConstruct, field: string, value: unknown, fix: string): asserts value is string {
  checkRequired(scope, field, value, fix);
  if (typeof value !== 'string') throw invalidInput(scope, field, 'must be a string', value, fix);
}

/** A required boolean. */
export function checkBoolean(scope: IConstruct, field: string, value: unknown): asserts value is boolean {
  if (typeof value !== 'boolean' && !isUnresolved(value)) {
    throw invalidInput(scope, field, 'must be true or false', value, `Set ${field} to true or false`);
  }
}

/**
 * A list: an array, or a token list (`Token.asList`, a variable) whose elements are known only at apply time and
 * are therefore not checked one by one. Returns whether the elements can be checked.
 */
export function checkList(scope: IConstruct, field: string, value: unknown, fix: string): value is readonly unknown[] {
  checkRequired(scope, field, value, fix);
  if (isUnresolved(value)) return false;
  if (!Array.isArray(value)) throw invalidInput(scope, field, 'must be a list', value, fix);
  return true;
}

/** A map of strings (labels, annotations, proxy metadata), or a token. */
export function checkStringMap(scope: IConstruct, field: string, value: unknown, fix: string): value is Readonly<Record<string, string>> {
  checkRequired(scope, field, value, fix);
  if (isUnresolved(value)) return false;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidInput(scope, field, 'must be a map of strings', value, fix);
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    if (typeof entry !== 'string') throw invalidInput(scope, `${field}.${key}`, 'must be a string', entry, fix);
  }
  return true;
}

/**
 * An object prop that must be an instance of `type` (a construct, or an enum-like class with static factories).
 * A string or a plain object in its place would otherwise crash later or render nothing.
 */
export function checkInstance(scope: IConstruct, field: string, value: unknown, type: { readonly prototype: object; readonly name: string },
  howToGet: string): void {
  checkRequired(scope, field, value, howToGet);
  // A class with a private constructor (the enum-like classes) is not a constructor type to TypeScript.
  if (!(value instanceof (type as unknown as new () => object))) {
    throw invalidInput(scope, field, `is not a ${type.name}`, value, howToGet);
  }
}

/**
 * An object prop that must implement an interface: every member in `members` present (typed references such as
 * `ICaPool` may come from a `from…` factory or another construct library).
 */
export function checkImplements(scope: IConstruct, field: string, value: unknown, interfaceName: string,
  members: readonly string[], howToGet: string): void {
  checkRequired(scope, field, value, howToGet);
  const missing = typeof value === 'object' ? members.filter((m) => !(m in (value as object))) : members;
  if (missing.length > 0) throw invalidInput(scope, field, `is not an ${interfaceName}`, value, howToGet);
}

/** A string that must match `pattern` (the rule the API enforces; callers cite its source). */
export function checkPattern(scope: IConstruct, field: string, value: unknown, pattern: RegExp, problem: string, fix: string): void {
  checkString(scope, field, value, fix);
  if (isUnresolved(value) || pattern.test(value)) return;
  throw invalidInput(scope, field, problem, value, fix);
}

/**
 * RFC 1035 label, at most 63 characters: names of Compute Engine, Network Services/Security and GKE resources
 * (Compute Engine API "Naming convention"; the provider's `validateGCEName`).
 */
const RFC1035 = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Names of Compute Engine, Network Services/Security and GKE resources (RFC 1035, ≤ 63 characters). */
export function checkResourceName(scope: IConstruct, field: string, value: string): void {
  checkPattern(scope, field, value, RFC1035, 'is not a valid Google Cloud resource name',
    'Use 1-63 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen');
}

/** CA Service resource IDs (`CaPool.name`, `CertificateAuthority.certificate_authority_id`): `[a-zA-Z0-9_-]{1,63}`. */
const CA_SERVICE_ID = /^[a-zA-Z0-9_-]{1,63}$/;

/** IDs of CA pools and certificate authorities (CA Service allows underscores and upper case). */
export function checkCaServiceId(scope: IConstruct, field: string, value: string): void {
  checkPattern(scope, field, value, CA_SERVICE_ID, 'is not a valid CA Service ID', 'Use 1-63 characters: letters, digits, hyphens and underscores');
}

/** Project IDs (Resource Manager: 6-30 characters, optionally with a `domain:` prefix for legacy projects). */
const PROJECT_ID = /^([a-z][a-z0-9.-]*[a-z0-9]:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

export function checkProjectId(scope: IConstruct, field: string, value: string): void {
  checkPattern(scope, field, value, PROJECT_ID, 'is not a valid project ID',
    'Use the project ID (6-30 characters: lowercase letters, digits and hyphens, starting with a letter), not its display name or number');
}

export function checkProjectNumber(scope: IConstruct, field: string, value: string): void {
  checkPattern(scope, field, value, /^[1-9][0-9]{0,19}$/, 'is not a project number',
    'Use the numeric project number shown by `gcloud projects describe PROJECT_ID --format="value(projectNumber)"`');
}

/** A number, integer in [min, max], or a number token. */
export function checkIntegerRange(scope: IConstruct, field: string, value: number, min: number, max: number, fix?: string): void {
  const sentence = fix ?? `Use a value from ${min} to ${max}`;
  checkRequired(scope, field, value, sentence);
  if (isUnresolved(value)) return;
  if (typeof value !== 'number') throw invalidInput(scope, field, 'must be a number', value, sentence);
  if (Number.isInteger(value) && value >= min && value <= max) return;
  throw invalidInput(scope, field, `must be an integer from ${min} to ${max}`, value, sentence);
}

export function checkPort(scope: IConstruct, field: string, value: number): void {
  checkRequired(scope, field, value, 'Use an integer from 1 to 65535');
  if (isUnresolved(value)) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535) {
    throw invalidInput(scope, field, 'is not a TCP port', value, 'Use an integer from 1 to 65535');
  }
}

/** Every element of a list of ports (a token list passes whole). */
export function checkPorts(scope: IConstruct, field: string, value: readonly number[], fix: string): void {
  if (!checkList(scope, field, value, fix)) return;
  value.forEach((port, i) => checkPort(scope, `${field}[${i}]`, port));
}

/** One of a closed set of strings (an enum's values), or a token. */
export function checkOneOf(scope: IConstruct, field: string, value: string, allowed: readonly string[], what: string): void {
  const fix = `Use one of: ${allowed.join(', ')}`;
  checkRequired(scope, field, value, fix);
  if (isUnresolved(value) || (typeof value === 'string' && allowed.includes(value))) return;
  throw invalidInput(scope, field, `is not ${what}`, value, fix);
}

/**
 * Service-security resources of Cloud Service Mesh (TLS policies, authorization policies, meshes,
 * gateways, routes) are read by Traffic Director only from the `global` location.
 */
export function checkGlobalLocation(scope: IConstruct, field: string, value: string): void {
  checkPattern(scope, field, value, /^global$/, 'must be "global" for Cloud Service Mesh',
    'Traffic Director only reads service-security and routing resources from the global location; remove the location or set it to "global"');
}

/** Kubernetes `IsDNS1123Label` (apimachinery validation): namespaces, label-style names. */
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** Kubernetes `IsDNS1123Subdomain`: names of most objects, service accounts included. */
const DNS1123_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Kubernetes `IsDNS1035Label`: Service names, which become DNS host names. */
const DNS1035_LABEL = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Kubernetes namespace and label-style names (DNS-1123 label). */
export function checkKubernetesLabelName(scope: IConstruct, field: string, value: string): void {
  checkPattern(scope, field, value, DNS1123_LABEL, 'is not a valid Kubernetes name',
    'Use at most 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit');
}

/** Names of most Kubernetes objects, service accounts included (DNS-1123 subdomain). */
export function checkKubernetesObjectName(scope: IConstruct, field: string, value: string): void {
  checkPattern(scope, field, value, DNS1123_SUBDOMAIN, 'is not a valid Kubernetes object name',
    'Use at most 253 lowercase letters, digits, hyphens and dots, starting and ending with a letter or digit');
}

/** Kubernetes Service names (DNS-1035 label: they become DNS names such as `service-test`). */
export function checkKubernetesServiceName(scope: IConstruct, field: string, value: string): void {
  checkPattern(scope, field, value, DNS1035_LABEL, 'is not a valid Kubernetes Service name',
    'Use at most 63 lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit, e.g. "service-test"');
}

/** Throws when a list that must not be empty is empty (a token list passes). */
export function checkNotEmpty(scope: IConstruct, field: string, value: readonly unknown[] | undefined, fix: string): void {
  if (!checkList(scope, field, value, fix)) return;
  if ((value as readonly unknown[]).length === 0) throw invalidInput(scope, field, 'must not be empty', value, fix);
}

/** Google Cloud resource labels (Resource Manager "Requirements for labels"): keys start with a lowercase letter. */
const GCP_LABEL_KEY = /^[a-z][a-z0-9_-]{0,62}$/;
const GCP_LABEL_VALUE = /^[a-z0-9_-]{0,63}$/;

/** Google Cloud labels: at most 64, keys and values of lowercase letters, digits, `_` and `-` (a token map passes). */
export function checkGoogleLabels(scope: IConstruct, field: string, labels: unknown): void {
  const fix = 'Use at most 64 labels whose keys start with a lowercase letter and whose keys and values hold at most 63 lowercase letters, digits, "_" and "-"';
  if (labels === undefined || labels === null) return;
  if (!checkStringMap(scope, field, labels, fix)) return;
  const entries = Object.entries(labels);
  if (entries.length > 64) throw invalidInput(scope, field, 'has more than 64 labels', entries.length, fix);
  for (const [key, value] of entries) {
    if (!isUnresolved(key) && !GCP_LABEL_KEY.test(key)) throw invalidInput(scope, field, `has an invalid label key "${key}"`, key, fix);
    if (!isUnresolved(value) && !GCP_LABEL_VALUE.test(value)) throw invalidInput(scope, `${field}.${key}`, 'is not a valid label value', value, fix);
  }
}

/** An IPv4 CIDR range `a.b.c.d/n` with octets 0-255 and a prefix length 0-32 (RFC 4632). */
export function isIpv4Cidr(value: string): boolean {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
  return match !== null && match.slice(1, 5).every((octet) => Number(octet) <= 255) && Number(match[5]) <= 32;
}

/** An IPv4 range in CIDR form, or a token. */
export function checkIpv4Cidr(scope: IConstruct, field: string, value: string, fix = 'Use an IPv4 range such as "10.4.0.0/14"'): void {
  checkString(scope, field, value, fix);
  if (isUnresolved(value) || isIpv4Cidr(value)) return;
  throw invalidInput(scope, field, 'is not an IPv4 CIDR range', value, fix);
}

/**
 * A duration as the Google APIs take it in JSON (google.protobuf.Duration): seconds with up to nine fractional
 * digits and an `s` suffix, e.g. `"86400s"`.
 */
export function checkDuration(scope: IConstruct, field: string, value: string): void {
  checkPattern(scope, field, value, /^\d{1,12}(\.\d{1,9})?s$/, 'is not a duration in seconds',
    'Write durations as seconds with an "s" suffix, e.g. "86400s" for one day or "2592000s" for 30 days');
}

/** A Google service account email: `NAME@PROJECT.iam.gserviceaccount.com` or a Google-managed `…@….gserviceaccount.com`. */
export function checkServiceAccountEmail(scope: IConstruct, field: string, value: string): void {
  checkPattern(scope, field, value, /^[a-z0-9][a-z0-9._-]*@[a-z0-9.-]+\.gserviceaccount\.com$/, 'is not a service account email',
    'Use the account\'s email, e.g. "mesh-workloads@my-project-id.iam.gserviceaccount.com" or "PROJECT_NUMBER-compute@developer.gserviceaccount.com"');
}

/** Compute Engine machine types: predefined (`e2-standard-2`) or custom (`e2-custom-4-8192`, `custom-2-4096`). */
export function checkMachineType(scope: IConstruct, field: string, value: string): void {
  checkPattern(scope, field, value, /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/, 'is not a Compute Engine machine type',
    'Use a machine type such as "e2-standard-2" (gcloud compute machine-types list)');
}

/** The props object itself: JavaScript and jsii callers can leave it out or pass something else. */
export function checkProps(scope: IConstruct, props: unknown, fix: string): void {
  checkRequired(scope, 'props', props, fix);
  if (typeof props !== 'object' || Array.isArray(props)) throw invalidInput(scope, 'props', 'must be an object', props, fix);
}

/** An optional boolean: absent, or true/false. */
export function checkOptionalBoolean(scope: IConstruct, field: string, value: unknown): void {
  if (value !== undefined) checkBoolean(scope, field, value);
}

/**
 * A list whose length decides how many resources exist cannot be known only at apply time: CDK for Terraform must
 * create each one at synth. The one kind of token this library rejects, with the reason (X5).
 */
export function checkKnownList(scope: IConstruct, field: string, value: unknown, why: string): void {
  if (value === undefined || value === null || !isUnresolved(value)) return;
  throw invalidInput(scope, field, 'must be known at synth time', value,
    `List the values in the app rather than as a Terraform variable or reference: ${why}`);
}
