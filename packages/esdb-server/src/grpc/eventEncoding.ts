import type { EventLog } from '../store/eventLog.js';
import { FRAME_HEADER, type StoredRecord } from '../store/record.js';

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

const HEX = Buffer.from('0123456789abcdef', 'latin1');
const CONTENT_TYPE_KEY = Buffer.from('content-type');
const CREATED_KEY = Buffer.from('created');
const TYPE_KEY = Buffer.from('type');
const JSON_TYPE = Buffer.from('application/json');
const BINARY_TYPE = Buffer.from('application/octet-stream');

/**
 * The same bytes as `encodeEventResponse(decodeRecord(frame))`, written straight from the
 * stored frame (layout in store/record.ts): stream, type, data and metadata are copied as
 * bytes and the id is hex-encoded in place, so reading an event builds no strings but its
 * `created` ticks. readAll and catch-up subscriptions spend most of the server's time here.
 */
export function encodeFrameResponse(frame: Buffer, offset: number, position: number): Buffer {
  let p = offset + FRAME_HEADER;
  const streamLen = frame.readUInt32LE(p);
  const streamAt = p + 4;
  const idAt = streamAt + streamLen;
  p = idAt + 16;
  const revision = frame.readDoubleLE(p);
  const created = Buffer.from(frame.readBigInt64LE(p + 8).toString(), 'latin1');
  const isJson = frame[p + 16] === 1;
  const typeLen = frame.readUInt16LE(p + 17);
  const typeAt = p + 19;
  p = typeAt + typeLen;
  const dataLen = frame.readUInt32LE(p);
  const dataAt = p + 4;
  p = dataAt + dataLen;
  const metaLen = frame.readUInt32LE(p);
  const metaAt = p + 4;
  const contentType = isJson ? JSON_TYPE : BINARY_TYPE;

  const uuidLen = 1 + 1 + 36;
  const streamIdLen = 1 + varintSize(streamLen) + streamLen;
  const entry = (k: number, v: number) => 1 + varintSize(k) + k + 1 + varintSize(v) + v;
  const typeEntry = entry(TYPE_KEY.length, typeLen);
  const contentEntry = entry(CONTENT_TYPE_KEY.length, contentType.length);
  const createdEntry = entry(CREATED_KEY.length, created.length);
  const recordedLen =
    1 + varintSize(uuidLen) + uuidLen +
    1 + varintSize(streamIdLen) + streamIdLen +
    (revision > 0 ? 1 + varintSize(revision) : 0) +
    1 + varintSize(position) +
    1 + varintSize(position) +
    1 + varintSize(typeEntry) + typeEntry +
    1 + varintSize(contentEntry) + contentEntry +
    1 + varintSize(createdEntry) + createdEntry +
    (metaLen > 0 ? 1 + varintSize(metaLen) + metaLen : 0) +
    (dataLen > 0 ? 1 + varintSize(dataLen) + dataLen : 0);
  const readEventLen = 1 + varintSize(recordedLen) + recordedLen + 1 + varintSize(position);
  const total = 1 + varintSize(readEventLen) + readEventLen;

  const b = Buffer.allocUnsafe(total);
  let o = 0;
  const varint = (n: number) => {
    while (n >= 0x80) {
      b[o++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    b[o++] = n;
  };
  const copy = (from: Buffer, start: number, len: number) => {
    varint(len);
    from.copy(b, o, start, start + len);
    o += len;
  };
  const mapEntry = (key: Buffer, from: Buffer, start: number, len: number, entryLen: number) => {
    b[o++] = 0x32;
    varint(entryLen);
    b[o++] = 0x0a;
    copy(key, 0, key.length);
    b[o++] = 0x12;
    copy(from, start, len);
  };

  b[o++] = 0x0a; // ReadResp.event
  varint(readEventLen);
  b[o++] = 0x0a; // ReadEvent.event
  varint(recordedLen);
  b[o++] = 0x0a; // RecordedEvent.id
  varint(uuidLen);
  b[o++] = 0x12; // UUID.string
  b[o++] = 36;
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) b[o++] = 0x2d; // '-'
    const v = frame[idAt + i]!;
    b[o++] = HEX[v >> 4]!;
    b[o++] = HEX[v & 15]!;
  }
  b[o++] = 0x12; // RecordedEvent.stream_identifier
  varint(streamIdLen);
  b[o++] = 0x1a; // StreamIdentifier.stream_name
  copy(frame, streamAt, streamLen);
  if (revision > 0) {
    b[o++] = 0x18;
    varint(revision);
  }
  b[o++] = 0x20;
  varint(position);
  b[o++] = 0x28;
  varint(position);
  // Map entries in key order, as google-protobuf writes them.
  mapEntry(CONTENT_TYPE_KEY, contentType, 0, contentType.length, contentEntry);
  mapEntry(CREATED_KEY, created, 0, created.length, createdEntry);
  mapEntry(TYPE_KEY, frame, typeAt, typeLen, typeEntry);
  if (metaLen > 0) {
    b[o++] = 0x3a;
    copy(frame, metaAt, metaLen);
  }
  if (dataLen > 0) {
    b[o++] = 0x42;
    copy(frame, dataAt, dataLen);
  }
  b[o++] = 0x18; // ReadEvent.commit_position
  varint(position);
  return b;
}

/** The ReadResp bytes of record `i` of the log. */
export function eventAt(log: EventLog, i: number): Buffer {
  const { buf, offset } = log.frameAt(i);
  return encodeFrameResponse(buf, offset, log.positionAt(i));
}
