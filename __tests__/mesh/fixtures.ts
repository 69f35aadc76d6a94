import { TerraformStack } from 'cdktf';
import { TrustDomain } from '../../lib/core/spiffe';
import { AuthorizationPolicy, AuthorizationRule } from '../../lib/mesh/policy/authorization-policy';
import { Principal } from '../../lib/mesh/policy/principal';

/** The seeds' client identity (S13): spiffe://my-project-id.svc.id.goog/ns/default/sa/demo-client. */
export const DEMO_CLIENT = Principal.kubernetesServiceAccount(TrustDomain.forGkeProject('my-project-id'), 'default', 'demo-client');

/** S16's authz-gateway-policy: ALLOW GET on host mesh-gateway, port 8080. */
export function authzGatewayPolicy(stack: TerraformStack): AuthorizationPolicy {
  return new AuthorizationPolicy(stack, 'GatewayAuthz', {
    project: 'my-project-id',
    name: 'authz-gateway-policy',
    rules: [{ destinations: [{ hosts: ['mesh-gateway'], ports: [8080], methods: ['GET'] }] }],
  });
}

/** S13's endpoint authz-policy, by default as in the seed once the gateway exists (service-test and mesh-gateway, GET). */
export function endpointAuthzPolicy(stack: TerraformStack, rules?: AuthorizationRule[]): AuthorizationPolicy {
  return new AuthorizationPolicy(stack, 'Authz', {
    project: 'my-project-id',
    name: 'authz-policy',
    rules: rules ?? [{
      sources: [{ principals: [DEMO_CLIENT] }],
      destinations: [{ hosts: ['service-test', 'mesh-gateway'], ports: [8000], methods: ['GET'] }],
    }],
  });
}
