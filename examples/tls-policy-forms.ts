import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import {
  CertificateProvider, ClientValidation, ClientValidationMode, LoadBalancerServerTlsPolicy, ServerTlsPolicy,
} from '@zerotrust-gcp/cdktf-mesh-security';
import { App, TerraformStack } from 'cdktf';

const app = new App();
const stack = new TerraformStack(app, 'tls-forms');
new GoogleProvider(stack, 'google', { project: 'my-project-id' });
const project = 'my-project-id';

// Cloud Service Mesh form, TLS only (S15): the ingress gateway terminates TLS without asking for client certificates.
new ServerTlsPolicy(stack, 'GatewayTls', {
  project,
  name: 'server-tls-policy',
  description: 'tls server policy',
  clientValidation: ClientValidation.none(),
});

// Cloud Service Mesh form, migration escape hatch: accept plaintext and mTLS on the same port, explicitly.
new ServerTlsPolicy(stack, 'Permissive', {
  project,
  name: 'permissive-mtls-policy',
  allowOpen: true,
  serverCertificate: CertificateProvider.privateSpiffe(),
  clientValidation: ClientValidation.mutualTls(),
});

// Load balancer form: frontend mTLS of an Application Load Balancer, validated by a Certificate Manager trust config.
new LoadBalancerServerTlsPolicy(stack, 'AlbMtls', {
  project,
  name: 'alb-mtls-policy',
  clientValidationMode: ClientValidationMode.REJECT_INVALID,
  trustConfig: 'projects/my-project-id/locations/global/trustConfigs/partners',
});

app.synth();
