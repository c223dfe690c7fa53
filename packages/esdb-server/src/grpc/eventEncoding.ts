import type { StoredRecord } from '../store/record.js';

/**
 * Encodes the ReadResp that carries one recorded event straight into bytes (protobuf wire
 * format: ReadResp.event → ReadEvent{event, commit_position} → RecordedEvent{id, stream
 * identifier, revision, prepare and commit position, metadata map, custom metadata, data}).
 * Building google-protobuf objects per event costs several times more, and readAll and
 * catch-up subscriptions do nothing else; `eventResponse` in convert.ts is the reference this
 * must match byte for byte (tested).
 */
export function encodeEventResponse(r: StoredRecord): Buffer {
  const position = r.position;
  const contentType = r.isJson ? 'application/json' : 'application/octet-stream';
  const idLen = Buffer.byteLength(r.id);
  const streamLen = Buffer.byteLength(r.stream);
  const typeLen = Buffer.byteLength(r.type);

  const uuidLen = 1 + varintSize(idLen) + idLen;
  const streamIdLen = 1 + varintSize(streamLen) + streamLen;
  const entry = (k: number, v: number) => 1 + varintSize(k) + k + 1 + varintSize(v) + v;
  const typeEntry = entry(4, typeLen);
  const contentEntry = entry(12, contentType.length);
  const createdEntry = entry(7, r.created.length);
  const recordedLen =
    1 + varintSize(uuidLen) + uuidLen +
    1 + varintSize(streamIdLen) + streamIdLen +
    (r.revision > 0 ? 1 + varintSize(r.revision) : 0) +
    1 + varintSize(position) +
    1 + varintSize(position) +
    1 + varintSize(typeEntry) + typeEntry +
    1 + varintSize(contentEntry) + contentEntry +
    1 + varintSize(createdEntry) + createdEntry +
    (r.metadata.length > 0 ? 1 + varintSize(r.metadata.length) + r.metadata.length : 0) +
    (r.data.length > 0 ? 1 + varintSize(r.data.length) + r.data.length : 0);
  const readEventLen = 1 + varintSize(recordedLen) + recordedLen + 1 + varintSize(position);
  const total = 1 + varintSize(readEventLen) + readEventLen;

  const b = Buffer.allocUnsafe(total);
  let o = 0;
  const tag = (t: number) => (b[o++] = t);
  const varint = (n: number) => {
    while (n >= 0x80) {
      b[o++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    b[o++] = n;
  };
  const str = (s: string, len: number) => {
    varint(len);
    o += b.write(s, o, len, 'utf8');
  };
  const bytes = (u: Uint8Array) => {
    varint(u.length);
    b.set(u, o);
    o += u.length;
  };
  const mapEntry = (key: string, value: string, len: number) => {
    tag(0x32);
    varint(len);
    tag(0x0a);
    str(key, key.length);
    tag(0x12);
    str(value, Buffer.byteLength(value));
  };

  tag(0x0a); // ReadResp.event
  varint(readEventLen);
  tag(0x0a); // ReadEvent.event
  varint(recordedLen);
  tag(0x0a); // RecordedEvent.id
  varint(uuidLen);
  tag(0x12); // UUID.string
  str(r.id, idLen);
  tag(0x12); // RecordedEvent.stream_identifier
  varint(streamIdLen);
  tag(0x1a); // StreamIdentifier.stream_name
  str(r.stream, streamLen);
  // proto3 leaves a zero out.
  if (r.revision > 0) {
    tag(0x18);
    varint(r.revision);
  }
  tag(0x20);
  varint(position);
  tag(0x28);
  varint(position);
  // Map entries in key order, as google-protobuf writes them.
  mapEntry('content-type', contentType, contentEntry);
  mapEntry('created', r.created, createdEntry);
  mapEntry('type', r.type, typeEntry);
  if (r.metadata.length > 0) {
    tag(0x3a);
    bytes(r.metadata);
  }
  if (r.data.length > 0) {
    tag(0x42);
    bytes(r.data);
  }
  tag(0x18); // ReadEvent.commit_position
  varint(position);
  return b;
}

function varintSize(n: number): number {
  let size = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 0x80);
    size++;
  }
  return size;
}
