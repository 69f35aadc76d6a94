import * as fs from 'fs';
import * as path from 'path';
import { PostureCheck } from '../../lib/posture';
import { REPO_ROOT } from '../helpers/paths';
import { validateTerraformJson } from '../helpers/schema-validator';
import { FIXTURES } from './helpers';

const DOC = path.join(REPO_ROOT, 'docs', 'posture.md');

function withoutComments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutComments);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== '//').map(([k, v]) => [k, withoutComments(v)]));
}

describe('posture documentation and fixtures', () => {
  it('docs/posture.md lists every rule as the code defines it', () => {
    const text = fs.readFileSync(DOC, 'utf8');
    const start = text.indexOf('\n', text.indexOf('<!-- posture-rules:start')) + 1;
    const end = text.indexOf('<!-- posture-rules:end -->');
    // To update: replace the block between the markers with the output of `npx tsx bin/cdktf-mesh-security.js rules`.
    expect(text.slice(start, end).trim()).toBe(PostureCheck.rulesMarkdown().trim());
  });

  it('the fixtures are Terraform JSON the real provider and CRD schemas accept, so the T1 attribute names the rules expect exist', () => {
    for (const fixture of ['reference', 'egress']) {
      const stacks = path.join(FIXTURES, fixture, 'stacks');
      for (const stack of fs.readdirSync(stacks)) {
        const json = JSON.parse(fs.readFileSync(path.join(stacks, stack, 'cdk.tf.json'), 'utf8'));
        expect({ stack, issues: validateTerraformJson(withoutComments(json)) }).toEqual({ stack, issues: [] });
      }
    }
  });
});
