import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Opens (and creates) the views database. WAL lets HTTP readers run beside the projector's writer.
 * synchronous=NORMAL: in WAL mode a commit is still atomic and survives a process crash (kill -9);
 * only a power loss may drop the last commits, and then rows and checkpoint drop together, so the
 * events are projected again from the store: the views stay exact. FULL would add an fsync per
 * batch, which on this disk made catch-up several times slower (docs/views.md).
 */
export function openDatabase(file: string, opts: { readonly?: boolean } = {}): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  // first, so that two connections opening the file at once wait for each other
  db.pragma('busy_timeout = 5000');
  if (!opts.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  if (!opts.readonly) migrate(db);
  return db;
}

function migrate(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS checkpoint (
      name TEXT PRIMARY KEY,
      position INTEGER NOT NULL,
      events INTEGER NOT NULL
    );
    -- current rows of every view
    CREATE TABLE IF NOT EXISTS view_rows (
      view TEXT NOT NULL,
      key TEXT NOT NULL,
      district TEXT NOT NULL,
      t TEXT,
      subject TEXT,
      pos INTEGER NOT NULL,
      doc TEXT NOT NULL,
      PRIMARY KEY (view, key)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS view_rows_district ON view_rows (view, district, t);
    CREATE INDEX IF NOT EXISTS view_rows_subject ON view_rows (view, subject) WHERE subject IS NOT NULL;
    -- every version of every row, valid for positions [from_pos, to_pos); doc NULL marks a removal
    CREATE TABLE IF NOT EXISTS view_history (
      view TEXT NOT NULL,
      key TEXT NOT NULL,
      district TEXT NOT NULL,
      t TEXT,
      subject TEXT,
      from_pos INTEGER NOT NULL,
      to_pos INTEGER,
      doc TEXT,
      PRIMARY KEY (view, key, from_pos)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS view_history_district ON view_history (view, district, from_pos);
    CREATE INDEX IF NOT EXISTS view_history_subject ON view_history (view, subject) WHERE subject IS NOT NULL;
    -- the position and store time of every projected event, to turn "?at=<time>" into a position
    CREATE TABLE IF NOT EXISTS event_positions (
      position INTEGER PRIMARY KEY,
      created_ms INTEGER NOT NULL
    );
    -- the last event of every batch with its time: finds the batch a time falls in without an
    -- index on every event's time (one row per batch, not per event)
    CREATE TABLE IF NOT EXISTS time_marks (
      position INTEGER PRIMARY KEY,
      created_ms INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS time_marks_time ON time_marks (created_ms);
  `);
}
