import { EventEmitter } from 'node:events';
import type { ProjectedEvent } from './projection/types.js';
import type { BatchApplier } from './store/batchApplier.js';
import type { BatchCommitted } from './store/viewStore.js';

type SourceItem = ProjectedEvent | { kind: 'caughtUp' };

/** The part of `@shouwang/event-store`'s `EventStore` the projector follows. */
export interface AllSubscriber {
  subscribeToAll(opts: {
    fromPosition?: bigint;
    filter?: { streamPrefixes?: string[]; eventTypes?: string[] };
  }): AllSubscription;
}

/** A `$all` subscription read in bursts: everything delivered so far, waiting for at least one. */
export interface AllSubscription {
  nextBatch(max?: number): Promise<SourceItem[]>;
  return?(): Promise<unknown>;
}

/** Items taken from the subscription at a time. */
export const BURST = 512;

export interface ProjectorOptions {
  /** Events per transaction once caught up (live tail). */
  batchSize?: number;
  /**
   * Events per transaction until the first catch-up is done (default: batchSize). Fewer, larger
   * transactions while far behind; each is still one batch with its checkpoint.
   */
  catchUpBatchSize?: number;
  /** Batches sent to the view store and not yet committed, at most (reading overlaps committing). */
  maxInFlight?: number;
  /** How long a partial batch may wait for more events before it is committed (live tail). */
  flushAfterMs?: number;
  /** Stream prefixes to follow (server-side filter). */
  streamPrefixes?: string[];
  /** Stop after the event at this position has been applied (audit replays). */
  stopAt?: bigint;
  /** Stop before the first event this returns true for (audit replays to a moment). */
  stopBefore?: (event: ProjectedEvent) => boolean;
  /** Stop once everything stored so far is applied, instead of following live (audit replays). */
  stopWhenCaughtUp?: boolean;
  onBatch?: (batch: BatchCommitted) => void;
}

export interface ProjectorEvents {
  committed: [BatchCommitted];
  caughtUp: [bigint | undefined];
}

/**
 * Follows `$all` from the views' checkpoint and applies events in batches, each batch one
 * transaction with its checkpoint. Emits `committed` after every batch (the SSE stream listens)
 * and `caughtUp` each time it has applied everything stored so far.
 */
export class Projector extends EventEmitter<ProjectorEvents> {
  private stopped = false;
  private running: Promise<void> | undefined;
  isCaughtUp = false;

  constructor(
    private readonly source: AllSubscriber,
    readonly views: BatchApplier,
    private readonly opts: ProjectorOptions = {},
  ) {
    super();
  }

  /** Starts following; resolves when it stops (stop(), stopAt reached, or the subscription ends). */
  start(): Promise<void> {
    this.running ??= this.run();
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeOnStop();
    await this.running?.catch(() => undefined);
  }

  private wakeOnStop: () => void = () => undefined;
  // resolves when stop() is called, so a subscription waiting for new events does not hold it up
  private readonly stopSignal = new Promise<'stopped'>((resolve) => {
    this.wakeOnStop = () => resolve('stopped');
  });

  private async run(): Promise<void> {
    const liveBatchSize = this.opts.batchSize ?? 1000;
    const catchUpBatchSize = this.opts.catchUpBatchSize ?? liveBatchSize;
    const flushAfterMs = this.opts.flushAfterMs ?? 20;
    const stopAt = this.opts.stopAt;
    const from = this.views.checkpoint().position;
    if (stopAt !== undefined && from !== undefined && from >= stopAt) return;
    const subscription = this.source.subscribeToAll({
      fromPosition: from,
      filter: { streamPrefixes: this.opts.streamPrefixes },
    });
    let batch: ProjectedEvent[] = [];
    let timer: NodeJS.Timeout | undefined;
    const maxInFlight = this.opts.maxInFlight ?? 2;
    const inFlight: Promise<void>[] = [];
    let failure: unknown;
    const flush = () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      // after a failed batch nothing later may commit, or its events would be skipped for good
      if (batch.length === 0 || failure) return;
      const events = batch;
      batch = [];
      // batches commit in the order sent; announcements follow the same order
      const done = this.views.applyBatch(events).then(
        (committed) => {
          if (!committed || failure) return;
          this.opts.onBatch?.(committed);
          this.emit('committed', committed);
        },
        (err: unknown) => {
          failure ??= err;
        },
      );
      inFlight.push(done);
      void done.finally(() => inFlight.splice(inFlight.indexOf(done), 1));
    };
    const settle = async () => {
      while (inFlight.length > 0) await inFlight[0];
      if (failure) throw failure;
    };
    try {
      // bursts, not one promise per event: the loop below runs synchronously over what arrived
      read: while (!this.stopped) {
        if (failure) throw failure;
        while (inFlight.length >= maxInFlight) await inFlight[0];
        const items = await Promise.race([subscription.nextBatch(BURST), this.stopSignal]);
        if (items === 'stopped' || items.length === 0 || this.stopped) break;
        for (const item of items) {
          if (this.stopped) break read;
          if ('kind' in item) {
            flush();
            await settle();
            this.isCaughtUp = true;
            this.emit('caughtUp', this.views.checkpoint().position);
            if (stopAt !== undefined || this.opts.stopWhenCaughtUp) break read; // a replay ends with what the store holds
            continue;
          }
          if (stopAt !== undefined && item.position > stopAt) break read;
          if (this.opts.stopBefore?.(item)) break read;
          batch.push(item);
          if (batch.length >= (this.isCaughtUp ? liveBatchSize : catchUpBatchSize) || item.position === stopAt) {
            flush();
            // batches smaller than a burst: still no more than maxInFlight queued
            while (inFlight.length > maxInFlight) await inFlight[0];
          }
          // while catching up the caughtUp marker flushes the last batch; the timer only covers a
          // source that stalls (a 20 ms timer there cut catch-up batches to ~100 events)
          else timer ??= setTimeout(flush, this.isCaughtUp ? flushAfterMs : Math.max(flushAfterMs, 1000));
          if (item.position === stopAt) break read;
        }
      }
      if (!this.stopped) flush();
      await settle();
    } finally {
      if (timer) clearTimeout(timer);
      // a partial batch left by stop() is dropped, not committed: the checkpoint still says where to resume
      batch = [];
      await Promise.allSettled(inFlight);
      // ends the subscription; not awaited, a source may finish its pending read first
      void subscription.return?.()?.catch(() => undefined);
    }
  }
}
