// Benchmark: projector catch-up over a generated history, beside a bare readAll and a bare
// subscribeToAll through the same client in the same run (target: catch-up >= 80% of readAll).
// The catch-up counts until the query indexes are built; reachedHead until the last event applied.
// Run: node --import tsx benchmarks/projector-catchup.ts [events] [batch size] [rounds, default 3] [catch-up batch size]
import { performance } from 'node:perf_hooks';
import { startEmbeddedStore, tempDir } from '@shouwang/testing';
import { shouwangStreamPrefixes } from '@shouwang/event-store';
import { startProjector } from '../services/projector/src/service.js';
import { appendHistory } from '../services/projector/src/testing/appendHistory.js';

const total = Number(process.argv[2] ?? 200_000);
const es = await startEmbeddedStore();
const a0 = performance.now();
const { events } = await appendHistory(es.store, { events: total, seed: 1, districts: 6, stationsPerDistrict: 100 }, { concurrency: 32, window: 400 });
const appendMs = performance.now() - a0;
console.error(`appended ${events} events in ${Math.round(appendMs)} ms`);

async function bareReadAll(): Promise<number> {
  const s = performance.now();
  let n = 0;
  for await (const e of es.store.readAll()) if (!e.stream.startsWith('$')) n += 1;
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
async function catchUp(): Promise<{ reachedHead: number; ready: number }> {
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
  return { reachedHead, ready };
}

const runs: Record<string, number[]> = { readAll: [], subscribeToAll: [], projectorCatchUp: [], projectorReachedHead: [] };
const rounds = Number(process.argv[4] ?? 3);
for (let i = 0; i < rounds; i++) {
  runs.readAll!.push(await bareReadAll());
  runs.subscribeToAll!.push(await bareSubscription());
  const c = await catchUp();
  runs.projectorCatchUp!.push(c.ready);
  runs.projectorReachedHead!.push(c.reachedHead);
}
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
    },
    null,
    2,
  ),
);
await es.stop();
