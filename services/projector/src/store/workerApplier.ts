import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { ProjectedEvent } from '../projection/types.js';
import type { BatchApplier } from './batchApplier.js';
import { checkpointReader, type BatchCommitted } from './viewStore.js';

/** What the projector's thread sends the view worker. */
export type ToViewWorker =
  | { id: number; kind: 'apply'; events: readonly ProjectedEvent[] }
  | { id: number; kind: 'indexes' }
  | { id: number; kind: 'close' };

type Unsent<M> = M extends unknown ? Omit<M, 'id'> : never;

export interface FromViewWorker {
  id: number;
  committed?: BatchCommitted;
  error?: Error;
}

/**
 * Starts a worker on one of our modules. Run from TypeScript sources (tsx, as everywhere here), a
 * worker does not inherit the loader hooks, so a small bootstrap registers them in it first.
 */
function startWorker(module: URL, workerData: unknown): Worker {
  if (module.pathname.endsWith('.js')) return new Worker(module, { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(module.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/**
 * The view store in a worker thread writing `file`, so that projecting and committing one batch
 * overlaps reading the next from the store (two cores instead of one; docs/views.md). `db` is this
 * thread's connection to the same file (WAL): the checkpoint is read through it, and HTTP reads it.
 * A failed batch rejects, and so does everything sent after it: nothing later may commit, or the
 * failed batch's events would be skipped for good. A failed index build fails it the same way:
 * the service stops and its restart builds them again (CREATE INDEX is its own transaction).
 */
export function inWorker(file: string, db: Database.Database): BatchApplier {
  const worker = startWorker(new URL('./viewWorker.ts', import.meta.url), { file });
  const waiting = new Map<number, { resolve: (m: FromViewWorker) => void; reject: (e: Error) => void }>();
  let next = 0;
  let failure: Error | undefined;
  let closing = false;
  const failAll = (err: Error) => {
    failure ??= err;
    for (const w of waiting.values()) w.reject(failure);
    waiting.clear();
  };
  worker.on('message', (m: FromViewWorker) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (!m.error) w?.resolve(m);
    else {
      w?.reject(m.error);
      failAll(m.error);
    }
  });
  worker.on('error', (err) => failAll(err));
  worker.on('exit', (code) => {
    if (!closing || waiting.size > 0) failAll(new Error(`view store worker exited (${code})`));
  });
  const send = (message: Unsent<ToViewWorker>) =>
    new Promise<FromViewWorker>((resolve, reject) => {
      if (failure) return reject(failure);
      const id = next++;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, ...message });
    });
  return {
    checkpoint: checkpointReader(db),
    applyBatch: async (events) => (await send({ kind: 'apply', events })).committed,
    createIndexes: async () => void (await send({ kind: 'indexes' })),
    async close() {
      closing = true;
      if (!failure) await send({ kind: 'close' }).catch(() => undefined);
      await worker.terminate();
    },
  };
}
