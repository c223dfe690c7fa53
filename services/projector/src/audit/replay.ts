import { shouwangStreamPrefixes, type EventStore } from '@shouwang/event-store';
import { createIndexes, openDatabase } from '../store/openDatabase.js';
import { ViewStore } from '../store/viewStore.js';
import { inThread } from '../store/batchApplier.js';
import { Projector } from '../projector.js';
import { projections } from '../views/index.js';

export interface ReplayOptions {
  /** Replay up to and including this position, or up to this moment (store time), or everything. */
  until?: { position: bigint } | { time: Date };
  /** SQLite file for the rebuilt views; default in memory. */
  file?: string;
  batchSize?: number;
  onProgress?: (position: bigint, events: number) => void;
}

/**
 * Rebuilds every view from zero by running the same projections over `$all`, up to a position or
 * a moment: what an auditor compares with the live views.
 */
export async function replayViews(store: Pick<EventStore, 'subscribeToAll'>, opts: ReplayOptions = {}) {
  // rows are written faster without the query indexes; they are built once, at the end
  const db = openDatabase(opts.file ?? ':memory:', { deferIndexes: true });
  const views = new ViewStore(db, projections);
  const until = opts.until;
  const projector = new Projector(store, inThread(views), {
    streamPrefixes: shouwangStreamPrefixes,
    batchSize: opts.batchSize ?? 5000,
    stopWhenCaughtUp: true,
    ...(until && 'position' in until ? { stopAt: until.position } : {}),
    ...(until && 'time' in until ? { stopBefore: (e) => e.created.getTime() > until.time.getTime() } : {}),
    ...(opts.onProgress ? { onBatch: (b) => opts.onProgress!(b.position, b.events) } : {}),
  });
  await projector.start();
  createIndexes(db);
  return { db, views, checkpoint: views.checkpoint() };
}

/** The position of the last event in the store, to size a progress bar. */
export async function lastPosition(store: Pick<EventStore, 'readAll'>): Promise<bigint | undefined> {
  for await (const e of store.readAll({ backwards: true, maxCount: 1 })) return e.position;
  return undefined;
}
