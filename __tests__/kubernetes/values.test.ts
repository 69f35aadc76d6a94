import { Fn, Token } from 'cdktf';
import { kubernetesNumber } from '../../lib/kubernetes/values';

describe('kubernetesNumber', () => {
  it('renders a port as the string Kubernetes fields take', () => {
    expect(kubernetesNumber(8000)).toBe('8000');
  });

  it('X5: keeps a number known only at apply time as a token', () => {
    const port = Token.asNumber(Fn.parseint('8000', 10));
    expect(Token.isUnresolved(kubernetesNumber(port))).toBe(true);
  });
});
