import t from 'tap';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { domainErrorCodes, eventTypes } from '../src/index.js';
import { domainErrorBlock, renderDomainErrorTable, renderEventCatalog, withDomainErrorTable } from '../src/docs/index.js';

const docs = fileURLToPath(new URL('../../../docs/', import.meta.url));
const regenerate = 'run `pnpm --filter @shouwang/domain catalog` and commit docs/';

t.test('docs/event-catalog.md is what the schemas generate', async (t) => {
  const committed = readFileSync(`${docs}event-catalog.md`, 'utf8');
  t.equal(committed, renderEventCatalog(), regenerate);
});

t.test('the catalog documents every event type', async (t) => {
  const catalog = renderEventCatalog();
  t.strictSame(eventTypes.filter((type) => !catalog.includes(`### ${type}\n`)), []);
});

t.test('docs/errors.md lists exactly the domain error codes between its markers', async (t) => {
  const doc = readFileSync(`${docs}errors.md`, 'utf8');
  t.equal(domainErrorBlock(doc), renderDomainErrorTable(), regenerate);
  const listed = [...renderDomainErrorTable().matchAll(/`(SW_ERR_[A-Z_]+)`/g)].map((m) => m[1]);
  t.strictSame(listed, Object.keys(domainErrorCodes));
});

t.test('regenerating errors.md keeps what others wrote outside the markers', async (t) => {
  const doc = '# Errors\n\n## HTTP errors\n\n| code | status |\n|---|---|\n| `SW_ERR_HTTP_X` | 400 |\n\n<!-- domain-errors:start -->\nold\n<!-- domain-errors:end -->\n\ntrailer\n';
  const out = withDomainErrorTable(doc);
  t.ok(out.startsWith('# Errors\n\n## HTTP errors\n'));
  t.ok(out.endsWith('<!-- domain-errors:end -->\n\ntrailer\n'));
  t.equal(domainErrorBlock(out), renderDomainErrorTable());
  t.equal(withDomainErrorTable(out), out, 'idempotent');
  t.equal(domainErrorBlock(withDomainErrorTable('')), renderDomainErrorTable(), 'creates the section when missing');
});

t.test('the glossary names the Chinese terms the brief relies on', async (t) => {
  const glossary = readFileSync(`${docs}glossary.md`, 'utf8');
  const terms = ['平', '战', '急', '极', '点单', '派单', '接单', '评单', '实践中心', '实践所', '实践站', '总队', '分队', '小队', '储备应急志愿者', '就地参战', '全域支援', '人次', '点位', '志愿服务记录', '简报'];
  t.strictSame(terms.filter((term) => !glossary.includes(term)), []);
});
