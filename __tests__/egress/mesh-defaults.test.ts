import { MeshDefaults } from '../../lib/egress';
import { synth, testStack } from '../helpers/synth';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { specOf } from './fixtures';

function meshDefaults(props?: ConstructorParameters<typeof MeshDefaults>[2]) {
  const stack = testStack();
  new KubernetesProvider(stack, 'kubernetes', {});
  new MeshDefaults(stack, 'MeshDefaults', props);
  return synth(stack);
}

describe('MeshDefaults', () => {
  it('X1: mesh-wide PeerAuthentication STRICT in istio-system', () => {
    expect(specOf(meshDefaults(), 'PeerAuthentication', 'istio-system/default')).toEqual({ mtls: { mode: 'STRICT' } });
  });

  it('E16: Envoy access logs on for the whole mesh (Telemetry, the managed control plane\'s way), traffic logs kept', () => {
    expect(specOf(meshDefaults(), 'Telemetry', 'istio-system/mesh-default')).toEqual({ accessLogging: [{ providers: [{ name: 'envoy' }, { name: 'stackdriver' }] }] });
    expect(specOf(meshDefaults({ trafficLogs: false }), 'Telemetry', 'istio-system/mesh-default')).toEqual({ accessLogging: [{ providers: [{ name: 'envoy' }] }] });
  });
});
