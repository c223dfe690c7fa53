import type { ProjectedEvent } from '../projection/types.js';
import { createIndexes } from './openDatabase.js';
import type { BatchCommitted, Checkpoint, ViewStore } from './viewStore.js';

/**
 * Where the projector sends batches: the view store in this thread (`inThread`) or in a worker
 * thread (`inWorker`, the service's). Batches apply in the order they were sent.
 */
export interface BatchApplier {
  checkpoint(): Checkpoint;
  applyBatch(events: readonly ProjectedEvent[]): Promise<BatchCommitted | undefined>;
  /** Builds the query indexes left out while catching up (after batches sent before it). */
  createIndexes(): Promise<void>;
  close(): Promise<void>;
}

/** The view store in the calling thread. */
export function inThread(views: ViewStore): BatchApplier {
  return {
    checkpoint: () => views.checkpoint(),
    applyBatch: async (events) => views.applyBatch(events),
    createIndexes: async () => createIndexes(views.db),
    close: async () => undefined,
  };
}
