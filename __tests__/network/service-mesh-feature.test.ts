import { Fn, TerraformStack, Token } from 'cdktf';
import { FleetMembership, GkeCluster, MeshManagement, ServiceMeshFeature } from '../../lib/gke';
import { ProjectApis } from '../../lib/project';
import { gcpStack } from '../gke/fixtures';
import { onlyResource, resourcesOf, StackJson, synth } from '../helpers/synth';

/**
 * gke.ServiceMeshFeature (lib/gke/cluster/service-mesh-feature.ts), tested here with the egress network it serves:
 * managed Cloud Service Mesh, the Istio control plane and CRDs of seed 001's egress gateway.
 */

function membershipOf(stack: TerraformStack, id: string, name: string, location = 'us-central1-a'): FleetMembership {
  const cluster = new GkeCluster(stack, `${id}Cluster`, { location, name });
  return new FleetMembership(stack, id, { cluster });
}

function addressOf(json: StackJson, type: string, where: (r: Record<string, unknown>) => boolean = () => true): string {
  const found = Object.entries(resourcesOf(json, type)).filter(([, r]) => where(r));
  expect({ type, count: found.length }).toEqual({ type, count: 1 });
  return `${type}.${found[0][0]}`;
}

describe('ServiceMeshFeature', () => {
  it('E9-E16: the servicemesh fleet feature and a MANAGEMENT_AUTOMATIC membership binding, by reference', () => {
    const stack = gcpStack();
    const membership = membershipOf(stack, 'Fleet', 'cluster1');
    const feature = new ServiceMeshFeature(stack, 'ServiceMesh', { memberships: [membership] });
    const json = synth(stack);
    expect(onlyResource(json, 'google_gke_hub_feature')).toEqual({ project: 'my-project-id', name: 'servicemesh', location: 'global' });
    expect(onlyResource(json, 'google_gke_hub_feature_membership')).toEqual({
      project: 'my-project-id',
      location: 'global',
      feature: `\${${addressOf(json, 'google_gke_hub_feature')}.name}`,
      membership: `\${${addressOf(json, 'google_gke_hub_membership')}.membership_id}`,
      membership_location: 'global',
      mesh: { management: 'MANAGEMENT_AUTOMATIC' },
    });
    expect(feature.management).toBe(MeshManagement.AUTOMATIC);
    expect(feature.membershipResources).toHaveLength(1);
    expect(json.output).toMatchObject({
      ServiceMesh_mesh_status_command: {
        value: 'gcloud container fleet mesh describe --project my-project-id',
        description: 'Shows each membership\'s mesh control plane state; deploy Kubernetes objects using Istio kinds once it is ACTIVE',
      },
    });
  });

  it('E17: several clusters of the fleet, added later too; adding one twice binds it once', () => {
    const stack = gcpStack();
    const feature = new ServiceMeshFeature(stack, 'ServiceMesh', { management: MeshManagement.MANUAL });
    const a = membershipOf(stack, 'A', 'workloads');
    const b = membershipOf(stack, 'B', 'gateways', 'us-central1-b');
    const first = feature.addMembership(a);
    feature.addMembership(b);
    expect(feature.addMembership(a)).toBe(first);
    const bindings = Object.values(resourcesOf(synth(stack), 'google_gke_hub_feature_membership'));
    expect(bindings.map((m) => m.mesh)).toEqual([{ management: 'MANAGEMENT_MANUAL' }, { management: 'MANAGEMENT_MANUAL' }]);
  });

  it('E9: the feature and its bindings wait for mesh.googleapis.com when the stack enables it', () => {
    const stack = gcpStack();
    new ProjectApis(stack, 'Apis', { services: ['gkehub.googleapis.com', 'mesh.googleapis.com'] });
    new ServiceMeshFeature(stack, 'ServiceMesh', { memberships: [membershipOf(stack, 'Fleet', 'cluster1')] });
    const json = synth(stack);
    const mesh = addressOf(json, 'google_project_service', (s) => s.service === 'mesh.googleapis.com');
    const hub = addressOf(json, 'google_project_service', (s) => s.service === 'gkehub.googleapis.com');
    expect(onlyResource(json, 'google_gke_hub_feature').depends_on).toEqual([hub, mesh]);
    expect(onlyResource(json, 'google_gke_hub_feature_membership').depends_on).toEqual([hub, mesh]);
  });

  describe('X2: bad input', () => {
    it('X2: a membership registered in another project than the fleet host', () => {
      const stack = gcpStack();
      const cluster = GkeCluster.fromClusterAttributes(stack, 'Other', { project: 'other-project', location: 'us-central1-a', name: 'other' });
      const membership = new FleetMembership(stack, 'Fleet', { cluster });
      expect(() => new ServiceMeshFeature(stack, 'ServiceMesh', { memberships: [membership] })).toThrow(new Error(
        'test/ServiceMesh: memberships[0] is registered in project "other-project", not the fleet host project "my-project-id" (got "other"). ' +
        'Register the cluster to this fleet (FleetMembership in the fleet host project), or create the feature in its project.'));
    });

    it('X2: a membership that is not a FleetMembership', () => {
      expect(() => new ServiceMeshFeature(gcpStack(), 'ServiceMesh', { memberships: ['cluster1' as never] })).toThrow(new Error(
        'test/ServiceMesh: memberships[0] is not a FleetMembership (got "cluster1"). Pass fleet memberships: new FleetMembership(scope, id, { cluster }).'));
    });

    it('X2: an unknown management mode', () => {
      expect(() => new ServiceMeshFeature(gcpStack(), 'ServiceMesh', { management: 'AUTOMATIC' as MeshManagement })).toThrow(new Error(
        'test/ServiceMesh: management is not a mesh management mode (got "AUTOMATIC"). Use one of: MANAGEMENT_AUTOMATIC, MANAGEMENT_MANUAL.'));
    });

    it('X2: two servicemesh features in one project', () => {
      const stack = gcpStack();
      new ServiceMeshFeature(stack, 'A');
      new ServiceMeshFeature(stack, 'B');
      expect(() => synth(stack)).toThrow('test/B: project names a fleet feature that test/A already defines in project my-project-id (got "servicemesh").');
    });
  });

  it('X5: a fleet host project known only at apply time', () => {
    const stack = gcpStack();
    new ServiceMeshFeature(stack, 'ServiceMesh', { project: Token.asString(Fn.lower('MY-PROJECT-ID')) });
    expect(onlyResource(synth(stack), 'google_gke_hub_feature').project).toBe('${lower("MY-PROJECT-ID")}');
  });
});
