import type Database from 'better-sqlite3';
import { ProjectionSet } from '../projection/projectionSet.js';
import type { ProjectedEvent } from '../projection/types.js';
import { projections } from '../views/index.js';
import { historicReader, liveReader, type ViewReader } from '../store/viewReader.js';
import { tailReader } from './tailReader.js';
import type { EventsBetween } from './eventsBetween.js';

export class AtError extends Error {
  constructor(
    readonly code: 'SW_ERR_AT_INVALID' | 'SW_ERR_AT_NOT_YET_PROJECTED' | 'SW_ERR_STORE_UNAVAILABLE',
    readonly status: 400 | 409 | 503,
    message: string,
    options?: { cause: unknown },
  ) {
    super(message, options);
  }
}

export interface ReaderAt {
  reader: ViewReader;
  /** The moment the answer stands at: now, the `?at` time, or the store time of the `?at` position. */
  now: Date;
}

/** The end of a batch: the history is exact there. */
interface BatchEnd {
  position: bigint;
  ms: number;
}

const allProjections = new ProjectionSet(projections);

/**
 * A reader for `?at=<position>` (the view right after that event) or `?at=<ISO time>` (the view
 * after the last event the store had committed by then), or the live views when `at` is absent.
 * The row history is exact at every batch end; a moment inside a batch starts from the batch end
 * before it and projects the events from there up to the moment again, read through `events`
 * (at most one batch of them).
 */
export async function readerAt(
  db: Database.Database,
  checkpoint: bigint | undefined,
  at: string | undefined,
  events: EventsBetween,
  now = new Date(),
): Promise<ReaderAt> {
  if (at === undefined) return { reader: liveReader(db, checkpoint), now };
  const ends = batchEnds(db);
  if (/^\d{1,20}$/.test(at)) {
    const position = BigInt(at);
    if (checkpoint === undefined || position > checkpoint)
      throw new AtError('SW_ERR_AT_NOT_YET_PROJECTED', 409, `position ${at} is beyond what the views have applied`);
    const end = ends.endingAtOrAfter(position);
    if (end?.position === position) return { reader: historicReader(db, position), now: new Date(end.ms) };
    const start = ends.before(position);
    const tail = await batchEvents(events, start?.position, position);
    return { reader: atMoment(db, start, tail, position), now: new Date(tail.at(-1)?.created.getTime() ?? start?.ms ?? 0) };
  }
  const ms = Date.parse(at);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(at) || Number.isNaN(ms))
    throw new AtError('SW_ERR_AT_INVALID', 400, 'at must be a commit position (digits) or an ISO-8601 date-time');
  // store times grow with positions: the first batch that ends after the time holds the answer
  const crossing = ends.endingAfterTime(ms);
  if (!crossing) return { reader: historicReader(db, checkpoint ?? -1n), now: new Date(ms) };
  const start = ends.before(crossing.position);
  const batch = await batchEvents(events, start?.position, crossing.position);
  const cut = batch.findIndex((e) => e.created.getTime() > ms);
  const tail = cut < 0 ? batch : batch.slice(0, cut);
  // before the first event every view is empty: -1 precedes every position
  return { reader: atMoment(db, start, tail, tail.at(-1)?.position ?? start?.position ?? -1n), now: new Date(ms) };
}

/** A batch's events read again; a store that cannot be read now is the client's to retry (503). */
async function batchEvents(events: EventsBetween, after: bigint | undefined, through: bigint): Promise<readonly ProjectedEvent[]> {
  try {
    return await events(after, through);
  } catch (err) {
    throw new AtError('SW_ERR_STORE_UNAVAILABLE', 503, 'this moment lies inside a batch, whose events could not be read from the event store; try again', { cause: err });
  }
}

function atMoment(db: Database.Database, start: BatchEnd | undefined, tail: readonly ProjectedEvent[], position: bigint): ViewReader {
  const base = start?.position ?? -1n;
  // no event of the batch by then: the views as the previous batch left them
  if (tail.length === 0) return { ...historicReader(db, base), position };
  return tailReader(db, base, tail, allProjections, position);
}

function batchEnds(db: Database.Database) {
  const one = (sql: string, ...p: unknown[]): BatchEnd | undefined => {
    const row = db.prepare(sql).safeIntegers(true).get(...p) as { position: bigint; ms: bigint } | undefined;
    return row && { position: row.position, ms: Number(row.ms) };
  };
  return {
    endingAtOrAfter: (position: bigint) =>
      one('SELECT position, created_ms AS ms FROM time_marks WHERE position >= ? ORDER BY position LIMIT 1', position),
    before: (position: bigint) => one('SELECT position, created_ms AS ms FROM time_marks WHERE position < ? ORDER BY position DESC LIMIT 1', position),
    endingAfterTime: (ms: number) =>
      one('SELECT position, created_ms AS ms FROM time_marks WHERE created_ms > ? ORDER BY created_ms, position LIMIT 1', ms),
  };
}
