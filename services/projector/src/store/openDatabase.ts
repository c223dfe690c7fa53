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
export function openDatabase(file: string, opts: { readonly?: boolean; deferIndexes?: boolean } = {}): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  // first, so that two connections opening the file at once wait for each other
  db.pragma('busy_timeout = 5000');
  if (!opts.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  if (!opts.readonly) {
    migrate(db);
    if (!opts.deferIndexes) createIndexes(db);
  }
  return db;
}

/**
 * The secondary indexes of the views: they serve queries (by district, by subject, `?at`), never
 * the projection itself, which reads and writes rows by primary key only. A catch-up may leave
 * them out while far behind (every row written then costs one b-tree insert instead of three) and
 * call this once caught up; queries are exact without them, only slower. CREATE INDEX runs in its
 * own transaction: a kill during it leaves the index absent, and the next catch-up creates it.
 */
export function createIndexes(db: Database.Database): void {
  db.exec(`
    CREATE INDEX IF NOT EXISTS view_rows_district ON view_rows (view, district, t);
    CREATE INDEX IF NOT EXISTS view_rows_subject ON view_rows (view, subject) WHERE subject IS NOT NULL;
    CREATE INDEX IF NOT EXISTS view_rows_period ON view_rows (view, t, subject) WHERE t IS NOT NULL;
    CREATE INDEX IF NOT EXISTS view_history_key ON view_history (view, key, from_pos);
    -- to_pos, t and subject in the index: versions closed before the position and rows outside a
    -- period are skipped, and distinct subjects counted, without reading the table
    CREATE INDEX IF NOT EXISTS view_history_district_at ON view_history (view, district, from_pos, to_pos, t, subject);
    CREATE INDEX IF NOT EXISTS view_history_subject ON view_history (view, subject) WHERE subject IS NOT NULL;
    -- the same for the whole city over a period (no district to narrow by)
    CREATE INDEX IF NOT EXISTS view_history_period_at ON view_history (view, t, from_pos, to_pos, subject) WHERE t IS NOT NULL;
  `);
}

/** Names of the secondary indexes that exist (tests, status). */
export function existingIndexes(db: Database.Database): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all() as { name: string }[]
  ).map((r) => r.name);
}

/** Whether the file holds views in the layout before the append-only history (no view_history.id). */
function olderLayout(db: Database.Database): boolean {
  const cols = (table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
  const history = cols('view_history');
  return history.length > 0 && (!history.includes('id') || !cols('view_rows').includes('hist'));
}

function migrate(db: Database.Database): void {
  // views are derived data: a file in an older layout is emptied, checkpoint included, and the
  // projector projects every event again from the store (one transaction: all or nothing)
  if (olderLayout(db))
    db.transaction(() =>
      db.exec(`
        DROP TABLE IF EXISTS view_rows; DROP TABLE IF EXISTS view_history; DROP TABLE IF EXISTS event_positions;
        DROP TABLE IF EXISTS time_marks; DROP TABLE IF EXISTS checkpoint;
      `),
    )();
  db.exec(`
    CREATE TABLE IF NOT EXISTS checkpoint (
      name TEXT PRIMARY KEY,
      position INTEGER NOT NULL,
      events INTEGER NOT NULL
    );
    -- current rows of every view; hist is the id of the row's latest version in view_history
    CREATE TABLE IF NOT EXISTS view_rows (
      view TEXT NOT NULL,
      key TEXT NOT NULL,
      district TEXT NOT NULL,
      t TEXT,
      subject TEXT,
      pos INTEGER NOT NULL,
      hist INTEGER NOT NULL,
      doc TEXT NOT NULL,
      PRIMARY KEY (view, key)
    ) WITHOUT ROWID;
    -- versions of every row, valid for positions [from_pos, to_pos); doc NULL marks a removal.
    -- One version per row per batch that changed it: exact at every batch end (time_marks); a
    -- moment inside a batch is answered by projecting the batch's events again (audit/at.ts).
    -- Append-only in id order (a new version is written at the end of the table; closing the
    -- previous one updates it by id), so the projector needs no index of its own here.
    CREATE TABLE IF NOT EXISTS view_history (
      id INTEGER PRIMARY KEY,
      view TEXT NOT NULL,
      key TEXT NOT NULL,
      district TEXT NOT NULL,
      t TEXT,
      subject TEXT,
      from_pos INTEGER NOT NULL,
      to_pos INTEGER,
      doc TEXT
    );
    -- the last event of every batch with its store time: the moments the history is exact at,
    -- and where "?at=<time>" looks for the batch the time falls in
    CREATE TABLE IF NOT EXISTS time_marks (
      position INTEGER PRIMARY KEY,
      created_ms INTEGER NOT NULL
    );
    -- one row per event, written by earlier versions; nothing reads it any more
    DROP TABLE IF EXISTS event_positions;
    CREATE INDEX IF NOT EXISTS time_marks_time ON time_marks (created_ms);
  `);
}
