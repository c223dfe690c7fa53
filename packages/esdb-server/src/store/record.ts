import { crc32 } from 'node:zlib';

/**
 * One event as the log holds it. `data` and `metadata` are views into the log's bytes, so a
 * store of a million events keeps one copy of them, not two.
 */
export interface StoredRecord {
  /** Byte offset of the record's frame in the log: its commit and prepare position in `$all`. */
  position: number;
  stream: string;
  revision: number;
  id: string;
  type: string;
  isJson: boolean;
  /** `created` as EventStoreDB sends it: 100-ns ticks since the Unix epoch, in decimal. */
  created: string;
  data: Uint8Array;
  metadata: Uint8Array;
}

/** Frame: u32 payload length, u32 CRC-32 of the payload, payload. */
export const FRAME_HEADER = 8;

const hex: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function uuidToBytes(id: string, into: Buffer, at: number): void {
  const compact = id.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(compact)) throw new RangeError('event id is not a UUID');
  into.write(compact, at, 16, 'hex');
}

function bytesToUuid(buf: Buffer, at: number): string {
  let s = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
    s += hex[buf[at + i]!];
  }
  return s;
}

export interface RecordInput {
  stream: string;
  revision: number;
  id: string;
  type: string;
  isJson: boolean;
  createdTicks: bigint;
  data: Uint8Array;
  metadata: Uint8Array;
}

/** Encodes one framed record; the caller assigns its position. */
export function encodeRecord(r: RecordInput): Buffer {
  const stream = Buffer.from(r.stream, 'utf8');
  const type = Buffer.from(r.type, 'utf8');
  const payloadLength = 4 + stream.length + 16 + 8 + 8 + 1 + 2 + type.length + 4 + r.data.length + 4 + r.metadata.length;
  const buf = Buffer.allocUnsafe(FRAME_HEADER + payloadLength);
  let o = FRAME_HEADER;
  o = buf.writeUInt32LE(stream.length, o);
  o += stream.copy(buf, o);
  uuidToBytes(r.id, buf, o);
  o += 16;
  o = buf.writeDoubleLE(r.revision, o);
  o = buf.writeBigInt64LE(r.createdTicks, o);
  o = buf.writeUInt8(r.isJson ? 1 : 0, o);
  o = buf.writeUInt16LE(type.length, o);
  o += type.copy(buf, o);
  o = buf.writeUInt32LE(r.data.length, o);
  buf.set(r.data, o);
  o += r.data.length;
  o = buf.writeUInt32LE(r.metadata.length, o);
  buf.set(r.metadata, o);
  buf.writeUInt32LE(payloadLength, 0);
  buf.writeUInt32LE(crc32(buf.subarray(FRAME_HEADER)), 4);
  return buf;
}

/** Decodes the frame at `offset`; `undefined` when it is torn or corrupt (the tail of a crashed write). */
export function decodeRecord(buf: Buffer, offset: number, position: number): { record: StoredRecord; next: number } | undefined {
  if (offset + FRAME_HEADER > buf.length) return undefined;
  const length = buf.readUInt32LE(offset);
  const end = offset + FRAME_HEADER + length;
  if (length < 43 || end > buf.length) return undefined;
  const payload = buf.subarray(offset + FRAME_HEADER, end);
  if (crc32(payload) !== buf.readUInt32LE(offset + 4)) return undefined;
  let o = 0;
  const streamLength = payload.readUInt32LE(o);
  o += 4;
  const stream = payload.toString('utf8', o, o + streamLength);
  o += streamLength;
  const id = bytesToUuid(payload, o);
  o += 16;
  const revision = payload.readDoubleLE(o);
  o += 8;
  const created = payload.readBigInt64LE(o).toString();
  o += 8;
  const isJson = payload[o] === 1;
  o += 1;
  const typeLength = payload.readUInt16LE(o);
  o += 2;
  const type = payload.toString('utf8', o, o + typeLength);
  o += typeLength;
  const dataLength = payload.readUInt32LE(o);
  o += 4;
  const data = payload.subarray(o, o + dataLength);
  o += dataLength;
  const metadataLength = payload.readUInt32LE(o);
  o += 4;
  const metadata = payload.subarray(o, o + metadataLength);
  return { record: { position, stream, revision, id, type, isJson, created, data, metadata }, next: end };
}

/** What the index needs of a frame, read without building the whole record. */
export interface FrameSummary {
  stream: string;
  revision: number;
  /** `$streamDeleted` or `$metadata` (system types that change a stream's state), else undefined. */
  systemType: '$streamDeleted' | '$metadata' | undefined;
  /** Offset of the 16-byte event id in the buffer scanned. */
  idOffset: number;
  next: number;
}

const TOMBSTONE_TYPE = Buffer.from('$streamDeleted');
const METADATA_TYPE = Buffer.from('$metadata');

/** Checks the frame at `offset` and reads its stream, revision and system type; undefined when torn or corrupt. */
export function scanFrame(buf: Buffer, offset: number): FrameSummary | undefined {
  if (offset + FRAME_HEADER > buf.length) return undefined;
  const length = buf.readUInt32LE(offset);
  const end = offset + FRAME_HEADER + length;
  if (length < 43 || end > buf.length) return undefined;
  const p = offset + FRAME_HEADER;
  if (crc32(buf.subarray(p, end)) !== buf.readUInt32LE(offset + 4)) return undefined;
  const streamLength = buf.readUInt32LE(p);
  const stream = buf.toString('utf8', p + 4, p + 4 + streamLength);
  const idOffset = p + 4 + streamLength;
  let o = idOffset + 16;
  const revision = buf.readDoubleLE(o);
  o += 8 + 8 + 1;
  const typeLength = buf.readUInt16LE(o);
  o += 2;
  let systemType: FrameSummary['systemType'];
  if (buf[o] === 0x24 /* $ */) {
    const type = buf.subarray(o, o + typeLength);
    if (type.equals(TOMBSTONE_TYPE)) systemType = '$streamDeleted';
    else if (type.equals(METADATA_TYPE)) systemType = '$metadata';
  }
  return { stream, revision, systemType, idOffset, next: end };
}

/** The event type of the frame at `offset` (a frame already checked). */
export function frameType(buf: Buffer, offset: number): string {
  const p = offset + FRAME_HEADER;
  const o = p + 4 + buf.readUInt32LE(p) + 16 + 8 + 8 + 1;
  return buf.toString('utf8', o + 2, o + 2 + buf.readUInt16LE(o));
}

/** 100-ns ticks since the Unix epoch for "now". */
export function nowTicks(): bigint {
  return BigInt(Date.now()) * 10_000n;
}
