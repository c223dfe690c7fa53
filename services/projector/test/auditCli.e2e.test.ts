import t from 'tap';
import { startEmbeddedStore } from '@shouwang/testing';
import { startProjector } from '../src/service.js';
import { readerAt } from '../src/audit/at.js';
import { queryByName } from '../src/queries/registry.js';
import { toCsv } from '../src/queries/csv.js';
import { appendHistory } from '../src/testing/appendHistory.js';
import { exited, runTs } from './childProcess.js';

t.test('the auditor CLI replays to a moment and prints the view as it stood', async (t) => {
  const es = await startEmbeddedStore();
  t.teardown(() => es.stop());
  await appendHistory(es.store, { events: 4000, seed: 31 }, { concurrency: 8 });
  const service = startProjector({ store: es.store, dataDir: ':memory:' });
  t.teardown(() => service.stop());
  await service.caughtUp;

  const stored: { position: bigint; created: Date }[] = [];
  for await (const e of es.store.readAll()) stored.push(e);
  const mid = stored[Math.floor(stored.length / 2)]!;
  const env = { ESDB_CONNECTION_STRING: es.connectionString };

  const json = runTs('audit-cli.ts', ['view', 'district-totals', '--at', mid.position.toString(), '--param', 'districtId=city'], env);
  t.equal(await exited(json), 0, json.output().stderr);
  const printed = JSON.parse(json.output().stdout);
  const { reader: at, now } = await readerAt(service.db, service.views.checkpoint().position, mid.position.toString(), service.events);
  t.equal(now.getTime(), mid.created.getTime());
  const expected = queryByName.get('district-totals')!.run(at, { districtId: 'city' }, { now });
  t.equal(printed.position, mid.position.toString());
  t.same(printed.data, JSON.parse(JSON.stringify(expected)), 'replayed view equals the live view history at that position');
  t.match(json.output().stderr, /replay \[/, 'progress on stderr');

  const csv = runTs('audit-cli.ts', ['view', 'donation-ledger', '--at', mid.position.toString(), '--param', 'districtId=d1', '--format', 'csv'], env);
  t.equal(await exited(csv), 0, csv.output().stderr);
  const ledger = queryByName.get('donation-ledger')!;
  t.equal(csv.output().stdout, toCsv(ledger.rows(ledger.run(at, { districtId: 'd1' }, { now }))));

  const bad = runTs('audit-cli.ts', ['view', 'no-such-view'], env);
  t.equal(await exited(bad), 2);
  t.match(bad.output().stderr, /unknown view no-such-view/);
});
