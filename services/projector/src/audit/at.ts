import type Database from 'better-sqlite3';
import { historicReader, liveReader, type ViewReader } from '../store/viewReader.js';

export class AtError extends Error {
  constructor(
    readonly code: 'SW_ERR_AT_INVALID' | 'SW_ERR_AT_NOT_YET_PROJECTED',
    readonly status: 400 | 409,
    message: string,
  ) {
    super(message);
  }
}

export interface ReaderAt {
  reader: ViewReader;
  /** The moment the answer stands at: now, the `?at` time, or the store time of the `?at` position. */
  now: Date;
}

/**
 * A reader for `?at=<position>` (the view right after that event) or `?at=<ISO time>` (the view
 * after the last event the store had committed by then), or the live views when `at` is absent.
 */
export function readerAt(db: Database.Database, checkpoint: bigint | undefined, at: string | undefined, now = new Date()): ReaderAt {
  if (at === undefined) return { reader: liveReader(db, checkpoint), now };
  if (/^\d{1,20}$/.test(at)) {
    const position = BigInt(at);
    if (checkpoint === undefined || position > checkpoint)
      throw new AtError('SW_ERR_AT_NOT_YET_PROJECTED', 409, `position ${at} is beyond what the views have applied`);
    const row = db
      .prepare('SELECT created_ms AS ms FROM event_positions WHERE position <= ? ORDER BY position DESC LIMIT 1')
      .get(position) as { ms: number } | undefined;
    return { reader: historicReader(db, position), now: new Date(row?.ms ?? 0) };
  }
  const ms = Date.parse(at);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(at) || Number.isNaN(ms))
    throw new AtError('SW_ERR_AT_INVALID', 400, 'at must be a commit position (digits) or an ISO-8601 date-time');
  const position = lastPositionAt(db, ms);
  // before the first event every view is empty: -1 precedes every position
  return { reader: historicReader(db, position ?? -1n), now: new Date(ms) };
}

/**
 * The last event the store had committed at `ms` (store times grow with positions): the first
 * batch that ends after `ms` holds the answer, or else the batch before it ends with it.
 */
export function lastPositionAt(db: Database.Database, ms: number): bigint | undefined {
  const one = <T>(sql: string, ...p: unknown[]) => db.prepare(sql).safeIntegers(true).get(...p) as T | undefined;
  const crossing = one<{ position: bigint }>('SELECT position FROM time_marks WHERE created_ms > ? ORDER BY created_ms, position LIMIT 1', ms);
  if (!crossing) return one<{ p: bigint | null }>('SELECT MAX(position) AS p FROM event_positions')?.p ?? undefined;
  const before = one<{ p: bigint | null }>('SELECT MAX(position) AS p FROM time_marks WHERE position < ?', crossing.position)?.p ?? -1n;
  const inBatch = one<{ position: bigint }>(
    'SELECT position FROM event_positions WHERE position > ? AND position <= ? AND created_ms <= ? ORDER BY position DESC LIMIT 1',
    before,
    crossing.position,
    ms,
  );
  if (inBatch) return inBatch.position;
  return before >= 0n ? before : undefined;
}
