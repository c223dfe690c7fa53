import { streamNameFilter, eventTypeFilter, START } from '@eventstore/db-client';
import type { EventStoreDBClient, ResolvedEvent, Filter, AllStreamSubscription } from '@eventstore/db-client';
import { toStoredEvent } from './convert.js';
import { mapClientError } from './errors.js';
import type { CaughtUp, EventSubscription, StoredEvent, SubscribeToAllOptions } from './types.js';

const HIGH_WATER = 512;
const CAUGHT_UP: CaughtUp = Object.freeze({ kind: 'caughtUp' }) as CaughtUp;
type Item = StoredEvent | CaughtUp;

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
 * An iterator rather than a generator so `return()` ends a subscription that is waiting for events.
 */
class AllSubscription implements EventSubscription {
  private readonly sub: AllStreamSubscription;
  private readonly queue: Item[] = [];
  private markersAfter: number[] = [];
  private failure: unknown;
  private ended = false;
  private waiting: ((r: IteratorResult<Item>) => void) | undefined;
  private waitingBatch: number | undefined;
  private waitingReject: ((e: unknown) => void) | undefined;

  constructor(client: EventStoreDBClient, private readonly opts: SubscribeToAllOptions) {
    const p = opts.fromPosition;
    const fromPosition = p === undefined ? START : { commit: p, prepare: p };
    const filter = serverFilter(opts);
    this.sub = client.subscribeToAll(filter ? { fromPosition, filter } : { fromPosition });
    this.sub.on('data', (resolved: ResolvedEvent) => this.onEvent(resolved));
    this.sub.on('caughtUp', () => {
      const buffered = this.sub.readableLength;
      if (buffered === 0 && this.markersAfter.length === 0) this.enqueue(CAUGHT_UP);
      else this.markersAfter.push(buffered);
    });
    this.sub.on('error', (err) => this.fail(mapClientError(err)));
    this.sub.on('end', () => this.finish(false));
  }

  private onEvent(resolved: ResolvedEvent): void {
    const event = toStoredEvent(resolved);
    if (event && keep(event, this.opts)) this.enqueue(event);
    if (this.markersAfter.length > 0) {
      this.markersAfter = this.markersAfter.map((n) => n - 1);
      while (this.markersAfter.length > 0 && this.markersAfter[0]! <= 0) {
        this.markersAfter.shift();
        this.enqueue(CAUGHT_UP);
      }
    }
    if (this.queue.length >= HIGH_WATER) this.sub.pause();
  }

  private enqueue(item: Item): void {
    if (this.ended) return;
    const w = this.waiting;
    if (w && this.waitingBatch === undefined) {
      this.waiting = this.waitingReject = undefined;
      w({ value: item, done: false });
      return;
    }
    this.queue.push(item);
    if (w) {
      // A batch reader: wake it after this I/O turn, so every event decoded from one read is in the batch.
      this.waiting = this.waitingReject = undefined;
      setImmediate(() => w({ value: undefined as never, done: false }));
    }
  }

  private fail(err: unknown): void {
    if (this.ended) return;
    this.failure = err;
    const r = this.waitingReject;
    this.waiting = this.waitingReject = undefined;
    r?.(err);
  }

  /** `discard`: drop what is queued (the reader gave up); otherwise it stays readable. */
  private finish(discard = true): void {
    this.ended = true;
    if (discard) this.queue.length = 0;
    const w = this.waiting;
    this.waiting = this.waitingReject = undefined;
    w?.({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<Item>> {
    const item = this.queue.shift();
    if (item) {
      if (this.queue.length < HIGH_WATER / 2 && this.sub.isPaused()) this.sub.resume();
      return Promise.resolve({ value: item, done: false });
    }
    if (this.failure) {
      const err = this.failure;
      this.finish();
      return Promise.reject(err);
    }
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    if (this.sub.isPaused()) this.sub.resume();
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.waitingReject = reject;
    });
  }

  /**
   * Everything already delivered (up to `max` items), waiting for at least one; `[]` once ended.
   * Lets a reader handle a burst in one synchronous turn (e.g. so its own writes batch).
   */
  async nextBatch(max = 512): Promise<Item[]> {
    if (this.queue.length === 0) {
      if (this.failure) {
        const err = this.failure;
        this.finish();
        throw err;
      }
      if (this.ended) return [];
      if (this.sub.isPaused()) this.sub.resume();
      await new Promise<IteratorResult<Item>>((resolve, reject) => {
        this.waitingBatch = max;
        this.waiting = resolve;
        this.waitingReject = reject;
      }).finally(() => (this.waitingBatch = undefined));
      if (this.queue.length === 0) return this.ended ? [] : this.nextBatch(max);
    }
    const batch = this.queue.splice(0, max);
    if (this.queue.length < HIGH_WATER / 2 && this.sub.isPaused()) this.sub.resume();
    return batch;
  }

  async return(): Promise<IteratorResult<Item>> {
    if (!this.ended) {
      this.finish();
      this.sub.removeAllListeners('data');
      await this.sub.unsubscribe().catch(() => undefined);
    }
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): EventSubscription {
    return this;
  }
}

export function subscribeToAll(client: EventStoreDBClient, opts: SubscribeToAllOptions): EventSubscription {
  return new AllSubscription(client, opts);
}
