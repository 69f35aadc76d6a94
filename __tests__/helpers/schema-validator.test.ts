import * as fs from 'fs';
import { Testing } from 'cdktf';
import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { NetworkSecurityServerTlsPolicy } from '@cdktf/provider-google/lib/network-security-server-tls-policy';
import { PrivatecaCaPool } from '@cdktf/provider-google/lib/privateca-ca-pool';
import { GoogleNetworkSecurityAuthorizationPolicy } from '@cdktf/provider-google-beta/lib/google-network-security-authorization-policy';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { expectValidTerraformJson, validateTerraformJson } from './schema-validator';
import { EXAMPLES, SIDECAR, VALIDATING_ADMISSION_POLICY, VIRTUAL_SERVICE } from '../gen/examples';

const FIREWALL = { name: 'allow-mesh', network: 'default', allow: [{ protocol: 'tcp', ports: ['15017'] }] };
const AUTHORIZATION_POLICY = { provider: 'google-beta', name: 'authz', action: 'ALLOW' };
const WORKLOAD_CERTIFICATE_CONFIG = {
  apiVersion: 'security.cloud.google.com/v1',
  kind: 'WorkloadCertificateConfig',
  metadata: { name: 'default' },
  spec: {
    certificateAuthorityConfig: { certificateAuthorityServiceConfig: { endpointURI: '//privateca.googleapis.com/projects/p/locations/l/caPools/c' } },
    keyAlgorithm: { rsa: { modulusSize: 4096 } },
    validityDurationSeconds: 86400,
  },
};
const SERVICE_ENTRY = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'ServiceEntry',
  metadata: { name: 'external-api', namespace: 'mesh' },
  spec: { hosts: ['api.example.com'], location: 'MESH_EXTERNAL', resolution: 'DNS', ports: [{ number: 443, name: 'tls', protocol: 'TLS' }] },
};

function resources(byType: Record<string, Record<string, unknown>>): string[] {
  return validateTerraformJson({ resource: byType });
}

function firewall(config: Record<string, unknown>): string[] {
  return resources({ google_compute_firewall: { fw_allow: { ...FIREWALL, ...config } } });
}

function manifest(value: unknown): string[] {
  return resources({ kubernetes_manifest: { m: { manifest: value } } });
}

describe('resource types', () => {
  it('rejects a type unknown to its provider schema', () => {
    expect(resources({ google_compute_firewal: { fw: FIREWALL } })).toEqual([
      'resource.google_compute_firewal.fw: resource type "google_compute_firewal" is not in the schema of hashicorp/google 6.50.0',
    ]);
  });

  it('rejects an unknown data source type', () => {
    expect(validateTerraformJson({ data: { google_privateca_ca_pools: { all: {} } } })).toEqual([
      'data.google_privateca_ca_pools.all: data source type "google_privateca_ca_pools" is not in the schema of hashicorp/google 6.50.0',
    ]);
  });

  it('rejects types of providers it has no schema for', () => {
    expect(resources({ random_id: { suffix: { byte_length: 4 } } })).toEqual([
      'resource.random_id.suffix: no provider schema is known for "random_id" (only google, google-beta and kubernetes)',
    ]);
  });

  it('falls back to the GA schema for google-beta resources other than the authorization policy', () => {
    expect(firewall({ provider: 'google-beta.mesh' })).toEqual([]);
    expect(resources({ google_nonexistent_thing: { x: { provider: 'google-beta' } } })).toEqual([
      'resource.google_nonexistent_thing.x: resource type "google_nonexistent_thing" is not in the schema of hashicorp/google 6.50.0' +
        ' nor in the google-beta magic-modules definition of google_network_security_authorization_policy',
    ]);
  });

  it('knows the authorization policy only through google-beta', () => {
    const withoutProvider: Record<string, unknown> = { ...AUTHORIZATION_POLICY };
    delete withoutProvider.provider;
    expect(resources({ google_network_security_authorization_policy: { p: withoutProvider } })).toEqual([
      'resource.google_network_security_authorization_policy.p: resource type "google_network_security_authorization_policy" is not in the schema of hashicorp/google 6.50.0',
    ]);
  });
});

describe('unknown attributes and blocks', () => {
  it('rejects an attribute that is not in the schema', () => {
    expect(firewall({ source_rangez: ['10.0.0.0/8'] })).toEqual([
      'resource.google_compute_firewall.fw_allow: attribute "source_rangez" is not in the schema of google_compute_firewall',
    ]);
  });

  it('rejects unknown attributes and blocks inside nested blocks', () => {
    expect(firewall({ allow: [{ protocol: 'tcp', portz: ['443'] }], log_config: { metadata: 'INCLUDE_ALL_METADATA', sampling: { rate: 1 } } })).toEqual([
      'resource.google_compute_firewall.fw_allow.allow[0]: attribute "portz" is not in the schema of google_compute_firewall.allow',
      'resource.google_compute_firewall.fw_allow.log_config: block "sampling" is not in the schema of google_compute_firewall.log_config',
    ]);
  });

  it('allows meta-arguments, cdktf metadata and dynamic blocks without looking inside them', () => {
    const metaArguments = {
      '//': { metadata: { path: 'stack/fw', uniqueId: 'fw' } },
      depends_on: ['google_compute_network.vpc'],
      lifecycle: { create_before_destroy: true, ignore_changes: ['description'] },
      count: 2,
      provider: 'google.mesh',
      provisioner: [{ 'local-exec': { command: 'true' } }],
      connection: { type: 'ssh', host: 'h' },
      dynamic: { deny: { for_each: '${var.denied}', content: { protocol: '${deny.value}', anything: 1 } } },
    };
    expect(firewall(metaArguments)).toEqual([]);
  });

  it('rejects meta-arguments inside nested blocks, except dynamic', () => {
    expect(firewall({ allow: [{ protocol: 'tcp', count: 1, dynamic: {} }] })).toEqual([
      'resource.google_compute_firewall.fw_allow.allow[0]: attribute "count" is not in the schema of google_compute_firewall.allow',
    ]);
  });
});

describe('required attributes and blocks', () => {
  it('reports a missing required attribute', () => {
    expect(resources({ google_compute_firewall: { fw: { name: 'fw' } } })).toEqual([
      'resource.google_compute_firewall.fw: required attribute "network" is missing',
    ]);
  });

  it('treats null as not set', () => {
    expect(firewall({ network: null, description: null })).toEqual(['resource.google_compute_firewall.fw_allow: required attribute "network" is missing']);
  });

  it('reports a missing required attribute in a nested block', () => {
    const pool = { name: 'pool', location: 'us-central1', tier: 'ENTERPRISE', publishing_options: { publish_ca_cert: true } };
    expect(resources({ google_privateca_ca_pool: { p: pool } })).toEqual([
      'resource.google_privateca_ca_pool.p.publishing_options: required attribute "publish_crl" is missing',
    ]);
  });

  it('reports a missing required block', () => {
    expect(resources({ kubernetes_service_account_v1: { sa: { automount_service_account_token: false } } })).toEqual([
      'resource.kubernetes_service_account_v1.sa: required block "metadata" is missing (min_items 1)',
    ]);
  });

  it('accepts a required block rendered as a dynamic block', () => {
    const sa = { dynamic: { metadata: { for_each: '${var.m}', content: { name: '${metadata.value}' } } } };
    expect(resources({ kubernetes_service_account_v1: { sa } })).toEqual([]);
  });
});

describe('read-only attributes', () => {
  it('rejects a computed-only attribute', () => {
    expect(firewall({ self_link: 'x' })).toEqual([
      'resource.google_compute_firewall.fw_allow: attribute "self_link" is read-only (computed by the provider)',
    ]);
  });

  it('accepts optional computed attributes', () => {
    expect(firewall({ id: 'x', project: 'p', direction: 'INGRESS' })).toEqual([]);
  });

  it('rejects a read-only attribute inside a nested block', () => {
    const sa = { metadata: { name: 'sa', uid: '1234' } };
    expect(resources({ kubernetes_service_account_v1: { sa } })).toEqual([
      'resource.kubernetes_service_account_v1.sa.metadata: attribute "uid" is read-only (computed by the provider)',
    ]);
  });
});

describe('attribute types', () => {
  it('rejects a word where a number belongs and accepts a numeric string', () => {
    expect(firewall({ priority: 'high' })).toEqual(['resource.google_compute_firewall.fw_allow.priority: expected number, got string "high"']);
    expect(firewall({ priority: '1000' })).toEqual([]);
  });

  it('accepts "true"/"false" for bool and rejects anything else', () => {
    expect(firewall({ disabled: 'false' })).toEqual([]);
    expect(firewall({ disabled: 'yes' })).toEqual(['resource.google_compute_firewall.fw_allow.disabled: expected bool, got string "yes"']);
    expect(firewall({ disabled: 1 })).toEqual(['resource.google_compute_firewall.fw_allow.disabled: expected bool, got number 1']);
  });

  it('rejects structures where a string belongs but accepts numbers, which terraform converts', () => {
    expect(firewall({ description: { text: 'x' } })).toEqual(['resource.google_compute_firewall.fw_allow.description: expected string, got object']);
    expect(firewall({ description: 42 })).toEqual([]);
  });

  it('checks sets, lists and their elements', () => {
    expect(firewall({ source_ranges: '10.0.0.0/8' })).toEqual([
      'resource.google_compute_firewall.fw_allow.source_ranges: expected set(string), got string "10.0.0.0/8"',
    ]);
    expect(firewall({ source_ranges: ['10.0.0.0/8', ['10.1.0.0/16']] })).toEqual([
      'resource.google_compute_firewall.fw_allow.source_ranges[1]: expected string, got array',
    ]);
  });

  it('checks map values and names keys precisely', () => {
    const policy = { name: 'tls', labels: { 'app.kubernetes.io/name': ['mesh'] } };
    expect(resources({ google_network_security_server_tls_policy: { tls: policy } })).toEqual([
      'resource.google_network_security_server_tls_policy.tls.labels["app.kubernetes.io/name"]: expected string, got array',
    ]);
  });

  it('checks object types attribute by attribute', () => {
    expect(resources({ kubernetes_manifest: { m: { manifest: SERVICE_ENTRY, wait_for: { field: {} } } } })).toEqual([
      'resource.kubernetes_manifest.m.wait_for: object attribute "field" is not one of fields',
      'resource.kubernetes_manifest.m.wait_for: object attribute "fields" is missing (terraform requires every attribute of an object type)',
    ]);
    expect(resources({ kubernetes_manifest: { m: { manifest: SERVICE_ENTRY, wait_for: { fields: { 'status.phase': 1 } } } } })).toEqual([]);
  });

  it('accepts interpolations for any type', () => {
    expect(firewall({ priority: '${var.priority}', disabled: '${var.off}', source_ranges: '${var.ranges}', network: '${google_compute_network.vpc.id}' })).toEqual([]);
  });

  it('treats an escaped $${ or %%{ as a literal string', () => {
    expect(firewall({ priority: '$${var.priority}' })).toEqual(['resource.google_compute_firewall.fw_allow.priority: expected number, got string "$${var.priority}"']);
    expect(firewall({ disabled: '%%{ if true }' })).toEqual(['resource.google_compute_firewall.fw_allow.disabled: expected bool, got string "%%{ if true }"']);
    expect(firewall({ priority: '%${var.priority}', disabled: '%{ if var.off }true%{ else }false%{ endif }' })).toEqual([]);
  });
});

describe('block nesting', () => {
  it('accepts a block written as an object or as an array of objects', () => {
    expect(firewall({ allow: { protocol: 'tcp' }, log_config: [{ metadata: 'INCLUDE_ALL_METADATA' }] })).toEqual([]);
  });

  it('enforces max_items', () => {
    const both = [{ metadata: 'INCLUDE_ALL_METADATA' }, { metadata: 'EXCLUDE_ALL_METADATA' }];
    expect(firewall({ log_config: both })).toEqual([
      'resource.google_compute_firewall.fw_allow: block "log_config" has 2 items but max_items is 1',
    ]);
  });

  it('enforces min_items when a required block is an empty array', () => {
    expect(resources({ kubernetes_service_account_v1: { sa: { metadata: [] } } })).toEqual([
      'resource.kubernetes_service_account_v1.sa: block "metadata" has 0 items but min_items is 1',
    ]);
  });

  it('allows a single-nested block once', () => {
    expect(firewall({ timeouts: { create: '5m' } })).toEqual([]);
    expect(firewall({ timeouts: [{ create: '5m' }, { create: '6m' }] })).toEqual([
      'resource.google_compute_firewall.fw_allow: block "timeouts" has 2 items but max_items is 1',
    ]);
  });

  it('rejects a block that is not an object', () => {
    expect(firewall({ allow: ['tcp'] })).toEqual([
      'resource.google_compute_firewall.fw_allow.allow[0]: block "allow" must be an object or an array of objects, got string "tcp"',
    ]);
  });

  it('recurses into deeply nested blocks', () => {
    const mtls = { client_validation_ca: [{ grpc_endpoint: { target_urI: 'unix:mnt/uds' } }] };
    expect(resources({ google_network_security_server_tls_policy: { tls: { name: 'tls', mtls_policy: mtls } } })).toEqual([
      'resource.google_network_security_server_tls_policy.tls.mtls_policy.client_validation_ca[0].grpc_endpoint: attribute "target_urI" is not in the schema of google_network_security_server_tls_policy.mtls_policy.client_validation_ca.grpc_endpoint',
      'resource.google_network_security_server_tls_policy.tls.mtls_policy.client_validation_ca[0].grpc_endpoint: required attribute "target_uri" is missing',
    ]);
  });
});

describe('google-beta authorization policy from magic-modules', () => {
  const destination = { hosts: ['*'], ports: [443], methods: ['GET'] };

  function authorizationPolicy(config: Record<string, unknown>): string[] {
    return resources({ google_network_security_authorization_policy: { authz: { ...AUTHORIZATION_POLICY, ...config } } });
  }

  it('accepts snake_case fields, labels, project and timeouts', () => {
    const rules = [{ sources: [{ principals: ['spiffe://x'], ip_blocks: ['10.0.0.0/8'] }], destinations: [destination] }];
    expect(authorizationPolicy({ rules, labels: { team: 'mesh' }, project: 'p', location: 'global', timeouts: { create: '5m' } })).toEqual([]);
  });

  it('rejects camelCase names and output-only fields', () => {
    expect(authorizationPolicy({ rules: [{ sources: [{ ipBlocks: ['10.0.0.0/8'] }] }], create_time: 'now' })).toEqual([
      'resource.google_network_security_authorization_policy.authz.rules[0].sources[0]: attribute "ipBlocks" is not in the schema of google_network_security_authorization_policy.rules.sources',
      'resource.google_network_security_authorization_policy.authz: attribute "create_time" is not in the schema of google_network_security_authorization_policy',
    ]);
  });

  it('checks required fields, nested objects and list element types', () => {
    const rules = [{ destinations: [{ ...destination, ports: ['https'], http_header_match: [{ header_name: 'a' }, { header_name: 'b', regex_match: '.*' }] }] }];
    expect(authorizationPolicy({ action: undefined, rules })).toEqual([
      'resource.google_network_security_authorization_policy.authz.rules[0].destinations[0].ports[0]: expected number, got string "https"',
      'resource.google_network_security_authorization_policy.authz.rules[0].destinations[0]: block "http_header_match" has 2 items but max_items is 1',
      'resource.google_network_security_authorization_policy.authz.rules[0].destinations[0].http_header_match[0]: required attribute "regex_match" is missing',
      'resource.google_network_security_authorization_policy.authz: required attribute "action" is missing',
    ]);
  });
});

describe('kubernetes_manifest', () => {
  it('requires apiVersion, kind and metadata.name', () => {
    expect(manifest({ spec: {} })).toEqual([
      'resource.kubernetes_manifest.m.manifest: apiVersion is missing',
      'resource.kubernetes_manifest.m.manifest: kind is missing',
      'resource.kubernetes_manifest.m.manifest: metadata.name is missing',
    ]);
  });

  it('requires the object type to be known at plan time', () => {
    expect(manifest({ ...SERVICE_ENTRY, kind: '${var.kind}' })).toEqual([
      'resource.kubernetes_manifest.m.manifest: kind must be a literal string, got string "${var.kind}"',
    ]);
  });

  it('reports kinds without a known schema', () => {
    expect(manifest({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: {} })).toEqual([
      'resource.kubernetes_manifest.m.manifest: no schema is known for apiVersion "v1" kind "ConfigMap"',
    ]);
    expect(manifest({ ...SERVICE_ENTRY, apiVersion: 'networking.istio.io/v2' })).toEqual([
      'resource.kubernetes_manifest.m.manifest: no schema is known for apiVersion "networking.istio.io/v2" kind "ServiceEntry"',
    ]);
  });

  it('accepts a valid WorkloadCertificateConfig, TrustConfig and ServiceEntry', () => {
    const trustConfig = {
      apiVersion: 'security.cloud.google.com/v1',
      kind: 'TrustConfig',
      metadata: { name: 'default' },
      spec: { trustStores: [{ trustDomain: 'p.svc.id.goog', trustAnchors: [{ certificateAuthorityServiceURI: '//privateca.googleapis.com/x' }] }] },
    };
    expect(resources({ kubernetes_manifest: { w: { manifest: WORKLOAD_CERTIFICATE_CONFIG }, t: { manifest: trustConfig }, s: { manifest: SERVICE_ENTRY } } })).toEqual([]);
  });

  it('validates a WorkloadCertificateConfig against its CRD schema', () => {
    const spec = { certificateAuthorityConfig: { meshCAConfig: {} }, keyAlgorithm: { rsa: { modulusSize: 2048 } }, validityDuration: 3600 };
    expect(manifest({ ...WORKLOAD_CERTIFICATE_CONFIG, spec })).toEqual([
      'resource.kubernetes_manifest.m.manifest.spec: must NOT have additional properties: "validityDuration"',
    ]);
    expect(manifest({ ...WORKLOAD_CERTIFICATE_CONFIG, spec: { keyAlgorithm: { rsa: { modulusSize: 2048 } } } })).toEqual([
      "resource.kubernetes_manifest.m.manifest.spec: must have required property 'certificateAuthorityConfig'",
    ]);
  });

  it('validates a TrustConfig against its CRD schema', () => {
    const trustConfig = { apiVersion: 'security.cloud.google.com/v1', kind: 'TrustConfig', metadata: { name: 'default' }, spec: { trustStores: [{ trustDomain: 42 }] } };
    expect(manifest(trustConfig)).toEqual(['resource.kubernetes_manifest.m.manifest.spec.trustStores[0].trustDomain: must be string']);
  });

  it('validates an Istio ServiceEntry against its CRD schema', () => {
    expect(manifest({ ...SERVICE_ENTRY, spec: { ...SERVICE_ENTRY.spec, resolution: 5 } })).toEqual([
      'resource.kubernetes_manifest.m.manifest.spec.resolution: must be string',
      'resource.kubernetes_manifest.m.manifest.spec.resolution: must be equal to one of the allowed values: "NONE", "STATIC", "DNS", "DNS_ROUND_ROBIN", "DYNAMIC_DNS"',
    ]);
  });

  it('accepts interpolations anywhere inside the manifest', () => {
    const spec = {
      certificateAuthorityConfig: { certificateAuthorityServiceConfig: { endpointURI: '//privateca.googleapis.com/${google_privateca_ca_pool.p.id}' } },
      keyAlgorithm: '${var.key_algorithm}',
      validityDurationSeconds: '${var.validity}',
    };
    expect(manifest({ ...WORKLOAD_CERTIFICATE_CONFIG, metadata: { name: '${var.name}' }, spec })).toEqual([]);
    expect(manifest({ ...SERVICE_ENTRY, spec: { ...SERVICE_ENTRY.spec, resolution: '${var.resolution}' } })).toEqual([]);
  });

  it('accepts a manifest that is entirely an interpolation', () => {
    expect(manifest('${yamldecode(file("trust-config.yaml"))}')).toEqual([]);
  });

  it('accepts the egress objects: every Istio kind and the admission policy kinds of the generator table', () => {
    const byName = Object.fromEntries(Object.entries(EXAMPLES).map(([kind, example]) => [kind, { manifest: example }]));
    expect(resources({ kubernetes_manifest: byName })).toEqual([]);
  });

  it('rejects an unknown field, which the API server would prune silently', () => {
    const sidecar = { ...SIDECAR, spec: { ...SIDECAR.spec, outboundTraficPolicy: { mode: 'REGISTRY_ONLY' } } };
    expect(manifest(sidecar)).toEqual(['resource.kubernetes_manifest.m.manifest.spec: must NOT have additional properties: "outboundTraficPolicy"']);
    expect(manifest({ ...SIDECAR, status: { conditions: [] } })).toEqual(['resource.kubernetes_manifest.m.manifest: must NOT have additional properties: "status"']);
  });

  it('allows only name, labels and annotations in the metadata of a cluster-scoped kind', () => {
    const policy = { ...VALIDATING_ADMISSION_POLICY, metadata: { name: 'p', namespace: 'istio-egress', labels: { team: 1 } } };
    expect(manifest(policy)).toEqual([
      'resource.kubernetes_manifest.m.manifest.metadata: must NOT have additional properties: "namespace"',
      'resource.kubernetes_manifest.m.manifest.metadata.labels.team: must be string',
    ]);
  });

  it('validates a ValidatingAdmissionPolicy against the Kubernetes OpenAPI document', () => {
    const spec = { ...VALIDATING_ADMISSION_POLICY.spec, validations: [{ message: 'no expression' }], failurePolicy: ['Fail'] };
    expect(manifest({ ...VALIDATING_ADMISSION_POLICY, spec })).toEqual([
      'resource.kubernetes_manifest.m.manifest.spec.failurePolicy: must be string',
      "resource.kubernetes_manifest.m.manifest.spec.validations[0]: must have required property 'expression'",
    ]);
  });

  it("reports Istio's at-most-one constructs once, as the oneOf that failed", () => {
    const spec = { hosts: ['example.com'], http: [{ match: [{ uri: { exact: '/a', prefix: '/b' } }], route: [{ destination: { host: 'example.com' } }] }] };
    expect(manifest({ ...VIRTUAL_SERVICE, spec })).toEqual([
      'resource.kubernetes_manifest.m.manifest.spec.http[0].match[0].uri: must match exactly one schema in oneOf',
    ]);
  });
});

describe('real cdktf output', () => {
  it('validates resources synthesized by the provider bindings without issues', () => {
    const synthesized = Testing.synthScope((scope) => {
      const beta = new GoogleBetaProvider(scope, 'beta', {});
      const pool = new PrivatecaCaPool(scope, 'pool', {
        name: 'mesh-pool',
        location: 'us-central1',
        tier: 'ENTERPRISE',
        publishingOptions: { publishCaCert: true, publishCrl: false },
        issuancePolicy: { maximumLifetime: '86400s', baselineValues: { caOptions: { isCa: false }, keyUsage: { baseKeyUsage: { digitalSignature: true }, extendedKeyUsage: { serverAuth: true } } } },
        lifecycle: { preventDestroy: true },
      });
      new ComputeFirewall(scope, 'fw', { name: 'fw', network: 'default', allow: [{ protocol: 'tcp', ports: ['15017'] }], sourceRanges: ['10.0.0.0/8'], priority: 100, dependsOn: [pool] });
      new NetworkSecurityServerTlsPolicy(scope, 'tls', { name: 'tls', mtlsPolicy: { clientValidationMode: 'REJECT_INVALID', clientValidationTrustConfig: pool.id } });
      new GoogleNetworkSecurityAuthorizationPolicy(scope, 'authz', {
        provider: beta,
        name: 'authz',
        action: 'ALLOW',
        labels: { team: 'mesh' },
        rules: [{ sources: [{ principals: ['spiffe://p.svc.id.goog/ns/a/sa/b'] }], destinations: [{ hosts: ['*'], ports: [443], methods: ['GET'], httpHeaderMatch: { headerName: ':path', regexMatch: '/api/.*' } }] }],
      });
      new Manifest(scope, 'wcc', { manifest: { ...WORKLOAD_CERTIFICATE_CONFIG, spec: { ...WORKLOAD_CERTIFICATE_CONFIG.spec, validityDurationSeconds: pool.tier } } });
      new Manifest(scope, 'se', { manifest: SERVICE_ENTRY, waitFor: { fields: { 'status.phase': 'Ready' } } });
      new ServiceAccountV1(scope, 'sa', { metadata: { name: 'mesh', namespace: pool.name }, automountServiceAccountToken: false });
    });
    expect(validateTerraformJson(JSON.parse(synthesized))).toEqual([]);
    expect(() => expectValidTerraformJson(synthesized)).not.toThrow();
  });
});

describe('expectValidTerraformJson', () => {
  it('throws listing every issue, for parsed JSON and for the string from Testing.synth', () => {
    const broken = { resource: { google_compute_firewall: { fw: { name: 'fw', priority: 'high' } } } };
    const expected = [
      'Terraform JSON does not match the upstream schemas (2 issues):',
      '  - resource.google_compute_firewall.fw.priority: expected number, got string "high"',
      '  - resource.google_compute_firewall.fw: required attribute "network" is missing',
    ].join('\n');
    expect(() => expectValidTerraformJson(broken)).toThrow(expected);
    expect(() => expectValidTerraformJson(JSON.stringify(broken))).toThrow(expected);
  });

  it('rejects input that is not Terraform JSON', () => {
    expect(validateTerraformJson([])).toEqual(['expected a Terraform JSON object, got array']);
    expect(validateTerraformJson({ resource: { google_compute_firewall: [] } })).toEqual([
      'resource.google_compute_firewall: expected an object keyed by name, got array',
    ]);
  });
});

describe('schema cache', () => {
  it('reads no schema file again once the types it checks are loaded', () => {
    const json = { resource: { google_compute_firewall: { fw: FIREWALL }, kubernetes_manifest: { m: { manifest: SERVICE_ENTRY } } } };
    expect(validateTerraformJson(json)).toEqual([]);
    // The module object itself: an `import * as` namespace is a copy of its functions.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const readFileSync = jest.spyOn(require('fs') as typeof fs, 'readFileSync');
    try {
      expect(validateTerraformJson(json)).toEqual([]);
      expect(readFileSync).not.toHaveBeenCalled();
    } finally {
      readFileSync.mockRestore();
    }
  });
});
