import { streamNameFilter, eventTypeFilter, START } from '@eventstore/db-client';
import type { EventStoreDBClient, ResolvedEvent, Filter } from '@eventstore/db-client';
import { toStoredEvent } from './convert.js';
import { mapClientError } from './errors.js';
import type { CaughtUp, StoredEvent, SubscribeToAllOptions } from './types.js';

const HIGH_WATER = 512;
const CAUGHT_UP: CaughtUp = Object.freeze({ kind: 'caughtUp' }) as CaughtUp;

function serverFilter(opts: SubscribeToAllOptions): Filter | undefined {
  const f = opts.filter;
  if (f?.streamPrefixes?.length) return streamNameFilter({ prefixes: f.streamPrefixes });
  if (f?.eventTypes?.length) return eventTypeFilter({ prefixes: f.eventTypes });
  return undefined;
}

function keep(event: StoredEvent, opts: SubscribeToAllOptions): boolean {
  if (event.stream.startsWith('$')) return false;
  const f = opts.filter;
  if (f?.eventTypes?.length && !f.eventTypes.includes(event.type)) return false;
  if (f?.streamPrefixes?.length && !f.streamPrefixes.some((p) => event.stream.startsWith(p))) return false;
  return true;
}

/**
 * Catch-up subscription to `$all` yielding our events and `caughtUp` markers in stream order.
 * The client emits `caughtUp` when it reads that message, while events before it may still sit in
 * its readable buffer; such a marker is queued only after those buffered events arrive.
 */
export async function* subscribeToAll(
  client: EventStoreDBClient,
  opts: SubscribeToAllOptions,
): AsyncGenerator<StoredEvent | CaughtUp> {
  const fromPosition =
    opts.fromPosition === undefined ? START : { commit: opts.fromPosition, prepare: opts.fromPosition };
  const filter = serverFilter(opts);
  const sub = client.subscribeToAll(filter ? { fromPosition, filter } : { fromPosition });

  const queue: (StoredEvent | CaughtUp)[] = [];
  let markersAfter: number[] = []; // buffered events still to arrive before each pending marker
  let failure: unknown;
  let ended = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };

  sub.on('data', (resolved: ResolvedEvent) => {
    const event = toStoredEvent(resolved);
    if (event && keep(event, opts)) queue.push(event);
    markersAfter = markersAfter.map((n) => n - 1);
    while (markersAfter.length > 0 && markersAfter[0]! <= 0) {
      markersAfter.shift();
      queue.push(CAUGHT_UP);
    }
    if (queue.length >= HIGH_WATER) sub.pause();
    notify();
  });
  sub.on('caughtUp', () => {
    const buffered = sub.readableLength;
    if (buffered === 0 && markersAfter.length === 0) queue.push(CAUGHT_UP);
    else markersAfter.push(buffered);
    notify();
  });
  sub.on('error', (err) => {
    failure = mapClientError(err);
    notify();
  });
  sub.on('end', () => {
    ended = true;
    notify();
  });

  try {
    for (;;) {
      if (queue.length > 0) {
        const item = queue.shift()!;
        if (queue.length < HIGH_WATER / 2 && sub.isPaused()) sub.resume();
        yield item;
        continue;
      }
      if (failure) throw failure;
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    sub.removeAllListeners('data');
    await sub.unsubscribe().catch(() => undefined);
  }
}
