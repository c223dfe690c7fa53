import { personalFields } from '@shouwang/domain';
import type { ProjectedEvent } from '../projection/types.js';

/** The part of the event store the audit trail reads. */
export interface StreamReader {
  readStream(stream: string): Promise<ProjectedEvent[]>;
}

export interface HistoryEntry {
  position: string;
  revision: string;
  type: string;
  eventId: string;
  recordedAt: string;
  occurredAt: string | null;
  actor: { role: string; id: string; districtId: string | null } | null;
  commandId: string | null;
  correlationId: string | null;
  causationId: string | null;
  reason: string | null;
  districtId: string | null;
  data: Record<string, unknown>;
}

const streamPattern = /^(volunteer|post|request|donation|team|mode|org)-[A-Za-z0-9_-]{1,64}$/;
export const isEntityStream = (s: string) => streamPattern.test(s);

/** Removes the fields `personalFields` names: the audit trail shows who acted and why, never who a resident is. */
function redact(type: string, data: unknown): Record<string, unknown> {
  const copy = { ...(data as Record<string, unknown>) };
  const fields = (personalFields as Record<string, readonly string[]>)[type] ?? [];
  for (const f of fields) if (f in copy) copy[f] = '[redacted]';
  return copy;
}

/** The full history of an entity (who did what, when and why), from its stream. */
export async function entityHistory(store: StreamReader, stream: string): Promise<HistoryEntry[]> {
  const events = await store.readStream(stream);
  return events.map((e) => {
    const m = e.metadata;
    const data = redact(e.type, e.data);
    const str = (v: unknown) => (typeof v === 'string' ? v : null);
    return {
      position: e.position.toString(),
      revision: e.revision.toString(),
      type: e.type,
      eventId: e.id,
      recordedAt: e.created.toISOString(),
      occurredAt: str(m.occurredAt),
      actor: m.actor ?? null,
      commandId: str(m.commandId),
      correlationId: str(m.correlationId),
      causationId: str(m.causationId),
      reason: str(data.reason),
      districtId: str(data.districtId),
      data,
    };
  });
}
