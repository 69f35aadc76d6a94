import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { core, mesh } from '@zerotrust-gcp/cdktf-mesh-security';
import { App, TerraformStack } from 'cdktf';

const app = new App();
const stack = new TerraformStack(app, 'lb-api');
new GoogleProvider(stack, 'google', { project: 'my-project-id' });

const backend = new mesh.MeshBackendService(stack, 'Backend', {
  name: 'td-gke-service',
  healthCheck: new mesh.MeshHealthCheck(stack, 'HealthCheck', { name: 'td-gke-health-check' }),
  networkEndpointGroups: [mesh.NetworkEndpointGroupRef.fromName('my-project-id', 'us-east1-b', 'service-test-neg')],
  clientTlsPolicy: new mesh.ClientTlsPolicy(stack, 'ClientMtls', { name: 'client-mtls-policy' }),
});

// L3: sidecars route port 80 through td-gke-url-map → td-gke-proxy → td-gke-forwarding-rule.
new mesh.RoutingRuleMap(stack, 'ServiceRouting', {
  urlMapName: 'td-gke-url-map',
  proxyName: 'td-gke-proxy',
  forwardingRuleName: 'td-gke-forwarding-rule',
  defaultService: backend,
  port: 80,
});

// S13: the backends' own policy, which also covers the gateway host; it enforces S16 where Terraform cannot attach it.
const demoClient = mesh.Principal.kubernetesServiceAccount(core.TrustDomain.forGkeProject('my-project-id'), 'default', 'demo-client');
const endpointAuthz = new mesh.AuthorizationPolicy(stack, 'EndpointAuthz', {
  name: 'authz-policy',
  rules: [{
    sources: [{ principals: [demoClient] }],
    destinations: [{ hosts: ['service-test', 'mesh-gateway'], ports: [8000], methods: ['GET'] }],
  }],
});

// L4 + S15 + S16: the ingress gateway terminates TLS on 8080 (target HTTPS proxy with proxyBind).
new mesh.RoutingRuleMap(stack, 'IngressRouting', {
  urlMapName: 'td-gke-ig-url-map',
  proxyName: 'td-gke-https-proxy',
  forwardingRuleName: 'td-gke-gateway-forwarding-rule',
  defaultService: backend,
  port: 8080,
  serverTlsPolicy: new mesh.ServerTlsPolicy(stack, 'GatewayTls', {
    name: 'server-tls-policy', description: 'tls server policy', clientValidation: mesh.ClientValidation.none(),
  }),
  authorizationPolicy: new mesh.AuthorizationPolicy(stack, 'GatewayAuthz', {
    name: 'authz-gateway-policy',
    rules: [{ destinations: [{ hosts: ['mesh-gateway'], ports: [8080], methods: ['GET'] }] }],
  }),
  authorizationEnforcedBy: endpointAuthz,
});

app.synth();
