import t from 'tap';
import { ViewStore } from '../src/store/viewStore.js';
import { openDatabase } from '../src/store/openDatabase.js';
import { liveReader } from '../src/store/viewReader.js';
import { readerAt } from '../src/audit/at.js';
import { projections } from '../src/views/index.js';
import { viewQueries, type ViewQuery } from '../src/queries/registry.js';
import type { Projection } from '../src/projection/types.js';
import { dumpRows, eventsIn, memoryViews, storedHistory } from './helpers.js';

const history = storedHistory({ events: 6000, seed: 11 });
// volunteers who served most: their records change often along the history
const served = new Map<string, number>();
for (const e of history)
  if (e.type === 'ServiceCompleted') {
    const v = (e.data as { volunteerId: string }).volunteerId;
    served.set(v, (served.get(v) ?? 0) + 1);
  }
const volunteerIds = [...served].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([v]) => v);

t.test('batches of any size give the same views as one event at a time', async (t) => {
  const one = memoryViews();
  for (const e of history) one.views.applyBatch([e]);
  const big = memoryViews();
  for (let i = 0; i < history.length; i += 777) big.views.applyBatch(history.slice(i, i + 777));
  t.same(dumpRows(big.db), dumpRows(one.db));
  t.same(big.views.checkpoint(), one.views.checkpoint());
  t.equal(one.views.checkpoint().events, history.length);
});

t.test('an event delivered again is not applied twice', async (t) => {
  const a = memoryViews();
  a.views.applyBatch(history.slice(0, 3000));
  const before = dumpRows(a.db);
  t.equal(a.views.applyBatch(history.slice(1000, 3000)), undefined, 'nothing new in a redelivered batch');
  t.same(dumpRows(a.db), before);
  a.views.applyBatch(history.slice(2000, 4000)); // overlapping: only 3000..3999 are new
  const b = memoryViews();
  b.views.applyBatch(history.slice(0, 4000));
  t.same(dumpRows(a.db), dumpRows(b.db));
  t.equal(a.views.checkpoint().events, 4000);
});

t.test('a batch that fails half-way leaves neither its rows nor its checkpoint', async (t) => {
  const db = openDatabase(':memory:');
  let calls = 0;
  let armed = false;
  const exploding: Projection = {
    name: 'exploding',
    eventTypes: ['ServiceCompleted'],
    project: () => {
      calls += 1;
      if (armed && calls === 3) throw new Error('disk on fire');
      return [];
    },
  };
  const views = new ViewStore(db, [...projections, exploding]);
  views.applyBatch(history.slice(0, 500));
  const before = { rows: dumpRows(db), checkpoint: views.checkpoint() };
  calls = 0;
  armed = true;
  t.throws(() => views.applyBatch(history.slice(500, 5000)), /disk on fire/);
  t.same(dumpRows(db), before.rows);
  t.same(views.checkpoint(), before.checkpoint);
});

t.test('after a batch rolled back while writing, the next batches build on what was committed', async (t) => {
  // the store keeps committed rows parsed between batches; a rollback must not leave it any of
  // the failed batch's rows. The file fills up (10 pages of room) while the batch's rows and
  // their versions are being written.
  const db = openDatabase(':memory:');
  const views = new ViewStore(db, projections);
  views.applyBatch(history.slice(0, 2000));
  const pages = Number(db.pragma('page_count', { simple: true }));
  db.pragma(`max_page_count = ${pages + 10}`);
  t.throws(() => views.applyBatch(history.slice(2000, 4000)), /full/);
  t.equal(views.checkpoint().events, 2000);
  db.pragma('max_page_count = 1073741823');
  views.applyBatch(history.slice(2000));
  const fresh = memoryViews();
  fresh.views.applyBatch(history);
  t.same(dumpRows(db), dumpRows(fresh.db));
});

/** Applies the history in batches of changing sizes (1 to 300 events), as a projector might. */
function inUnevenBatches(upTo = history.length) {
  const live = memoryViews();
  for (let i = 0, size = 1; i < upTo; i += size, size = ((size * 7) % 300) + 1) live.views.applyBatch(history.slice(i, Math.min(upTo, i + size)));
  return live;
}

const batchEndPositions = (db: ReturnType<typeof openDatabase>) =>
  (db.prepare('SELECT position FROM time_marks ORDER BY position').safeIntegers(true).all() as { position: bigint }[]).map((r) => r.position);

t.test('the row history is exact at every batch end', async (t) => {
  const live = inUnevenBatches();
  const ends = batchEndPositions(live.db);
  t.ok(ends.length > 30, `${ends.length} batches`);
  for (const end of [ends[0]!, ends[7]!, ends[Math.floor(ends.length / 2)]!, ends.at(-1)!]) {
    const replay = memoryViews();
    replay.views.applyBatch(history.filter((e) => e.position <= end));
    t.same(dumpAt(live.db, end), dumpRows(replay.db), `rows at batch end ${end}`);
  }
});

t.test('every view as it stood at a position equals a full replay up to that position', async (t) => {
  const live = inUnevenBatches();
  const ends = new Set(batchEndPositions(live.db));
  const rnd = [0, 137, 1000, 2222, 4100, history.length - 1];
  const inside = rnd.filter((i) => !ends.has(history[i]!.position));
  t.ok(inside.length >= 4, `${inside.length} of the positions lie inside a batch, the rest end one`);
  for (const i of rnd) {
    const position = history[i]!.position;
    const replay = memoryViews();
    replay.views.applyBatch(history.slice(0, i + 1));
    const at = await readerAt(live.db, live.views.checkpoint().position, position.toString(), eventsIn(history));
    t.equal(at.now.getTime(), history[i]!.created.getTime(), `the answer stands at the store time of event ${i}`);
    const replayReader = liveReader(replay.db, position);
    for (const view of viewNames(replay.db)) t.same(at.reader.list(view), replayReader.list(view), `${view} at event ${i}`);
    for (const q of viewQueries as readonly ViewQuery[]) {
      for (const params of paramsFor(q.name)) {
        const ctx = { now: new Date('2022-04-03T00:00:00Z') };
        t.same(q.run(at.reader, params, ctx), q.run(replayReader, params, ctx), `${q.name} ${JSON.stringify(params)} at event ${i}`);
      }
    }
  }
});

const viewNames = (db: ReturnType<typeof openDatabase>) =>
  (db.prepare('SELECT DISTINCT view FROM view_rows ORDER BY view').all() as { view: string }[]).map((r) => r.view);

function dumpAt(db: ReturnType<typeof openDatabase>, position: bigint) {
  return db
    .prepare(
      `SELECT view, key, district, t, subject, doc FROM view_history
       WHERE from_pos <= ? AND (to_pos IS NULL OR to_pos > ?) AND doc IS NOT NULL ORDER BY view, key`,
    )
    .all(position, position);
}

function paramsFor(name: string): unknown[] {
  const period = { from: '2022-04-01T00:00:00Z', to: '2022-04-30T00:00:00Z' };
  switch (name) {
    case 'service-record':
      return volunteerIds.map((volunteerId) => ({ volunteerId }));
    case 'briefing':
      return [{ districtId: 'city', ...period }, { districtId: 'd2', ...period }];
    case 'unfilled-posts':
      return [{ districtId: 'd1' }, { districtId: 'd1', mode: 'extreme' }];
    case 'district-totals':
      return [{ districtId: 'd3', ...period }, { districtId: 'city' }];
    default:
      return [{ districtId: 'd1' }, { districtId: 'city' }];
  }
}

t.test('a time resolves to the last event committed by then, whatever the batch boundaries', async (t) => {
  const { db, views } = inUnevenBatches(3000);
  const times = history.slice(0, 3000).map((e) => e.created.getTime());
  const probes = [times[0]! - 1, times[0]!, times[1]!, times[2999]!, times[2999]! + 1e9, ...Array.from({ length: 200 }, (_, i) => times[(i * 37) % 3000]! + (i % 3) - 1)];
  for (const ms of probes) {
    let expected = -1n; // before the first event
    for (const e of history.slice(0, 3000)) if (e.created.getTime() <= ms) expected = e.position;
    const { reader } = await readerAt(db, views.checkpoint().position, new Date(ms).toISOString(), eventsIn(history));
    if (reader.position !== expected) t.fail(`at ${ms}: ${reader.position} != ${expected}`);
  }
  t.pass(`${probes.length} times resolved like a scan of every event`);
});
