import { AckPolicy, DeliverPolicy, type ConsumerMessages, type NatsConnection } from 'nats';
import { ProcessedIds } from './processedIds.js';

/** The message body the relay publishes (see docs/events.schema.json). */
export interface ShouwangEvent {
  id: string;
  type: string;
  stream: string;
  revision: string;
  position: string;
  created: string;
  data: unknown;
  metadata: unknown;
}

export interface DownstreamConsumerOptions {
  nc: NatsConnection;
  /** JetStream stream the relay writes to. */
  stream?: string;
  /** Durable consumer name: JetStream remembers what this consumer has acknowledged. */
  durable: string;
  /** e.g. `shouwang.events.d-east.>` for one district, `shouwang.events.*.donation.>` for donations. */
  filterSubject?: string;
  processed?: ProcessedIds;
  /** How long JetStream waits for an ack before redelivering (default 30 s). */
  ackWaitMs?: number;
  /** Your side effect. Throwing leaves the message unacknowledged: JetStream redelivers it. */
  handle(event: ShouwangEvent, subject: string): Promise<void> | void;
}

export interface RunningConsumer {
  processed: ProcessedIds;
  stop(): Promise<void>;
}

/**
 * A durable pull consumer that handles each event once: JetStream delivers at least once
 * (redeliveries after a crash before the ack), so the consumer skips ids it already handled.
 */
export async function startDownstreamConsumer(o: DownstreamConsumerOptions): Promise<RunningConsumer> {
  const stream = o.stream ?? 'SHOUWANG_EVENTS';
  const processed = o.processed ?? new ProcessedIds();
  const jsm = await o.nc.jetstreamManager();
  await jsm.consumers.add(stream, {
    durable_name: o.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: (o.ackWaitMs ?? 30_000) * 1_000_000,
    ...(o.filterSubject ? { filter_subject: o.filterSubject } : {}),
  });
  const consumer = await o.nc.jetstream().consumers.get(stream, o.durable);
  const messages: ConsumerMessages = await consumer.consume({ max_messages: 256 });
  const done = (async () => {
    for await (const m of messages) {
      const id = m.headers?.get('ce-id') ?? '';
      if (id && processed.has(id)) {
        m.ack();
        continue;
      }
      try {
        await o.handle(m.json<ShouwangEvent>(), m.subject);
        if (id) processed.add(id);
        m.ack();
      } catch {
        m.nak(1_000);
      }
    }
  })();
  return {
    processed,
    stop: async () => {
      messages.stop();
      await done;
    },
  };
}
