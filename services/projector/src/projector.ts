import { EventEmitter } from 'node:events';
import type { ProjectedEvent } from './projection/types.js';
import type { BatchCommitted, ViewStore } from './store/viewStore.js';

/** The part of `@shouwang/event-store`'s `EventStore` the projector follows. */
export interface AllSubscriber {
  subscribeToAll(opts: {
    fromPosition?: bigint;
    filter?: { streamPrefixes?: string[]; eventTypes?: string[] };
  }): AsyncIterable<ProjectedEvent | { kind: 'caughtUp' }>;
}

export interface ProjectorOptions {
  /** Events per transaction while catching up. */
  batchSize?: number;
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
  private iterator: AsyncIterator<ProjectedEvent | { kind: 'caughtUp' }> | undefined;
  private running: Promise<void> | undefined;
  isCaughtUp = false;

  constructor(
    private readonly source: AllSubscriber,
    readonly views: ViewStore,
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
    await this.iterator?.return?.();
    await this.running?.catch(() => undefined);
  }

  private async run(): Promise<void> {
    const batchSize = this.opts.batchSize ?? 1000;
    const flushAfterMs = this.opts.flushAfterMs ?? 20;
    const stopAt = this.opts.stopAt;
    const from = this.views.checkpoint().position;
    if (stopAt !== undefined && from !== undefined && from >= stopAt) return;
    const subscription = this.source.subscribeToAll({
      fromPosition: from,
      filter: { streamPrefixes: this.opts.streamPrefixes },
    });
    const iterator = subscription[Symbol.asyncIterator]();
    this.iterator = iterator;
    let batch: ProjectedEvent[] = [];
    let timer: NodeJS.Timeout | undefined;
    const flush = () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (batch.length === 0) return;
      const events = batch;
      batch = [];
      const committed = this.views.applyBatch(events);
      if (committed) {
        this.opts.onBatch?.(committed);
        this.emit('committed', committed);
      }
    };
    try {
      while (!this.stopped) {
        const next = await iterator.next();
        if (next.done || this.stopped) break;
        const item = next.value;
        if ('kind' in item) {
          flush();
          this.isCaughtUp = true;
          this.emit('caughtUp', this.views.checkpoint().position);
          if (stopAt !== undefined || this.opts.stopWhenCaughtUp) break; // a replay ends with what the store holds
          continue;
        }
        if (stopAt !== undefined && item.position > stopAt) break;
        if (this.opts.stopBefore?.(item)) break;
        batch.push(item);
        if (batch.length >= batchSize || item.position === stopAt) flush();
        else timer ??= setTimeout(flush, flushAfterMs);
        if (item.position === stopAt) break;
      }
      if (!this.stopped) flush();
    } finally {
      if (timer) clearTimeout(timer);
      // a partial batch left by stop() is dropped, not committed: the checkpoint still says where to resume
      batch = [];
      await iterator.return?.().catch(() => undefined);
    }
  }
}
