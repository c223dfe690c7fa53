import t from 'tap';
import { startEmbeddedStore, tempDir } from '@shouwang/testing';
import { startProjector } from '../src/service.js';
import { openDatabase, createIndexes, existingIndexes } from '../src/store/openDatabase.js';
import { ViewStore } from '../src/store/viewStore.js';
import { historicReader } from '../src/store/viewReader.js';
import { projections } from '../src/views/index.js';
import { viewQueries, type ViewQuery } from '../src/queries/registry.js';
import { appendHistory } from '../src/testing/appendHistory.js';
import { storedHistory } from './helpers.js';

const queryIndexes = ['view_history_key', 'view_history_district_at', 'view_history_subject', 'view_rows_district', 'view_rows_subject'];

t.test('a catch-up from zero writes without the query indexes and builds them once caught up', async (t) => {
  const es = await startEmbeddedStore();
  t.teardown(() => es.stop());
  const dataDir = tempDir('shouwang-deferred-');
  await appendHistory(es.store, { events: 2000, seed: 31 });
  const service = startProjector({ store: es.store, dataDir, batchSize: 200 });
  const seenDuring: string[][] = [];
  service.projector.on('committed', () => seenDuring.push(existingIndexes(service.db)));
  await service.caughtUp;
  t.ok(seenDuring.length > 1, 'several batches committed');
  t.ok(
    seenDuring.every((names) => queryIndexes.every((n) => !names.includes(n))),
    'no query index while catching up',
  );
  for (const n of queryIndexes) t.ok(existingIndexes(service.db).includes(n), `${n} exists once caught up`);
  t.notOk(existingIndexes(service.db).includes('view_history_district'), 'the older district index is gone');
  await service.stop();
});

t.test('?at answers are the same without the query indexes as with them', async (t) => {
  const events = storedHistory({ events: 3000, seed: 32, districts: 2, stationsPerDistrict: 20 });
  const bare = openDatabase(':memory:', { deferIndexes: true });
  const indexed = openDatabase(':memory:');
  t.teardown(() => {
    bare.close();
    indexed.close();
  });
  for (const db of [bare, indexed]) {
    const views = new ViewStore(db, projections);
    for (let i = 0; i < events.length; i += 250) views.applyBatch(events.slice(i, i + 250));
  }
  t.same(existingIndexes(bare).filter((n) => queryIndexes.includes(n)), []);
  const last = events.at(-1)!.position;
  const districtId = (bare.prepare("SELECT district FROM view_rows WHERE view = 'post' LIMIT 1").get() as { district: string }).district;
  const params: Record<string, unknown> = {
    'district-totals': { districtId },
    'unfilled-posts': { districtId },
    'dispatch-board': { districtId },
    'donation-ledger': { districtId },
    'service-record': { volunteerId: (bare.prepare("SELECT subject FROM view_rows WHERE view = 'serviceRecord' LIMIT 1").get() as { subject: string }).subject },
    'mode-timeline': { districtId },
    briefing: { districtId, from: '2022-01-01T00:00:00Z', to: '2023-01-01T00:00:00Z' },
  };
  const now = new Date('2022-06-01T00:00:00Z');
  for (const at of [last / 4n, last / 2n, last]) {
    for (const q of viewQueries as readonly ViewQuery[]) {
      const p = q.params.parse(params[q.name]);
      t.same(q.run(historicReader(bare, at), p, { now }), q.run(historicReader(indexed, at), p, { now }), `${q.name} at ${at}`);
    }
  }
  createIndexes(bare);
  const p = viewQueries.find((q) => q.name === 'dispatch-board')!.params.parse(params['dispatch-board']);
  t.same(
    viewQueries.find((q) => q.name === 'dispatch-board')!.run(historicReader(bare, last / 2n), p as never, { now }),
    viewQueries.find((q) => q.name === 'dispatch-board')!.run(historicReader(indexed, last / 2n), p as never, { now }),
    'and the same once the indexes are built',
  );
});

t.test('a restart of an unfinished catch-up continues without indexes and builds them when caught up', async (t) => {
  const es = await startEmbeddedStore();
  t.teardown(() => es.stop());
  const dataDir = tempDir('shouwang-deferred-restart-');
  const { events } = await appendHistory(es.store, { events: 2000, seed: 33 });
  let service = startProjector({ store: es.store, dataDir, batchSize: 100 });
  await new Promise((resolve) => service.projector.once('committed', resolve));
  await service.stop(); // stopped part way, as a kill between batches would leave it
  const partial = openDatabase(`${dataDir}/views.sqlite`, { deferIndexes: true });
  const applied = new ViewStore(partial, projections).checkpoint().events;
  t.ok(applied > 0 && applied < events, 'part of the history applied');
  t.same(existingIndexes(partial).filter((n) => queryIndexes.includes(n)), [], 'no query index yet');
  partial.close();
  service = startProjector({ store: es.store, dataDir, batchSize: 100 });
  await service.caughtUp;
  t.equal(service.views.checkpoint().events, events);
  for (const n of queryIndexes) t.ok(existingIndexes(service.db).includes(n), `${n} exists once caught up`);
  await service.stop();
});

t.test('a views file in the layout before the append-only history is emptied and projected again', async (t) => {
  const file = `${tempDir('shouwang-old-layout-')}/views.sqlite`;
  const Database = (await import('better-sqlite3')).default;
  const old = new Database(file);
  old.exec(`
    CREATE TABLE checkpoint (name TEXT PRIMARY KEY, position INTEGER NOT NULL, events INTEGER NOT NULL);
    INSERT INTO checkpoint VALUES ('views', 500, 5);
    CREATE TABLE view_rows (view TEXT NOT NULL, key TEXT NOT NULL, district TEXT NOT NULL, t TEXT, subject TEXT,
      pos INTEGER NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (view, key)) WITHOUT ROWID;
    CREATE TABLE view_history (view TEXT NOT NULL, key TEXT NOT NULL, district TEXT NOT NULL, t TEXT, subject TEXT,
      from_pos INTEGER NOT NULL, to_pos INTEGER, doc TEXT, PRIMARY KEY (view, key, from_pos)) WITHOUT ROWID;
    INSERT INTO view_rows VALUES ('post', 'p1', 'd1', NULL, NULL, 500, '{}');
  `);
  old.close();
  const db = openDatabase(file);
  t.teardown(() => db.close());
  t.same(new ViewStore(db, projections).checkpoint(), { position: undefined, events: 0 }, 'checkpoint back to zero');
  t.equal((db.prepare('SELECT COUNT(*) AS n FROM view_rows').get() as { n: number }).n, 0, 'no row left from the old layout');
});

t.test('catching up commits batches of catchUpBatchSize, then the live tail batches of batchSize', async (t) => {
  const es = await startEmbeddedStore();
  t.teardown(() => es.stop());
  const { events } = await appendHistory(es.store, { events: 1000, seed: 34 });
  const service = startProjector({ store: es.store, dataDir: ':memory:', batchSize: 10, catchUpBatchSize: 400 });
  t.teardown(() => service.stop());
  const sizes: number[] = [];
  let before = 0;
  service.projector.on('committed', (c) => {
    sizes.push(c.events - before);
    before = c.events;
  });
  await service.caughtUp;
  t.equal(service.views.checkpoint().events, events);
  t.ok(sizes.slice(0, -1).every((n) => n === 400), `full catch-up batches of 400 (${sizes.join(', ')})`);
});
