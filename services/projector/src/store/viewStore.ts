import type Database from 'better-sqlite3';
import { upcast } from '@shouwang/domain';
import type { Projection, ProjectedEvent, ViewChange, ViewLookup } from '../projection/types.js';

export interface Checkpoint {
  /** Position of the last event applied; undefined before the first. */
  position: bigint | undefined;
  /** Number of events applied so far. */
  events: number;
}

/** What one committed batch changed, as announced to live subscribers. */
export interface BatchCommitted {
  position: bigint;
  events: number;
  /** view name -> districts whose rows changed */
  changed: Map<string, Set<string>>;
}

/**
 * Applies projections to the SQLite views. Each batch of events, the rows it changes, their
 * history and the checkpoint are written in ONE transaction: after a crash either all of a batch
 * is there with its checkpoint, or none of it is, so an event is never applied twice nor skipped.
 */
export class ViewStore {
  private readonly stmts;
  readonly read: ViewLookup;

  constructor(
    readonly db: Database.Database,
    private readonly projections: readonly Projection[],
    private readonly name = 'views',
  ) {
    const byType = new Map<string, Projection[]>();
    for (const p of projections) for (const t of p.eventTypes) byType.set(t, [...(byType.get(t) ?? []), p]);
    this.byType = byType;
    this.stmts = {
      get: db.prepare('SELECT doc, pos FROM view_rows WHERE view = ? AND key = ?').safeIntegers(true),
      upsert: db.prepare(`INSERT INTO view_rows (view, key, district, t, subject, pos, doc) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (view, key) DO UPDATE SET district = excluded.district, t = excluded.t, subject = excluded.subject,
        pos = excluded.pos, doc = excluded.doc`),
      remove: db.prepare('DELETE FROM view_rows WHERE view = ? AND key = ?'),
      closeVersion: db.prepare('UPDATE view_history SET to_pos = ? WHERE view = ? AND key = ? AND from_pos = ?'),
      addVersion: db.prepare(`INSERT INTO view_history (view, key, district, t, subject, from_pos, to_pos, doc)
        VALUES (?, ?, ?, ?, ?, ?, NULL, ?)
        ON CONFLICT (view, key, from_pos) DO UPDATE SET district = excluded.district, t = excluded.t,
        subject = excluded.subject, doc = excluded.doc`),
      addPosition: db.prepare('INSERT INTO event_positions (position, created_ms) VALUES (?, ?)'),
      readCheckpoint: db.prepare('SELECT position, events FROM checkpoint WHERE name = ?').safeIntegers(true),
      writeCheckpoint: db.prepare(`INSERT INTO checkpoint (name, position, events) VALUES (?, ?, ?)
        ON CONFLICT (name) DO UPDATE SET position = excluded.position, events = excluded.events`),
    };
    this.read = <Doc>(view: string, key: string) => {
      const row = this.stmts.get.get(view, key) as { doc: string } | undefined;
      return row ? (JSON.parse(row.doc) as Doc) : undefined;
    };
    this.applyBatchTx = db.transaction((events: readonly ProjectedEvent[]) => this.applyBatchInside(events));
  }

  private readonly byType: Map<string, Projection[]>;
  private readonly applyBatchTx: (events: readonly ProjectedEvent[]) => BatchCommitted | undefined;

  /** Event types some projection handles; the projector subscribes to these. */
  get eventTypes(): string[] {
    return [...this.byType.keys()];
  }

  checkpoint(): Checkpoint {
    const row = this.stmts.readCheckpoint.get(this.name) as { position: bigint; events: bigint } | undefined;
    return row ? { position: row.position, events: Number(row.events) } : { position: undefined, events: 0 };
  }

  /** Applies a batch and its checkpoint atomically; undefined when every event was already applied. */
  applyBatch(events: readonly ProjectedEvent[]): BatchCommitted | undefined {
    if (events.length === 0) return undefined;
    return this.applyBatchTx(events);
  }

  private applyBatchInside(events: readonly ProjectedEvent[]): BatchCommitted | undefined {
    const cp = this.checkpoint();
    let last = cp.position;
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
          this.write(change, event.position);
          let districts = changed.get(change.view);
          if (!districts) changed.set(change.view, (districts = new Set()));
          districts.add(change.districtId);
        }
      }
      this.stmts.addPosition.run(event.position, event.created.getTime());
      last = event.position;
      count += 1;
    }
    if (last === undefined || count === cp.events) return undefined;
    this.stmts.writeCheckpoint.run(this.name, last, count);
    return { position: last, events: count, changed };
  }

  private write(change: ViewChange, position: bigint): void {
    const { view, key, districtId } = change;
    const t = change.t ?? null;
    const subject = change.subject ?? null;
    const previous = this.stmts.get.get(view, key) as { pos: bigint } | undefined;
    if (previous && previous.pos !== position) this.stmts.closeVersion.run(position, view, key, previous.pos);
    if (change.doc === null) {
      if (!previous) return;
      this.stmts.remove.run(view, key);
      this.stmts.addVersion.run(view, key, districtId, t, subject, position, null);
      return;
    }
    const doc = JSON.stringify(change.doc);
    this.stmts.upsert.run(view, key, districtId, t, subject, position, doc);
    this.stmts.addVersion.run(view, key, districtId, t, subject, position, doc);
  }
}

function withCurrentData(event: ProjectedEvent): ProjectedEvent {
  const version = event.metadata.schemaVersion ?? 1;
  const data = upcast(event.type, version, event.data);
  return data === event.data ? event : { ...event, data };
}
