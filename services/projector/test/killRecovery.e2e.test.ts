import t from 'tap';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { startEmbeddedStore, tempDir } from '@shouwang/testing';
import { shouwangStreamPrefixes } from '@shouwang/event-store';
import { openDatabase } from '../src/store/openDatabase.js';
import { checkpointReader } from '../src/store/viewStore.js';
import { replayViews } from '../src/audit/replay.js';
import { readerAt } from '../src/audit/at.js';
import { eventsBetweenIn, type EventsBetween } from '../src/audit/eventsBetween.js';
import { appendHistory } from '../src/testing/appendHistory.js';
import { exited, runTs } from './childProcess.js';
import { dumpRows } from './helpers.js';

const EVENTS = 100_000;
const KILLS = 20;

let observer: ReturnType<typeof openDatabase> | undefined;
/** Events the projector's file says are applied (read beside the writer; WAL allows it). */
function readCheckpoint(file: string): number {
  if (!observer) {
    if (!existsSync(file)) return 0;
    observer = openDatabase(file);
  }
  const row = observer.prepare("SELECT events FROM checkpoint WHERE name = 'views'").get() as { events: number } | undefined;
  return row?.events ?? 0;
}

const viewNames = (db: ReturnType<typeof openDatabase>) =>
  (db.prepare('SELECT DISTINCT view FROM view_rows ORDER BY view').all() as { view: string }[]).map((r) => r.view);

/** Every row of every view as it stood at `position`, through `?at`'s reader. */
async function everyViewAt(db: ReturnType<typeof openDatabase>, position: bigint, events: EventsBetween) {
  const { reader, now } = await readerAt(db, checkpointReader(db)().position, position.toString(), events);
  return { now: now.toISOString(), views: viewNames(db).map((view) => ({ view, rows: reader.list(view) })) };
}

t.test(`a view rebuilt from zero equals the live one after ${KILLS} kill -9 during catch-up of ${EVENTS} events`, async (t) => {
  const es = await startEmbeddedStore();
  t.teardown(() => es.stop());
  const started = Date.now();
  const phase = (what: string) => t.comment(`${what}: ${Math.round((Date.now() - started) / 1000)} s since start`);
  const { events } = await appendHistory(es.store, { events: EVENTS, seed: 99, districts: 6, stationsPerDistrict: 100 }, { concurrency: 32, window: 400 });
  t.ok(events >= EVENTS, `${events} events appended`);
  phase('appended');

  const dataDir = tempDir('shouwang-kill-');
  const file = join(dataDir, 'views.sqlite');
  const env = {
    DATA_DIR: dataDir,
    ESDB_CONNECTION_STRING: es.connectionString,
    PORT: '0',
    LOG_LEVEL: 'warn',
    PROJECTOR_BATCH_SIZE: '500',
  };
  let kills = 0;
  let attempts = 0;
  const seen: number[] = [];
  while (kills < KILLS && attempts < KILLS * 3) {
    attempts += 1;
    const before = readCheckpoint(file);
    const child = runTs('main.ts', [], env);
    // wait for this run to commit something, then kill it a moment later, mid-batch or between batches
    while (readCheckpoint(file) <= before && child.exitCode === null) await new Promise((r) => setTimeout(r, 15));
    if (child.exitCode !== null) {
      t.fail(`the projector exited by itself (${child.exitCode}): ${child.output().stderr.slice(-2000)}`);
      break;
    }
    await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 120)));
    child.kill('SIGKILL');
    await exited(child);
    const after = readCheckpoint(file);
    seen.push(after);
    t.ok(after >= before, 'a kill never loses committed work');
    if (after < events) kills += 1;
  }
  t.equal(kills, KILLS, `killed ${KILLS} times during catch-up (checkpoints: ${seen.join(', ')})`);

  phase('killed');
  // the last run catches up and stops cleanly
  const last = runTs('main.ts', [], { ...env, PROJECTOR_BATCH_SIZE: '5000' });
  while (readCheckpoint(file) < events && last.exitCode === null) await new Promise((r) => setTimeout(r, 50));
  t.equal(last.exitCode, null, `the last run keeps running: ${last.output().stderr.slice(-2000)}`);
  last.kill('SIGTERM');
  t.equal(await exited(last), 0, 'the projector stops cleanly on SIGTERM');

  phase('caught up');
  observer?.close();
  const live = openDatabase(file);
  t.teardown(() => live.close());
  const rebuilt = await replayViews(es.store);
  phase('rebuilt');
  t.teardown(() => rebuilt.db.close());
  // a redelivered event applied twice would count twice here and in the views' counters below
  t.equal(checkpointReader(live)().events, events, 'the live views applied as many events as the store holds');
  t.equal(rebuilt.checkpoint.events, events);
  const liveRows = dumpRows(live);
  t.ok(liveRows.length > 1000, `${liveRows.length} view rows`);
  t.same(liveRows, dumpRows(rebuilt.db), 'current views equal, field for field');
  // the two were cut into batches differently (kills, batch sizes): ?at answers must not differ
  const batchEvents = eventsBetweenIn(es.store, shouwangStreamPrefixes);
  const positions: bigint[] = [];
  for await (const e of es.store.readAll()) positions.push(e.position);
  for (let i = 1; i <= 12; i++) {
    const position = positions[Math.floor((positions.length * i) / 13)]!;
    t.same(await everyViewAt(live, position, batchEvents), await everyViewAt(rebuilt.db, position, batchEvents), `every view at ${position}`);
  }
  phase('compared at 12 moments');
});
