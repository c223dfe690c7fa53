import type { UUID, StreamIdentifier } from '@eventstore/db-client/generated/shared_pb.js';
import type { StoredRecord } from '../store/record.js';
import type { ExpectedRevision } from '../store/streamState.js';
import { sharedPb, streamsPb } from './proto.js';
import { invalidArgument } from './errors.js';

const { ReadResp } = streamsPb;

export function streamNameOf(identifier: StreamIdentifier | undefined): string {
  if (!identifier) throw invalidArgument('stream identifier is required');
  const name = Buffer.from(identifier.getStreamName_asU8()).toString('utf8');
  if (name.length === 0) throw invalidArgument('stream name must not be empty');
  return name;
}

export function streamIdentifier(name: string): StreamIdentifier {
  const id = new sharedPb.StreamIdentifier();
  id.setStreamName(Buffer.from(name, 'utf8'));
  return id;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A proposed event's id, as a lower-case UUID string; structured UUIDs are accepted too. */
export function uuidOf(uuid: UUID | undefined): string {
  if (!uuid) throw invalidArgument('event id is required');
  if (uuid.getValueCase() === sharedPb.UUID.ValueCase.STRUCTURED) {
    const s = uuid.getStructured()!;
    const hex = (v: string) => BigInt.asUintN(64, BigInt(v)).toString(16).padStart(16, '0');
    const h = hex(s.getMostSignificantBits()) + hex(s.getLeastSignificantBits());
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  const text = uuid.getString();
  if (!UUID_PATTERN.test(text)) throw invalidArgument('event id must be a UUID');
  return text.toLowerCase();
}

export function uuid(text: string): UUID {
  const u = new sharedPb.UUID();
  u.setString(text);
  return u;
}

/** Revisions and positions travel as decimal uint64 strings; ours fit in a double. */
export function uint64(text: string, field: string): number {
  if (!/^\d+$/.test(text)) throw invalidArgument(`${field} must be an unsigned integer`);
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : Number.MAX_SAFE_INTEGER;
}

export function expectedFrom(kind: 'any' | 'no_stream' | 'stream_exists' | 'exact' | undefined, revision: string): ExpectedRevision {
  switch (kind) {
    case 'any':
      return { kind: 'any' };
    case 'no_stream':
      return { kind: 'no_stream' };
    case 'stream_exists':
      return { kind: 'stream_exists' };
    case 'exact':
      return { kind: 'exact', revision: uint64(revision, 'expected revision') };
    default:
      throw invalidArgument('expected stream revision is required');
  }
}

/** The `expected-version` trailer of a failed delete: the revision, or -1 no stream, -2 any, -4 stream exists. */
export function expectedVersionNumber(e: ExpectedRevision): string {
  switch (e.kind) {
    case 'any':
      return '-2';
    case 'no_stream':
      return '-1';
    case 'stream_exists':
      return '-4';
    case 'exact':
      return String(e.revision);
  }
}

/** The ReadResp carrying one recorded event, with every field the client needs. */
export function eventResponse(r: StoredRecord) {
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  recorded.setId(uuid(r.id));
  recorded.setStreamIdentifier(streamIdentifier(r.stream));
  const position = String(r.position);
  recorded.setStreamRevision(String(r.revision));
  recorded.setPreparePosition(position);
  recorded.setCommitPosition(position);
  const meta = recorded.getMetadataMap();
  meta.set('type', r.type);
  meta.set('content-type', r.isJson ? 'application/json' : 'application/octet-stream');
  meta.set('created', r.created);
  recorded.setCustomMetadata(r.metadata);
  recorded.setData(r.data);
  const event = new ReadResp.ReadEvent();
  event.setEvent(recorded);
  event.setCommitPosition(position);
  const resp = new ReadResp();
  resp.setEvent(event);
  return resp;
}
