import { Fn, TerraformStack, Token } from 'cdktf';
import { Mesh, MeshProps } from '../../../lib/mesh/routing/mesh';
import { googleStack, onlyResource, StackJson, synth } from '../../helpers/synth';

const MESH = 'google_network_services_mesh';


function sidecarMesh(stack: TerraformStack, props: Partial<MeshProps> = {}): Mesh {
  return new Mesh(stack, 'Mesh', { project: 'my-project-id', name: 'sidecar-mesh', ...props });
}

function meshOf(json: StackJson): Record<string, unknown> {
  return onlyResource(json, MESH);
}

describe('Mesh', () => {
  describe('R1: the seeds\' sidecar-mesh (mesh.yaml)', () => {
    let json: StackJson;
    let mesh: Mesh;
    beforeAll(() => {
      const stack = googleStack();
      mesh = sidecarMesh(stack);
      json = synth(stack);
    });

    it('R1: sidecar-mesh intercepts on port 15001 by default', () => {
      expect(meshOf(json).interception_port).toBe(15001);
      expect(mesh.interceptionPort).toBe(15001);
    });

    it('R1: name, project and the global location', () => {
      expect(meshOf(json)).toMatchObject({ name: 'sidecar-mesh', project: 'my-project-id', location: 'global' });
    });

    it('R2: resourceName is projects/my-project-id/locations/global/meshes/sidecar-mesh', () => {
      expect(mesh.resourceName).toBe('projects/my-project-id/locations/global/meshes/sidecar-mesh');
      expect(mesh.name).toBe('sidecar-mesh');
      expect(mesh.resource.terraformResourceType).toBe(MESH);
    });
  });

  it('R1: another interception port and a description are passed through', () => {
    const stack = googleStack();
    sidecarMesh(stack, { interceptionPort: 15006, description: 'sidecar mesh' });
    expect(meshOf(synth(stack))).toMatchObject({ interception_port: 15006, description: 'sidecar mesh' });
  });

  describe('X2: bad input', () => {
    it('R1/X2: a location other than global is rejected', () => {
      const stack = googleStack();
      expect(() => sidecarMesh(stack, { location: 'us-east1' })).toThrow(new Error(
        'test/Mesh: location must be "global" for Cloud Service Mesh (got "us-east1"). ' +
        'Traffic Director only reads service-security and routing resources from the global location; remove the location or set it to "global".'));
    });

    it.each([[0], [65536]])('R1/X2: interception port %d is rejected', (port) => {
      const stack = googleStack();
      expect(() => sidecarMesh(stack, { interceptionPort: port })).toThrow(new Error(
        `test/Mesh: interceptionPort is not a TCP port (got ${port}). Use an integer from 1 to 65535.`));
    });

    it('R1/X2: the routing API mesh name sidecar_mesh is not a resource name', () => {
      const stack = googleStack();
      expect(() => sidecarMesh(stack, { name: 'sidecar_mesh' })).toThrow(new Error(
        'test/Mesh: name is not a valid Google Cloud resource name (got "sidecar_mesh"). ' +
        'Use 1-63 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.'));
    });
  });

  it('X5: an unresolved interception port, name and location are not rejected', () => {
    const stack = googleStack();
    sidecarMesh(stack, {
      name: Token.asString(Fn.lower('SIDECAR-MESH')),
      location: Token.asString(Fn.lower('GLOBAL')),
      interceptionPort: Token.asNumber(Fn.parseint('15001', 10)),
    });
    expect(meshOf(synth(stack))).toMatchObject({
      name: '${lower("SIDECAR-MESH")}',
      location: '${lower("GLOBAL")}',
      interception_port: '${parseint("15001", 10)}',
    });
  });
});
