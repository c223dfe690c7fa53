import type Database from 'better-sqlite3';
import type { ProjectionSet } from '../projection/projectionSet.js';
import type { ProjectedEvent, ViewLookup } from '../projection/types.js';
import { historicReader, historicRows, type RowFilter, type ViewReader } from '../store/viewReader.js';

/** A row as the tail left it: its content and index columns, or null when the tail removed it. */
type TailRow = { districtId: string; t: string | null; subject: string | null; doc: unknown } | null;

interface ListedRow {
  key: string;
  subject: string | null;
  doc: unknown;
}

function matches(row: NonNullable<TailRow>, filter: RowFilter): boolean {
  // as SQL compares them: a row without `t` matches no bound on `t`
  if (filter.districtId !== undefined && row.districtId !== filter.districtId) return false;
  if (filter.subject !== undefined && row.subject !== filter.subject) return false;
  if (filter.tFrom !== undefined && (row.t === null || row.t < filter.tFrom)) return false;
  if (filter.tTo !== undefined && (row.t === null || row.t >= filter.tTo)) return false;
  return true;
}

/** Sorted as SQLite's `ORDER BY key` sorts them: by the bytes of their UTF-8. */
function byKey(rows: ListedRow[]): ListedRow[] {
  const keyed = rows.map((row) => ({ row, bytes: Buffer.from(row.key, 'utf8') }));
  keyed.sort((a, b) => Buffer.compare(a.bytes, b.bytes));
  return keyed.map((k) => k.row);
}

/**
 * The views at a moment inside a batch: the row history at the batch end before it (`base`, -1
 * before the first batch), with the events from there up to the moment projected again, in
 * memory, on top. Exact: projections are pure, so the same events over the same rows make the
 * same changes they made when the batch was applied.
 */
export function tailReader(
  db: Database.Database,
  base: bigint,
  tail: readonly ProjectedEvent[],
  projections: ProjectionSet,
  position: bigint,
): ViewReader {
  const below = historicReader(db, base);
  // view -> key -> the row after the tail, for rows the tail changed
  const changed = new Map<string, Map<string, TailRow>>();
  // rows of the history the projections read, parsed once
  const fromBase = new Map<string, unknown>();
  const read: ViewLookup = <Doc>(view: string, key: string) => {
    const mine = changed.get(view);
    if (mine?.has(key)) return (mine.get(key)?.doc ?? undefined) as Doc | undefined;
    const id = `${view}\u0000${key}`;
    if (!fromBase.has(id)) fromBase.set(id, below.get(view, key));
    return fromBase.get(id) as Doc | undefined;
  };
  for (const event of tail)
    projections.project(event, read, (c) => {
      let rows = changed.get(c.view);
      if (!rows) changed.set(c.view, (rows = new Map()));
      rows.set(c.key, c.doc === null ? null : { districtId: c.districtId, t: c.t ?? null, subject: c.subject ?? null, doc: c.doc });
    });

  /** The matching rows of a view the tail changed: the history's, replaced or removed by the tail's. */
  const merged = (view: string, mine: Map<string, TailRow>, filter: RowFilter, withDoc: boolean): ListedRow[] => {
    const rows: ListedRow[] = [];
    for (const r of historicRows(db, base, view, filter, withDoc))
      if (!mine.has(r.key)) rows.push({ key: r.key, subject: r.subject, doc: withDoc ? JSON.parse(r.doc!) : undefined });
    for (const [key, row] of mine) if (row && matches(row, filter)) rows.push({ key, subject: row.subject, doc: row.doc });
    return rows;
  };
  return {
    position,
    get: read,
    list<Doc>(view: string, filter: RowFilter = {}) {
      const mine = changed.get(view);
      if (!mine) return below.list<Doc>(view, filter);
      return byKey(merged(view, mine, filter, true)).map((r) => r.doc as Doc);
    },
    countDistinctSubjects(view: string, filter: RowFilter = {}) {
      const mine = changed.get(view);
      if (!mine) return below.countDistinctSubjects(view, filter);
      return new Set(merged(view, mine, filter, false).flatMap((r) => (r.subject === null ? [] : [r.subject]))).size;
    },
  };
}
