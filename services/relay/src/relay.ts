import { setTimeout as sleep } from 'node:timers/promises';
import type { JetStreamManager, NatsConnection } from 'nats';
import { AckPipeline, PublishRefusedError, type PublishAck } from './ackPipeline.js';
import { shouwangStreamPrefixes, type EventStore, type StoredEvent } from '@shouwang/event-store';
import type { Logger } from 'pino';
import { encodeBody, eventHeaders } from './message.js';
import { subjectFor } from './subject.js';
import { readTail, type StreamTail } from './tail.js';
import type { RelayMetrics } from './metrics.js';

export interface RelayOptions {
  store: EventStore;
  nc: NatsConnection;
  jsm: JetStreamManager;
  streamName: string;
  subjectPrefix: string;
  maxInFlight: number;
  publishTimeoutMs: number;
  metrics: RelayMetrics;
  logger: Logger;
}

interface InFlight {
  event: StoredEvent;
  ack: Promise<PublishAck>;
}

/** Why a pass ended: the relay must re-read the stream tail before it publishes again. */
class Resync extends Error {}

/**
 * 中继: follows `$all` and publishes each of our events to JetStream, in order, exactly once.
 * The JetStream stream is the checkpoint; every publish is fenced on the sequence it must land
 * after, so a pass that meets anything unexpected stops and resumes from the stream's real tail.
 */
export class Relay {
  private stopping = false;
  private running: Promise<void> | undefined;
  private readonly stopSignal: { promise: Promise<'stop'>; fire: () => void };
  /** Last event JetStream acknowledged (for lag and health). */
  lastAcked: { position: bigint; seq: number; created: Date | undefined } = { position: -1n, seq: 0, created: undefined };
  caughtUp = false;
  inFlight: InFlight[] = [];
  healthy = false;
  private endPass: (() => void) | undefined;

  constructor(private readonly o: RelayOptions) {
    let fire!: () => void;
    const promise = new Promise<'stop'>((r) => (fire = () => r('stop')));
    this.stopSignal = { promise, fire };
  }

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.stopSignal.fire();
    this.endPass?.();
    await this.running;
  }

  private async loop(): Promise<void> {
    let backoff = 50;
    while (!this.stopping) {
      try {
        await this.pass();
        backoff = 50;
      } catch (err) {
        this.healthy = false;
        if (this.stopping) break;
        if (err instanceof Resync) {
          this.o.metrics.resyncs.inc();
          this.o.logger.info({ reason: err.message }, 'resuming from the stream tail');
          backoff = 50;
        } else {
          this.o.logger.warn({ err: { message: (err as Error).message } }, 'relay pass failed; retrying');
          backoff = Math.min(backoff * 2, 2_000);
        }
        await Promise.race([sleep(backoff), this.stopSignal.promise]);
      }
    }
  }

  /** One pass: read the tail, subscribe after it, publish pipelined until something goes wrong. */
  private async pass(): Promise<void> {
    const tail: StreamTail = await readTail(this.o.jsm, this.o.streamName);
    this.lastAcked = { position: tail.position ?? -1n, seq: tail.lastSeq, created: this.lastAcked.created };
    this.o.metrics.lastSequence.set(tail.lastSeq);
    this.o.logger.info({ lastSeq: tail.lastSeq, position: tail.position?.toString() ?? 'start' }, 'relaying');
    this.caughtUp = false;
    this.healthy = true;
    let expected = tail.lastSeq;
    let failure: Error | undefined;

    const source = this.o.store
      .subscribeToAll({
        ...(tail.position !== undefined ? { fromPosition: tail.position } : {}),
        filter: { streamPrefixes: shouwangStreamPrefixes },
      });
    // Ending the source wakes a pass that waits for events; no per-event race with the failure.
    const endSource = () => void source.return(undefined).catch(() => undefined);
    const fail = (e: Error) => {
      if (!failure) {
        failure = e;
        endSource();
      }
    };
    this.endPass = endSource;
    const publisher = new AckPipeline(this.o.nc, this.o.publishTimeoutMs);
    try {
      for (;;) {
        // A burst at once: its publishes leave in one socket write.
        const batch = await source.nextBatch(this.o.maxInFlight);
        if (failure) throw failure;
        if (batch.length === 0) {
          if (this.stopping) break;
          throw new Error('store subscription ended');
        }
        for (const item of batch) {
          if ('kind' in item) {
            this.caughtUp = true;
            continue;
          }
          const event: StoredEvent = item;
          const lastSequence = expected++;
          const headers = eventHeaders(event);
          headers.set('Nats-Msg-Id', event.id);
          headers.set('Nats-Expected-Last-Sequence', String(lastSequence));
          const ack = publisher.publish(subjectFor(this.o.subjectPrefix, event), encodeBody(event), headers);
          const entry: InFlight = { event, ack };
          this.inFlight.push(entry);
          ack.then(
            (pa) => this.acked(entry, pa, lastSequence + 1, fail),
            (err: Error) => this.refused(err, fail),
          );
        }
        // Every publish settles (ack, refusal or timeout), so waiting on the oldest is bounded.
        while (this.inFlight.length >= this.o.maxInFlight && !failure) {
          await this.inFlight[0]!.ack.catch(() => undefined);
        }
        if (failure) throw failure;
      }
    } finally {
      this.endPass = undefined;
      endSource();
      await this.drain();
      publisher.close();
    }
    if (failure) throw failure;
  }

  private acked(entry: InFlight, pa: PublishAck, expectedSeq: number, fail: (e: Error) => void): void {
    if (this.inFlight[0] === entry) this.inFlight.shift();
    else this.inFlight = this.inFlight.filter((e) => e !== entry);
    if (pa.duplicate || pa.seq !== expectedSeq) {
      this.o.metrics.duplicates.inc();
      fail(new Resync(`event already in the stream (seq ${pa.seq}, expected ${expectedSeq})`));
      return;
    }
    this.lastAcked = { position: entry.event.position, seq: pa.seq, created: entry.event.created };
    this.o.metrics.published.inc();
    this.o.metrics.lastPosition.set(Number(entry.event.position));
    this.o.metrics.lastSequence.set(pa.seq);
  }

  private refused(err: Error, fail: (e: Error) => void): void {
    if (err instanceof PublishRefusedError && err.errCode === 10071) {
      this.o.metrics.fenceFailures.inc();
      fail(new Resync('stream is not at the expected last sequence (another relay, or an earlier publish landed late)'));
    } else {
      fail(err);
    }
  }

  /** Waits until every publish of this pass is settled, so the next pass reads a final tail. */
  private async drain(): Promise<void> {
    const pending = this.inFlight.map((e) => e.ack);
    await Promise.allSettled(pending);
    this.inFlight = [];
  }
}
