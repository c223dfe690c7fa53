import type { EventStore } from '@shouwang/event-store';

/**
 * In-process queue per stream: requests for the same aggregate in this process take turns, so
 * a hot post does not burn its retries on conflicts with its own neighbours. Other processes
 * are still kept out by the expected revision; this only saves wasted round trips.
 */
const tails = new WeakMap<EventStore, Map<string, Promise<unknown>>>();

export async function withStreamLock<T>(store: EventStore, stream: string, work: () => Promise<T>): Promise<T> {
  let locks = tails.get(store);
  if (!locks) tails.set(store, (locks = new Map()));
  const previous = locks.get(stream) ?? Promise.resolve();
  const run = previous.then(work, work);
  const tail = run.catch(() => undefined);
  locks.set(stream, tail);
  try {
    return await run;
  } finally {
    if (locks.get(stream) === tail) locks.delete(stream);
  }
}

