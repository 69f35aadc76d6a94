import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { core, mesh } from '@zerotrust-gcp/cdktf-mesh-security';
import { App, TerraformStack } from 'cdktf';

const app = new App();
const stack = new TerraformStack(app, 'routing-api');
new GoogleProvider(stack, 'google', { project: 'my-project-id' });

// R5: the routing API still sends traffic to a backend service.
const backend = new mesh.MeshBackendService(stack, 'Backend', {
  name: 'td-gke-service',
  healthCheck: new mesh.MeshHealthCheck(stack, 'HealthCheck', { name: 'td-gke-health-check' }),
  networkEndpointGroups: [mesh.NetworkEndpointGroupRef.fromName('my-project-id', 'us-east1-b', 'service-test-neg')],
  clientTlsPolicy: new mesh.ClientTlsPolicy(stack, 'ClientMtls', { name: 'client-mtls-policy' }),
});

// R1 + R2: sidecars of sidecar-mesh route service-test to the backend service.
const sidecarMesh = new mesh.Mesh(stack, 'Mesh', { name: 'sidecar-mesh' });
sidecarMesh.addHttpRoute('ServiceRoute', { name: 'helloworld-http-route', hostnames: ['service-test'], destination: backend });

// R3 + S15 + S16: the ingress gateway's scope, port and TLS termination; its authorization is enforced at the backends.
const demoClient = mesh.Principal.kubernetesServiceAccount(core.TrustDomain.forGkeProject('my-project-id'), 'default', 'demo-client');
const gateway = new mesh.Gateway(stack, 'Gateway', {
  name: 'td-gke-gateway',
  gatewayScope: 'gateway-proxy',
  ports: [8080],
  serverTlsPolicy: new mesh.ServerTlsPolicy(stack, 'GatewayTls', {
    name: 'server-tls-policy', description: 'tls server policy', clientValidation: mesh.ClientValidation.none(),
  }),
  authorizationPolicy: new mesh.AuthorizationPolicy(stack, 'GatewayAuthz', {
    name: 'authz-gateway-policy', rules: [{ destinations: [{ hosts: ['mesh-gateway'], ports: [8080], methods: ['GET'] }] }],
  }),
  authorizationEnforcedBy: new mesh.AuthorizationPolicy(stack, 'EndpointAuthz', {
    name: 'authz-policy',
    rules: [{
      sources: [{ principals: [demoClient] }],
      destinations: [{ hosts: ['service-test', 'mesh-gateway'], ports: [8000], methods: ['GET'] }],
    }],
  }),
});

// R4: requests for mesh-gateway arriving at the gateway go to the backend service.
new mesh.HttpRoute(stack, 'GatewayRoute', { name: 'td-gke-route', hostnames: ['mesh-gateway'], gateways: [gateway], destination: backend });

app.synth();
