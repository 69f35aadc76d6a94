import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { mesh } from '@zerotrust-gcp/cdktf-mesh-security';
import { App, TerraformStack } from 'cdktf';

const app = new App();
const stack = new TerraformStack(app, 'tls-forms');
new GoogleProvider(stack, 'google', { project: 'my-project-id' });

// Cloud Service Mesh form, TLS only (S15): the ingress gateway terminates TLS without asking for client certificates.
new mesh.ServerTlsPolicy(stack, 'GatewayTls', {
  name: 'server-tls-policy',
  description: 'tls server policy',
  clientValidation: mesh.ClientValidation.none(),
});

// Cloud Service Mesh form, migration escape hatch: accept plaintext and mTLS on the same port, explicitly.
new mesh.ServerTlsPolicy(stack, 'Permissive', {
  name: 'permissive-mtls-policy',
  allowOpen: true,
  serverCertificate: mesh.CertificateProvider.privateSpiffe(),
  clientValidation: mesh.ClientValidation.mutualTls(),
});

// Load balancer form: frontend mTLS of an Application Load Balancer, validated by a Certificate Manager trust config.
new mesh.LoadBalancerServerTlsPolicy(stack, 'AlbMtls', {
  name: 'alb-mtls-policy',
  clientValidationMode: mesh.ClientValidationMode.REJECT_INVALID,
  trustConfig: 'projects/my-project-id/locations/global/trustConfigs/partners',
});

// A policy a central team manages, referenced by name for this app's endpoint policies.
export const centralPolicy = mesh.ServerTlsPolicy.fromServerTlsPolicyAttributes(stack, 'Central', { name: 'central-mtls-policy' });

app.synth();
