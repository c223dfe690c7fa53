import type { EventStore, StoredEvent } from '@shouwang/event-store';

interface Entry {
  history: StoredEvent[];
  /** The folded state of `history`, once something folded it (a stream has one decider). */
  state?: unknown;
  /** When the store last confirmed this history (a read, or our own append). */
  confirmedAt: number;
}

const MAX_STREAMS = 50_000;

const lastRevision = (history: StoredEvent[]): bigint => history.at(-1)?.revision ?? -1n;

/**
 * The streams this process read or wrote last, newest last (LRU). A step decides on its cached
 * history and appends with that history's revision, so a stale entry can never write: the append
 * conflicts and the step re-reads. A refusal or a no-op decided on a cached entry is checked again
 * on a fresh read before it is answered. Reads for facts (modes) take an age limit.
 */
export class StreamCache {
  private readonly entries = new Map<string, Entry>();

  get(stream: string): Entry | undefined {
    const e = this.entries.get(stream);
    if (e) {
      this.entries.delete(stream);
      this.entries.set(stream, e);
    }
    return e;
  }

  /**
   * Remembers what the store confirmed at `confirmedAt` (when the read started, not when it
   * returned). A read that overlapped a newer append here, and returns after it, is older than the
   * entry: the entry stays, so this process never forgets its own writes (a mode just switched).
   */
  put(stream: string, history: StoredEvent[], state?: unknown, confirmedAt = Date.now()): void {
    const current = this.entries.get(stream);
    const newer = current ? lastRevision(current.history) - lastRevision(history) : -1n;
    if (newer > 0n) return;
    // the same history confirmed again keeps what was folded from it
    if (newer === 0n) state ??= current!.state;
    this.entries.delete(stream);
    if (this.entries.size >= MAX_STREAMS) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(stream, { history, state, confirmedAt });
  }

  drop(stream: string): void {
    this.entries.delete(stream);
  }
}

const caches = new WeakMap<EventStore, StreamCache>();

export function cacheOf(store: EventStore): StreamCache {
  let c = caches.get(store);
  if (!c) caches.set(store, (c = new StreamCache()));
  return c;
}

/** The stream's events, from the cache when confirmed within `maxAgeMs`, else read (and cached). */
export async function readThrough(store: EventStore, stream: string, maxAgeMs = Number.POSITIVE_INFINITY): Promise<StoredEvent[]> {
  const cache = cacheOf(store);
  const e = cache.get(stream);
  if (e && Date.now() - e.confirmedAt <= maxAgeMs) return e.history;
  const readAt = Date.now();
  const history = await store.readStream(stream);
  cache.put(stream, history, undefined, readAt);
  return history;
}

/**
 * The stream's folded state, as `readThrough` but folded once per cached history rather than
 * on every request (a post's history is folded for every dispatch to it otherwise).
 */
export async function readState<S>(store: EventStore, stream: string, fold: (history: StoredEvent[]) => S, maxAgeMs = Number.POSITIVE_INFINITY): Promise<S> {
  const cache = cacheOf(store);
  const e = cache.get(stream);
  if (e && Date.now() - e.confirmedAt <= maxAgeMs) return (e.state ??= fold(e.history)) as S;
  return readFreshState(store, stream, fold);
}

/** Reads the stream afresh, folds it and caches both. */
export async function readFreshState<S>(store: EventStore, stream: string, fold: (history: StoredEvent[]) => S): Promise<S> {
  const readAt = Date.now();
  const history = await store.readStream(stream);
  const state = fold(history);
  cacheOf(store).put(stream, history, state, readAt);
  return state;
}
