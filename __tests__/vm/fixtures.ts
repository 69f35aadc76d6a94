import * as path from 'path';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { Testing, TerraformStack } from 'cdktf';
import { CaHierarchy } from '../../lib/ca';
import {
  ManagedIdentity, PartnerMetadata, PartnerMetadataProps, VmServiceAccount, WorkloadIdentityNamespace, WorkloadIdentityPool,
} from '../../lib/vm';
import { deriveBindingSchema, TfBlock, TfType } from '../../tools/terraform/derive-schemas';
import { REPO_ROOT } from '../helpers/paths';
import { validateTerraformJson } from '../helpers/schema-validator';
import { StackJson, testStack } from '../helpers/synth';

/** The seed's project placeholders. */
export const PROJECT = 'my-project-id';
export const PROJECT_NUMBER = '123456789012';
export const TRUST_DOMAIN = 'mwlid-pool.global.123456789012.workload.id.goog';
export const SPIFFE_ID = `spiffe://${TRUST_DOMAIN}/ns/mtls-demo/sa/backend`;
export const SUB_POOL = 'projects/my-project-id/locations/us-east1/caPools/mwlid-sub-pool';

/** A test stack with a Google provider for my-project-id. */
export function vmStack(): TerraformStack {
  const stack = testStack();
  new GoogleProvider(stack, 'google', { project: PROJECT });
  return stack;
}

export interface Demo {
  readonly stack: TerraformStack;
  readonly hierarchy: CaHierarchy;
  readonly pool: WorkloadIdentityPool;
  readonly namespace: WorkloadIdentityNamespace;
  readonly identity: ManagedIdentity;
  readonly serviceAccount: VmServiceAccount;
}

/** Seed 003's security-administrator part: pool, namespace, identity, service account and attestation, CA hierarchy, grants. */
export function demo(stack: TerraformStack = vmStack(), region = 'us-east1'): Demo {
  const hierarchy = new CaHierarchy(stack, 'Ca', {
    organization: 'TestCorpLLC',
    rootPoolId: 'mwlid-root-pool',
    rootCaId: 'mwlid-root-ca',
    subordinatePoolId: 'mwlid-sub-pool',
    subordinateCaId: 'mwlid-sub-ca',
    subordinateLocation: region,
  });
  const pool = new WorkloadIdentityPool(stack, 'Pool', { projectNumber: PROJECT_NUMBER, name: 'mwlid-pool' });
  pool.authorizeCertificateRequests(hierarchy.subordinatePool);
  const namespace = pool.addNamespace('Namespace', { name: 'mtls-demo' });
  const identity = namespace.addManagedIdentity('Backend', { name: 'backend' });
  const serviceAccount = new VmServiceAccount(stack, 'ServiceAccount', { accountId: 'mwlid-backend' });
  identity.allowVmsWithServiceAccount(serviceAccount);
  return { stack, hierarchy, pool, namespace, identity, serviceAccount };
}

/** The demo's partner metadata; `props` override. */
export function demoMetadata(d: Demo, props: Partial<PartnerMetadataProps> = {}, id = 'PartnerMetadata'): PartnerMetadata {
  return new PartnerMetadata(d.stack, id, { identity: d.identity, issuingPool: d.hierarchy.subordinatePool, ...props });
}

// ---------------------------------------------------------------------------------------------------------------
// Synthesis with schema checks. The shared helper checks google-beta resources against the GA schema (there is no
// published google-beta schema); here the beta resources are checked against the schema of their cdktf binding, which
// was generated from google-beta 6.50.0 (the same derivation the offline Terraform harness serves).

const derived = new Map<string, TfBlock>();

function betaBlock(type: string): TfBlock {
  let block = derived.get(type);
  if (!block) {
    block = deriveBindingSchema(path.join(REPO_ROOT, 'node_modules', '@cdktf', 'provider-google-beta', 'lib', type.replace(/_/g, '-'))).schema.block;
    derived.set(type, block);
  }
  return block;
}

const META = new Set(['//', 'depends_on', 'lifecycle', 'provider', 'count', 'for_each']);

function typeIssues(where: string, type: TfType, value: unknown): string[] {
  if (value === null || (typeof value === 'string' && value.includes('${'))) return [];
  if (typeof type === 'string') {
    const ok = type === 'string' ? ['string', 'number', 'boolean'].includes(typeof value)
      : type === 'number' ? typeof value === 'number' : type === 'bool' ? typeof value === 'boolean' : true;
    return ok ? [] : [`${where}: expected ${type}, got ${JSON.stringify(value)}`];
  }
  if (type[0] === 'map') {
    if (typeof value !== 'object' || Array.isArray(value)) return [`${where}: expected a map`];
    return Object.entries(value as object).flatMap(([k, v]) => typeIssues(`${where}.${k}`, type[1] as TfType, v));
  }
  if (type[0] === 'list' || type[0] === 'set') {
    if (!Array.isArray(value)) return [`${where}: expected a list`];
    return value.flatMap((v, i) => typeIssues(`${where}[${i}]`, type[1] as TfType, v));
  }
  return [];
}

function blockIssues(where: string, block: TfBlock, value: Record<string, unknown>, top: boolean): string[] {
  const issues: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (top && META.has(key)) continue;
    const attribute = block.attributes?.[key];
    const nested = block.block_types?.[key];
    if (attribute) {
      if (attribute.computed && !attribute.optional && !attribute.required) issues.push(`${where}.${key}: read-only`);
      issues.push(...typeIssues(`${where}.${key}`, attribute.type, v));
    } else if (nested) {
      const items = Array.isArray(v) ? v : [v];
      if (nested.max_items !== undefined && items.length > nested.max_items) issues.push(`${where}.${key}: more than ${nested.max_items} items`);
      items.forEach((item, i) => issues.push(...blockIssues(`${where}.${key}[${i}]`, nested.block, item as Record<string, unknown>, false)));
    } else {
      issues.push(`${where}: unknown attribute or block "${key}"`);
    }
  }
  for (const [key, attribute] of Object.entries(block.attributes ?? {})) {
    if (attribute.required && value[key] === undefined) issues.push(`${where}: required attribute "${key}" is missing`);
  }
  for (const [key, nested] of Object.entries(block.block_types ?? {})) {
    if ((nested.min_items ?? 0) > 0 && value[key] === undefined) issues.push(`${where}: required block "${key}" is missing`);
  }
  return issues;
}

/** Issues of the google-beta resources against their bindings' schemas, and of the rest against the shared schemas. */
export function schemaIssues(json: StackJson): string[] {
  const ga: Record<string, Record<string, Record<string, unknown>>> = {};
  const issues: string[] = [];
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    for (const [name, config] of Object.entries(byName)) {
      if (typeof config.provider === 'string' && config.provider.startsWith('google-beta')) {
        issues.push(...blockIssues(`resource.${type}.${name}`, betaBlock(type), config, true));
      } else {
        (ga[type] ??= {})[name] = config;
      }
    }
  }
  return [...issues, ...validateTerraformJson({ ...json, resource: ga })];
}

/** Synthesizes with validations, as `cdktf synth` does, and checks the output against the provider schemas. */
export function synthVm(stack: TerraformStack): StackJson {
  const json = JSON.parse(Testing.synth(stack, true)) as StackJson;
  expect({ stack: stack.node.path, schemaIssues: schemaIssues(json) }).toEqual({ stack: stack.node.path, schemaIssues: [] });
  return json;
}

/** The only resource of a type. */
export function only(json: StackJson, type: string): Record<string, unknown> {
  const all = Object.values(json.resource?.[type] ?? {});
  expect({ type, count: all.length }).toEqual({ type, count: 1 });
  return all[0];
}

/** Every resource of a type. */
export function all(json: StackJson, type: string): Record<string, unknown>[] {
  return Object.values(json.resource?.[type] ?? {});
}
