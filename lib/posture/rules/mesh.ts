/**
 * Cloud Service Mesh: mTLS on both ends of every hop and authorization that names its callers (seeds 000 and
 * 002, X1).
 * @internal
 */
import {
  authzRules, endpointPolicies, gateways, requiresClientCertificates, TYPES,
} from '../mesh-model';
import { PostureSeverity } from '../rule';
import { PostureRule, RuleHit, SOURCES } from '../rule-model';
import type { TfResource } from '../tf-model';
import { boolAt, describe, stringAt, UNKNOWN, valueAt } from '../values';

const SERVICE_SECURITY = `${SOURCES.serviceSecurityLb}; ${SOURCES.serviceSecurity}`;

function displayName(r: TfResource): string {
  const name = stringAt(r.body, 'name');
  return typeof name === 'string' ? `"${name}"` : r.address;
}

function hit(resource: TfResource, field: string, problem: string, value: unknown, fix?: string): RuleHit {
  return { resource, field, problem, value: describe(value), fix };
}

/** @internal */
export const MESH_RULES: PostureRule[] = [
  {
    id: 'POSTURE-MESH-PLAINTEXT-ALLOWED',
    title: 'Server TLS policy also accepts plaintext',
    severity: PostureSeverity.ERROR,
    resourceTypes: [TYPES.serverTls],
    reason: 'A server TLS policy programs the Envoy sidecars or gateways that use it to require (m)TLS. allow_open makes them accept '
      + 'plaintext as well — meant only while a service migrates to TLS. Plaintext callers are neither authenticated nor encrypted, and '
      + 'authorization by principal cannot apply to them.',
    source: SERVICE_SECURITY,
    fix: 'Set allow_open = false (ServerTlsPolicy does unless allowOpen: true) once every client sends TLS.',
    relaxedBy: 'ServerTlsPolicy allowOpen: true',
    check: (ctx) => ctx.all(TYPES.serverTls).flatMap((p) =>
      boolAt(p.body, 'allow_open') === true ? [hit(p, 'allow_open', 'is true, so the proxies using it also accept plaintext', true)] : []),
  },
  {
    id: 'POSTURE-MESH-NO-CLIENT-VALIDATION',
    title: 'Endpoints do not validate client certificates (no mTLS)',
    severity: PostureSeverity.ERROR,
    resourceTypes: [TYPES.serverTls, TYPES.endpoint],
    reason: 'The seeds\' server policy for endpoints validates every client against the GKE mesh certificates (mtlsPolicy.clientValidationCa '
      + 'with google_cloud_private_spiffe). Without it the sidecar serves TLS but does not authenticate the caller, so any pod can call the '
      + 'service and rules that name principals never apply. (A gateway\'s policy that only terminates TLS for outside clients is fine.)',
    source: SERVICE_SECURITY,
    fix: 'Add mtls_policy { client_validation_ca { certificate_provider_instance { plugin_instance = "google_cloud_private_spiffe" } } } '
      + '(ServerTlsPolicy\'s default ClientValidation.mutualTls()).',
    check: (ctx) => ctx.all(TYPES.serverTls).flatMap((p) => {
      const users = ctx.referrers(p, [TYPES.endpoint], ['server_tls_policy']).known;
      if (users.length === 0 || requiresClientCertificates(p) !== false) return [];
      const mode = stringAt(p.body, 'mtls_policy.client_validation_mode');
      return [hit(p, mode === undefined ? 'mtls_policy' : 'mtls_policy.client_validation_mode',
        `${mode === undefined ? 'is not set' : 'lets clients without a valid certificate in'}, so endpoint policy ${users.map(displayName).join(', ')} does not authenticate callers`,
        mode === undefined ? valueAt(p.body, 'mtls_policy') : mode)];
    }),
  },
  {
    id: 'POSTURE-MESH-ENDPOINT-NO-TLS',
    title: 'Endpoint policy without a server TLS policy (plaintext endpoints)',
    severity: PostureSeverity.ERROR,
    resourceTypes: [TYPES.endpoint],
    reason: 'The endpoint policy is what applies mTLS to inbound requests of the pods whose labels it matches. Without a server TLS '
      + 'policy those pods accept plaintext from any pod in the cluster — pod-to-pod traffic in GKE is neither authenticated nor encrypted '
      + 'unless a mesh does it.',
    source: `${SERVICE_SECURITY}; ${SOURCES.clusterTrust}`,
    fix: 'Set server_tls_policy to a server TLS policy with mtls_policy (EndpointPolicy serverTlsPolicy).',
    relaxedBy: 'EndpointPolicy allowPlaintext: true',
    check: (ctx) => endpointPolicies(ctx).flatMap((e) =>
      e.serverTls === undefined && valueAt(e.resource.body, 'server_tls_policy') === undefined
        ? [hit(e.resource, 'server_tls_policy', 'is not set, so the matched endpoints accept plaintext', undefined)] : []),
  },
  {
    id: 'POSTURE-MESH-ENDPOINT-NO-AUTHORIZATION',
    title: 'Endpoint policy without an authorization policy',
    severity: PostureSeverity.ERROR,
    resourceTypes: [TYPES.endpoint],
    reason: 'The seeds: "if the endpoint has no authorization policy, or the policy has no host or source principal match, requests are '
      + 'allowed". Without one, every workload that can reach the endpoints may call every path with every method (deny by default is lost).',
    source: SERVICE_SECURITY,
    fix: 'Set authorization_policy to an ALLOW policy whose rules name the callers\' principals (spiffe://PROJECT_ID.svc.id.goog/ns/NS/sa/KSA), hosts, ports and methods.',
    check: (ctx) => endpointPolicies(ctx).flatMap((e) =>
      e.authz === undefined && valueAt(e.resource.body, 'authorization_policy') === undefined
        ? [hit(e.resource, 'authorization_policy', 'is not set, so every caller is allowed', undefined)] : []),
  },
  {
    id: 'POSTURE-MESH-ANY-PRINCIPAL',
    title: 'Authorization rule allows any caller',
    severity: PostureSeverity.ERROR,
    resourceTypes: [TYPES.authz],
    reason: 'An ALLOW rule without sources (or with the principal "*") matches every caller, so the policy no longer says who may call: '
      + 'least privilege is lost and a compromised pod anywhere in the mesh can make the allowed requests. Checked for the policies of '
      + 'endpoint policies and of mTLS gateways; a gateway that terminates TLS for clients outside the mesh cannot know their principals.',
    source: SERVICE_SECURITY,
    fix: 'Give every rule sources.principals naming the callers (AuthorizationPolicy rules[].from: Principal.kubernetesServiceAccount(...)).',
    check: (ctx) => {
      const gws = gateways(ctx);
      const hits: RuleHit[] = [];
      for (const policy of ctx.all(TYPES.authz)) {
        if (stringAt(policy.body, 'action') !== 'ALLOW') continue;
        // Only policies that guard something here: an endpoint policy's, or an mTLS gateway's (whose callers have
        // principals). A TLS-only gateway's policy cannot name callers; an unattached one guards nothing (yet).
        const endpointUsers = ctx.referrers(policy, [TYPES.endpoint], ['authorization_policy']).known;
        const mtlsGateway = gws.some((g) => g.authz === policy && g.serverTls !== UNKNOWN && g.serverTls !== undefined && requiresClientCertificates(g.serverTls) === true);
        if (endpointUsers.length === 0 && !mtlsGateway) continue;
        const rules = authzRules(policy);
        if (rules === UNKNOWN) continue;
        if (rules.length === 0) {
          hits.push(hit(policy, 'rules', 'is empty, so the policy allows every request', []));
          continue;
        }
        for (const rule of rules) {
          if (!rule.anyCaller) continue;
          const noSources = rule.principals.length === 0 && rule.ipBlocks.length === 0;
          hits.push(hit(policy, `rules[${rule.index}].sources`, noSources ? 'names no principal, so any caller matches' : 'includes the principal "*"',
            noSources ? undefined : rule.principals));
        }
      }
      return hits;
    },
  },
  {
    id: 'POSTURE-MESH-BACKEND-NO-CLIENT-TLS',
    title: 'Mesh backend service without a client TLS policy',
    severity: PostureSeverity.ERROR,
    resourceTypes: [TYPES.backend],
    reason: 'The client TLS policy on the backend service makes every client\'s sidecar call this service over mTLS with its mesh '
      + 'certificate and check the server\'s identity. Without it, clients send plaintext: rejected by mTLS endpoints, readable by anyone on '
      + 'the path otherwise.',
    source: SERVICE_SECURITY,
    fix: 'Set security_settings.client_tls_policy (and subject_alt_names with the server\'s SPIFFE ID) (MeshBackendService clientTlsPolicy).',
    relaxedBy: 'MeshBackendService allowPlaintext: true',
    check: (ctx) => ctx.all(TYPES.backend).flatMap((b) => {
      if (stringAt(b.body, 'load_balancing_scheme') !== 'INTERNAL_SELF_MANAGED') return [];
      const policy = valueAt(b.body, 'security_settings.client_tls_policy');
      return policy === undefined || policy === '' ? [hit(b, 'security_settings.client_tls_policy', 'is not set, so clients call this service in plaintext', policy)] : [];
    }),
  },
  {
    id: 'POSTURE-MESH-GATEWAY-NO-TLS',
    title: 'Mesh gateway accepts plaintext',
    severity: PostureSeverity.ERROR,
    resourceTypes: [TYPES.gateway, TYPES.httpProxy],
    reason: 'The ingress gateway terminates TLS with a server TLS policy before it forwards requests into the mesh over mTLS. A gateway '
      + 'without one takes requests from outside the mesh in plaintext.',
    source: SERVICE_SECURITY,
    fix: 'Give the gateway a server TLS policy with a server certificate (Gateway serverTlsPolicy; a target HTTPS proxy instead of an HTTP one).',
    relaxedBy: 'Gateway allowPlaintext: true',
    check: (ctx) => gateways(ctx).flatMap((g) => {
      if (g.resource.type === TYPES.httpProxy) return [hit(g.resource, 'proxy_bind', 'is true on a target HTTP proxy, so the gateway listens in plaintext', true)];
      return g.serverTls === undefined && valueAt(g.resource.body, 'server_tls_policy') === undefined
        ? [hit(g.resource, 'server_tls_policy', 'is not set, so the gateway accepts plaintext', undefined)] : [];
    }),
  },
];
