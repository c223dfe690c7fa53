// Benchmark: each view query for one district of 648 stations (海淀: 648 实践站), live and `?at`.
// Baseline in the same run: a bare SELECT of the rows of the district's biggest view.
// Run: node --import tsx benchmarks/view-queries.ts [events]
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../services/projector/src/store/openDatabase.js';
import { ViewStore } from '../services/projector/src/store/viewStore.js';
import { liveReader } from '../services/projector/src/store/viewReader.js';
import { readerAt } from '../services/projector/src/audit/at.js';
import type { EventsBetween } from '../services/projector/src/audit/eventsBetween.js';
import { projections } from '../services/projector/src/views/index.js';
import { viewQueries, type ViewQuery } from '../services/projector/src/queries/registry.js';
import { generateHistory } from '../services/projector/src/testing/generateHistory.js';
import type { ProjectedEvent } from '../services/projector/src/projection/types.js';
import { currentSchemaVersion } from '@shouwang/domain';

const total = Number(process.argv[2] ?? 300_000);
const db = openDatabase(':memory:');
const views = new ViewStore(db, projections);
let position = 0n;
let batch: ProjectedEvent[] = [];
const all: ProjectedEvent[] = [];
const t0 = performance.now();
for (const append of generateHistory({ events: total, districts: 3, stationsPerDistrict: 648, seed: 648 })) {
  for (const [i, e] of append.events.entries()) {
    position += 100n;
    batch.push({
      id: `e${position}`, type: e.type, data: e.data, stream: append.stream, revision: BigInt(i), position,
      created: new Date(append.at),
      metadata: { occurredAt: append.at, actor: append.actor, schemaVersion: currentSchemaVersion[e.type] },
    });
    all.push(batch.at(-1)!);
  }
  if (batch.length >= 5000) {
    views.applyBatch(batch);
    batch = [];
  }
}
views.applyBatch(batch);
const buildMs = performance.now() - t0;

const district = 'd1';
const count = (sql: string, ...p: unknown[]) => (db.prepare(sql).get(...p) as { n: number }).n;
const shape = {
  events: views.checkpoint().events,
  stations: 648,
  volunteers: count("SELECT COUNT(*) AS n FROM view_rows WHERE view = 'volunteer' AND district = ?", district),
  posts: count("SELECT COUNT(*) AS n FROM view_rows WHERE view = 'post' AND district = ?", district),
  serviceRecords: count("SELECT COUNT(*) AS n FROM view_rows WHERE view = 'serviceRecord' AND district = ?", district),
  historyRows: count('SELECT COUNT(*) AS n FROM view_history'),
};

/** The events between two positions, as the store would give them again (positions are 100, 200, …). */
const eventsBetween: EventsBetween = async (after, through) => all.slice(after === undefined ? 0 : Number(after / 100n), Number(through / 100n));

async function time(fn: () => unknown, runs = 20): Promise<number> {
  await fn(); // warm
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    samples.push(performance.now() - s);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!; // median
}

const baseline = await time(() => db.prepare("SELECT doc FROM view_rows WHERE view = 'serviceRecord' AND district = ?").all(district));
// the middle of the history, inside a batch of 5,000: a tail replay of about 2,500 events
const mid = position / 2n + 100n * 2500n;
const params: Record<string, unknown> = {
  'district-totals': { districtId: district, from: '2022-04-01T00:00:00Z', to: '2022-07-01T00:00:00Z' },
  'unfilled-posts': { districtId: district },
  'dispatch-board': { districtId: district },
  'donation-ledger': { districtId: district },
  'service-record': { volunteerId: (db.prepare("SELECT subject FROM view_rows WHERE view = 'serviceRecord' AND district = ? GROUP BY subject ORDER BY COUNT(*) DESC LIMIT 1").get(district) as { subject: string }).subject },
  'mode-timeline': { districtId: district },
  briefing: { districtId: district, from: '2022-04-01T00:00:00Z', to: '2022-07-01T00:00:00Z' },
};
const now = new Date('2022-05-01T00:00:00Z');
const rows = [];
for (const q of viewQueries as readonly ViewQuery[]) {
  const p = q.params.parse(params[q.name]);
  const live = await time(() => JSON.stringify(q.run(liveReader(db, position), p, { now })));
  // as `?at` answers it: resolving the moment and replaying the tail count too
  const at = await time(async () => JSON.stringify(q.run((await readerAt(db, position, mid.toString(), eventsBetween)).reader, p, { now })));
  const whatIf = q.name === 'unfilled-posts' ? await time(() => q.run(liveReader(db, position), { ...(p as object), mode: 'extreme' }, { now })) : undefined;
  rows.push({ query: q.name, liveMs: +live.toFixed(2), atMidHistoryMs: +at.toFixed(2), ...(whatIf ? { whatIfExtremeMs: +whatIf.toFixed(2) } : {}), liveVsBaseline: +(live / baseline).toFixed(2) });
}
console.log(JSON.stringify({ node: process.version, date: new Date().toISOString(), buildViewsMs: Math.round(buildMs), shape, baselineMs: +baseline.toFixed(2), rows }, null, 2));
