import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compareText } from '../../lib/core/order';
import { TerraformConfiguration } from '../../lib/posture';

describe('X4: reports and output are ordered the same on every machine', () => {
  it('orders by code unit, whatever the locale: capitals first, letters outside ASCII last', () => {
    expect(['z', 'ä', 'b', 'B', 'a-b', 'a'].sort(compareText)).toEqual(['B', 'a', 'a-b', 'b', 'z', 'ä']);
    expect(compareText('same', 'same')).toBe(0);
  });

  it('the posture check reads the stacks of a folder in that order (localeCompare would give alpha, äpple, Zeta)', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'order-'));
    try {
      for (const name of ['alpha', 'äpple', 'Zeta']) {
        fs.mkdirSync(path.join(root, name));
        fs.writeFileSync(path.join(root, name, 'main.tf.json'), '{}');
      }
      expect(TerraformConfiguration.load(root).stacks.map((s) => s.name)).toEqual(['Zeta', 'alpha', 'äpple']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
