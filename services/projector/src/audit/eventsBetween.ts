import { BURST, type AllSubscriber } from '../projector.js';
import type { ProjectedEvent } from '../projection/types.js';

/**
 * Reads again, in order, the events the projector applied after one position (exclusive;
 * undefined: from the beginning) up to and including another: a `?at` moment inside a batch is
 * answered by projecting them once more over the history at the batch end before it.
 */
export type EventsBetween = (after: bigint | undefined, through: bigint) => Promise<ProjectedEvent[]>;

/** Events between two positions, through the same filtered `$all` subscription the projector follows. */
export function eventsBetweenIn(source: AllSubscriber, streamPrefixes: string[]): EventsBetween {
  return async (after, through) => {
    const subscription = source.subscribeToAll({ fromPosition: after, filter: { streamPrefixes } });
    const events: ProjectedEvent[] = [];
    try {
      for (;;) {
        const items = await subscription.nextBatch(BURST);
        if (items.length === 0) return events;
        for (const item of items) {
          // everything stored so far delivered, or past the moment: the tail is complete
          if ('kind' in item || item.position > through) return events;
          events.push(item);
        }
      }
    } finally {
      void subscription.return?.()?.catch(() => undefined);
    }
  };
}
