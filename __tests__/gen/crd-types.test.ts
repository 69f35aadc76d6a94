import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ErrorObject, SchemaObject, ValidateFunction } from 'ajv';
import type {
  CertificateAuthorityServiceConfig,
  KeyAlgorithm,
  TrustConfig,
  WorkloadCertificateConfig,
} from '../../.gen/security.cloud.google.com/v1';
import { CRD_SCHEMA_PATH, generateCrdTypes } from '../../scripts/generate-crd-types';
import { REPO_ROOT, SHARED_SCHEMAS_DIR } from '../helpers/paths';

// json-schema-to-typescript requires prettier even with formatting off, and prettier's CommonJS entry starts a dynamic
// import() that jest rejects without --experimental-vm-modules, crashing the worker. The generator never formats, so
// a stand-in that fails loudly if that ever changes is all the test needs.
jest.mock('prettier', () => ({
  format: () => {
    throw new Error('scripts/generate-crd-types.ts must compile with format: false; see the comment there');
  },
}));

/** The subset of JSON Schema that both our schema and the upstream CRD schemas use. */
interface SchemaNode {
  $id?: string;
  $ref?: string;
  type?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  required?: string[];
  oneOf?: SchemaNode[];
  definitions?: Record<string, SchemaNode>;
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

const ourSchema = readJson<SchemaNode>(CRD_SCHEMA_PATH);

// Demo values from the seed guide: project my-project, root pool td_sec_pool and subordinate pool td-ca-pool, both in us-east1.
const ISSUING_POOL_URI = '//privateca.googleapis.com/projects/my-project/locations/us-east1/caPools/td-ca-pool';
const ROOT_POOL_URI = '//privateca.googleapis.com/projects/my-project/locations/us-east1/caPools/td_sec_pool';

// Typed against the generated interfaces so that `tsc --noEmit` proves they describe what the library writes.
const wcc: WorkloadCertificateConfig = {
  apiVersion: 'security.cloud.google.com/v1',
  kind: 'WorkloadCertificateConfig',
  metadata: { name: 'default' },
  spec: {
    certificateAuthorityConfig: { certificateAuthorityServiceConfig: { endpointURI: ISSUING_POOL_URI } },
    // The demo CAs use ec-p256-sha256 keys, and the guide asks for workload keys of the same family.
    keyAlgorithm: { ecdsa: { curve: 'P256' } },
    validityDurationSeconds: 86400,
    rotationWindowPercentage: 50,
  },
};

const trustConfig: TrustConfig = {
  apiVersion: 'security.cloud.google.com/v1',
  kind: 'TrustConfig',
  metadata: { name: 'default' },
  spec: {
    trustStores: [{ trustDomain: 'my-project.svc.id.goog', trustAnchors: [{ certificateAuthorityServiceURI: ROOT_POOL_URI }] }],
  },
};

// The literal example in the guide: RSA 4096 with the optional fields left to their defaults.
const rsaWcc: WorkloadCertificateConfig = {
  ...wcc,
  spec: { certificateAuthorityConfig: wcc.spec.certificateAuthorityConfig, keyAlgorithm: { rsa: { modulusSize: 4096 } } },
};

// Each of these is rejected by the compiler as well as by the schema; @ts-expect-error fails the type check if the
// generated types ever start accepting them.
// @ts-expect-error 1024 bits is below the smallest supported RSA modulus.
const rsa1024: KeyAlgorithm = { rsa: { modulusSize: 1024 } };
// @ts-expect-error P521 is not a supported curve.
const p521: KeyAlgorithm = { ecdsa: { curve: 'P521' } };
// @ts-expect-error endpointURI is required.
const noEndpoint: CertificateAuthorityServiceConfig = {};
// TypeScript only checks excess properties against the union as a whole, so this one is caught by the schema alone.
const rsaAndEcdsa: KeyAlgorithm = { rsa: { modulusSize: 2048 }, ecdsa: { curve: 'P256' } };

function withKeyAlgorithm(keyAlgorithm: KeyAlgorithm): WorkloadCertificateConfig {
  return { ...wcc, spec: { ...wcc.spec, keyAlgorithm } };
}

describe('.gen/security.cloud.google.com', () => {
  it('is what npm run gen produces from the schema', async () => {
    const stale: string[] = [];
    for (const [file, expected] of await generateCrdTypes()) {
      const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
      if (committed !== expected) stale.push(path.relative(REPO_ROOT, file));
    }
    // A non-empty list means the files are out of date with schemas/ or scripts/: run npm run gen.
    expect({ staleFiles: stale, fix: 'npm run gen' }).toEqual({ staleFiles: [], fix: 'npm run gen' });
  });
});

/** Follows a local `#/definitions/...` reference against the document it came from. */
function resolve(node: SchemaNode, root: SchemaNode): SchemaNode {
  if (node.$ref === undefined) return node;
  const match = /^#\/definitions\/(.+)$/.exec(node.$ref);
  const target = match ? root.definitions?.[match[1]] : undefined;
  if (!target) throw new Error(`unresolvable $ref ${node.$ref}`);
  return resolve(target, root);
}

/** The concrete shapes a node can take: a oneOf is flattened into its branches. */
function branches(node: SchemaNode, root: SchemaNode): SchemaNode[] {
  const resolved = resolve(node, root);
  return resolved.oneOf ? resolved.oneOf.flatMap((branch) => branches(branch, root)) : [resolved];
}

function isCompatible(ours: string | undefined, upstream: string | undefined): boolean {
  return ours === upstream || (ours === 'integer' && upstream === 'number');
}

interface Agreement {
  /** Every path of our schema that was matched against upstream, for proof the walk reached the leaves. */
  visited: string[];
  problems: string[];
}

/**
 * Walks our schema and the upstream one in parallel. Ours may be narrower (fewer properties, more required
 * fields, enums) but must never declare a path upstream does not have, nor leave optional what upstream requires.
 */
function compareWithUpstream(
  ours: SchemaNode,
  ourRoot: SchemaNode,
  upstream: SchemaNode,
  upstreamRoot: SchemaNode,
  at = '',
  agreement: Agreement = { visited: [], problems: [] },
): Agreement {
  const theirs = resolve(upstream, upstreamRoot);
  const where = at === '' ? '(root)' : at;
  for (const branch of branches(ours, ourRoot)) {
    if (!isCompatible(branch.type, theirs.type)) {
      agreement.problems.push(`${where}: type ${branch.type} here, ${theirs.type} upstream`);
      continue;
    }
    if (branch.type === 'array' && branch.items && theirs.items) {
      compareWithUpstream(branch.items, ourRoot, theirs.items, upstreamRoot, `${at}[]`, agreement);
    }
    if (branch.type !== 'object') continue;
    const required = new Set(branch.required ?? []);
    for (const [name, property] of Object.entries(branch.properties ?? {})) {
      const child = at === '' ? name : `${at}.${name}`;
      const upstreamProperty = theirs.properties?.[name];
      if (!upstreamProperty) {
        agreement.problems.push(`${child}: not declared upstream`);
        continue;
      }
      if (!agreement.visited.includes(child)) agreement.visited.push(child);
      compareWithUpstream(property, ourRoot, upstreamProperty, upstreamRoot, child, agreement);
    }
    for (const name of theirs.required ?? []) {
      if (!required.has(name)) agreement.problems.push(`${at === '' ? name : `${at}.${name}`}: required upstream, optional here`);
    }
    // Upstream expresses "exactly one of" as oneOf over required lists; each of our shapes must settle on one of them.
    const alternatives = (theirs.oneOf ?? []).map((alternative) => alternative.required ?? []);
    if (alternatives.length > 0 && !alternatives.some((names) => names.every((name) => required.has(name)))) {
      const choices = alternatives.map((names) => names.join(' + ')).join(' | ');
      agreement.problems.push(`${where}: upstream requires one of ${choices}, none is required here`);
    }
  }
  return agreement;
}

const kubernetesOpenApi = readJson<SchemaNode>(path.join(SHARED_SCHEMAS_DIR, 'kubernetes', 'k8s-1.32-swagger.json'));

/**
 * The upstream CRD schema with the standard Kubernetes object envelope added: the catalog leaves out apiVersion, kind
 * and metadata because the API server supplies them for every custom resource, so they come from the Kubernetes
 * OpenAPI document instead, whose definitions are attached for its $refs to resolve against.
 */
function upstreamWithEnvelope(crdFile: string): SchemaNode {
  const crd = readJson<SchemaNode>(path.join(SHARED_SCHEMAS_DIR, 'gke-security-crds', crdFile));
  const envelope =
    kubernetesOpenApi.definitions?.['io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition']
      ?.properties;
  if (!envelope?.apiVersion || !envelope.kind || !envelope.metadata) {
    throw new Error('Kubernetes OpenAPI document has no apiVersion/kind/metadata on CustomResourceDefinition');
  }
  return {
    ...crd,
    properties: { ...crd.properties, apiVersion: envelope.apiVersion, kind: envelope.kind, metadata: envelope.metadata },
    definitions: kubernetesOpenApi.definitions,
  };
}

describe('schemas/security.cloud.google.com-v1.schema.json agrees with the upstream CRDs', () => {
  it.each([
    [
      'WorkloadCertificateConfig',
      'workloadcertificateconfig_v1.json',
      [
        'apiVersion',
        'kind',
        'metadata',
        'metadata.name',
        'spec',
        'spec.certificateAuthorityConfig',
        'spec.certificateAuthorityConfig.certificateAuthorityServiceConfig',
        'spec.certificateAuthorityConfig.certificateAuthorityServiceConfig.endpointURI',
        'spec.keyAlgorithm',
        'spec.keyAlgorithm.rsa',
        'spec.keyAlgorithm.rsa.modulusSize',
        'spec.keyAlgorithm.ecdsa',
        'spec.keyAlgorithm.ecdsa.curve',
        'spec.validityDurationSeconds',
        'spec.rotationWindowPercentage',
      ],
    ],
    [
      'TrustConfig',
      'trustconfig_v1.json',
      [
        'apiVersion',
        'kind',
        'metadata',
        'metadata.name',
        'spec',
        'spec.trustStores',
        'spec.trustStores[].trustDomain',
        'spec.trustStores[].trustAnchors',
        'spec.trustStores[].trustAnchors[].certificateAuthorityServiceURI',
      ],
    ],
  ])('%s', (definition, crdFile, expectedPaths) => {
    const upstream = upstreamWithEnvelope(crdFile);
    const agreement = compareWithUpstream({ $ref: `#/definitions/${definition}` }, ourSchema, upstream, upstream);
    expect(agreement.problems).toEqual([]);
    expect(agreement.visited).toEqual(expectedPaths);
  });

  it('names the path of each disagreement', () => {
    const broken = structuredClone(ourSchema);
    const definitions = broken.definitions ?? {};
    const rsa = definitions.RsaKeyParameters;
    const store = definitions.TrustStore;
    const spec = definitions.TrustConfigSpec;
    definitions.CertificateAuthorityConfig.required = [];
    rsa.required = [];
    rsa.properties = { ...rsa.properties, modulusSize: { type: 'string' } };
    spec.properties = { ...spec.properties, fallbackStores: { type: 'array' } };
    store.required = ['trustAnchors'];

    const upstreamWcc = upstreamWithEnvelope('workloadcertificateconfig_v1.json');
    const upstreamTrust = upstreamWithEnvelope('trustconfig_v1.json');
    const wccProblems = compareWithUpstream(
      { $ref: '#/definitions/WorkloadCertificateConfig' },
      broken,
      upstreamWcc,
      upstreamWcc,
    ).problems;
    const trustProblems = compareWithUpstream({ $ref: '#/definitions/TrustConfig' }, broken, upstreamTrust, upstreamTrust)
      .problems;

    expect([...wccProblems, ...trustProblems]).toEqual([
      'spec.certificateAuthorityConfig: upstream requires one of meshCAConfig | certificateAuthorityServiceConfig, none is required here',
      'spec.keyAlgorithm.rsa.modulusSize: type string here, integer upstream',
      'spec.keyAlgorithm.rsa.modulusSize: required upstream, optional here',
      'spec.trustStores[].trustDomain: required upstream, optional here',
      'spec.fallbackStores: not declared upstream',
    ]);
  });
});

describe('schema validation', () => {
  const ajv = new Ajv({ strict: true, allErrors: true });
  ajv.addSchema(readJson<SchemaObject>(CRD_SCHEMA_PATH));
  const schemaId = ourSchema.$id;
  if (schemaId === undefined) throw new Error(`${CRD_SCHEMA_PATH} needs an $id for its definitions to be addressable`);
  const validateWcc: ValidateFunction<WorkloadCertificateConfig> = ajv.compile({
    $ref: `${schemaId}#/definitions/WorkloadCertificateConfig`,
  });
  const validateTrustConfig: ValidateFunction<TrustConfig> = ajv.compile({
    $ref: `${schemaId}#/definitions/TrustConfig`,
  });
  const validateAny = ajv.compile({ $ref: schemaId });

  function errorsOf(validate: ValidateFunction, value: unknown): ErrorObject[] {
    return validate(value) ? [] : (validate.errors ?? []);
  }

  it.each([
    ['WorkloadCertificateConfig, ECDSA P256', wcc],
    ['WorkloadCertificateConfig, RSA 4096 with defaults', rsaWcc],
  ])('accepts the guide example: %s', (_name, value) => {
    expect(errorsOf(validateWcc, value)).toEqual([]);
    expect(errorsOf(validateAny, value)).toEqual([]);
  });

  it('accepts the guide example: TrustConfig', () => {
    expect(errorsOf(validateTrustConfig, trustConfig)).toEqual([]);
    expect(errorsOf(validateAny, trustConfig)).toEqual([]);
  });

  it.each<[string, unknown, Partial<ErrorObject>]>([
    ['RSA modulus 1024', withKeyAlgorithm(rsa1024), { instancePath: '/spec/keyAlgorithm/rsa/modulusSize', keyword: 'enum' }],
    ['ECDSA curve P521', withKeyAlgorithm(p521), { instancePath: '/spec/keyAlgorithm/ecdsa/curve', keyword: 'enum' }],
    ['both rsa and ecdsa', withKeyAlgorithm(rsaAndEcdsa), { instancePath: '/spec/keyAlgorithm', keyword: 'oneOf' }],
    [
      'missing endpointURI',
      { ...wcc, spec: { ...wcc.spec, certificateAuthorityConfig: { certificateAuthorityServiceConfig: noEndpoint } } },
      {
        instancePath: '/spec/certificateAuthorityConfig/certificateAuthorityServiceConfig',
        keyword: 'required',
        params: { missingProperty: 'endpointURI' },
      },
    ],
    [
      'CA pool resource name without the service prefix',
      {
        ...wcc,
        spec: {
          ...wcc.spec,
          certificateAuthorityConfig: {
            certificateAuthorityServiceConfig: { endpointURI: 'projects/my-project/locations/us-east1/caPools/td-ca-pool' },
          },
        },
      },
      { instancePath: '/spec/certificateAuthorityConfig/certificateAuthorityServiceConfig/endpointURI', keyword: 'pattern' },
    ],
    [
      'rotationWindowPercentage above 100',
      { ...wcc, spec: { ...wcc.spec, rotationWindowPercentage: 101 } },
      { instancePath: '/spec/rotationWindowPercentage', keyword: 'maximum' },
    ],
    [
      'validityDurationSeconds of 0',
      { ...wcc, spec: { ...wcc.spec, validityDurationSeconds: 0 } },
      { instancePath: '/spec/validityDurationSeconds', keyword: 'minimum' },
    ],
    [
      'a name other than default',
      { ...wcc, metadata: { name: 'mesh' } },
      { instancePath: '/metadata/name', keyword: 'const' },
    ],
  ])('rejects a WorkloadCertificateConfig with %s', (_name, value, expected) => {
    expect(errorsOf(validateWcc, value)).toContainEqual(expect.objectContaining(expected));
    expect(validateAny(value)).toBe(false);
  });

  it.each<[string, unknown, Partial<ErrorObject>]>([
    ['no trust stores', { ...trustConfig, spec: { trustStores: [] } }, { instancePath: '/spec/trustStores', keyword: 'minItems' }],
    [
      'a trust store without anchors',
      { ...trustConfig, spec: { trustStores: [{ trustDomain: 'my-project.svc.id.goog' }] } },
      { instancePath: '/spec/trustStores/0', keyword: 'required', params: { missingProperty: 'trustAnchors' } },
    ],
    [
      'an anchor upstream allows but this library does not use',
      {
        ...trustConfig,
        spec: {
          trustStores: [{ trustDomain: 'my-project.svc.id.goog', trustAnchors: [{ pemCertificate: '-----BEGIN CERTIFICATE-----' }] }],
        },
      },
      { instancePath: '/spec/trustStores/0/trustAnchors/0', keyword: 'additionalProperties' },
    ],
  ])('rejects a TrustConfig with %s', (_name, value, expected) => {
    expect(errorsOf(validateTrustConfig, value)).toContainEqual(expect.objectContaining(expected));
    expect(validateAny(value)).toBe(false);
  });
});
