import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { core, mesh } from '@zerotrust-gcp/cdktf-mesh-security';
import { App, TerraformStack } from 'cdktf';

const app = new App();
const stack = new TerraformStack(app, 'service-security');
new GoogleProvider(stack, 'google', { project: 'my-project-id' });

// S11: clients present their mesh certificate and validate the server's (google_cloud_private_spiffe by default).
new mesh.ClientTlsPolicy(stack, 'ClientMtls', { name: 'client-mtls-policy' });

// S12: servers require client certificates (strict mTLS is the default).
const serverMtls = new mesh.ServerTlsPolicy(stack, 'ServerMtls', { name: 'server-mtls-policy' });

// S13: only demo-client may GET service-test (or the gateway host) on port 8000. Rules can also be added later.
const authz = new mesh.AuthorizationPolicy(stack, 'Authz', { name: 'authz-policy' });
authz.addRule({
  sources: [{ principals: [mesh.Principal.kubernetesServiceAccount(core.TrustDomain.forGkeProject('my-project-id'), 'default', 'demo-client')] }],
  destinations: [{ hosts: ['service-test', 'mesh-gateway'], ports: [8000], methods: ['GET'] }],
});

// S12 + S13: applied to every sidecar whose proxy metadata carries app=payments.
new mesh.EndpointPolicy(stack, 'Ep', {
  name: 'ep',
  matchLabels: { app: 'payments' },
  serverTlsPolicy: serverMtls,
  authorizationPolicy: authz,
});

app.synth();
