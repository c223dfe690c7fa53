import { eventIdFor } from './eventId.js';
import { WrongExpectedVersionError } from './errors.js';
import type { Decider, EventMetadata, EventStore, NewEvent, StoredEvent } from './types.js';

/** Metadata of a command's events; `schemaVersion` defaults to 1. */
export type MetadataBase = Omit<EventMetadata, 'schemaVersion'> & { schemaVersion?: number };

export interface HandleCommandOptions {
  /** How many times a concurrency conflict is retried (re-read, re-decide) before it is thrown. Default 5. */
  maxRetries?: number;
}

export interface HandleCommandResult {
  events: StoredEvent[];
  nextExpectedRevision: bigint;
}

type DomainEventShape = { type: string; data: unknown };

function lastRevision(events: StoredEvent[]): bigint | 'no_stream' {
  return events.length === 0 ? 'no_stream' : events[events.length - 1]!.revision;
}

/**
 * The imperative shell of a decider: read the stream, fold it, decide, append with the revision read.
 * A command whose events are already in the stream is answered with those events (a retry appends nothing).
 */
export async function handleCommand<C, E extends DomainEventShape, S>(
  store: EventStore,
  stream: string,
  decider: Decider<C, E, S>,
  command: C,
  metadataBase: MetadataBase,
  { maxRetries = 5 }: HandleCommandOptions = {},
): Promise<HandleCommandResult> {
  const metadata: EventMetadata = { ...metadataBase, schemaVersion: metadataBase.schemaVersion ?? 1 };
  const firstId = eventIdFor(metadata.commandId, 0);
  for (let attempt = 0; ; attempt++) {
    const history = await store.readStream(stream);
    const expected = lastRevision(history);
    if (history.some((e) => e.id === firstId)) {
      const earlier = history.filter((e) => e.metadata?.commandId === metadata.commandId);
      return { events: earlier, nextExpectedRevision: expected === 'no_stream' ? -1n : expected };
    }
    const state = history.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as E), decider.initialState);
    const decided = decider.decide(command, state);
    if (decided.length === 0) {
      return { events: [], nextExpectedRevision: expected === 'no_stream' ? -1n : expected };
    }
    const toAppend: NewEvent[] = decided.map((e, i) => ({
      id: eventIdFor(metadata.commandId, i),
      type: e.type,
      data: e.data,
      metadata,
    }));
    try {
      const result = await store.append(stream, toAppend, expected);
      const first = result.nextExpectedRevision - BigInt(toAppend.length) + 1n;
      // Only the last event's position is known from the append; read back the exact records.
      const events = await store.readStream(stream, { fromRevision: first, maxCount: toAppend.length });
      return { events, nextExpectedRevision: result.nextExpectedRevision };
    } catch (err) {
      if (err instanceof WrongExpectedVersionError && attempt < maxRetries) continue;
      throw err;
    }
  }
}
