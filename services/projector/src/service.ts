import type Database from 'better-sqlite3';
import { join } from 'node:path';
import type { EventStore } from '@shouwang/event-store';
import { shouwangStreamPrefixes } from '@shouwang/event-store';
import { openDatabase } from './store/openDatabase.js';
import { ViewStore } from './store/viewStore.js';
import { inThread, type BatchApplier } from './store/batchApplier.js';
import { inWorker } from './store/workerApplier.js';
import { Projector } from './projector.js';
import { eventsBetweenIn, type EventsBetween } from './audit/eventsBetween.js';
import { projections } from './views/index.js';

export interface ProjectorServiceOptions {
  store: Pick<EventStore, 'subscribeToAll'>;
  /** Directory of views.sqlite, or `:memory:`. */
  dataDir: string;
  batchSize?: number;
  /** Events per transaction until first caught up (see ProjectorOptions). */
  catchUpBatchSize?: number;
}

export interface ProjectorService {
  /** The connection to the views (the projector writes it, HTTP reads it between batches). */
  db: Database.Database;
  views: BatchApplier;
  projector: Projector;
  /**
   * Resolves once the projector has applied everything stored when it started and the query
   * indexes are built; rejects if building them failed.
   */
  caughtUp: Promise<void>;
  running: Promise<void>;
  /** Reads a batch's events again from the store, as the projector received them (`?at` inside a batch). */
  events: EventsBetween;
  stop(): Promise<void>;
}

export const viewsFile = (dataDir: string) => (dataDir === ':memory:' ? ':memory:' : join(dataDir, 'views.sqlite'));

/** Opens the views under `dataDir` and starts following the store from their checkpoint. */
export function startProjector(opts: ProjectorServiceOptions): ProjectorService {
  const file = viewsFile(opts.dataDir);
  // a fresh or unfinished catch-up writes without the query indexes; they are built once caught up
  const db = openDatabase(file, { deferIndexes: true });
  // a file is written by a worker thread, so projecting overlaps reading the store (docs/views.md);
  // views in memory exist in this connection only
  const inMemory = file === ':memory:';
  const views = inMemory ? inThread(new ViewStore(db, projections)) : inWorker(file, db);
  const projector = new Projector(opts.store, views, {
    streamPrefixes: shouwangStreamPrefixes,
    // batches queued for the worker: enough that the two threads rarely wait for each other
    maxInFlight: inMemory ? 2 : 4,
    ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
    ...(opts.catchUpBatchSize ? { catchUpBatchSize: opts.catchUpBatchSize } : {}),
  });
  // the index build is queued behind the batches already sent, and before any later one
  const caughtUp = new Promise<void>((resolve, reject) => projector.once('caughtUp', () => views.createIndexes().then(resolve, reject)));
  caughtUp.catch(() => undefined);
  const running = projector.start();
  running.catch(() => undefined);
  return {
    db,
    views,
    projector,
    caughtUp,
    running,
    events: eventsBetweenIn(opts.store, shouwangStreamPrefixes),
    async stop() {
      await projector.stop();
      await views.close();
      db.close();
    },
  };
}
