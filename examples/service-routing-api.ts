import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import {
  AuthorizationPolicy, ClientTlsPolicy, ClientValidation, Gateway, HttpRoute, Mesh, MeshBackendService, MeshHealthCheck,
  NetworkEndpointGroupRef, Principal, ServerTlsPolicy, TrustDomain,
} from '@zerotrust-gcp/cdktf-mesh-security';
import { App, TerraformStack } from 'cdktf';

const app = new App();
const stack = new TerraformStack(app, 'routing-api');
new GoogleProvider(stack, 'google', { project: 'my-project-id' });
const project = 'my-project-id';

// R5: the routing API still sends traffic to a backend service.
const backend = new MeshBackendService(stack, 'Backend', {
  project,
  name: 'td-gke-service',
  healthCheck: new MeshHealthCheck(stack, 'HealthCheck', { project, name: 'td-gke-health-check' }),
  networkEndpointGroups: [NetworkEndpointGroupRef.fromName(project, 'us-east1-b', 'service-test-neg')],
  clientTlsPolicy: new ClientTlsPolicy(stack, 'ClientMtls', { project, name: 'client-mtls-policy' }),
});

// R1 + R2: sidecars of sidecar-mesh route service-test to the backend service.
const mesh = new Mesh(stack, 'Mesh', { project, name: 'sidecar-mesh' });
new HttpRoute(stack, 'ServiceRoute', { project, name: 'helloworld-http-route', hostnames: ['service-test'], meshes: [mesh], destination: backend });

// R3 + S15 + S16: the ingress gateway's scope, port and TLS termination; its authorization is enforced at the backends.
const gateway = new Gateway(stack, 'Gateway', {
  project,
  name: 'td-gke-gateway',
  scope: 'gateway-proxy',
  ports: [8080],
  serverTlsPolicy: new ServerTlsPolicy(stack, 'GatewayTls', {
    project, name: 'server-tls-policy', description: 'tls server policy', clientValidation: ClientValidation.none(),
  }),
  authorizationPolicy: new AuthorizationPolicy(stack, 'GatewayAuthz', {
    project, name: 'authz-gateway-policy', rules: [{ destinations: [{ hosts: ['mesh-gateway'], ports: [8080], methods: ['GET'] }] }],
  }),
  authorizationEnforcedBy: new AuthorizationPolicy(stack, 'EndpointAuthz', {
    project,
    name: 'authz-policy',
    rules: [{
      sources: [{ principals: [Principal.kubernetesServiceAccount(TrustDomain.forGkeProject(project), 'default', 'demo-client')] }],
      destinations: [{ hosts: ['service-test', 'mesh-gateway'], ports: [8000], methods: ['GET'] }],
    }],
  }),
});

// R4: requests for mesh-gateway arriving at the gateway go to the backend service.
new HttpRoute(stack, 'GatewayRoute', { project, name: 'td-gke-route', hostnames: ['mesh-gateway'], gateways: [gateway], destination: backend });

app.synth();
