/**
 * The objects of the egress design (seed 001, SPEC E9–E16) and the GKE mesh certificate objects (S7), typed with the
 * generated types so that `tsc --noEmit` proves the types describe them. Shared by the .gen, checkManifest and
 * TypedManifest tests.
 */
import type { ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding } from '../../.gen/admissionregistration.k8s.io/v1';
import type { DestinationRule, Gateway, ServiceEntry, Sidecar, VirtualService } from '../../.gen/networking.istio.io/v1';
import type { TrustConfig, WorkloadCertificateConfig } from '../../.gen/security.cloud.google.com/v1';
import type { AuthorizationPolicy, PeerAuthentication } from '../../.gen/security.istio.io/v1';
import type { Telemetry } from '../../.gen/telemetry.istio.io/v1';

const EGRESS_GATEWAY_HOST = 'egress-gateway.istio-egress.svc.cluster.local';

/** E9: only registered hosts, and a minimal egress host list. */
export const SIDECAR: Sidecar = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'Sidecar',
  metadata: { name: 'default', namespace: 'team-x' },
  spec: {
    outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' },
    egress: [{ hosts: ['./*', 'istio-egress/*'] }],
  },
};

/** E10: one external host, resolved by DNS, visible to the namespaces that need it. */
export const SERVICE_ENTRY: ServiceEntry = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'ServiceEntry',
  metadata: { name: 'example-com', namespace: 'istio-egress' },
  spec: {
    hosts: ['example.com'],
    exportTo: ['istio-egress', 'team-x'],
    location: 'MESH_EXTERNAL',
    resolution: 'DNS',
    ports: [
      { number: 80, name: 'http', protocol: 'HTTP' },
      { number: 443, name: 'https', protocol: 'HTTPS' },
    ],
  },
};

/** E11: the egress gateway accepts sidecar traffic with Istio mTLS on 443. */
export const GATEWAY: Gateway = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'Gateway',
  metadata: { name: 'egress-gateway', namespace: 'istio-egress' },
  spec: {
    selector: { istio: 'egressgateway' },
    servers: [{ port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['example.com'], tls: { mode: 'ISTIO_MUTUAL' } }],
  },
};

/** E12: Istio mTLS from the sidecars to the gateway, which auto mTLS does not cover. */
export const DESTINATION_RULE: DestinationRule = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: { name: 'target-egress-gateway', namespace: 'istio-egress' },
  spec: {
    host: EGRESS_GATEWAY_HOST,
    subsets: [{ name: 'target-egress-gateway-mtls', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL', sni: 'example.com' } } }],
  },
};

/** E12: sidecar → egress gateway (mesh leg) → external host (gateway leg). */
export const VIRTUAL_SERVICE: VirtualService = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'example-com-through-egress-gateway', namespace: 'istio-egress' },
  spec: {
    hosts: ['example.com'],
    gateways: ['mesh', 'istio-egress/egress-gateway'],
    exportTo: ['istio-egress', 'team-x'],
    http: [
      {
        match: [{ gateways: ['mesh'], port: 80 }],
        route: [{ destination: { host: EGRESS_GATEWAY_HOST, subset: 'target-egress-gateway-mtls', port: { number: 443 } } }],
      },
      {
        match: [{ gateways: ['istio-egress/egress-gateway'], port: 443 }],
        route: [{ destination: { host: 'example.com', port: { number: 443 } }, weight: 100 }],
      },
    ],
  },
};

/** E13: team-y may only reach httpbin.org/status/418 through the gateway. */
export const AUTHORIZATION_POLICY: AuthorizationPolicy = {
  apiVersion: 'security.istio.io/v1',
  kind: 'AuthorizationPolicy',
  metadata: { name: 'egress-team-y', namespace: 'istio-egress' },
  spec: {
    action: 'ALLOW',
    selector: { matchLabels: { istio: 'egressgateway' } },
    rules: [{ from: [{ source: { namespaces: ['team-y'] } }], to: [{ operation: { hosts: ['httpbin.org'], paths: ['/status/418'] } }] }],
  },
};

/** X1: strict mTLS. */
export const PEER_AUTHENTICATION: PeerAuthentication = {
  apiVersion: 'security.istio.io/v1',
  kind: 'PeerAuthentication',
  metadata: { name: 'default', namespace: 'istio-egress' },
  spec: { mtls: { mode: 'STRICT' } },
};

/** E16: access logs on, mesh-wide. */
export const TELEMETRY: Telemetry = {
  apiVersion: 'telemetry.istio.io/v1',
  kind: 'Telemetry',
  metadata: { name: 'mesh-default', namespace: 'istio-system' },
  spec: { accessLogging: [{ providers: [{ name: 'envoy' }] }] },
};

/** E15: only pods in istio-egress may tolerate the gateway node pool's taint. */
export const VALIDATING_ADMISSION_POLICY: ValidatingAdmissionPolicy = {
  apiVersion: 'admissionregistration.k8s.io/v1',
  kind: 'ValidatingAdmissionPolicy',
  metadata: { name: 'egress-gateway-toleration' },
  spec: {
    failurePolicy: 'Fail',
    matchConstraints: { resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['pods'] }] },
    validations: [{
      expression: "object.metadata.namespace == 'istio-egress' || !has(object.spec.tolerations) || object.spec.tolerations.all(t, t.key != 'dedicated')",
      message: 'Only the egress gateway may tolerate the gateway node pool taint',
    }],
  },
};

export const VALIDATING_ADMISSION_POLICY_BINDING: ValidatingAdmissionPolicyBinding = {
  apiVersion: 'admissionregistration.k8s.io/v1',
  kind: 'ValidatingAdmissionPolicyBinding',
  metadata: { name: 'egress-gateway-toleration' },
  spec: { policyName: 'egress-gateway-toleration', validationActions: ['Deny'] },
};

/** S7, with the seed guide's demo pools. */
export const WORKLOAD_CERTIFICATE_CONFIG: WorkloadCertificateConfig = {
  apiVersion: 'security.cloud.google.com/v1',
  kind: 'WorkloadCertificateConfig',
  metadata: { name: 'default' },
  spec: {
    certificateAuthorityConfig: {
      certificateAuthorityServiceConfig: { endpointURI: '//privateca.googleapis.com/projects/my-project/locations/us-east1/caPools/td-ca-pool' },
    },
    keyAlgorithm: { ecdsa: { curve: 'P256' } },
    validityDurationSeconds: 86400,
    rotationWindowPercentage: 50,
  },
};

export const TRUST_CONFIG: TrustConfig = {
  apiVersion: 'security.cloud.google.com/v1',
  kind: 'TrustConfig',
  metadata: { name: 'default' },
  spec: {
    trustStores: [{
      trustDomain: 'my-project.svc.id.goog',
      trustAnchors: [{ certificateAuthorityServiceURI: '//privateca.googleapis.com/projects/my-project/locations/us-east1/caPools/td_sec_pool' }],
    }],
  },
};

/** Every example, by kind: one per generated kind. */
export const EXAMPLES: Readonly<Record<string, { readonly apiVersion: string; readonly kind: string }>> = {
  Sidecar: SIDECAR,
  ServiceEntry: SERVICE_ENTRY,
  Gateway: GATEWAY,
  DestinationRule: DESTINATION_RULE,
  VirtualService: VIRTUAL_SERVICE,
  AuthorizationPolicy: AUTHORIZATION_POLICY,
  PeerAuthentication: PEER_AUTHENTICATION,
  Telemetry: TELEMETRY,
  ValidatingAdmissionPolicy: VALIDATING_ADMISSION_POLICY,
  ValidatingAdmissionPolicyBinding: VALIDATING_ADMISSION_POLICY_BINDING,
  WorkloadCertificateConfig: WORKLOAD_CERTIFICATE_CONFIG,
  TrustConfig: TRUST_CONFIG,
};
