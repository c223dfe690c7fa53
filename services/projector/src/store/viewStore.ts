import type Database from 'better-sqlite3';
import { upcast } from '@shouwang/domain';
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

interface Version {
  pos: bigint;
  district: string;
  t: string | null;
  subject: string | null;
  json: string | null;
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
  versions: Version[];
}

/** Committed rows kept parsed between batches, at most (a district's counters are touched by most batches). */
const ROW_CACHE_SIZE = 20_000;

/**
 * Applies projections to the SQLite views. Each batch of events, the rows it changes, their
 * history and the checkpoint are written in ONE transaction: after a crash either all of a batch
 * is there with its checkpoint, or none of it is, so an event is never applied twice nor skipped.
 * Rows a batch touches are kept in memory during it, so a hot row (a district's counters) is
 * parsed once and written once per batch, with one history version per event that changed it.
 */
export class ViewStore {
  private readonly stmts;
  private readonly byType = new Map<string, Projection[]>();
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
    for (const p of projections) for (const t of p.eventTypes) this.byType.set(t, [...(this.byType.get(t) ?? []), p]);
    this.stmts = {
      get: db.prepare('SELECT doc, hist FROM view_rows WHERE view = ? AND key = ?').safeIntegers(true),
      upsert: db.prepare(`INSERT INTO view_rows (view, key, district, t, subject, pos, hist, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (view, key) DO UPDATE SET district = excluded.district, t = excluded.t, subject = excluded.subject,
        pos = excluded.pos, hist = excluded.hist, doc = excluded.doc`),
      remove: db.prepare('DELETE FROM view_rows WHERE view = ? AND key = ?'),
      closeVersion: db.prepare('UPDATE view_history SET to_pos = ? WHERE id = ?'),
      addVersion: db.prepare(`INSERT INTO view_history (view, key, district, t, subject, from_pos, to_pos, doc)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      addPosition: db.prepare('INSERT INTO event_positions (position, created_ms) VALUES (?, ?)'),
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
    return [...this.byType.keys()];
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
      entry = { view, key, doc: row.doc, baseHist: row.hist, versions: [] };
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
      const interested = this.byType.get(event.type);
      // older versions are brought up to today's shape before any projection sees them
      const current = interested ? withCurrentData(event) : event;
      for (const p of interested ?? []) {
        for (const change of p.project(current, this.read)) {
          if (!this.stage(change, event.position)) continue;
          let districts = changed.get(change.view);
          if (!districts) changed.set(change.view, (districts = new Set()));
          districts.add(change.districtId);
        }
      }
      lastMs = event.created.getTime();
      this.stmts.addPosition.run(event.position, lastMs);
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
    const version: Version = {
      pos: position,
      district: change.districtId,
      t: change.t ?? null,
      subject: change.subject ?? null,
      json: change.doc === null ? null : JSON.stringify(change.doc),
    };
    const lastVersion = entry.versions.at(-1);
    // several changes of one row by one event make one version
    if (lastVersion?.pos === position) entry.versions[entry.versions.length - 1] = version;
    else entry.versions.push(version);
    entry.doc = change.doc === null ? undefined : change.doc;
    return true;
  }

  private writeBack(): void {
    const s = this.stmts;
    for (const [id, e] of this.touched) {
      const n = e.versions.length;
      if (n === 0) continue;
      if (e.baseHist !== undefined) s.closeVersion.run(e.versions[0]!.pos, e.baseHist);
      let hist = 0n;
      for (let i = 0; i < n; i++) {
        const v = e.versions[i]!;
        hist = BigInt(s.addVersion.run(e.view, e.key, v.district, v.t, v.subject, v.pos, e.versions[i + 1]?.pos ?? null, v.json).lastInsertRowid);
      }
      const final = e.versions[n - 1]!;
      if (final.json === null) s.remove.run(e.view, e.key);
      else s.upsert.run(e.view, e.key, final.district, final.t, final.subject, final.pos, hist, final.json);
      // as a read of view_rows would find it after the commit: a removed row is absent, with no
      // version to close (applyBatch empties the cache again if the transaction rolls back)
      this.remember(id, final.json === null ? { doc: undefined, hist: undefined } : { doc: e.doc, hist });
    }
  }
}

function withCurrentData(event: ProjectedEvent): ProjectedEvent {
  const version = event.metadata.schemaVersion ?? 1;
  const data = upcast(event.type, version, event.data);
  return data === event.data ? event : { ...event, data };
}
