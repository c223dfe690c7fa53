import { ProjectionSet } from './projectionSet.js';
import type { Projection, ProjectedEvent, ViewChange, ViewLookup, ViewRow } from './types.js';

/**
 * Views held in a Map: runs projections without SQL, for unit tests and as the reference a
 * SQLite view is compared with.
 */
export class MemoryViews {
  readonly rows = new Map<string, ViewRow>();

  read: ViewLookup = <Doc>(view: string, key: string) => this.rows.get(`${view}\u0000${key}`)?.doc as Doc | undefined;

  apply(change: ViewChange): void {
    const id = `${change.view}\u0000${change.key}`;
    if (change.doc === null) this.rows.delete(id);
    else this.rows.set(id, { ...change, t: change.t ?? null, subject: change.subject ?? null, doc: change.doc });
  }

  /** Runs the projections over an event as the view store does (upcasting included); returns its changes. */
  project(projections: readonly Projection[], event: ProjectedEvent): ViewChange[] {
    const all: ViewChange[] = [];
    new ProjectionSet(projections).project(event, this.read, (change) => {
      this.apply(change);
      all.push(change);
    });
    return all;
  }

  list(view: string): ViewRow[] {
    return [...this.rows.values()].filter((r) => r.view === view);
  }
}
