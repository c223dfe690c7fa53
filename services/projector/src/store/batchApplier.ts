import type { ProjectedEvent } from '../projection/types.js';
import type { BatchCommitted, Checkpoint, ViewStore } from './viewStore.js';

/**
 * Where the projector sends batches. Asynchronous so that a view store elsewhere (another thread
 * or process) fits; today it is the view store in the projector's thread.
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
