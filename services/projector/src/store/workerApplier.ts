import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { ProjectedEvent } from '../projection/types.js';
import type { BatchApplier } from './batchApplier.js';
import type { BatchCommitted, Checkpoint } from './viewStore.js';

/**
 * Starts a worker on a TypeScript module. Workers do not inherit the loader hooks that run our
 * TypeScript sources (tsx), so a small bootstrap registers them in the worker first.
 */
function startWorker(module: URL, workerData: unknown): Worker {
  if (module.pathname.endsWith('.js')) return new Worker(module, { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(module.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/** Reads the checkpoint through any connection to the views file. */
export function readCheckpoint(db: Database.Database, name = 'views'): Checkpoint {
  const row = db.prepare('SELECT position, events FROM checkpoint WHERE name = ?').safeIntegers(true).get(name) as
    | { position: bigint; events: bigint }
    | undefined;
  return row ? { position: row.position, events: Number(row.events) } : { position: undefined, events: 0 };
}

/**
 * The view store in a worker thread writing `file`; `db` is this thread's connection to the same
 * file (WAL), used for the checkpoint and by HTTP readers. A failed batch rejects, and so does
 * every batch sent after it.
 */
export function inWorker(file: string, db: Database.Database): BatchApplier {
  const worker = startWorker(new URL('./applyWorker.ts', import.meta.url), { file });
  const waiting = new Map<number, { resolve: (v: BatchCommitted | undefined) => void; reject: (e: Error) => void }>();
  let next = 0;
  let failure: Error | undefined;
  const failAll = (err: Error) => {
    failure ??= err;
    for (const w of waiting.values()) w.reject(failure);
    waiting.clear();
  };
  worker.on('message', (m: { id: number; committed?: BatchCommitted; error?: string }) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.error !== undefined) {
      const err = new Error(m.error);
      w?.reject(err);
      failAll(err);
    } else w?.resolve(m.committed);
  });
  worker.on('error', (err) => failAll(err));
  worker.on('exit', (code) => failAll(new Error(`view store worker exited (${code})`)));
  const send = (message: object) =>
    new Promise<BatchCommitted | undefined>((resolve, reject) => {
      if (failure) return reject(failure);
      const id = next++;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, ...message });
    });
  return {
    checkpoint: () => readCheckpoint(db),
    applyBatch: (events: readonly ProjectedEvent[]) => send({ kind: 'apply', events }),
    async close() {
      if (!failure) await send({ kind: 'close' }).catch(() => undefined);
      await worker.terminate();
    },
  };
}
