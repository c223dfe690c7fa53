/** What the log knows of one stream. */
export interface StreamState {
  name: string;
  /** Number of the stream in the log's index. */
  id: number;
  /** Indices into the log's record list, in revision order (including not yet durable ones). */
  indices: number[];
  /** Revision of the last event written, -1 when none ever was. */
  lastRevision: number;
  /** Soft delete: events below this revision are hidden, and the stream reads as absent until written again. */
  truncateBefore: number;
  /** Tombstoned: gone for good; reads and writes answer "stream deleted". */
  tombstoned: boolean;
}

export function newStreamState(name: string, id: number): StreamState {
  return { name, id, indices: [], lastRevision: -1, truncateBefore: 0, tombstoned: false };
}

/** The stream has no visible event: never written, or soft-deleted and not written since. */
export function readsAsAbsent(s: StreamState | undefined): boolean {
  return !s || s.lastRevision < s.truncateBefore;
}

export type ExpectedRevision =
  | { kind: 'any' }
  | { kind: 'no_stream' }
  | { kind: 'stream_exists' }
  | { kind: 'exact'; revision: number };

/** EventStoreDB's optimistic concurrency check. */
export function expectationHolds(s: StreamState | undefined, expected: ExpectedRevision): boolean {
  switch (expected.kind) {
    case 'any':
      return true;
    case 'no_stream':
      return readsAsAbsent(s);
    case 'stream_exists':
      return !readsAsAbsent(s);
    case 'exact':
      return (s?.lastRevision ?? -1) === expected.revision && !readsAsAbsent(s);
  }
}

/** The revision to report back, or -1 for "no stream". */
export function currentRevisionOf(s: StreamState | undefined): number {
  return readsAsAbsent(s) ? -1 : s!.lastRevision;
}
