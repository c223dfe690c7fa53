import type Database from 'better-sqlite3';
import { ProjectionSet } from '../projection/projectionSet.js';
import type { Projection, ProjectedEvent, ViewChange, ViewLookup } from '../projection/types.js';

export interface Checkpoint {
  /** Position of the last event applied; undefined before the first. */
  position: bigint | undefined;
  /** Number of events applied so far. */
  events: number;
}

/** Reads the checkpoint of the views named `name` through any connection to their file. */
export function checkpointReader(db: Database.Database, name = 'views'): () => Checkpoint {
  const stmt = db.prepare('SELECT position, events FROM checkpoint WHERE name = ?').safeIntegers(true);
  return () => {
    const row = stmt.get(name) as { position: bigint; events: bigint } | undefined;
    return row ? { position: row.position, events: Number(row.events) } : { position: undefined, events: 0 };
  };
}

/** What one committed batch changed, as announced to live subscribers. */
export interface BatchCommitted {
  position: bigint;
  events: number;
  /** view name -> districts whose rows changed */
  changed: Map<string, Set<string>>;
}

/** The last change of a row in a batch: its position and the row's index columns after it. */
interface Version {
  pos: bigint;
  district: string;
  t: string | null;
  subject: string | null;
}

/** A row as committed: its parsed doc (undefined: absent) and the id of its latest version. */
interface CommittedRow {
  doc: unknown;
  hist: bigint | undefined;
}

/** A row touched in the current batch: read once, written back once at the end. */
interface Touched {
  view: string;
  key: string;
  doc: unknown;
  /** id in view_history of its latest version before this batch; undefined when it had none */
  baseHist: bigint | undefined;
  /** its content after the batch's last change; undefined while the batch has not changed it */
  latest: Version | undefined;
}

/** Committed rows kept parsed between batches, at most (a district's counters are touched by most batches). */
const ROW_CACHE_SIZE = 20_000;

/**
 * Applies projections to the SQLite views. Each batch of events, the rows it changes, their
 * history and the checkpoint are written in ONE transaction: after a crash either all of a batch
 * is there with its checkpoint, or none of it is, so an event is never applied twice nor skipped.
 * Rows a batch touches are kept in memory during it, so a hot row (a district's counters) is
 * parsed once and written once per batch. The history gets one version per changed row per batch:
 * it is exact at every batch end (`time_marks`), and a moment inside a batch is answered by
 * running the projections again over the batch's events up to it (`audit/at.ts`, docs/views.md).
 */
export class ViewStore {
  private readonly stmts;
  private readonly projections: ProjectionSet;
  private readonly applyBatchTx: (events: readonly ProjectedEvent[]) => BatchCommitted | undefined;
  private touched = new Map<string, Touched>();
  /**
   * Rows as last committed, least recently used first. Safe because this store is the views'
   * only writer; emptied after a rollback, when it may hold what SQLite does not.
   */
  private committed = new Map<string, CommittedRow>();
  readonly read: ViewLookup;

  constructor(
    readonly db: Database.Database,
    projections: readonly Projection[],
    private readonly name = 'views',
  ) {
    this.projections = new ProjectionSet(projections);
    this.stmts = {
      get: db.prepare('SELECT doc, hist FROM view_rows WHERE view = ? AND key = ?').safeIntegers(true),
      upsert: db.prepare(`INSERT INTO view_rows (view, key, district, t, subject, pos, hist, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (view, key) DO UPDATE SET district = excluded.district, t = excluded.t, subject = excluded.subject,
        pos = excluded.pos, hist = excluded.hist, doc = excluded.doc`),
      remove: db.prepare('DELETE FROM view_rows WHERE view = ? AND key = ?'),
      closeVersion: db.prepare('UPDATE view_history SET to_pos = ? WHERE id = ?'),
      addVersion: db.prepare(`INSERT INTO view_history (view, key, district, t, subject, from_pos, to_pos, doc)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      addTimeMark: db.prepare('INSERT INTO time_marks (position, created_ms) VALUES (?, ?)'),
      writeCheckpoint: db.prepare(`INSERT INTO checkpoint (name, position, events) VALUES (?, ?, ?)
        ON CONFLICT (name) DO UPDATE SET position = excluded.position, events = excluded.events`),
    };
    this.checkpoint = checkpointReader(db, name);
    this.read = <Doc>(view: string, key: string) => this.touch(view, key).doc as Doc | undefined;
    this.applyBatchTx = db.transaction((events: readonly ProjectedEvent[]) => this.applyBatchInside(events));
  }

  /** Event types some projection handles. */
  get eventTypes(): string[] {
    return this.projections.eventTypes;
  }

  /** The last committed batch's checkpoint. */
  readonly checkpoint: () => Checkpoint;

  /** Applies a batch and its checkpoint atomically; undefined when every event was already applied. */
  applyBatch(events: readonly ProjectedEvent[]): BatchCommitted | undefined {
    if (events.length === 0) return undefined;
    let committed: BatchCommitted | undefined;
    try {
      committed = this.applyBatchTx(events);
    } catch (err) {
      this.committed = new Map(); // after a rollback the cached rows are not what SQLite holds
      throw err;
    } finally {
      this.touched = new Map();
    }
    return committed;
  }

  private touch(view: string, key: string): Touched {
    const id = `${view}\u0000${key}`;
    let entry = this.touched.get(id);
    if (!entry) {
      const row = this.committed.get(id) ?? this.load(view, key);
      entry = { view, key, doc: row.doc, baseHist: row.hist, latest: undefined };
      this.touched.set(id, entry);
    }
    return entry;
  }

  private load(view: string, key: string): CommittedRow {
    const row = this.stmts.get.get(view, key) as { doc: string; hist: bigint } | undefined;
    return { doc: row ? JSON.parse(row.doc) : undefined, hist: row?.hist };
  }

  /** Keeps the rows of a committed batch for the next ones, most recent last. */
  private remember(id: string, row: CommittedRow): void {
    this.committed.delete(id);
    this.committed.set(id, row);
    if (this.committed.size > ROW_CACHE_SIZE) for (const oldest of this.committed.keys()) {
      this.committed.delete(oldest);
      if (this.committed.size <= ROW_CACHE_SIZE) break;
    }
  }

  private applyBatchInside(events: readonly ProjectedEvent[]): BatchCommitted | undefined {
    const cp = this.checkpoint();
    let last = cp.position;
    let lastMs = 0;
    let count = cp.events;
    const changed = new Map<string, Set<string>>();
    for (const event of events) {
      // a projection ignores an event it has already applied (subscriptions may redeliver)
      if (last !== undefined && event.position <= last) continue;
      this.projections.project(event, this.read, (change) => {
        if (!this.stage(change, event.position)) return;
        let districts = changed.get(change.view);
        if (!districts) changed.set(change.view, (districts = new Set()));
        districts.add(change.districtId);
      });
      lastMs = event.created.getTime();
      last = event.position;
      count += 1;
    }
    if (last === undefined || count === cp.events) return undefined;
    this.writeBack();
    this.stmts.addTimeMark.run(last, lastMs);
    this.stmts.writeCheckpoint.run(this.name, last, count);
    return { position: last, events: count, changed };
  }

  /** Records a change in the batch's rows; false when it changes nothing (removing an absent row). */
  private stage(change: ViewChange, position: bigint): boolean {
    const entry = this.touch(change.view, change.key);
    if (change.doc === null && entry.doc === undefined) return false;
    // serialised once, at the end of the batch: a hot row changes many times in one
    entry.latest = { pos: position, district: change.districtId, t: change.t ?? null, subject: change.subject ?? null };
    entry.doc = change.doc === null ? undefined : change.doc;
    return true;
  }

  private writeBack(): void {
    const s = this.stmts;
    for (const [id, e] of this.touched) {
      const v = e.latest;
      if (v === undefined) continue;
      const json = e.doc === undefined ? null : JSON.stringify(e.doc);
      // a row made and removed within the batch existed at no batch end: it leaves no trace
      if (json === null && e.baseHist === undefined) continue;
      // the previous version is valid up to this batch's change; the new one from it on
      if (e.baseHist !== undefined) s.closeVersion.run(v.pos, e.baseHist);
      // a removal has no time and no subject: it is never counted among a period's subjects
      const [t, subject] = json === null ? [null, null] : [v.t, v.subject];
      const hist = BigInt(s.addVersion.run(e.view, e.key, v.district, t, subject, v.pos, null, json).lastInsertRowid);
      if (json === null) s.remove.run(e.view, e.key);
      else s.upsert.run(e.view, e.key, v.district, v.t, v.subject, v.pos, hist, json);
      // as a read of view_rows would find it after the commit: a removed row is absent, with no
      // version to close (applyBatch empties the cache again if the transaction rolls back)
      this.remember(id, json === null ? { doc: undefined, hist: undefined } : { doc: e.doc, hist });
    }
  }
}
