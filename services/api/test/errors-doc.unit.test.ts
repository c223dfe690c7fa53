import t from 'tap';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { domainErrorCodes } from '@shouwang/domain';
import { httpErrorCodes } from '../src/http/httpErrors.js';
import { documentedHttpErrorTable, renderHttpErrorTable } from '../src/http/errorsDoc.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });

t.test('docs/errors.md lists exactly the HTTP error codes (run `pnpm --filter @shouwang/api errors-doc`)', async (t) => {
  t.equal(documentedHttpErrorTable(join(root, 'docs/errors.md')), renderHttpErrorTable());
});

t.test('every SW_ERR_ code the API source names is a listed code', async (t) => {
  const named = new Set<string>();
  for (const file of sources(join(root, 'services/api/src'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/'(SW_ERR_[A-Z_]+)'/g)) named.add(m[1]!);
  }
  const listed = new Set([...Object.keys(httpErrorCodes), ...Object.keys(domainErrorCodes)]);
  t.same([...named].filter((c) => !listed.has(c)), []);
  t.ok(named.size > 10);
});
