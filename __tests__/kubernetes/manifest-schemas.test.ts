import { Fn, Lazy, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { checkManifest } from '../../lib/kubernetes/manifest-schemas';
import {
  AUTHORIZATION_POLICY,
  DESTINATION_RULE,
  EXAMPLES,
  GATEWAY,
  SERVICE_ENTRY,
  SIDECAR,
  VALIDATING_ADMISSION_POLICY,
  VIRTUAL_SERVICE,
} from '../gen/examples';
import { testStack } from '../helpers/synth';

/** Checks as a construct at test/Egress would; tests with tokens pass the stack that defines them. */
function check(manifest: object, stack: TerraformStack = testStack()): void {
  const scope = stack.node.tryFindChild('Egress') ?? new Construct(stack, 'Egress');
  checkManifest(scope, 'manifest', manifest);
}

describe('checkManifest', () => {
  it.each(Object.entries(EXAMPLES))('E9–E15, S7: accepts the example %s', (_kind, example) => {
    expect(() => check(example)).not.toThrow();
  });

  it('E9: rejects an unknown field in a Sidecar spec, which the API server would prune silently', () => {
    const sidecar = { ...SIDECAR, spec: { ...SIDECAR.spec, outboundTraficPolicy: { mode: 'REGISTRY_ONLY' } } };
    expect(() => check(sidecar)).toThrow(
      'test/Egress: manifest.spec.outboundTraficPolicy is not a field of networking.istio.io/v1 Sidecar (got {"mode":"REGISTRY_ONLY"}). ' +
      'Remove it or correct its name (fields here: egress, inboundConnectionPool, ingress, outboundTrafficPolicy, workloadSelector): ' +
      'the API server would prune it silently.');
  });

  it('does not list the fields where there are too many', () => {
    const http = [{ ...VIRTUAL_SERVICE.spec?.http?.[0], retry: { attempts: 3 } }];
    expect(() => check({ ...VIRTUAL_SERVICE, spec: { ...VIRTUAL_SERVICE.spec, http } })).toThrow(
      'test/Egress: manifest.spec.http[0].retry is not a field of networking.istio.io/v1 VirtualService (got {"attempts":3}). ' +
      'Remove it or correct its name: the API server would prune it silently.');
  });

  it('E11: rejects a TLS mode Istio does not know', () => {
    const servers = [{ ...GATEWAY.spec?.servers?.[0], tls: { mode: 'ISTIO_MUTUALL' } }];
    expect(() => check({ ...GATEWAY, spec: { ...GATEWAY.spec, servers } })).toThrow(
      'test/Egress: manifest.spec.servers[0].tls.mode is not a value networking.istio.io/v1 Gateway allows (got "ISTIO_MUTUALL"). ' +
      'Use one of: PASSTHROUGH, SIMPLE, MUTUAL, AUTO_PASSTHROUGH, ISTIO_MUTUAL, OPTIONAL_MUTUAL.');
  });

  it('E10: rejects a port number written as a string', () => {
    const ports = [{ number: '443', name: 'https', protocol: 'HTTPS' }];
    expect(() => check({ ...SERVICE_ENTRY, spec: { ...SERVICE_ENTRY.spec, ports } })).toThrow(
      'test/Egress: manifest.spec.ports[0].number must be an integer (got "443"). Use an integer.');
  });

  it('E12: rejects a DestinationRule without its host', () => {
    expect(() => check({ ...DESTINATION_RULE, spec: { subsets: DESTINATION_RULE.spec?.subsets } })).toThrow(
      'test/Egress: manifest.spec.host is required by networking.istio.io/v1 DestinationRule (got nothing). Set spec.host.');
  });

  it('rejects setting two alternatives of an Istio at-most-one construct', () => {
    const http = [{ match: [{ uri: { exact: '/status/418', prefix: '/status' } }], route: [{ destination: { host: 'httpbin.org' } }] }];
    expect(() => check({ ...VIRTUAL_SERVICE, spec: { hosts: ['httpbin.org'], http } })).toThrow(
      'test/Egress: manifest.spec.http[0].match[0].uri sets more than one of exact, prefix, regex (got {"exact":"/status/418","prefix":"/status"}). ' +
      'Set only one of them: they are alternatives.');
  });

  it('rejects a namespace on a cluster-scoped kind, and metadata the library does not render', () => {
    expect(() => check({ ...VALIDATING_ADMISSION_POLICY, metadata: { name: 'p', namespace: 'istio-egress' } })).toThrow(
      'test/Egress: manifest.metadata.namespace is not allowed: admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy is cluster-scoped (got "istio-egress"). Remove it.');
    expect(() => check({ ...SIDECAR, metadata: { name: 'default', namespace: 'team-x', finalizers: ['keep'] } })).toThrow(
      'test/Egress: manifest.metadata.finalizers is not supported in the metadata of networking.istio.io/v1 Sidecar (got ["keep"]). ' +
      'Remove it; manifests here carry only name, namespace, labels, annotations.');
  });

  it('names label keys precisely', () => {
    expect(() => check({ ...SIDECAR, metadata: { name: 'default', labels: { 'app.kubernetes.io/name': 7 } } })).toThrow(
      'test/Egress: manifest.metadata.labels["app.kubernetes.io/name"] must be a string (got 7). Use a string.');
  });

  it('ignores fields set to undefined, which never reach the synthesized JSON', () => {
    expect(() => check({ ...SIDECAR, spec: { ...SIDECAR.spec, workloadSelector: undefined, unknownButUnset: undefined } })).not.toThrow();
  });

  it('refuses kinds it has no schema for, and apiVersion or kind known only at apply time', () => {
    expect(() => check({ ...SIDECAR, apiVersion: 'networking.istio.io/v1alpha3' })).toThrow(
      /^test\/Egress: manifest\.kind has no schema for apiVersion "networking\.istio\.io\/v1alpha3" \(got "Sidecar"\)\. Use one of: security\.cloud\.google\.com\/v1 WorkloadCertificateConfig, .*, admissionregistration\.k8s\.io\/v1 ValidatingAdmissionPolicyBinding; or add the kind to the table in scripts\/generate-crd-types\.ts and run npm run gen\.$/);
    const stack = testStack();
    const kind = new TerraformVariable(stack, 'kind', {}).stringValue;
    expect(() => check({ ...SIDECAR, kind }, stack)).toThrow(
      /^test\/Egress: manifest\.kind must be a literal string \(got .+\)\. Write kind out: the manifest's schema is found by apiVersion and kind, and so is the CRD the provider plans against\.$/);
    expect(() => check([SIDECAR])).toThrow('test/Egress: manifest must be an object (got [');
  });

  describe('X5: tokens', () => {
    it('accepts tokens in place of strings, numbers, lists and maps', () => {
      const stack = testStack();
      const variable = new TerraformVariable(stack, 'v', {});
      const serviceEntry = {
        ...SERVICE_ENTRY,
        metadata: { name: variable.stringValue, namespace: `team-${variable.stringValue}`, labels: Token.asStringMap(variable.value) },
        spec: {
          ...SERVICE_ENTRY.spec,
          hosts: variable.listValue,
          exportTo: [variable.stringValue],
          resolution: variable.stringValue,
          ports: [{ number: variable.numberValue, name: 'https', protocol: variable.stringValue }, Token.asAny(variable.value)],
        },
      };
      expect(() => check(serviceEntry, stack)).not.toThrow();
    });

    it('skips everything below a token, and a manifest that is a token', () => {
      const stack = testStack();
      const variable = new TerraformVariable(stack, 'v', {});
      const rules = Fn.lookup(variable.value, 'rules', []);
      expect(() => check({ ...AUTHORIZATION_POLICY, spec: { ...AUTHORIZATION_POLICY.spec, rules } }, stack)).not.toThrow();
      expect(() => check({ ...AUTHORIZATION_POLICY, spec: Lazy.anyValue({ produce: () => ({ anything: true }) }) }, stack)).not.toThrow();
      expect(() => check(Token.asAny(variable.value) as object, stack)).not.toThrow();
    });

    it('still rejects what is wrong next to a token', () => {
      const stack = testStack();
      const host = new TerraformVariable(stack, 'host', {}).stringValue;
      expect(() => check({ ...SERVICE_ENTRY, spec: { ...SERVICE_ENTRY.spec, hosts: [host], resolution: 'DNZ' } }, stack)).toThrow(
        'test/Egress: manifest.spec.resolution is not a value networking.istio.io/v1 ServiceEntry allows (got "DNZ"). Use one of: NONE, STATIC, DNS, DNS_ROUND_ROBIN, DYNAMIC_DNS.');
    });
  });
});
