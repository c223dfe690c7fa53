import { EventStoreDBClient, jsonEvent, BACKWARDS, FORWARDS, START, END, StreamNotFoundError } from '@eventstore/db-client';
import type { AppendExpectedRevision } from '@eventstore/db-client';
import { toStoredEvent } from './convert.js';
import { mapClientError } from './errors.js';
import { subscribeToAll } from './subscription.js';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  SubscribeToAllOptions,
  EventSubscription,
} from './types.js';

/**
 * The store over one `@eventstore/db-client` client. One client per store and no per-call
 * credentials, so the client appends through its single BatchAppend stream.
 */
export class EsdbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;

  constructor(
    readonly connectionString: string,
    private readonly onClose: () => Promise<void> = async () => undefined,
  ) {
    this.client = EventStoreDBClient.connectionString(connectionString);
  }

  async append(stream: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError('append needs at least one event');
    try {
      const result = await this.client.appendToStream(
        stream,
        events.map((e) => jsonEvent({ id: e.id, type: e.type, data: e.data as never, metadata: e.metadata as never })),
        { expectedRevision: expectedRevision as AppendExpectedRevision },
      );
      return { nextExpectedRevision: result.nextExpectedRevision, position: result.position?.commit ?? -1n };
    } catch (err) {
      throw mapClientError(err, stream);
    }
  }

  async readStream(stream: string, opts: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    try {
      const read = this.client.readStream(stream, {
        direction: FORWARDS,
        fromRevision: opts.fromRevision ?? START,
        ...(opts.maxCount !== undefined ? { maxCount: opts.maxCount } : {}),
      });
      for await (const resolved of read) {
        const e = toStoredEvent(resolved);
        if (e) out.push(e);
      }
    } catch (err) {
      if (err instanceof StreamNotFoundError) return [];
      throw mapClientError(err, stream);
    }
    return out;
  }

  async *readAll(opts: ReadAllOptions = {}): AsyncGenerator<StoredEvent> {
    const p = opts.fromPosition;
    const fromPosition = p === undefined ? (opts.backwards ? END : START) : { commit: p, prepare: p };
    try {
      const read = this.client.readAll({
        direction: opts.backwards ? BACKWARDS : FORWARDS,
        fromPosition,
        ...(opts.maxCount !== undefined ? { maxCount: opts.maxCount } : {}),
      });
      for await (const resolved of read) {
        const e = toStoredEvent(resolved);
        if (e && !e.stream.startsWith('$')) yield e;
      }
    } catch (err) {
      throw mapClientError(err);
    }
  }

  subscribeToAll(opts: SubscribeToAllOptions): EventSubscription {
    return subscribeToAll(this.client, opts);
  }

  async close(): Promise<void> {
    await this.client.dispose().catch(() => undefined);
    await this.onClose();
  }
}
