import type Database from 'better-sqlite3';

export interface RowFilter {
  districtId?: string;
  subject?: string;
  /** inclusive lower bound on the row's time `t` */
  tFrom?: string;
  /** exclusive upper bound on the row's time `t` */
  tTo?: string;
}

/**
 * Read access to views, either as they are now or as they stood at a position. Queries are
 * written once against this and so answer live and audit requests alike.
 */
export interface ViewReader {
  /** The position the answer stands at (undefined: nothing projected yet). */
  readonly position: bigint | undefined;
  get<Doc>(view: string, key: string): Doc | undefined;
  list<Doc>(view: string, filter?: RowFilter): Doc[];
  /** Distinct `subject` values among matching rows, e.g. volunteers who served in a period. */
  countDistinctSubjects(view: string, filter?: RowFilter): number;
}

function where(filter: RowFilter, params: unknown[]): string {
  let sql = '';
  if (filter.districtId !== undefined) {
    sql += ' AND district = ?';
    params.push(filter.districtId);
  }
  if (filter.subject !== undefined) {
    sql += ' AND subject = ?';
    params.push(filter.subject);
  }
  if (filter.tFrom !== undefined) {
    sql += ' AND t >= ?';
    params.push(filter.tFrom);
  }
  if (filter.tTo !== undefined) {
    sql += ' AND t < ?';
    params.push(filter.tTo);
  }
  return sql;
}

const parse = <Doc>(rows: { doc: string }[]): Doc[] => rows.map((r) => JSON.parse(r.doc) as Doc);

/** The views as they are now. */
export function liveReader(db: Database.Database, position: bigint | undefined): ViewReader {
  return {
    position,
    get<Doc>(view: string, key: string) {
      const row = db.prepare('SELECT doc FROM view_rows WHERE view = ? AND key = ?').get(view, key) as
        | { doc: string }
        | undefined;
      return row ? (JSON.parse(row.doc) as Doc) : undefined;
    },
    list<Doc>(view: string, filter: RowFilter = {}) {
      const params: unknown[] = [view];
      const sql = `SELECT doc FROM view_rows WHERE view = ?${where(filter, params)} ORDER BY key`;
      return parse<Doc>(db.prepare(sql).all(...params) as { doc: string }[]);
    },
    countDistinctSubjects(view: string, filter: RowFilter = {}) {
      const params: unknown[] = [view];
      const sql = `SELECT COUNT(DISTINCT subject) AS n FROM view_rows WHERE view = ?${where(filter, params)}`;
      return (db.prepare(sql).get(...params) as { n: number }).n;
    },
  };
}

const validAt = ' AND from_pos <= ? AND (to_pos IS NULL OR to_pos > ?)';
// a removal (doc NULL) is valid as an absence; it has no subject, so counting subjects needs no
// look at `doc`, and the covering indexes answer the count alone
const valid = `${validAt} AND doc IS NOT NULL`;

/** A row of a view at a position, with its key and subject: what a tail replay lays its changes over. */
export interface HistoricRow {
  key: string;
  subject: string | null;
  /** the row's JSON, when asked for */
  doc?: string;
}

/** The rows of a view valid at `position` that match the filter, by key. */
export function historicRows(db: Database.Database, position: bigint, view: string, filter: RowFilter, withDoc: boolean): HistoricRow[] {
  const params: unknown[] = [view];
  const sql = `SELECT key, subject${withDoc ? ', doc' : ''} FROM view_history WHERE view = ?${where(filter, params)}${valid} ORDER BY key`;
  return db.prepare(sql).all(...params, position, position) as HistoricRow[];
}

/**
 * The views as they stood right after the event at `position` was applied, from the row history.
 * Exact at the end of every batch (`time_marks`); `readerAt` answers moments inside a batch.
 */
export function historicReader(db: Database.Database, position: bigint): ViewReader {
  // versions of one row never overlap: only the latest one from before the position can be
  // valid (one index seek, instead of checking every older version of a hot row). Prepared once:
  // a tail replay reads thousands of rows through it.
  const latestVersion = db
    .prepare('SELECT doc, to_pos FROM view_history WHERE view = ? AND key = ? AND from_pos <= ? ORDER BY from_pos DESC LIMIT 1')
    .safeIntegers(true);
  return {
    position,
    get<Doc>(view: string, key: string) {
      const row = latestVersion.get(view, key, position) as { doc: string | null; to_pos: bigint | null } | undefined;
      if (!row || row.doc === null || (row.to_pos !== null && row.to_pos <= position)) return undefined;
      return JSON.parse(row.doc) as Doc;
    },
    list<Doc>(view: string, filter: RowFilter = {}) {
      return historicRows(db, position, view, filter, true).map((r) => JSON.parse(r.doc!) as Doc);
    },
    countDistinctSubjects(view: string, filter: RowFilter = {}) {
      const params: unknown[] = [view];
      const sql = `SELECT COUNT(DISTINCT subject) AS n FROM view_history WHERE view = ?${where(filter, params)}${validAt}`;
      return (db.prepare(sql).get(...params, position, position) as { n: number }).n;
    },
  };
}
