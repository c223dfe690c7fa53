import t from 'tap';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('../src', import.meta.url));
const doc = readFileSync(fileURLToPath(new URL('../../../docs/errors.md', import.meta.url)), 'utf8');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

t.test('every error code the views answer with is listed in docs/errors.md', async (t) => {
  const used = new Set(sources(src).flatMap((f) => readFileSync(f, 'utf8').match(/SW_ERR_[A-Z_]+/g) ?? []));
  t.ok(used.size >= 5, `the projector uses error codes (${[...used].join(', ')})`);
  for (const code of used) t.ok(doc.includes(`\`${code}\``), `${code} is documented`);
});

t.test('the view error table lists only codes the projector uses', async (t) => {
  const table = doc.slice(doc.indexOf('<!-- views-errors:start -->'), doc.indexOf('<!-- views-errors:end -->'));
  const listed = table.match(/SW_ERR_[A-Z_]+/g) ?? [];
  t.ok(listed.length > 0);
  const used = sources(src).map((f) => readFileSync(f, 'utf8')).join('\n');
  for (const code of listed) t.ok(used.includes(code), `${code} is still used`);
});
