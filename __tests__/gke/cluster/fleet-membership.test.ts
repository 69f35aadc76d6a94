import { Fn, Testing, Token } from 'cdktf';
import { FleetMembership, GkeCluster } from '../../../lib/gke';
import { onlyResource, synth } from '../../helpers/synth';
import { addressOf, gcpStack, SEED_CLUSTER, seedCluster } from '../fixtures';

describe('FleetMembership', () => {
  describe('S4: `gcloud container fleet memberships register secure-td-cluster --enable-workload-identity`', () => {
    let membership: Record<string, unknown>;
    let clusterAddress: string;
    let fleet: FleetMembership;
    beforeAll(() => {
      const stack = gcpStack();
      const cluster = seedCluster(stack);
      fleet = new FleetMembership(stack, 'Fleet', { cluster });
      const json = synth(stack);
      membership = onlyResource(json, 'google_gke_hub_membership');
      clusterAddress = addressOf(json, 'google_container_cluster');
    });

    it('S4: membership_id defaults to the cluster name, in the global location of my-project-id', () => {
      expect(membership).toMatchObject({ project: 'my-project-id', location: 'global', membership_id: 'secure-td-cluster' });
      expect(fleet.name).toBe('secure-td-cluster');
    });

    it('S4: endpoint is the cluster ID as a container.googleapis.com resource link (terraform-google-kubernetes-engine#1664)', () => {
      expect(membership.endpoint).toEqual({
        gke_cluster: { resource_link: '//container.googleapis.com/projects/my-project-id/locations/us-east1-b/clusters/secure-td-cluster' },
      });
    });

    it('S4: workload identity: the authority issuer is the cluster\'s OIDC issuer', () => {
      expect(membership.authority).toEqual({
        issuer: 'https://container.googleapis.com/v1/projects/my-project-id/locations/us-east1-b/clusters/secure-td-cluster',
      });
    });

    it('S4: the fleet workload identity pool is my-project-id.svc.id.goog', () => {
      expect(fleet.workloadIdentityPool).toBe('my-project-id.svc.id.goog');
    });

    it('S4: registration waits for the cluster (depends_on)', () => {
      expect(membership.depends_on).toEqual([clusterAddress]);
    });

    it('S4: the membership resource is exposed as escape hatch', () => {
      expect(fleet.resource.terraformResourceType).toBe('google_gke_hub_membership');
    });
  });

  it('S4: an explicit membershipId and location are used as given', () => {
    const stack = gcpStack();
    new FleetMembership(stack, 'Fleet', { cluster: seedCluster(stack), name: 'td-member', location: 'us-east1' });
    expect(onlyResource(synth(stack), 'google_gke_hub_membership')).toMatchObject({ membership_id: 'td-member', location: 'us-east1' });
  });

  it('S2/S4: an adopted cluster is registered without any depends_on', () => {
    const stack = gcpStack();
    const cluster = GkeCluster.fromClusterAttributes(stack, 'Existing', SEED_CLUSTER);
    new FleetMembership(stack, 'Fleet', { cluster });
    const membership = onlyResource(synth(stack), 'google_gke_hub_membership');
    expect(membership.depends_on).toBeUndefined();
    expect(membership.endpoint).toEqual({
      gke_cluster: { resource_link: '//container.googleapis.com/projects/my-project-id/locations/us-east1-b/clusters/secure-td-cluster' },
    });
  });

  it('S4: a cluster in another stack makes the fleet stack depend on the cluster stack', () => {
    const app = Testing.app();
    const clusters = gcpStack(app, 'clusters');
    const fleetStack = gcpStack(app, 'fleet');
    new FleetMembership(fleetStack, 'Fleet', { cluster: seedCluster(clusters) });
    expect(fleetStack.dependencies).toEqual([clusters]);
    const membership = onlyResource(synth(fleetStack), 'google_gke_hub_membership');
    expect(membership.depends_on).toBeUndefined();
  });

  it('X2: a membership name "Secure_Member" is rejected', () => {
    const stack = gcpStack();
    expect(() => new FleetMembership(stack, 'Fleet', { cluster: seedCluster(stack), name: 'Secure_Member' })).toThrow(new Error(
      'test/Fleet: name is not a valid Google Cloud resource name (got "Secure_Member"). ' +
      'Use 1-63 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.'));
  });

  it('X5: an unresolved membership name is not rejected', () => {
    const stack = gcpStack();
    new FleetMembership(stack, 'Fleet', { cluster: seedCluster(stack), name: Token.asString(Fn.lower('X')) });
    expect(onlyResource(synth(stack), 'google_gke_hub_membership').membership_id).toBe('${lower("X")}');
  });
});
