import { upcast } from '@shouwang/domain';
import type { Projection, ProjectedEvent, ViewChange, ViewLookup } from './types.js';

/**
 * The projections, looked up by event type: what the view store runs for every event it applies,
 * and what a `?at` answer runs again over the events after the last batch end before the moment.
 */
export class ProjectionSet {
  private readonly byType = new Map<string, Projection[]>();

  constructor(projections: readonly Projection[]) {
    for (const p of projections) for (const t of p.eventTypes) this.byType.set(t, [...(this.byType.get(t) ?? []), p]);
  }

  /** Event types some projection handles. */
  get eventTypes(): string[] {
    return [...this.byType.keys()];
  }

  /**
   * Runs the projections interested in an event and hands each change to `apply` as it comes, so
   * a projection reads what an earlier one changed for the same event. Older event versions are
   * upcast to today's shape first.
   */
  project(event: ProjectedEvent, read: ViewLookup, apply: (change: ViewChange) => void): void {
    const interested = this.byType.get(event.type);
    if (!interested) return;
    const current = withCurrentData(event);
    for (const p of interested) for (const change of p.project(current, read)) apply(change);
  }
}

function withCurrentData(event: ProjectedEvent): ProjectedEvent {
  const version = event.metadata.schemaVersion ?? 1;
  const data = upcast(event.type, version, event.data);
  return data === event.data ? event : { ...event, data };
}
