// Profiles one projector catch-up (only the catch-up phase) over a generated history.
// Run: BENCH_CPU_PROFILE=/tmp/catchup.cpuprofile node --import tsx benchmarks/support/profileCatchUp.ts [events]
import { performance } from 'node:perf_hooks';
import { startEmbeddedStore, tempDir } from '@shouwang/testing';
import { startProjector } from '../../services/projector/src/service.js';
import { appendHistory } from '../../services/projector/src/testing/appendHistory.js';
import { profiled } from './cpuProfile.js';

const total = Number(process.argv[2] ?? 30_000);
const es = await startEmbeddedStore();
await appendHistory(es.store, { events: total, seed: 1, districts: 6, stationsPerDistrict: 100 }, { concurrency: 32, window: 400 });
const ms = await profiled(async () => {
  const s = performance.now();
  const service = startProjector({ store: es.store, dataDir: tempDir('shouwang-profile-views-') });
  await service.caughtUp;
  const took = performance.now() - s;
  await service.stop();
  return took;
});
console.log(JSON.stringify({ events: total, catchUpMs: Math.round(ms) }));
await es.stop();
