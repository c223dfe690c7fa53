/**
 * The shape a projection sees: a stored event as `@shouwang/event-store` reads it. Declared
 * structurally so pure projections and their unit tests need no store.
 */
export interface ProjectedEvent {
  id: string;
  type: string;
  data: unknown;
  metadata: {
    commandId?: string;
    correlationId?: string;
    causationId?: string;
    occurredAt?: string;
    actor?: { role: string; id: string; districtId: string | null };
    /** version of `data`'s shape; older ones are upcast before projecting */
    schemaVersion?: number;
  };
  stream: string;
  revision: bigint;
  /** Commit position in `$all`; views are versioned by it. */
  position: bigint;
  created: Date;
}

/**
 * One row of a view (视图行). `districtId` scopes it; `t` (an ISO time) and `subject` (an id such as a
 * volunteer id) are optional indexed columns so period and per-person queries stay in SQL.
 */
export interface ViewRow<Doc = unknown> {
  view: string;
  key: string;
  districtId: string;
  t?: string | null;
  subject?: string | null;
  doc: Doc;
}

/** A change of a view: the row's new content, or `doc: null` to remove it. */
export type ViewChange = Omit<ViewRow, 'doc'> & { doc: unknown | null };

/**
 * Reads the current row of a view while an event is being projected. The doc returned is shared
 * (the view store keeps it for later events): a projection copies it before changing it.
 */
export type ViewLookup = <Doc = unknown>(view: string, key: string) => Doc | undefined;

/**
 * A projection (投影): a pure function from an event (and the rows it reads) to changes of views.
 * It touches no SQL; the view store applies what it returns.
 */
export interface Projection {
  name: string;
  /** Event types it reacts to; others are never passed in. */
  eventTypes: readonly string[];
  project(event: ProjectedEvent, read: ViewLookup): ViewChange[];
}
