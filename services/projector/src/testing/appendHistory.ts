import { currentSchemaVersion } from '@shouwang/domain';
import { eventIdFor, type EventStore, type NewEvent } from '@shouwang/event-store';
import { generateHistory, type HistoryShape } from './generateHistory.js';

export interface AppendHistoryOptions {
  /** Appends in flight at once (to different streams). */
  concurrency?: number;
  /**
   * Group this many generated appends into one append per stream (1: as generated). Bigger
   * windows load a history faster; order across streams then holds only between windows.
   */
  window?: number;
  onProgress?: (events: number) => void;
}

/**
 * Appends a generated history through the store's client. Appends to different streams run
 * concurrently, so order in `$all` may vary between runs; tests compare views of one run.
 */
export async function appendHistory(
  store: Pick<EventStore, 'append'>,
  shape: HistoryShape,
  opts: AppendHistoryOptions = {},
): Promise<{ events: number; lastPosition: bigint }> {
  const concurrency = opts.concurrency ?? 16;
  const window = opts.window ?? 1;
  const inFlight = new Set<Promise<void>>();
  const busy = new Set<string>(); // one append per stream at a time keeps each stream in order
  let events = 0;
  let lastPosition = -1n;
  let k = 0;
  let pending = new Map<string, NewEvent[]>();
  let inWindow = 0;

  const send = async (stream: string, batch: NewEvent[]) => {
    while (inFlight.size >= concurrency || busy.has(stream)) await Promise.race(inFlight);
    busy.add(stream);
    const p: Promise<void> = store.append(stream, batch, 'any').then((r) => {
      if (r.position > lastPosition) lastPosition = r.position;
      events += batch.length;
      opts.onProgress?.(events);
    });
    const tracked = p.finally(() => {
      inFlight.delete(tracked);
      busy.delete(stream);
    });
    inFlight.add(tracked);
  };
  const flushWindow = async () => {
    const streams = pending;
    pending = new Map();
    inWindow = 0;
    for (const [stream, batch] of streams) await send(stream, batch);
    if (window > 1) await Promise.all(inFlight); // the next window starts after this one is stored
  };

  for (const append of generateHistory(shape)) {
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
    pending.set(append.stream, [...(pending.get(append.stream) ?? []), ...batch]);
    if (++inWindow >= window) await flushWindow();
  }
  await flushWindow();
  await Promise.all(inFlight);
  return { events, lastPosition };
}
