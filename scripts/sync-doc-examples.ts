/**
 * `npm run docs:examples`: copies every example in examples/ into the Markdown files that embed it, after their
 * `<!-- example: examples/NAME.ts -->` marker. The docs test fails when an embed and its file differ, so docs
 * always show code that compiles and synthesizes.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const docs = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const marker = /(<!-- example: (examples\/[\w-]+\.ts) -->\n```ts\n)([\s\S]*?)(```)/g;

for (const doc of docs) {
  const file = path.join(ROOT, doc);
  const text = fs.readFileSync(file, 'utf8');
  const synced = text.replace(marker, (_all, head: string, example: string, _code: string, tail: string) =>
    `${head}${fs.readFileSync(path.join(ROOT, example), 'utf8')}${tail}`);
  if (synced !== text) {
    fs.writeFileSync(file, synced);
    process.stdout.write(`updated ${doc}\n`);
  }
}
