import { Fn, Token } from 'cdktf';
import { CaPool, KeyFamily } from '../../../lib/ca';
import { TrustConfig } from '../../../lib/gke';
import { onlyResource, synth } from '../../helpers/synth';
import { meshStacks } from '../fixtures';

function manifestOf(json: ReturnType<typeof synth>): Record<string, unknown> {
  return onlyResource(json, 'kubernetes_manifest').manifest as Record<string, unknown>;
}

describe('TrustConfig', () => {
  describe('S7: the seeds\' TrustConfig anchored in the root pool', () => {
    let manifest: Record<string, unknown>;
    let trust: TrustConfig;
    beforeAll(() => {
      const { k8s, cluster, hierarchy } = meshStacks();
      trust = new TrustConfig(k8s, 'Trust', { cluster, trustAnchors: [hierarchy.rootPool] });
      manifest = manifestOf(synth(k8s));
    });

    it('S7: apiVersion security.cloud.google.com/v1, kind TrustConfig, name default', () => {
      expect(manifest).toMatchObject({ apiVersion: 'security.cloud.google.com/v1', kind: 'TrustConfig', metadata: { name: 'default' } });
    });

    it('S7: one trust store for my-project-id.svc.id.goog anchored in td-sec-pool', () => {
      expect(manifest.spec).toEqual({
        trustStores: [{
          trustDomain: 'my-project-id.svc.id.goog',
          trustAnchors: [{ certificateAuthorityServiceURI: '//privateca.googleapis.com/projects/my-project-id/locations/us-east1/caPools/td-sec-pool' }],
        }],
      });
    });

    it('S7: the rendered manifest and the kubernetes_manifest resource are exposed', () => {
      expect(trust.manifest.kind).toBe('TrustConfig');
      expect(trust.resource.terraformResourceType).toBe('kubernetes_manifest');
    });
  });

  it('S7: the cluster\'s own trust domain may be given explicitly', () => {
    const { k8s, cluster, hierarchy } = meshStacks();
    new TrustConfig(k8s, 'Trust', { cluster, trustAnchors: [hierarchy.rootPool], trustDomain: 'my-project-id.svc.id.goog' });
    expect(manifestOf(synth(k8s)).spec).toMatchObject({ trustStores: [{ trustDomain: 'my-project-id.svc.id.goog' }] });
  });

  it('S7: another project\'s trust domain is added as a further trust store', () => {
    const { k8s, cluster, hierarchy } = meshStacks();
    const otherRoot = CaPool.fromPoolAttributes(k8s, 'OtherRoot', {
      project: 'other-project', location: 'us-central1', name: 'other-root-pool', keyFamily: KeyFamily.ECDSA, holdsRootCa: true,
    });
    new TrustConfig(k8s, 'Trust', {
      cluster,
      trustAnchors: [hierarchy.rootPool],
      additionalTrustStores: [{ trustDomain: 'other-project.svc.id.goog', trustAnchors: [otherRoot] }],
    });
    expect(manifestOf(synth(k8s)).spec).toEqual({
      trustStores: [
        {
          trustDomain: 'my-project-id.svc.id.goog',
          trustAnchors: [{ certificateAuthorityServiceURI: '//privateca.googleapis.com/projects/my-project-id/locations/us-east1/caPools/td-sec-pool' }],
        },
        {
          trustDomain: 'other-project.svc.id.goog',
          trustAnchors: [{ certificateAuthorityServiceURI: '//privateca.googleapis.com/projects/other-project/locations/us-central1/caPools/other-root-pool' }],
        },
      ],
    });
  });

  describe('S18/X2: troubleshooting checks at synth time', () => {
    it('S18: trustDomain other-project.svc.id.goog is rejected as a trust-domain mismatch', () => {
      const { k8s, cluster, hierarchy } = meshStacks();
      expect(() => new TrustConfig(k8s, 'Trust', {
        cluster, trustAnchors: [hierarchy.rootPool], trustDomain: 'other-project.svc.id.goog',
      })).toThrow(new Error(
        'k8s/Trust: trustDomain does not match the cluster\'s trust domain "my-project-id.svc.id.goog" (got "other-project.svc.id.goog"). ' +
        'GKE mesh certificates carry spiffe://PROJECT_ID.svc.id.goog identities; remove trustDomain or set it to the cluster\'s workload pool, ' +
        'and list other domains in additionalTrustStores.'));
    });

    it('S18: empty trustAnchors are rejected', () => {
      const { k8s, cluster } = meshStacks();
      expect(() => new TrustConfig(k8s, 'Trust', { cluster, trustAnchors: [] })).toThrow(new Error(
        'k8s/Trust: trustAnchors must not be empty (got []). Pass the root CA pool, e.g. trustAnchors: [hierarchy.rootPool].'));
    });

    it('S18: a duplicate trust domain in additionalTrustStores is rejected', () => {
      const { k8s, cluster, hierarchy } = meshStacks();
      expect(() => new TrustConfig(k8s, 'Trust', {
        cluster,
        trustAnchors: [hierarchy.rootPool],
        additionalTrustStores: [{ trustDomain: 'my-project-id.svc.id.goog', trustAnchors: [hierarchy.subordinatePool] }],
      })).toThrow(new Error(
        'k8s/Trust: trustStores[1].trustDomain appears twice (got "my-project-id.svc.id.goog"). ' +
        'GKE rejects a TrustConfig with two entries for one trust domain; merge their trust anchors.'));
    });

    it('S18: an additional trust store without anchors is rejected', () => {
      const { k8s, cluster, hierarchy } = meshStacks();
      expect(() => new TrustConfig(k8s, 'Trust', {
        cluster,
        trustAnchors: [hierarchy.rootPool],
        additionalTrustStores: [{ trustDomain: 'other-project.svc.id.goog', trustAnchors: [] }],
      })).toThrow(new Error(
        'k8s/Trust: trustStores[1].trustAnchors must not be empty (got []). Give each trust store at least one CA pool.'));
    });
  });

  it('X5: an unresolved trust domain is not rejected', () => {
    const { k8s, cluster, hierarchy } = meshStacks();
    new TrustConfig(k8s, 'Trust', { cluster, trustAnchors: [hierarchy.rootPool], trustDomain: Token.asString(Fn.lower('X')) });
    expect(manifestOf(synth(k8s)).spec).toMatchObject({ trustStores: [{ trustDomain: '${lower("X")}' }] });
  });

  it('S18: a malformed trust domain in additionalTrustStores is rejected', () => {
    const { k8s, cluster, hierarchy } = meshStacks();
    expect(() => new TrustConfig(k8s, 'Trust', {
      cluster, trustAnchors: [hierarchy.rootPool],
      additionalTrustStores: [{ trustDomain: 'Other Project', trustAnchors: [hierarchy.rootPool] }],
    })).toThrow('k8s/Trust: trustStores[1].trustDomain is not a SPIFFE trust domain (got "Other Project"). ' +
      'Use a trust domain such as "my-project-id.svc.id.goog" (lowercase letters, digits, dots, hyphens and underscores).');
  });
});
