import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import { Fn, TerraformStack, Token } from 'cdktf';
import { TrustDomain } from '../../../lib/core/spiffe';
import { AuthorizationAction, AuthorizationPolicy, AuthorizationPolicyProps, AuthorizationRule } from '../../../lib/mesh/policy/authorization-policy';
import { Principal } from '../../../lib/mesh/policy/principal';
import { googleStack, onlyResource, resourcesOf, StackJson, synth } from '../../helpers/synth';

const AUTHORIZATION_POLICY = 'google_network_security_authorization_policy';


/** The seeds' authz-policy rule once the ingress gateway exists (S13). */
const SEED_RULE: AuthorizationRule = {
  sources: [{ principals: [Principal.kubernetesServiceAccount(TrustDomain.forGkeProject('my-project-id'), 'default', 'demo-client')] }],
  destinations: [{ hosts: ['service-test', 'mesh-gateway'], ports: [8000], methods: ['GET'] }],
};

function authzPolicy(stack: TerraformStack, overrides: Partial<AuthorizationPolicyProps> = {}, id = 'Authz'): AuthorizationPolicy {
  return new AuthorizationPolicy(stack, id, { project: 'my-project-id', name: 'authz-policy', rules: [SEED_RULE], ...overrides });
}

/** A policy with one rule whose only destination is `destination` (sources as in the seed). */
function withDestination(stack: TerraformStack, destination: Record<string, unknown>): AuthorizationPolicy {
  return authzPolicy(stack, { rules: [{ sources: SEED_RULE.sources, destinations: [destination as never] }] });
}

function policyOf(json: StackJson): Record<string, unknown> {
  return onlyResource(json, AUTHORIZATION_POLICY);
}

describe('AuthorizationPolicy', () => {
  describe('S13: the seeds\' authz-policy', () => {
    let json: StackJson;
    let policy: AuthorizationPolicy;
    beforeAll(() => {
      const stack = googleStack();
      policy = authzPolicy(stack);
      json = synth(stack);
    });

    it('S13: authz-policy is an ALLOW policy in the global location', () => {
      expect(policyOf(json)).toMatchObject({ name: 'authz-policy', project: 'my-project-id', location: 'global', action: 'ALLOW' });
    });

    it('S13: the rule allows spiffe://my-project-id.svc.id.goog/ns/default/sa/demo-client', () => {
      const rules = policyOf(json).rules as { sources: unknown }[];
      expect(rules).toHaveLength(1);
      expect(rules[0].sources).toEqual([{ principals: ['spiffe://my-project-id.svc.id.goog/ns/default/sa/demo-client'] }]);
    });

    it('S13: the rule allows GET on port 8000 of service-test and mesh-gateway', () => {
      const rules = policyOf(json).rules as { destinations: unknown }[];
      expect(rules[0].destinations).toEqual([{ hosts: ['service-test', 'mesh-gateway'], ports: [8000], methods: ['GET'] }]);
    });

    it('S13: the policy is created with the google-beta provider, added to the stack for my-project-id', () => {
      expect(policyOf(json).provider).toBe('google-beta');
      expect(json.provider?.['google-beta']).toEqual([{ project: 'my-project-id' }]);
    });

    it('S13: policyName is projects/my-project-id/locations/global/authorizationPolicies/authz-policy', () => {
      expect(policy.resourceName).toBe('projects/my-project-id/locations/global/authorizationPolicies/authz-policy');
      expect(policy.name).toBe('authz-policy');
      expect(policy.action).toBe(AuthorizationAction.ALLOW);
      expect(policy.resource.terraformResourceType).toBe(AUTHORIZATION_POLICY);
    });

    it('S13/S16: hosts lists service-test and mesh-gateway', () => {
      expect(policy.hosts).toEqual(['service-test', 'mesh-gateway']);
    });
  });

  describe('S13: the google-beta provider', () => {
    it('S13: policies of one stack share the google-beta provider created for the first', () => {
      const stack = googleStack();
      authzPolicy(stack);
      authzPolicy(stack, { name: 'authz-gateway-policy' }, 'GatewayAuthz');
      const json = synth(stack);
      expect(json.provider?.['google-beta']).toEqual([{ project: 'my-project-id' }]);
      expect(Object.values(resourcesOf(json, AUTHORIZATION_POLICY)).map((p) => p.provider)).toEqual(['google-beta', 'google-beta']);
    });

    it('S13: a google-beta provider already in the stack is reused', () => {
      const stack = googleStack();
      new GoogleBetaProvider(stack, 'beta', { project: 'my-project-id', alias: 'beta' });
      authzPolicy(stack);
      const json = synth(stack);
      expect(policyOf(json).provider).toBe('google-beta.beta');
      expect(json.provider?.['google-beta']).toEqual([{ alias: 'beta', project: 'my-project-id' }]);
    });

    it('S13: an explicit betaProvider wins over the stack\'s first google-beta provider', () => {
      const stack = googleStack();
      new GoogleBetaProvider(stack, 'first', { project: 'my-project-id', alias: 'first' });
      const explicit = new GoogleBetaProvider(stack, 'explicit', { project: 'my-project-id', alias: 'explicit' });
      authzPolicy(stack, { betaProvider: explicit });
      expect(policyOf(synth(stack)).provider).toBe('google-beta.explicit');
    });
  });

  describe('S13: other rule forms', () => {
    it('S13: httpHeaderMatch renders header_name and regex_match', () => {
      const stack = googleStack();
      withDestination(stack, {
        hosts: ['service-test'], ports: [8000], methods: ['GET'],
        httpHeaderMatch: { headerName: 'x-user-tier', regexMatch: '^gold$' },
      });
      const rules = policyOf(synth(stack)).rules as { destinations: unknown[] }[];
      expect(rules[0].destinations[0]).toEqual({
        hosts: ['service-test'], ports: [8000], methods: ['GET'],
        http_header_match: { header_name: 'x-user-tier', regex_match: '^gold$' },
      });
    });

    it('S13: ipBlocks render ip_blocks next to principals', () => {
      const stack = googleStack();
      authzPolicy(stack, {
        rules: [{
          sources: [{ principals: [Principal.anyAuthenticated()], ipBlocks: ['10.0.0.0/8', '192.168.1.7'] }],
          destinations: SEED_RULE.destinations,
        }],
      });
      const rules = policyOf(synth(stack)).rules as { sources: unknown }[];
      expect(rules[0].sources).toEqual([{ principals: ['*'], ip_blocks: ['10.0.0.0/8', '192.168.1.7'] }]);
    });

    it('S13: a DENY policy renders action DENY', () => {
      const stack = googleStack();
      const policy = authzPolicy(stack, {
        name: 'deny-post',
        action: AuthorizationAction.DENY,
        rules: [{ destinations: [{ hosts: ['service-test'], ports: [8000], methods: ['POST', 'DELETE'] }] }],
      });
      const rendered = policyOf(synth(stack));
      expect(rendered.action).toBe('DENY');
      expect(rendered.rules).toEqual([{ destinations: [{ hosts: ['service-test'], ports: [8000], methods: ['POST', 'DELETE'] }] }]);
      expect(policy.action).toBe(AuthorizationAction.DENY);
    });

    it('S16: a rule with destinations only (authz-gateway-policy) has no sources', () => {
      const stack = googleStack();
      authzPolicy(stack, {
        name: 'authz-gateway-policy',
        rules: [{ destinations: [{ hosts: ['mesh-gateway'], ports: [8080], methods: ['GET'] }] }],
      });
      expect(policyOf(synth(stack)).rules).toEqual([{ destinations: [{ hosts: ['mesh-gateway'], ports: [8080], methods: ['GET'] }] }]);
    });

    it('S13: hosts de-duplicates hosts across rules, in order of appearance', () => {
      const stack = googleStack();
      const policy = authzPolicy(stack, {
        rules: [
          { destinations: [{ hosts: ['service-test'], ports: [8000], methods: ['GET'] }] },
          { destinations: [{ hosts: ['mesh-gateway', 'service-test'], ports: [8000], methods: ['GET'] }] },
        ],
      });
      expect(policy.hosts).toEqual(['service-test', 'mesh-gateway']);
    });
  });

  describe('X2: bad input', () => {
    it('X1/X2: an ALLOW policy with no rules is rejected', () => {
      const stack = googleStack();
      expect(() => authzPolicy(stack, { rules: [] })).toThrow(new Error(
        'test/Authz: rules must not be empty (got []). ' +
        'Add at least one rule: an ALLOW policy without rules allows every request, so X1 requires the allowed traffic to be listed.'));
    });

    it('X1/X2: a rule with neither sources nor destinations is rejected', () => {
      const stack = googleStack();
      expect(() => authzPolicy(stack, { rules: [SEED_RULE, {}] })).toThrow(new Error(
        'test/Authz: rules[1] matches every request (got {}). Give the rule sources (principals) and/or destinations (hosts, ports, methods).'));
    });

    it('X2: a source with neither principals nor ipBlocks is rejected', () => {
      const stack = googleStack();
      expect(() => authzPolicy(stack, { rules: [{ sources: [{ principals: [] }], destinations: SEED_RULE.destinations }] })).toThrow(new Error(
        'test/Authz: rules[0].sources[0] has neither principals nor ipBlocks (got {"principals":[]}). ' +
        'Name the calling workloads, e.g. principals: [Principal.kubernetesServiceAccount(trustDomain, "default", "client")].'));
    });

    it('S13/X2: a malformed SPIFFE principal is rejected', () => {
      const stack = googleStack();
      expect(() => authzPolicy(stack, {
        rules: [{ sources: [{ principals: [Principal.startingWith('spiffe://my-project-id.svc.id.goog/ns/default/'), Principal.endingWith('*sa/x')] }] }],
      })).toThrow(new Error(
        'test/Authz: rules[0].sources[0].principals[1] is not a valid principal pattern (got "**sa/x"). ' +
        'Use one wildcard at the start or end of a non-empty pattern, or Principal.anyAuthenticated() for "*".'));
    });

    it.each([
      ['10.0.0.0/abc'],
      ['not-an-ip'],
      ['10.0.0'],
      ['300.0.0.0/8'],
      ['256.1.1.1'],
      ['10.0.0.0/33'],
      ['cafe'],
      ['fe80::1/129'],
      ['10.0.0.0/8/8'],
    ])('S13/X2: ipBlocks entry %s is rejected', (block) => {
      const stack = googleStack();
      expect(() => authzPolicy(stack, {
        rules: [{ sources: [{ ipBlocks: ['10.0.0.0/8', block] }], destinations: SEED_RULE.destinations }],
      })).toThrow(new Error(
        `test/Authz: rules[0].sources[0].ipBlocks[1] is not an IP address or CIDR range (got "${block}"). Use e.g. "10.0.0.0/8" or "1.2.3.4".`));
    });

    it('S13: IPv6 addresses and ranges are accepted as ipBlocks', () => {
      const stack = googleStack();
      expect(() => authzPolicy(stack, {
        rules: [{ sources: [{ ipBlocks: ['fe80::1', '2001:db8::/32', '10.0.0.0/32'] }], destinations: SEED_RULE.destinations }],
      })).not.toThrow();
    });

    it.each([[0], [65536]])('S13/X2: destination port %d is rejected', (port) => {
      const stack = googleStack();
      expect(() => withDestination(stack, { hosts: ['service-test'], ports: [8000, port], methods: ['GET'] })).toThrow(new Error(
        `test/Authz: rules[0].destinations[0].ports[1] is not a TCP port (got ${port}). Use an integer from 1 to 65535.`));
    });

    it('S13/X2: a fractional destination port is rejected', () => {
      const stack = googleStack();
      expect(() => withDestination(stack, { hosts: ['service-test'], ports: [8000.5], methods: ['GET'] })).toThrow(new Error(
        'test/Authz: rules[0].destinations[0].ports[0] is not a TCP port (got 8000.5). Use an integer from 1 to 65535.'));
    });

    it.each([['get'], ['FETCH']])('S13/X2: HTTP method %s is rejected', (method) => {
      const stack = googleStack();
      expect(() => withDestination(stack, { hosts: ['service-test'], ports: [8000], methods: [method] })).toThrow(new Error(
        `test/Authz: rules[0].destinations[0].methods[0] is not an HTTP method (got "${method}"). ` +
        'Use one of: GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH.'));
    });

    it('S13/X2: empty hosts, ports or methods are rejected', () => {
      const stack = googleStack();
      expect(() => withDestination(stack, { hosts: [], ports: [8000], methods: ['GET'] })).toThrow(new Error(
        'test/Authz: rules[0].destinations[0].hosts must not be empty (got []). List the host names the rule covers, e.g. ["service-test"], or ["*"].'));
      expect(() => withDestination(googleStack(), { hosts: ['service-test'], ports: [], methods: ['GET'] })).toThrow(new Error(
        'test/Authz: rules[0].destinations[0].ports must not be empty (got []). List the destination ports, e.g. [8000].'));
      expect(() => withDestination(googleStack(), { hosts: ['service-test'], ports: [8000], methods: [] })).toThrow(new Error(
        'test/Authz: rules[0].destinations[0].methods must not be empty (got []). List the HTTP methods, e.g. ["GET"].'));
    });

    it('S13/X2: a location other than global is rejected', () => {
      const stack = googleStack();
      expect(() => authzPolicy(stack, { location: 'us-east1' })).toThrow(new Error(
        'test/Authz: location must be "global" for Cloud Service Mesh (got "us-east1"). ' +
        'Traffic Director only reads service-security and routing resources from the global location; remove the location or set it to "global".'));
    });
  });

  it('X5: unresolved ports, methods, hosts, ipBlocks and name are not rejected', () => {
    const stack = googleStack();
    authzPolicy(stack, {
      name: Token.asString(Fn.lower('AUTHZ-POLICY')),
      rules: [{
        sources: [{ ipBlocks: [Token.asString(Fn.lower('CIDR'))] }],
        destinations: [{
          hosts: [Token.asString(Fn.lower('SERVICE-TEST'))],
          ports: [Token.asNumber(Fn.parseint('8000', 10))],
          methods: [Token.asString(Fn.upper('get'))],
        }],
      }],
    });
    expect(policyOf(synth(stack))).toMatchObject({
      name: '${lower("AUTHZ-POLICY")}',
      rules: [{
        sources: [{ ip_blocks: ['${lower("CIDR")}'] }],
        destinations: [{ hosts: ['${lower("SERVICE-TEST")}'], ports: ['${parseint("8000", 10)}'], methods: ['${upper("get")}'] }],
      }],
    });
  });
});
