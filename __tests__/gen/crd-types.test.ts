import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv, { ErrorObject } from 'ajv';
import type { GatewaySpecServersTls, ServiceEntrySpec, SidecarSpec } from '../../.gen/networking.istio.io/v1';
import type { CertificateAuthorityServiceConfig, KeyAlgorithm } from '../../.gen/security.cloud.google.com/v1';
import { MANIFEST_SCHEMAS } from '../../.gen/manifest-schemas';
import type { Schema } from '../../scripts/generate-crd-types';
import { REPO_ROOT, SHARED_SCHEMAS_DIR } from '../helpers/paths';
import { EXAMPLES, GATEWAY, SERVICE_ENTRY, SIDECAR, VIRTUAL_SERVICE, WORKLOAD_CERTIFICATE_CONFIG } from './examples';

// json-schema-to-typescript requires prettier even with formatting off, and prettier's CommonJS entry starts a dynamic
// import() that jest rejects without --experimental-vm-modules, crashing the worker. The generator never formats, so
// a stand-in that fails loudly if that ever changes is all the test needs. The generator is required after the mock
// (nothing hoists jest.mock above imports here: tools/jest/esbuild-transform.js).
jest.mock('prettier', () => ({
  format: () => {
    throw new Error('scripts/generate-crd-types.ts must compile with format: false; see the comment there');
  },
}));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { CRDS, generateCrdTypes, upstreamManifestSchema } = require('../../scripts/generate-crd-types') as typeof import('../../scripts/generate-crd-types');

const GEN_DIR = path.join(REPO_ROOT, '.gen');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)]);
}

function schemaOf(kind: string): Schema {
  const found = MANIFEST_SCHEMAS.find((candidate) => candidate.kind === kind);
  if (!found) throw new Error(`no generated schema for ${kind}`);
  return found.schema as Schema;
}

/** A child schema by property path, e.g. `spec.outboundTrafficPolicy`. */
function propertyAt(schema: Schema, dotted: string): Schema {
  return dotted.split('.').reduce((node, name) => (node.properties as Record<string, Schema>)[name], schema);
}

// As strict as lib/kubernetes/manifest-schemas.ts: an unknown keyword in a generated schema fails the compilation.
const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });

function errorsOf(kind: string, value: unknown): Partial<ErrorObject>[] {
  if (!ajv.getSchema(kind)) ajv.addSchema(schemaOf(kind), kind);
  const validate = ajv.getSchema(kind);
  if (!validate) throw new Error(`ajv did not compile ${kind}`);
  return validate(value) ? [] : (validate.errors ?? []).map(({ instancePath, keyword, params }) => ({ instancePath, keyword, params }));
}

describe('.gen', () => {
  it('X4: is what npm run gen produces from the upstream schemas, byte for byte, for every table entry', async () => {
    const generated = await generateCrdTypes();
    const stale = [...generated].filter(([file, expected]) => !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== expected);
    const orphans = filesUnder(GEN_DIR).filter((file) => !generated.has(file));
    const relative = (files: string[]): string[] => files.map((file) => path.relative(REPO_ROOT, file));
    // A non-empty list means the files are out of date with ../shared/schemas or scripts/: run npm run gen.
    expect({ staleFiles: relative(stale.map(([file]) => file)), orphans: relative(orphans), fix: 'npm run gen' })
      .toEqual({ staleFiles: [], orphans: [], fix: 'npm run gen' });
    expect(relative([...generated.keys()])).toEqual(expect.arrayContaining([
      '.gen/security.cloud.google.com/v1.ts',
      '.gen/networking.istio.io/v1.schemas.ts',
      '.gen/admissionregistration.k8s.io/v1.ts',
      '.gen/manifest-schemas.ts',
      '.gen/README.md',
    ]));
  });

  it('has one runtime schema per kind of the table', () => {
    const tableKinds = CRDS.flatMap((entry) => entry.kinds.map((kind) => `${entry.group}/${entry.version} ${kind}`));
    expect(MANIFEST_SCHEMAS.map((schema) => `${schema.apiVersion} ${schema.kind}`)).toEqual(tableKinds);
    expect(Object.keys(EXAMPLES).sort()).toEqual(MANIFEST_SCHEMAS.map((schema) => schema.kind).sort());
  });

  it('names every upstream source file in .gen/README.md', () => {
    const readme = fs.readFileSync(path.join(GEN_DIR, 'README.md'), 'utf8');
    for (const source of ['gke-security-crds/workloadcertificateconfig_v1.json', 'gke-security-crds/trustconfig_v1.json',
      'istio/istio-1.29.6-customresourcedefinitions.gen.yaml', 'kubernetes/k8s-1.32-swagger.json']) {
      expect(readme).toContain(`shared/schemas/${source}`);
    }
    expect(readme).toContain('CEL rules (`x-kubernetes-validations`) are not checked');
  });
});

describe('generated types', () => {
  // Each of these is rejected by the compiler; @ts-expect-error fails the type check if the types ever accept them.
  // @ts-expect-error ISTIO_MUTUALL is not a TLS mode.
  const tlsTypo: GatewaySpecServersTls = { mode: 'ISTIO_MUTUALL' };
  // @ts-expect-error a Sidecar spec has no field outboundTraficPolicy.
  const sidecarTypo: SidecarSpec = { outboundTraficPolicy: { mode: 'REGISTRY_ONLY' } };
  // @ts-expect-error hosts is required in a ServiceEntry.
  const noHosts: ServiceEntrySpec = { resolution: 'DNS' };
  // @ts-expect-error a port number is an integer, not a string.
  const portAsString: ServiceEntrySpec = { hosts: ['example.com'], ports: [{ number: '443', name: 'https' }] };
  // The names lib/ca and lib/gke import keep their shapes.
  const keyAlgorithm: KeyAlgorithm = { rsa: { modulusSize: 4096 } };
  const issuer: CertificateAuthorityServiceConfig = { endpointURI: '//privateca.googleapis.com/projects/p/locations/l/caPools/c' };

  it.each(Object.entries(EXAMPLES))('accept the example %s, which its runtime schema accepts too', (kind, example) => {
    expect(errorsOf(kind, example)).toEqual([]);
  });

  it('describe what the runtime schemas reject', () => {
    expect(errorsOf('Gateway', { ...GATEWAY, spec: { servers: [{ port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['*'], tls: tlsTypo }] } }))
      .toEqual([expect.objectContaining({ instancePath: '/spec/servers/0/tls/mode', keyword: 'enum' })]);
    expect(errorsOf('Sidecar', { ...SIDECAR, spec: sidecarTypo })).toEqual([
      { instancePath: '/spec', keyword: 'additionalProperties', params: { additionalProperty: 'outboundTraficPolicy' } },
    ]);
    expect(errorsOf('ServiceEntry', { ...SERVICE_ENTRY, spec: noHosts })).toEqual([
      { instancePath: '/spec', keyword: 'required', params: { missingProperty: 'hosts' } },
    ]);
    expect(errorsOf('ServiceEntry', { ...SERVICE_ENTRY, spec: portAsString })).toEqual([
      { instancePath: '/spec/ports/0/number', keyword: 'type', params: { type: 'integer' } },
    ]);
    expect(errorsOf('WorkloadCertificateConfig', { ...WORKLOAD_CERTIFICATE_CONFIG, spec: { ...WORKLOAD_CERTIFICATE_CONFIG.spec, keyAlgorithm } })).toEqual([]);
    expect(errorsOf('WorkloadCertificateConfig', {
      ...WORKLOAD_CERTIFICATE_CONFIG,
      spec: { ...WORKLOAD_CERTIFICATE_CONFIG.spec, certificateAuthorityConfig: { certificateAuthorityServiceConfig: issuer } },
    })).toEqual([]);
  });
});

describe('runtime schemas: CRD semantics on the upstream schemas', () => {
  it('close every object schema with properties, since the API server prunes unknown fields silently', () => {
    expect(propertyAt(schemaOf('Sidecar'), 'spec').additionalProperties).toBe(false);
    expect(propertyAt(schemaOf('Sidecar'), 'spec.outboundTrafficPolicy').additionalProperties).toBe(false);
    expect(propertyAt(schemaOf('ValidatingAdmissionPolicy'), 'spec.matchConstraints').additionalProperties).toBe(false);
    // A map keeps its value type.
    expect(propertyAt(schemaOf('Gateway'), 'spec.selector').additionalProperties).toEqual({ type: 'string' });
  });

  it('validate apiVersion, kind, a small metadata and spec, and leave status to the controllers', () => {
    const sidecar = schemaOf('Sidecar');
    expect(Object.keys(sidecar.properties as object)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(sidecar.additionalProperties).toBe(false);
    expect(Object.keys(propertyAt(sidecar, 'metadata').properties as object)).toEqual(['name', 'namespace', 'labels', 'annotations']);
    // Cluster-scoped kinds have no namespace.
    expect(Object.keys(propertyAt(schemaOf('ValidatingAdmissionPolicy'), 'metadata').properties as object)).toEqual(['name', 'labels', 'annotations']);
    expect(Object.keys(propertyAt(schemaOf('TrustConfig'), 'metadata').properties as object)).toEqual(['name', 'labels', 'annotations']);
    expect(errorsOf('Sidecar', { ...SIDECAR, status: {} })).toEqual([{ instancePath: '', keyword: 'additionalProperties', params: { additionalProperty: 'status' } }]);
  });

  it('leave out the CEL rules, listing them in the generated file', () => {
    const everything = JSON.stringify(MANIFEST_SCHEMAS);
    expect(everything).not.toContain('x-kubernetes-');
    expect(everything).not.toContain('"$ref"');
    const networking = fs.readFileSync(path.join(GEN_DIR, 'networking.istio.io', 'v1.schemas.ts'), 'utf8');
    expect(networking).toContain(' * - spec.workloadSelector.labels.*: wildcard is not supported in selector');
  });

  it("keep Istio's at-most-one constructs (oneOf with not/anyOf), which ajv evaluates like the API server", () => {
    const withUri = (uri: object): object => ({ ...VIRTUAL_SERVICE, spec: { hosts: ['example.com'], http: [{ match: [{ uri }] }] } });
    expect(errorsOf('VirtualService', withUri({ prefix: '/status' }))).toEqual([]);
    expect(errorsOf('VirtualService', withUri({}))).toEqual([]);
    expect(errorsOf('VirtualService', withUri({ exact: '/a', prefix: '/status' }))).toEqual([
      { instancePath: '/spec/http/0/match/0/uri', keyword: 'not', params: {} },
      { instancePath: '/spec/http/0/match/0/uri', keyword: 'oneOf', params: { passingSchemas: [1, 2] } },
    ]);
  });
});

describe('runtime schemas: the generator on small upstream files', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crd-schemas-'));
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function write(relativePath: string, contents: unknown): void {
    fs.mkdirSync(path.dirname(path.join(dir, relativePath)), { recursive: true });
    fs.writeFileSync(path.join(dir, relativePath), typeof contents === 'string' ? contents : JSON.stringify(contents));
  }

  function workloadCertificateConfig(spec: Schema): void {
    write('gke-security-crds/workloadcertificateconfig_v1.json', { type: 'object', required: ['spec'], properties: { spec, status: { type: 'object' } } });
  }

  it('turns int-or-string, preserve-unknown-fields, list-type set and CEL rules into what ajv can check', () => {
    workloadCertificateConfig({
      type: 'object',
      description: 'dropped: annotations do not validate',
      properties: {
        port: { 'x-kubernetes-int-or-string': true },
        open: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { a: { type: 'string' } } },
        counts: { type: 'object', additionalProperties: { type: 'integer', format: 'int32' } },
        names: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
        checked: { type: 'string', 'x-kubernetes-validations': [{ rule: "self != ''", message: 'must not be empty' }] },
      },
      'x-kubernetes-validations': [{ rule: 'has(self.port)' }],
    });
    const generated = upstreamManifestSchema('security.cloud.google.com/v1', 'WorkloadCertificateConfig', dir);
    expect(propertyAt(generated?.runtime ?? {}, 'spec')).toEqual({
      type: 'object',
      properties: {
        port: { anyOf: [{ type: 'integer' }, { type: 'string' }] },
        open: { type: 'object', properties: { a: { type: 'string' } } },
        counts: { type: 'object', additionalProperties: { type: 'integer' } },
        names: { type: 'array', items: { type: 'string' }, uniqueItems: true },
        checked: { type: 'string' },
      },
      additionalProperties: false,
    });
    expect(generated?.cel).toEqual([{ path: 'spec.checked', message: 'must not be empty' }, { path: 'spec', message: 'has(self.port)' }]);
    expect(generated?.scope).toBe('Cluster');
    expect(upstreamManifestSchema('security.cloud.google.com/v1', 'Certificate', dir)).toBeUndefined();
  });

  it('refuses a keyword it does not know how to validate rather than dropping it', () => {
    workloadCertificateConfig({ type: 'object', properties: { object: { type: 'object', 'x-kubernetes-embedded-resource': true } } });
    expect(() => upstreamManifestSchema('security.cloud.google.com/v1', 'WorkloadCertificateConfig', dir)).toThrow(
      'spec.object: keyword x-kubernetes-embedded-resource has no runtime meaning in scripts/generate-crd-types.ts; decide how to validate it there');
  });

  it('inlines OpenAPI $refs and refuses recursive ones', () => {
    const gvk = [{ group: 'admissionregistration.k8s.io', version: 'v1', kind: 'ValidatingAdmissionPolicy' }];
    write('kubernetes/k8s-1.32-swagger.json', {
      definitions: {
        'io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicy': { type: 'object', 'x-kubernetes-group-version-kind': gvk, properties: { spec: { $ref: '#/definitions/a.Spec' } } },
        'a.Spec': { type: 'object', properties: { rule: { $ref: '#/definitions/a.Rule' } } },
        'a.Rule': { type: 'object', properties: { name: { type: 'string' }, next: { $ref: '#/definitions/a.Rule' } } },
      },
    });
    expect(() => upstreamManifestSchema('admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicy', dir)).toThrow(
      'recursive $ref cannot be inlined: io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicy → a.Spec → a.Rule → a.Rule');
  });

  it("takes a CRD's scope and version from the CRD", () => {
    write('istio/istio-1.29.6-customresourcedefinitions.gen.yaml', [
      'apiVersion: apiextensions.k8s.io/v1',
      'kind: CustomResourceDefinition',
      'spec:',
      '  group: telemetry.istio.io',
      '  names:',
      '    kind: Telemetry',
      '  scope: Cluster',
      '  versions:',
      '  - name: v1',
      '    schema:',
      '      openAPIV3Schema:',
      '        properties:',
      '          spec:',
      '            properties:',
      '              enabled: {type: boolean, nullable: true}',
      '            type: object',
      '        type: object',
    ].join('\n'));
    const generated = upstreamManifestSchema('telemetry.istio.io/v1', 'Telemetry', dir);
    expect(generated?.scope).toBe('Cluster');
    expect(propertyAt(generated?.runtime ?? {}, 'spec')).toEqual({ properties: { enabled: { type: 'boolean', nullable: true } }, type: 'object', additionalProperties: false });
    expect(() => upstreamManifestSchema('networking.istio.io/v1', 'Sidecar', dir)).toThrow(
      'istio/istio-1.29.6-customresourcedefinitions.gen.yaml: no CustomResourceDefinition of group networking.istio.io and kind Sidecar');
  });

  it('reads the real upstream files by default', () => {
    expect(upstreamManifestSchema('networking.istio.io/v1', 'Sidecar')?.runtime).toEqual(schemaOf('Sidecar'));
    expect(upstreamManifestSchema('networking.istio.io/v1', 'Sidecar', SHARED_SCHEMAS_DIR)?.source).toBe('istio/istio-1.29.6-customresourcedefinitions.gen.yaml');
  });
});
