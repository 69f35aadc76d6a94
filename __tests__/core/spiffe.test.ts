import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { SpiffeId, TrustDomain } from '../../lib/core';
import { testStack } from '../helpers/synth';

const FIX = 'Use spiffe://TRUST_DOMAIN/ns/NAMESPACE/sa/SERVICE_ACCOUNT, e.g. ' +
  'SpiffeId.forKubernetesServiceAccount("my-project.svc.id.goog", "default", "client").';

describe('TrustDomain', () => {
  it('S7: the trust domain of a GKE project is PROJECT_ID.svc.id.goog', () => {
    const domain = TrustDomain.forGkeProject('my-project-id');
    expect(domain.name).toBe('my-project-id.svc.id.goog');
    expect(domain.toString()).toBe('my-project-id.svc.id.goog');
  });

  it('S11: a Kubernetes service account is spiffe://TRUST_DOMAIN/ns/NS/sa/KSA', () => {
    expect(TrustDomain.forGkeProject('p').kubernetesServiceAccount('ns', 'sa').uri).toBe('spiffe://p.svc.id.goog/ns/ns/sa/sa');
  });

  it('keeps any trust domain given with TrustDomain.of', () => {
    expect(TrustDomain.of('example.org').kubernetesServiceAccount('default', 'client').uri)
      .toBe('spiffe://example.org/ns/default/sa/client');
  });
});

describe('SpiffeId', () => {
  it('S13: forKubernetesServiceAccount gives the principal of the seeds\' authorization rule', () => {
    const id = SpiffeId.forKubernetesServiceAccount('my-project-id.svc.id.goog', 'default', 'client');
    expect(id.uri).toBe('spiffe://my-project-id.svc.id.goog/ns/default/sa/client');
    expect(id.toString()).toBe('spiffe://my-project-id.svc.id.goog/ns/default/sa/client');
  });

  it('exposes the trust domain of an ID, empty for a malformed one', () => {
    expect(SpiffeId.of('spiffe://p.svc.id.goog/ns/a/sa/b').trustDomain).toBe('p.svc.id.goog');
    expect(SpiffeId.of('spiffe://example.org').trustDomain).toBe('example.org');
    expect(SpiffeId.of('p.svc.id.goog/ns/a/sa/b').trustDomain).toBe('');
  });

  it.each([
    'spiffe://p.svc.id.goog/ns/default/sa/client',
    'spiffe://my-project-id.svc.id.goog/ns/team-x/sa/payments.v2',
    'spiffe://td_1.example.org/Workload/A-b_c',
    'spiffe://example.org',
  ])('problemWith accepts the valid SPIFFE ID %s', (uri) => {
    expect(SpiffeId.problemWith(uri)).toBeUndefined();
  });

  it.each([
    ['p.svc.id.goog/ns/a/sa/b', 'must start with "spiffe://"'],
    ['https://p.svc.id.goog/ns/a/sa/b', 'must start with "spiffe://"'],
    ['spiffe:/p.svc.id.goog/ns/a', 'must start with "spiffe://"'],
    ['', 'must start with "spiffe://"'],
  ])('problemWith rejects %j without the spiffe:// scheme', (uri, problem) => {
    expect(SpiffeId.problemWith(uri)).toBe(problem);
  });

  it.each([
    'spiffe:///ns/a/sa/b',
    'spiffe://P.svc.id.goog/ns/a/sa/b',
    'spiffe://My-Project.svc.id.goog/ns/a/sa/b',
    'spiffe://my project.svc.id.goog/ns/a/sa/b',
    'spiffe://p.svc.id.goog:8443/ns/a/sa/b',
  ])('problemWith rejects the invalid trust domain of %s (empty, uppercase, space, port)', (uri) => {
    expect(SpiffeId.problemWith(uri))
      .toBe('has an invalid trust domain (lowercase letters, digits, dots, hyphens and underscores only)');
  });

  it.each([
    'spiffe://p.svc.id.goog/',
    'spiffe://p.svc.id.goog/ns//sa/b',
    'spiffe://p.svc.id.goog/ns/a/sa/b/',
  ])('problemWith rejects the empty path segment of %s', (uri) => {
    expect(SpiffeId.problemWith(uri)).toBe('has an empty path segment');
  });

  it.each([
    'spiffe://p.svc.id.goog/ns/../sa/b',
    'spiffe://p.svc.id.goog/ns/./sa/b',
    'spiffe://p.svc.id.goog/..',
  ])('problemWith rejects the relative path segment of %s', (uri) => {
    expect(SpiffeId.problemWith(uri)).toBe('has a relative path segment');
  });

  it('problemWith rejects a path segment with spaces or other characters, quoting the segment', () => {
    expect(SpiffeId.problemWith('spiffe://p.svc.id.goog/ns/my app/sa/b')).toBe('has an invalid path segment "my app"');
    expect(SpiffeId.problemWith('spiffe://p.svc.id.goog/ns/a/sa/b?x=1')).toBe('has an invalid path segment "b?x=1"');
    expect(SpiffeId.problemWith('spiffe://p.svc.id.goog/ns/a%2Fb')).toBe('has an invalid path segment "a%2Fb"');
  });

  it('X5: problemWith never rejects an unresolved token', () => {
    expect(SpiffeId.problemWith(Token.asString(Fn.lower('X')))).toBeUndefined();
    expect(SpiffeId.problemWith(`spiffe://${Token.asString(Fn.lower('P'))}.svc.id.goog/ns/a/sa/b`)).toBeUndefined();
  });

  it('X2: validate names the construct path, the field, the bad ID and the fix', () => {
    const scope = new Construct(testStack(), 'AuthzPolicy');
    expect(() => SpiffeId.of('spiffe://p.svc.id.goog/ns/../sa/b').validate(scope, 'principals[0]')).toThrow(
      'test/AuthzPolicy: principals[0] is not a valid SPIFFE ID: it has a relative path segment ' +
      `(got "spiffe://p.svc.id.goog/ns/../sa/b"). ${FIX}`);
    expect(() => SpiffeId.of('p.svc.id.goog/ns/a/sa/b').validate(scope, 'subjectAltNames[0]')).toThrow(
      'test/AuthzPolicy: subjectAltNames[0] is not a valid SPIFFE ID: it must start with "spiffe://" ' +
      `(got "p.svc.id.goog/ns/a/sa/b"). ${FIX}`);
  });

  it('validate accepts a valid ID', () => {
    const scope = new Construct(testStack(), 'AuthzPolicy');
    expect(() => TrustDomain.forGkeProject('p').kubernetesServiceAccount('default', 'client').validate(scope, 'principals[0]'))
      .not.toThrow();
  });

  it('X5: validate accepts an unresolved token', () => {
    const scope = new Construct(testStack(), 'AuthzPolicy');
    expect(() => SpiffeId.of(Token.asString(Fn.lower('X'))).validate(scope, 'principals[0]')).not.toThrow();
  });
});
