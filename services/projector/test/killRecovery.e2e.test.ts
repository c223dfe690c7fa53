import t from 'tap';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { startEmbeddedStore, tempDir } from '@shouwang/testing';
import { openDatabase } from '../src/store/openDatabase.js';
import { replayViews } from '../src/audit/replay.js';
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

const dumpHistory = (db: ReturnType<typeof openDatabase>) =>
  db.prepare('SELECT view, key, district, t, subject, from_pos, to_pos, doc FROM view_history ORDER BY view, key, from_pos').all();

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
  const count = (db: ReturnType<typeof openDatabase>) => (db.prepare('SELECT COUNT(*) AS n FROM event_positions').get() as { n: number }).n;
  t.equal(count(live), events, 'every event applied exactly once');
  t.equal(rebuilt.checkpoint.events, events);
  const liveRows = dumpRows(live);
  t.ok(liveRows.length > 1000, `${liveRows.length} view rows`);
  t.same(liveRows, dumpRows(rebuilt.db), 'current views equal, field for field');
  t.same(dumpHistory(live), dumpHistory(rebuilt.db), 'row histories equal too, so every ?at answer does');
});
