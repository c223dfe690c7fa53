import { parentPort, workerData } from 'node:worker_threads';
import { createIndexes, openDatabase } from './openDatabase.js';
import { ViewStore } from './viewStore.js';
import { projections } from '../views/index.js';
import type { FromViewWorker, ToViewWorker } from './workerApplier.js';

// The views' only writer, in its own thread: it projects and commits batches while the projector's
// thread reads the next events from the store. Messages are handled one at a time, in order.
const db = openDatabase((workerData as { file: string }).file, { deferIndexes: true });
const views = new ViewStore(db, projections);
const port = parentPort!;
// after a failed batch, the batches already on their way must not commit: their events come
// after the failed ones, which would be skipped for good
let failedBatch: Error | undefined;

function handle(m: ToViewWorker): FromViewWorker {
  switch (m.kind) {
    case 'apply':
      if (failedBatch) throw failedBatch;
      try {
        return { id: m.id, committed: views.applyBatch(m.events) };
      } catch (err) {
        failedBatch = err instanceof Error ? err : new Error(String(err));
        throw failedBatch;
      }
    case 'indexes':
      createIndexes(db);
      return { id: m.id };
    case 'close':
      db.close();
      setImmediate(() => port.close());
      return { id: m.id };
  }
}

port.on('message', (m: ToViewWorker) => {
  let reply: FromViewWorker;
  try {
    reply = handle(m);
  } catch (err) {
    reply = { id: m.id, error: err instanceof Error ? err : new Error(String(err)) };
  }
  port.postMessage(reply);
});
