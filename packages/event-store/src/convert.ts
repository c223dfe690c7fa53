import type { ResolvedEvent } from '@eventstore/db-client';
import type { EventMetadata, StoredEvent } from './types.js';

/** Turns the client's resolved event into ours; undefined for events without a recorded event (unresolved links). */
export function toStoredEvent(resolved: ResolvedEvent): StoredEvent | undefined {
  const e = resolved.event;
  if (!e) return undefined;
  const position = e.position?.commit ?? resolved.commitPosition;
  return {
    id: e.id,
    type: e.type,
    data: e.data,
    metadata: e.metadata as unknown as EventMetadata,
    stream: e.streamId,
    revision: e.revision,
    position: position ?? -1n,
    created: e.created,
  };
}
