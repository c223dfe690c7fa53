import { headers as natsHeaders, type MsgHdrs } from 'nats';
import type { StoredEvent } from '@shouwang/event-store';

/** Header carrying the event's `$all` commit position; the relay resumes from the stream's last one. */
export const POSITION_HEADER = 'Shouwang-Position';
export const CE_SOURCE = 'urn:shouwang:event-store';

/** The body: the event as stored (data and metadata untouched), positions as decimal strings. */
export interface EventMessageBody {
  id: string;
  type: string;
  stream: string;
  revision: string;
  position: string;
  created: string;
  data: unknown;
  metadata: unknown;
}

export function encodeBody(event: StoredEvent): Uint8Array {
  const body: EventMessageBody = {
    id: event.id,
    type: event.type,
    stream: event.stream,
    revision: event.revision.toString(),
    position: event.position.toString(),
    created: event.created.toISOString(),
    data: event.data,
    metadata: event.metadata,
  };
  return Buffer.from(JSON.stringify(body));
}

/**
 * CloudEvents' `ce-` headers as in the NATS binding's binary mode, plus our routing headers. Unlike
 * that mode, the body is the whole stored event (`encodeBody`), not only its `data`.
 * Only ids, types, positions and versions: nothing personal.
 */
export function eventHeaders(event: StoredEvent): MsgHdrs {
  const h = natsHeaders();
  const m = event.metadata;
  h.set('ce-specversion', '1.0');
  h.set('ce-id', event.id);
  h.set('ce-source', CE_SOURCE);
  h.set('ce-type', event.type);
  h.set('ce-time', typeof m?.occurredAt === 'string' ? m.occurredAt : event.created.toISOString());
  h.set('ce-subject', event.stream);
  h.set('ce-datacontenttype', 'application/json');
  h.set('Shouwang-Stream', event.stream);
  h.set('Shouwang-Revision', event.revision.toString());
  h.set(POSITION_HEADER, event.position.toString());
  if (typeof m?.correlationId === 'string') h.set('Shouwang-Correlation-Id', m.correlationId);
  if (m?.schemaVersion !== undefined) h.set('Shouwang-Schema-Version', String(m.schemaVersion));
  return h;
}
