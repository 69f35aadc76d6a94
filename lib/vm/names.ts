import { IConstruct } from 'constructs';
import { checkPattern } from '../core/validation';

/**
 * IDs of workload identity pools: 4-32 lowercase letters, digits and hyphens, starting and ending with a letter or
 * digit; `gcp-` is reserved for Google (IAM "Create a workload identity pool"; provider field
 * `workload_identity_pool_id`).
 */
const POOL_ID = /^(?!gcp-)[a-z0-9][a-z0-9-]{2,30}[a-z0-9]$/;

/**
 * IDs of namespaces and managed identities: 2-63 lowercase letters, digits and hyphens, starting and ending with a
 * letter or digit; `gcp-` is reserved (IAM "Create managed workload identities").
 */
const POOL_MEMBER_ID = /^(?!gcp-)[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$/;

export function checkPoolId(scope: IConstruct, field: string, value: string): void {
  checkPattern(scope, field, value, POOL_ID, 'is not a valid workload identity pool ID',
    'Use 4-32 lowercase letters, digits and hyphens, starting and ending with a letter or digit and not starting with "gcp-", e.g. "vm-workloads"');
}

export function checkNamespaceId(scope: IConstruct, field: string, value: string): void {
  checkPattern(scope, field, value, POOL_MEMBER_ID, 'is not a valid workload identity namespace ID',
    'Use 2-63 lowercase letters, digits and hyphens, starting and ending with a letter or digit and not starting with "gcp-", e.g. "payments"');
}

export function checkManagedIdentityId(scope: IConstruct, field: string, value: string): void {
  checkPattern(scope, field, value, POOL_MEMBER_ID, 'is not a valid managed identity ID',
    'Use 2-63 lowercase letters, digits and hyphens, starting and ending with a letter or digit and not starting with "gcp-", e.g. "backend"');
}

/**
 * The trust domain of a workload identity pool, `POOL_ID.global.PROJECT_NUMBER.workload.id.goog` (seed 003):
 * captures the pool ID and the project number.
 */
export const POOL_TRUST_DOMAIN = /^([a-z0-9][a-z0-9-]{2,30}[a-z0-9])\.global\.([1-9][0-9]{0,19})\.workload\.id\.goog$/;

/** `POOL_ID.global.PROJECT_NUMBER.workload.id.goog`. */
export function poolTrustDomainName(poolId: string, projectNumber: string): string {
  return `${poolId}.global.${projectNumber}.workload.id.goog`;
}
