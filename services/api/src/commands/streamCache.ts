import type { EventStore, StoredEvent } from '@shouwang/event-store';
import { foldHistory, type StepDecider } from './fold.js';

/** A history folded by one decider: the state is reused only by the same decider. */
interface Folded {
  by: StepDecider<never, unknown>;
  state: unknown;
}

interface Entry {
  history: StoredEvent[];
  /** The state of `history` as the decider that last folded it made it. */
  folded?: Folded;
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
  put(stream: string, history: StoredEvent[], folded?: Folded, confirmedAt = Date.now()): void {
    const current = this.entries.get(stream);
    const newer = current ? lastRevision(current.history) - lastRevision(history) : -1n;
    if (newer > 0n) return;
    // the same history confirmed again keeps what was folded from it
    if (newer === 0n) folded ??= current!.folded;
    this.entries.delete(stream);
    if (this.entries.size >= MAX_STREAMS) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(stream, { history, ...(folded ? { folded } : {}), confirmedAt });
  }

  drop(stream: string): void {
    this.entries.delete(stream);
  }
}

/** The entry's history folded by `decider`: folded once, then reused while the history stands. */
export function foldedState<S>(entry: Entry, decider: StepDecider<never, S>): S {
  if (entry.folded?.by !== decider) entry.folded = { by: decider as StepDecider<never, unknown>, state: foldHistory(decider, entry.history) };
  return entry.folded.state as S;
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
export async function readState<S>(store: EventStore, stream: string, decider: StepDecider<never, S>, maxAgeMs = Number.POSITIVE_INFINITY): Promise<S> {
  const cache = cacheOf(store);
  const e = cache.get(stream);
  if (e && Date.now() - e.confirmedAt <= maxAgeMs) return foldedState(e, decider);
  return readFreshState(store, stream, decider);
}

/** Reads the stream afresh, folds it and caches both. */
export async function readFreshState<S>(store: EventStore, stream: string, decider: StepDecider<never, S>): Promise<S> {
  const readAt = Date.now();
  const history = await store.readStream(stream);
  const state = foldHistory(decider, history);
  cacheOf(store).put(stream, history, { by: decider as StepDecider<never, unknown>, state }, readAt);
  return state;
}
