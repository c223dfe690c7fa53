import { currentSchemaVersion } from '@shouwang/domain';
import { eventIdFor, type EventStore, type NewEvent } from '@shouwang/event-store';
import { generateHistory, type HistoryShape } from './generateHistory.js';

/**
 * Appends a generated history through the store's client, `concurrency` appends in flight (to
 * different streams, so order in `$all` may vary between runs; the views are compared run by run).
 */
export async function appendHistory(
  store: Pick<EventStore, 'append'>,
  shape: HistoryShape,
  opts: { concurrency?: number; onProgress?: (events: number) => void } = {},
): Promise<{ events: number; lastPosition: bigint }> {
  const concurrency = opts.concurrency ?? 16;
  const inFlight = new Set<Promise<void>>();
  const busy = new Set<string>(); // one append per stream at a time keeps each stream in order
  let events = 0;
  let lastPosition = -1n;
  let k = 0;
  for (const append of generateHistory(shape)) {
    while (inFlight.size >= concurrency || busy.has(append.stream)) await Promise.race(inFlight);
    const commandId = `gen-${shape.seed ?? 7}-${k++}`;
    const batch: NewEvent[] = append.events.map((e, i) => ({
      id: eventIdFor(commandId, i),
      type: e.type,
      data: e.data,
      metadata: {
        commandId,
        correlationId: commandId,
        causationId: commandId,
        actor: append.actor,
        occurredAt: append.at,
        schemaVersion: currentSchemaVersion[e.type],
      },
    }));
    busy.add(append.stream);
    const p: Promise<void> = store.append(append.stream, batch, 'any').then((r) => {
      if (r.position > lastPosition) lastPosition = r.position;
      events += batch.length;
      opts.onProgress?.(events);
    });
    const tracked = p.finally(() => {
      inFlight.delete(tracked);
      busy.delete(append.stream);
    });
    inFlight.add(tracked);
  }
  await Promise.all(inFlight);
  return { events, lastPosition };
}
