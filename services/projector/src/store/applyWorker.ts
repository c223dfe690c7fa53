import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from './openDatabase.js';
import { ViewStore } from './viewStore.js';
import { projections } from '../views/index.js';

// The view store's writer in its own thread: the projector's thread keeps reading the store
// while this one commits; messages arrive and are applied in order.
const db = openDatabase((workerData as { file: string }).file);
const views = new ViewStore(db, projections);

parentPort!.on('message', (m: { id: number; kind: 'apply'; events: never[] } | { id: number; kind: 'close' }) => {
  if (m.kind === 'close') {
    db.close();
    parentPort!.postMessage({ id: m.id });
    return;
  }
  try {
    parentPort!.postMessage({ id: m.id, committed: views.applyBatch(m.events) });
  } catch (err) {
    parentPort!.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) });
  }
});
