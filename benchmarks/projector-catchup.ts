// Benchmark: projector catch-up over a generated history, beside a bare readAll and a bare
// subscribeToAll through the same client in the same run (target: catch-up >= 80% of readAll).
// The catch-up counts until the query indexes are built; reachedHead until the last event applied.
// Then `?at` over the caught-up views at five moments from 1% to 99% of the history, each query
// timed as the HTTP route answers it (tail replay through the same client included), beside the
// same query live.
// Run: node --import tsx benchmarks/projector-catchup.ts [events] [batch size] [rounds, default 3] [catch-up batch size]
import { performance } from 'node:perf_hooks';
import { availableParallelism } from 'node:os';
import { startEmbeddedStore, tempDir } from '@shouwang/testing';
import { shouwangStreamPrefixes } from '@shouwang/event-store';
import { startProjector, viewsFile } from '../services/projector/src/service.js';
import { openDatabase } from '../services/projector/src/store/openDatabase.js';
import { checkpointReader } from '../services/projector/src/store/viewStore.js';
import { liveReader } from '../services/projector/src/store/viewReader.js';
import { readerAt } from '../services/projector/src/audit/at.js';
import { eventsBetweenIn } from '../services/projector/src/audit/eventsBetween.js';
import { viewQueries, type ViewQuery } from '../services/projector/src/queries/registry.js';
import { appendHistory } from '../services/projector/src/testing/appendHistory.js';

const total = Number(process.argv[2] ?? 200_000);
const es = await startEmbeddedStore();
const a0 = performance.now();
const { events } = await appendHistory(es.store, { events: total, seed: 1, districts: 6, stationsPerDistrict: 100 }, { concurrency: 32, window: 400 });
const appendMs = performance.now() - a0;
console.error(`appended ${events} events in ${Math.round(appendMs)} ms`);

const positions: bigint[] = [];
async function bareReadAll(): Promise<number> {
  const s = performance.now();
  let n = 0;
  const first = positions.length === 0;
  for await (const e of es.store.readAll())
    if (!e.stream.startsWith('$')) {
      n += 1;
      if (first) positions.push(e.position);
    }
  if (n < events) throw new Error(`readAll saw ${n} of ${events}`);
  return performance.now() - s;
}

async function bareSubscription(): Promise<number> {
  const s = performance.now();
  let n = 0;
  for await (const item of es.store.subscribeToAll({ filter: { streamPrefixes: shouwangStreamPrefixes } })) {
    if ('kind' in item) break;
    n += 1;
  }
  if (n < events) throw new Error(`subscription saw ${n} of ${events}`);
  return performance.now() - s;
}

/** Until every event is applied (`reachedHead`), and until the query indexes are built too (`ready`). */
async function catchUp(): Promise<{ reachedHead: number; ready: number; dataDir: string }> {
  const dataDir = tempDir('shouwang-bench-views-');
  const s = performance.now();
  let reachedHead = 0;
  const service = startProjector({
    store: es.store,
    dataDir,
    batchSize: Number(process.argv[3] ?? 1000),
    ...(process.argv[5] ? { catchUpBatchSize: Number(process.argv[5]) } : {}),
  });
  service.projector.once('caughtUp', () => (reachedHead = performance.now() - s));
  await service.caughtUp;
  const ready = performance.now() - s;
  if (service.views.checkpoint().events !== events) throw new Error('catch-up incomplete');
  await service.stop();
  return { reachedHead, ready, dataDir };
}

const runs: Record<string, number[]> = { readAll: [], subscribeToAll: [], projectorCatchUp: [], projectorReachedHead: [] };
/** CPU seconds of the whole process (every thread) in each phase of the last round. */
const cpuSeconds: Record<string, number> = {};
async function measuringCpu<T>(phase: string, fn: () => Promise<T>): Promise<T> {
  const before = process.cpuUsage();
  const result = await fn();
  const used = process.cpuUsage(before);
  cpuSeconds[phase] = +((used.user + used.system) / 1e6).toFixed(1);
  return result;
}
const rounds = Number(process.argv[4] ?? 3);
let lastViews = '';
for (let i = 0; i < rounds; i++) {
  runs.readAll!.push(await measuringCpu('readAll', bareReadAll));
  runs.subscribeToAll!.push(await measuringCpu('subscribeToAll', bareSubscription));
  const c = await measuringCpu('projectorCatchUp', catchUp);
  runs.projectorCatchUp!.push(c.ready);
  runs.projectorReachedHead!.push(c.reachedHead);
  lastViews = c.dataDir;
}

/** Every view query for district d1 (the briefing also for the city), live and `?at` at five moments: slowest query each. */
async function atQueries() {
  const db = openDatabase(viewsFile(lastViews));
  const checkpoint = checkpointReader(db)().position;
  const events = eventsBetweenIn(es.store, shouwangStreamPrefixes);
  const period = { from: '2022-04-01T00:00:00Z', to: '2022-07-01T00:00:00Z' };
  const volunteerId = (db.prepare("SELECT subject FROM view_rows WHERE view = 'serviceRecord' GROUP BY subject ORDER BY COUNT(*) DESC LIMIT 1").get() as { subject: string }).subject;
  const params: Record<string, object[]> = {
    'district-totals': [{ districtId: 'd1', ...period }],
    'unfilled-posts': [{ districtId: 'd1' }, { districtId: 'd1', mode: 'extreme' }],
    'service-record': [{ volunteerId }],
    briefing: [{ districtId: 'd1', ...period }, { districtId: 'city', ...period }],
  };
  const isBatchEnd = db.prepare('SELECT 1 FROM time_marks WHERE position = ?');
  const now = new Date();
  const slowest = async (at: string | undefined) => {
    let worst = 0;
    let which = '';
    for (const q of viewQueries as readonly ViewQuery[])
      for (const p of params[q.name] ?? [{ districtId: 'd1' }]) {
        const s = performance.now();
        const { reader, now: asOf } = at === undefined ? { reader: liveReader(db, checkpoint), now } : await readerAt(db, checkpoint, at, events);
        JSON.stringify(q.run(reader, q.params.parse(p), { now: asOf }));
        const ms = performance.now() - s;
        if (ms > worst) [worst, which] = [ms, `${q.name} ${JSON.stringify(p)}`];
      }
    return { slowestQueryMs: +worst.toFixed(1), slowestQuery: which };
  };
  await slowest(undefined); // warm
  const out: Record<string, unknown>[] = [{ at: 'live', ...(await slowest(undefined)) }];
  for (const share of [0.01, 0.25, 0.5, 0.75, 0.99]) {
    const position = positions[Math.floor(positions.length * share)]!;
    out.push({ at: `${share * 100}% (${position}${isBatchEnd.get(position) ? ', a batch end' : ', inside a batch'})`, ...(await slowest(position.toString())) });
  }
  db.close();
  return out;
}
const atMoments = await atQueries();
const best = (xs: number[]) => Math.min(...xs);
const rate = (ms: number) => Math.round(events / (ms / 1000));
console.log(
  JSON.stringify(
    {
      node: process.version,
      date: new Date().toISOString(),
      events,
      rounds,
      appendMs: Math.round(appendMs),
      bestMs: Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, Math.round(best(v))])),
      eventsPerSecond: Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, rate(best(v))])),
      catchUpVsReadAll: +(best(runs.readAll!) / best(runs.projectorCatchUp!)).toFixed(3),
      catchUpVsSubscription: +(best(runs.subscribeToAll!) / best(runs.projectorCatchUp!)).toFixed(3),
      // the same without the index build that follows (the views are exact then, queries slower)
      reachedHeadVsReadAll: +(best(runs.readAll!) / best(runs.projectorReachedHead!)).toFixed(3),
      cores: availableParallelism(),
      cpuSeconds,
      // the best catch-up / readAll possible were every core busy all along the catch-up (the
      // best readAll's wall time over the last round's catch-up CPU)
      ratioIfEveryCoreBusy: +(best(runs.readAll!) / ((cpuSeconds.projectorCatchUp! * 1000) / availableParallelism())).toFixed(3),
      atMoments,
    },
    null,
    2,
  ),
);
await es.stop();
