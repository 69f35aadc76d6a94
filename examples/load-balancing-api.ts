import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import {
  AuthorizationPolicy, ClientTlsPolicy, ClientValidation, MeshBackendService, MeshHealthCheck, NetworkEndpointGroupRef,
  Principal, RoutingRuleMap, ServerTlsPolicy, TrustDomain,
} from '@zerotrust-gcp/cdktf-mesh-security';
import { App, TerraformStack } from 'cdktf';

const app = new App();
const stack = new TerraformStack(app, 'lb-api');
new GoogleProvider(stack, 'google', { project: 'my-project-id' });
const project = 'my-project-id';

const backend = new MeshBackendService(stack, 'Backend', {
  project,
  name: 'td-gke-service',
  healthCheck: new MeshHealthCheck(stack, 'HealthCheck', { project, name: 'td-gke-health-check' }),
  networkEndpointGroups: [NetworkEndpointGroupRef.fromName(project, 'us-east1-b', 'service-test-neg')],
  clientTlsPolicy: new ClientTlsPolicy(stack, 'ClientMtls', { project, name: 'client-mtls-policy' }),
});

// L3: sidecars route port 80 through td-gke-url-map → td-gke-proxy → td-gke-forwarding-rule.
new RoutingRuleMap(stack, 'ServiceRouting', {
  project,
  urlMapName: 'td-gke-url-map',
  proxyName: 'td-gke-proxy',
  forwardingRuleName: 'td-gke-forwarding-rule',
  defaultService: backend,
  port: 80,
});

// S13: the backends' own policy, which also covers the gateway host; it enforces S16 where Terraform cannot attach it.
const endpointAuthz = new AuthorizationPolicy(stack, 'EndpointAuthz', {
  project,
  name: 'authz-policy',
  rules: [{
    sources: [{ principals: [Principal.kubernetesServiceAccount(TrustDomain.forGkeProject(project), 'default', 'demo-client')] }],
    destinations: [{ hosts: ['service-test', 'mesh-gateway'], ports: [8000], methods: ['GET'] }],
  }],
});

// L4 + S15 + S16: the ingress gateway terminates TLS on 8080 (target HTTPS proxy with proxyBind).
new RoutingRuleMap(stack, 'IngressRouting', {
  project,
  urlMapName: 'td-gke-ig-url-map',
  proxyName: 'td-gke-https-proxy',
  forwardingRuleName: 'td-gke-gateway-forwarding-rule',
  defaultService: backend,
  port: 8080,
  serverTlsPolicy: new ServerTlsPolicy(stack, 'GatewayTls', {
    project, name: 'server-tls-policy', description: 'tls server policy', clientValidation: ClientValidation.none(),
  }),
  authorizationPolicy: new AuthorizationPolicy(stack, 'GatewayAuthz', {
    project,
    name: 'authz-gateway-policy',
    rules: [{ destinations: [{ hosts: ['mesh-gateway'], ports: [8080], methods: ['GET'] }] }],
  }),
  authorizationEnforcedBy: endpointAuthz,
});

app.synth();
