/** Who caused an event (操作人): role, id and district scope; never a name or phone number. */
export interface Actor {
  role: string;
  id: string;
  districtId: string | null;
}

/** Metadata stored with every event as its custom metadata JSON. */
export interface EventMetadata {
  /** The command that produced the event; event ids are derived from it. */
  commandId: string;
  correlationId: string;
  causationId: string;
  actor: Actor;
  /** Business time of the fact (ISO string), taken from the command, not the server clock. */
  occurredAt: string;
  schemaVersion: number;
}

/** An event about to be appended. */
export interface NewEvent {
  /** UUID; deterministic (see `eventIdFor`) so a retried command appends nothing new. */
  id: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
}

/** An event as read back from the store. */
export interface StoredEvent extends NewEvent {
  stream: string;
  revision: bigint;
  /** Commit position in `$all`. */
  position: bigint;
  created: Date;
}

/** Marker yielded by `subscribeToAll` once the subscription has delivered everything stored so far. */
export interface CaughtUp {
  kind: 'caughtUp';
}

export type ExpectedRevision = bigint | 'no_stream' | 'any' | 'stream_exists';

export interface AppendResult {
  nextExpectedRevision: bigint;
  /** Commit position of the last event written. */
  position: bigint;
}

export interface ReadStreamOptions {
  fromRevision?: bigint;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Inclusive when reading forwards. */
  fromPosition?: bigint;
  maxCount?: number;
  backwards?: boolean;
}

export interface SubscriptionFilter {
  /** Stream name prefixes, e.g. `['volunteer-', 'post-']`; applied by the server. */
  streamPrefixes?: string[];
  /** Exact event types. */
  eventTypes?: string[];
}

export interface SubscribeToAllOptions {
  /** Exclusive: the subscription starts after this position; undefined starts at the beginning. */
  fromPosition?: bigint;
  filter?: SubscriptionFilter;
}

/** A live `$all` subscription: iterate it, or take bursts with `nextBatch`; `return()` ends it at once. */
export interface EventSubscription extends AsyncIterableIterator<StoredEvent | CaughtUp> {
  /** Items already delivered (up to `max`), waiting for at least one; `[]` once the subscription ended. */
  nextBatch(max?: number): Promise<(StoredEvent | CaughtUp)[]>;
  /** Ends the subscription, also while a reader waits for events. */
  return(value?: unknown): Promise<IteratorResult<StoredEvent | CaughtUp>>;
}

/** The store as the rest of Shouwang sees it; only this package talks to `@eventstore/db-client`. */
export interface EventStore {
  readonly connectionString: string;
  append(stream: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult>;
  /** Events of one stream in order; `[]` when the stream does not exist. */
  readStream(stream: string, opts?: ReadStreamOptions): Promise<StoredEvent[]>;
  /** Events of `$all` (system streams left out). */
  readAll(opts?: ReadAllOptions): AsyncIterable<StoredEvent>;
  subscribeToAll(opts: SubscribeToAllOptions): EventSubscription;
  close(): Promise<void>;
}
