import { Fn, TerraformStack, Token } from 'cdktf';
import { SpiffeId, TrustDomain } from '../../../lib/core/spiffe';
import { AuthorizationPolicy } from '../../../lib/mesh/policy/authorization-policy';
import { Principal } from '../../../lib/mesh/policy/principal';
import { googleStack, onlyResource, synth } from '../../helpers/synth';

const AUTHORIZATION_POLICY = 'google_network_security_authorization_policy';


/** An authz-policy whose only source lists `principals`; Principal is checked and rendered by the policy. */
function policyWith(stack: TerraformStack, principals: Principal[]): AuthorizationPolicy {
  return new AuthorizationPolicy(stack, 'Authz', {
    project: 'my-project-id',
    name: 'authz-policy',
    rules: [{
      sources: [{ principals }],
      destinations: [{ hosts: ['service-test'], ports: [8000], methods: ['GET'] }],
    }],
  });
}

/** The principals rendered into the policy's first source. */
function renderedPrincipals(stack: TerraformStack): unknown {
  const rules = onlyResource(synth(stack), AUTHORIZATION_POLICY).rules as { sources: { principals: unknown }[] }[];
  return rules[0].sources[0].principals;
}

const SPIFFE_FIX = 'Use spiffe://TRUST_DOMAIN/ns/NAMESPACE/sa/SERVICE_ACCOUNT, e.g. ' +
  'SpiffeId.forKubernetesServiceAccount("my-project.svc.id.goog", "default", "client").';
const PATTERN_FIX = 'Use one wildcard at the start or end of a non-empty pattern, or Principal.anyAuthenticated() for "*".';

describe('Principal', () => {
  it('S13: kubernetesServiceAccount is spiffe://my-project-id.svc.id.goog/ns/default/sa/demo-client', () => {
    const principal = Principal.kubernetesServiceAccount(TrustDomain.forGkeProject('my-project-id'), 'default', 'demo-client');
    expect(principal.value).toBe('spiffe://my-project-id.svc.id.goog/ns/default/sa/demo-client');
    const stack = googleStack();
    policyWith(stack, [principal]);
    expect(renderedPrincipals(stack)).toEqual(['spiffe://my-project-id.svc.id.goog/ns/default/sa/demo-client']);
  });

  it('S13: spiffeId renders exactly the given SPIFFE ID', () => {
    const stack = googleStack();
    policyWith(stack, [Principal.spiffeId(SpiffeId.of('spiffe://my-project-id.svc.id.goog/ns/payments/sa/demo-client'))]);
    expect(renderedPrincipals(stack)).toEqual(['spiffe://my-project-id.svc.id.goog/ns/payments/sa/demo-client']);
  });

  it('S13: startingWith, endingWith and anyAuthenticated render "prefix*", "*suffix" and "*"', () => {
    const stack = googleStack();
    policyWith(stack, [
      Principal.startingWith('spiffe://my-project-id.svc.id.goog/ns/default/'),
      Principal.endingWith('/sa/demo-client'),
      Principal.anyAuthenticated(),
    ]);
    expect(renderedPrincipals(stack)).toEqual([
      'spiffe://my-project-id.svc.id.goog/ns/default/*',
      '*/sa/demo-client',
      '*',
    ]);
  });

  describe('X2: bad input names the policy, the rule and the principal', () => {
    it('S13/X2: a SPIFFE principal with an empty namespace is rejected', () => {
      const stack = googleStack();
      expect(() => policyWith(stack, [Principal.spiffeId(SpiffeId.of('spiffe://my-project-id.svc.id.goog/ns//sa/x'))])).toThrow(new Error(
        'test/Authz: rules[0].sources[0].principals[0] is not a valid SPIFFE ID: it has an empty path segment ' +
        `(got "spiffe://my-project-id.svc.id.goog/ns//sa/x"). ${SPIFFE_FIX}`));
    });

    it('S13/X2: an http:// principal is rejected', () => {
      const stack = googleStack();
      expect(() => policyWith(stack, [Principal.spiffeId(SpiffeId.of('http://my-project-id.svc.id.goog/ns/default/sa/demo-client'))])).toThrow(new Error(
        'test/Authz: rules[0].sources[0].principals[0] is not a valid SPIFFE ID: it must start with "spiffe://" ' +
        `(got "http://my-project-id.svc.id.goog/ns/default/sa/demo-client"). ${SPIFFE_FIX}`));
    });

    it('S13/X2: a trust domain with upper-case letters is rejected, at the index of the bad principal', () => {
      const stack = googleStack();
      expect(() => policyWith(stack, [
        Principal.kubernetesServiceAccount(TrustDomain.forGkeProject('my-project-id'), 'default', 'demo-client'),
        Principal.kubernetesServiceAccount(TrustDomain.of('My-Project.svc.id.goog'), 'default', 'demo-client'),
      ])).toThrow(new Error(
        'test/Authz: rules[0].sources[0].principals[1] is not a valid SPIFFE ID: it has an invalid trust domain ' +
        '(lowercase letters, digits, dots, hyphens and underscores only) ' +
        `(got "spiffe://My-Project.svc.id.goog/ns/default/sa/demo-client"). ${SPIFFE_FIX}`));
    });

    it('S13/X2: a principal pattern with two wildcards is rejected', () => {
      const stack = googleStack();
      expect(() => policyWith(stack, [Principal.startingWith('spiffe://*.svc.id.goog/ns/default/')])).toThrow(new Error(
        `test/Authz: rules[0].sources[0].principals[0] is not a valid principal pattern (got "spiffe://*.svc.id.goog/ns/default/*"). ${PATTERN_FIX}`));
    });

    it('S13/X2: a suffix pattern with two wildcards is rejected', () => {
      const stack = googleStack();
      expect(() => policyWith(stack, [Principal.endingWith('/sa/*')])).toThrow(new Error(
        `test/Authz: rules[0].sources[0].principals[0] is not a valid principal pattern (got "*/sa/*"). ${PATTERN_FIX}`));
    });

    it('S13/X2: an empty prefix pattern is rejected in favour of anyAuthenticated()', () => {
      const stack = googleStack();
      expect(() => policyWith(stack, [Principal.startingWith('')])).toThrow(new Error(
        `test/Authz: rules[0].sources[0].principals[0] is not a valid principal pattern (got "*"). ${PATTERN_FIX}`));
    });
  });

  it('X5: an unresolved SPIFFE ID is not rejected', () => {
    const stack = googleStack();
    policyWith(stack, [Principal.spiffeId(SpiffeId.of(Token.asString(Fn.lower('SPIFFE://MY-PROJECT-ID.SVC.ID.GOOG/NS/DEFAULT/SA/DEMO-CLIENT'))))]);
    expect(renderedPrincipals(stack)).toEqual(['${lower("SPIFFE://MY-PROJECT-ID.SVC.ID.GOOG/NS/DEFAULT/SA/DEMO-CLIENT")}']);
  });

  it('X5: an unresolved service account name in a Kubernetes principal is not rejected', () => {
    const stack = googleStack();
    policyWith(stack, [Principal.kubernetesServiceAccount(TrustDomain.forGkeProject('my-project-id'), 'default', Token.asString(Fn.lower('DEMO-CLIENT')))]);
    expect(renderedPrincipals(stack)).toEqual(['spiffe://my-project-id.svc.id.goog/ns/default/sa/${lower("DEMO-CLIENT")}']);
  });
});
