import type { ProjectedEvent } from '../projection/types.js';
import type { BatchCommitted, Checkpoint, ViewStore } from './viewStore.js';

/**
 * Where the projector sends batches: the view store in this thread, or in a worker thread so
 * that reading the next events and committing the last batch overlap.
 */
export interface BatchApplier {
  checkpoint(): Checkpoint;
  /** Applies batches in the order they were sent. */
  applyBatch(events: readonly ProjectedEvent[]): Promise<BatchCommitted | undefined>;
  close(): Promise<void>;
}

/** The view store in the calling thread. */
export function inThread(views: ViewStore): BatchApplier {
  return {
    checkpoint: () => views.checkpoint(),
    applyBatch: async (events) => views.applyBatch(events),
    close: async () => undefined,
  };
}
