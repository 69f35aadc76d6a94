import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { invalidInput } from './errors';
import { CA_SERVICE_REGIONS } from './regions';

/**
 * Synth-time checks shared by every construct. Each one returns silently for a value that is an
 * unresolved token (X5): such values are only known at apply time and must never be rejected.
 */

/** True when `value` (or any element of it) is a token resolved only at apply time. */
export function isUnresolved(value: unknown): boolean {
  return value !== undefined && value !== null && Token.isUnresolved(value);
}

const RFC1035 = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Names of Compute Engine, Network Services/Security and GKE resources (RFC 1035, ≤ 63 characters). */
export function checkResourceName(scope: IConstruct, field: string, value: string): void {
  if (isUnresolved(value) || RFC1035.test(value)) return;
  throw invalidInput(scope, field, 'is not a valid Google Cloud resource name', value,
    'Use 1-63 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen');
}

const CA_SERVICE_ID = /^[a-zA-Z0-9_-]{1,63}$/;

/** IDs of CA pools and certificate authorities (CA Service allows underscores and upper case). */
export function checkCaServiceId(scope: IConstruct, field: string, value: string): void {
  if (isUnresolved(value) || CA_SERVICE_ID.test(value)) return;
  throw invalidInput(scope, field, 'is not a valid CA Service ID', value,
    'Use 1-63 characters: letters, digits, hyphens and underscores');
}

const PROJECT_ID = /^([a-z][a-z0-9.-]*[a-z0-9]:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

export function checkProjectId(scope: IConstruct, field: string, value: string): void {
  if (isUnresolved(value) || PROJECT_ID.test(value)) return;
  throw invalidInput(scope, field, 'is not a valid project ID', value,
    'Use the project ID (6-30 characters: lowercase letters, digits and hyphens, starting with a letter), not its display name or number');
}

export function checkProjectNumber(scope: IConstruct, field: string, value: string): void {
  if (isUnresolved(value) || /^[1-9][0-9]{0,19}$/.test(value)) return;
  throw invalidInput(scope, field, 'is not a project number', value,
    'Use the numeric project number shown by `gcloud projects describe PROJECT_ID --format="value(projectNumber)"`');
}

export function checkPort(scope: IConstruct, field: string, value: number): void {
  if (isUnresolved(value) || (Number.isInteger(value) && value >= 1 && value <= 65535)) return;
  throw invalidInput(scope, field, 'is not a TCP port', value, 'Use an integer from 1 to 65535');
}

export function checkIntegerRange(scope: IConstruct, field: string, value: number, min: number, max: number, fix?: string): void {
  if (isUnresolved(value) || (Number.isInteger(value) && value >= min && value <= max)) return;
  throw invalidInput(scope, field, `must be an integer from ${min} to ${max}`, value, fix ?? `Use a value from ${min} to ${max}`);
}

export function checkOneOf(scope: IConstruct, field: string, value: string, allowed: readonly string[], what: string): void {
  if (isUnresolved(value) || allowed.includes(value)) return;
  throw invalidInput(scope, field, `is not ${what}`, value, `Use one of: ${allowed.join(', ')}`);
}

/** Region check for CA Service pools and CAs against the seed's list (S5). */
export function checkCaServiceRegion(scope: IConstruct, field: string, value: string): void {
  checkOneOf(scope, field, value, CA_SERVICE_REGIONS, 'a CA Service region');
}

/**
 * Service-security resources of Cloud Service Mesh (TLS policies, authorization policies, meshes,
 * gateways, routes) are read by Traffic Director only from the `global` location.
 */
export function checkGlobalLocation(scope: IConstruct, field: string, value: string): void {
  if (isUnresolved(value) || value === 'global') return;
  throw invalidInput(scope, field, 'must be "global" for Cloud Service Mesh', value,
    'Traffic Director only reads service-security and routing resources from the global location; remove the location or set it to "global"');
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Kubernetes namespace and Service names (DNS-1123 label). */
export function checkKubernetesLabelName(scope: IConstruct, field: string, value: string): void {
  if (isUnresolved(value) || DNS1123_LABEL.test(value)) return;
  throw invalidInput(scope, field, 'is not a valid Kubernetes name', value,
    'Use at most 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit');
}

/** Names of most Kubernetes objects, service accounts included (DNS-1123 subdomain). */
export function checkKubernetesObjectName(scope: IConstruct, field: string, value: string): void {
  if (isUnresolved(value) || DNS1123_SUBDOMAIN.test(value)) return;
  throw invalidInput(scope, field, 'is not a valid Kubernetes object name', value,
    'Use at most 253 lowercase letters, digits, hyphens and dots, starting and ending with a letter or digit');
}

/** Throws when a list that must not be empty is empty. */
export function checkNotEmpty(scope: IConstruct, field: string, value: readonly unknown[] | undefined, fix: string): void {
  if (value !== undefined && isUnresolved(value)) return;
  if (value && value.length > 0) return;
  throw invalidInput(scope, field, 'must not be empty', value ?? [], fix);
}

const DNS1035_LABEL = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Kubernetes Service names (DNS-1035 label: they become DNS names such as `service-test`). */
export function checkKubernetesServiceName(scope: IConstruct, field: string, value: string): void {
  if (isUnresolved(value) || DNS1035_LABEL.test(value)) return;
  throw invalidInput(scope, field, 'is not a valid Kubernetes Service name', value,
    'Use at most 63 lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit, e.g. "service-test"');
}
