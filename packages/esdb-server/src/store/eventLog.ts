import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { decodeRecord, encodeRecord, FRAME_HEADER, frameType, nowTicks, scanFrame, uuidToBytes, type StoredRecord } from './record.js';
import { DEFAULT_SEGMENT_BYTES, FILE_HEADER, Segments, type PlacedFrame } from './segments.js';
import { RecordIndex } from './recordIndex.js';
import { lockDataDir } from './dirLock.js';
import {
  currentRevisionOf,
  expectationHolds,
  newStreamState,
  readsAsAbsent,
  type ExpectedRevision,
  type StreamState,
} from './streamState.js';

/** EventStoreDB's default maximum size of one append (data + metadata of all its events). */
export const MAX_APPEND_SIZE = 1024 * 1024;
/** Revision EventStoreDB gives a tombstone. */
export const TOMBSTONE_REVISION = Number.MAX_SAFE_INTEGER;

export interface ProposedEvent {
  id: string;
  type: string;
  isJson: boolean;
  data: Uint8Array;
  metadata: Uint8Array;
}

export type AppendOutcome =
  | { kind: 'success'; currentRevision: number; position: number | undefined }
  | { kind: 'wrong_expected_version'; currentRevision: number }
  | { kind: 'stream_deleted' }
  | { kind: 'too_large'; maxAppendSize: number };

export type DeleteOutcome =
  | { kind: 'success'; position: number }
  | { kind: 'wrong_expected_version'; currentRevision: number }
  | { kind: 'stream_deleted' };

interface PendingWrite {
  frames: PlacedFrame[];
  visibleAfter: number;
  done: () => void;
  fail: (e: Error) => void;
}

/**
 * The event log: one append-only file of CRC-framed records, and an in-memory index over it.
 *
 * Appends are decided synchronously (so concurrency checks see every earlier append, durable
 * or not), then written and fdatasync'ed by a single flusher: whatever queued up while one sync
 * ran goes out in the next write, so concurrent appends share a sync (group commit). A record
 * becomes visible to readers and its append is acknowledged only after its sync.
 */
export class EventLog {
  /** Position, revision, stream and bytes of every record, in `$all` order. */
  private readonly index = new RecordIndex();
  /** A durable log's segment files; its frames are read back from them through a bounded cache. */
  private disk: Segments | undefined;
  /** The bytes of an in-memory log: one buffer per frame. */
  private readonly chunks: Buffer[] = [];
  private readonly streamNames: string[] = [];
  readonly streams = new Map<string, StreamState>();
  /** Records [0, visible) are durable and may be read. */
  visible = 0;
  /** 'commit' after each durable batch; 'broken' (with the error) once a write fails for good. */
  readonly commits = new EventEmitter();
  private nextPosition = FILE_HEADER.length;
  private queue: PendingWrite[] = [];
  private flushing = false;
  private broken: Error | undefined;
  /** Releases the data directory's lock (none in memory). */
  private unlock: () => void = () => undefined;

  private constructor() {
    this.commits.setMaxListeners(0);
  }

  /**
   * Opens (or creates) the log in `dataDir`, or an in-memory log when `dataDir` is undefined.
   * `segmentBytes` (tests) sets where segment files roll over.
   */
  static open(dataDir: string | undefined, segmentBytes = DEFAULT_SEGMENT_BYTES): EventLog {
    const log = new EventLog();
    if (dataDir === undefined) return log;
    mkdirSync(dataDir, { recursive: true });
    log.unlock = lockDataDir(dataDir);
    // Start-up reads every frame header once (through a window, never the whole log) and builds
    // the index from it; no record is decoded but the $metadata of soft deletes.
    try {
      log.disk = Segments.open(dataDir, segmentBytes, (window, at, position) => {
        const frame = scanFrame(window, at);
        if (!frame) return undefined;
        log.indexFrame(frame.stream, frame.revision, frame.systemType, position, 0, position, window, frame.idOffset, () => decodeRecord(window, at, position)!.record.data);
        return frame.next;
      });
    } catch (err) {
      log.unlock();
      throw err;
    }
    log.nextPosition = log.disk.next;
    log.visible = log.index.length;
    return log;
  }

  private indexFrame(
    stream: string,
    revision: number,
    systemType: '$streamDeleted' | '$metadata' | undefined,
    position: number,
    chunk: number,
    offset: number,
    idFrom: Buffer,
    idAt: number,
    metadataData: () => Uint8Array,
  ): number {
    const s = this.streamFor(stream);
    const i = this.index.push(position, revision, s.id, chunk, offset, idFrom, idAt);
    if (systemType === '$streamDeleted' && revision === TOMBSTONE_REVISION) {
      s.tombstoned = true;
      return i;
    }
    s.indices.push(i);
    s.lastRevision = revision;
    if (systemType === '$metadata' && stream.startsWith('$$')) {
      const truncateBefore = readTruncateBefore(metadataData());
      if (truncateBefore !== undefined) this.streamFor(stream.slice(2)).truncateBefore = truncateBefore;
    }
    return i;
  }

  private streamFor(name: string): StreamState {
    let s = this.streams.get(name);
    if (!s) {
      s = newStreamState(name, this.streamNames.length);
      this.streamNames.push(name);
      this.streams.set(name, s);
    }
    return s;
  }

  /** Records in `$all`, durable or not yet. */
  get count(): number {
    return this.index.length;
  }

  positionAt(i: number): number {
    return this.index.positions[i]!;
  }

  streamAt(i: number): string {
    return this.streamNames[this.index.streams[i]!]!;
  }

  typeAt(i: number): string {
    const { buf, offset } = this.frameAt(i);
    return frameType(buf, offset);
  }

  /** The whole record, decoded from its bytes on demand. */
  recordAt(i: number): StoredRecord {
    const { buf, offset } = this.frameAt(i);
    return decodeRecord(buf, offset, this.index.positions[i]!)!.record;
  }

  /** The stored frame of record `i`. Only durable records (i < visible) may be asked for: their bytes are in the file. */
  frameAt(i: number): { buf: Buffer; offset: number } {
    if (this.disk) return this.disk.frame(this.index.positions[i]!);
    return { buf: this.chunks[this.index.chunks[i]!]!, offset: this.index.offsets[i]! };
  }

  append(stream: string, expected: ExpectedRevision, events: ProposedEvent[]): Promise<AppendOutcome> {
    if (this.broken) return Promise.reject(this.broken);
    const s = this.streams.get(stream);
    if (s?.tombstoned) return Promise.resolve({ kind: 'stream_deleted' });
    let size = 0;
    for (const e of events) size += e.data.length + e.metadata.length;
    if (size > MAX_APPEND_SIZE) return Promise.resolve({ kind: 'too_large', maxAppendSize: MAX_APPEND_SIZE });

    const repeated = this.alreadyWritten(s, expected, events);
    if (repeated) return this.whenVisible(repeated.lastIndex, { kind: 'success', currentRevision: repeated.revision, position: repeated.position });
    if (!expectationHolds(s, expected)) {
      return Promise.resolve({ kind: 'wrong_expected_version', currentRevision: currentRevisionOf(s) });
    }
    if (events.length === 0) return Promise.resolve({ kind: 'success', currentRevision: currentRevisionOf(s), position: undefined });

    const created = nowTicks();
    let revision = s?.lastRevision ?? -1;
    const frames = events.map((e) =>
      this.write({ stream, revision: ++revision, id: e.id, type: e.type, isJson: e.isJson, createdTicks: created, data: e.data, metadata: e.metadata }),
    );
    const last = this.index.length - 1;
    const result: AppendOutcome = { kind: 'success', currentRevision: revision, position: this.positionAt(last) };
    return this.enqueue(frames).then(() => result);
  }

  /** Soft delete (`tombstone = false`) or tombstone of a stream, with EventStoreDB's expected-revision check. */
  delete(stream: string, expected: ExpectedRevision, tombstone: boolean): Promise<DeleteOutcome> {
    if (this.broken) return Promise.reject(this.broken);
    const s = this.streams.get(stream);
    if (s?.tombstoned) return Promise.resolve({ kind: 'stream_deleted' });
    if (!expectationHolds(s, expected)) {
      return Promise.resolve({ kind: 'wrong_expected_version', currentRevision: currentRevisionOf(s) });
    }
    const created = nowTicks();
    let frame: PlacedFrame;
    if (tombstone) {
      frame = this.write({ stream, revision: TOMBSTONE_REVISION, id: crypto.randomUUID(), type: '$streamDeleted', isJson: false, createdTicks: created, data: new Uint8Array(), metadata: new Uint8Array() });
    } else {
      const meta = this.streams.get(`$$${stream}`);
      const body = Buffer.from(JSON.stringify({ $tb: (s?.lastRevision ?? -1) + 1 }), 'utf8');
      frame = this.write({ stream: `$$${stream}`, revision: (meta?.lastRevision ?? -1) + 1, id: crypto.randomUUID(), type: '$metadata', isJson: true, createdTicks: created, data: body, metadata: new Uint8Array() });
    }
    const position = this.positionAt(this.index.length - 1);
    return this.enqueue([frame]).then(() => ({ kind: 'success', position }));
  }

  /**
   * Idempotent appends as EventStoreDB does them: the same event ids at the same place in the
   * stream are an append that already happened.
   */
  private alreadyWritten(s: StreamState | undefined, expected: ExpectedRevision, events: ProposedEvent[]) {
    if (!s || events.length === 0 || s.indices.length === 0) return undefined;
    let start: number;
    if (expected.kind === 'exact') start = expected.revision + 1;
    else if (expected.kind === 'no_stream') start = s.truncateBefore;
    else {
      const found = this.revisionOf(s, events[0]!.id);
      if (found === undefined) return undefined;
      start = found;
    }
    let lastIndex = -1;
    const id = Buffer.alloc(16);
    // indices[k] holds revision k.
    for (let k = 0; k < events.length; k++) {
      const i = s.indices[start + k];
      uuidToBytes(events[k]!.id, id, 0);
      if (i === undefined || !this.index.idEquals(i, id)) return undefined;
      lastIndex = i;
    }
    return { lastIndex, revision: this.index.revisions[lastIndex]!, position: this.positionAt(lastIndex) };
  }

  /** The revision of the event with this id in the stream; the newest events are the likely ones. */
  private revisionOf(s: StreamState, id: string): number | undefined {
    const bytes = Buffer.alloc(16);
    uuidToBytes(id, bytes, 0);
    for (let k = s.indices.length - 1; k >= 0; k--) {
      if (this.index.idEquals(s.indices[k]!, bytes)) return k;
    }
    return undefined;
  }

  private write(input: Parameters<typeof encodeRecord>[0]): PlacedFrame {
    const frame = encodeRecord(input);
    const placed = this.disk ? this.disk.place(frame.length) : { position: this.nextPosition, segment: 0 };
    const position = placed.position;
    this.nextPosition = position + frame.length;
    // A durable log reads its frames back from its files; only an in-memory log keeps them.
    const chunk = this.disk ? 0 : this.chunks.push(frame) - 1;
    const systemType = input.type === '$streamDeleted' || input.type === '$metadata' ? input.type : undefined;
    const idAt = FRAME_HEADER + 4 + frame.readUInt32LE(FRAME_HEADER);
    this.indexFrame(input.stream, input.revision, systemType, position, chunk, this.disk ? position : 0, frame, idAt, () => input.data);
    return { segment: placed.segment, frame };
  }

  private whenVisible<T>(index: number, value: T): Promise<T> {
    if (index < this.visible) return Promise.resolve(value);
    return new Promise((resolve, reject) => {
      this.queue.push({ frames: [], visibleAfter: this.index.length, done: () => resolve(value), fail: reject });
      this.scheduleFlush();
    });
  }

  private enqueue(frames: PlacedFrame[]): Promise<void> {
    return new Promise((done, fail) => {
      this.queue.push({ frames, visibleAfter: this.index.length, done, fail });
      this.scheduleFlush();
    });
  }

  private scheduleFlush(): void {
    if (this.flushing) return;
    this.flushing = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    // Frames are written as they are decided, so everything up to here is in this batch.
    const end = this.nextPosition;
    const frames = batch.flatMap((w) => w.frames);
    const written = this.disk && frames.length > 0 ? this.disk.persist(frames, end) : Promise.resolve();
    void written.then(
      () => {
        this.visible = batch.reduce((m, w) => Math.max(m, w.visibleAfter), this.visible);
        for (const w of batch) w.done();
        this.commits.emit('commit');
        if (this.queue.length > 0) setImmediate(() => this.flush());
        else this.flushing = false;
      },
      (e: Error) => {
        // Acknowledged events are safe; what was not synced must not be acknowledged, and the
        // in-memory index is now ahead of the file, so the log refuses all further work.
        this.broken = new Error(`event log write failed: ${e.message}`);
        for (const w of [...batch, ...this.queue]) w.fail(this.broken);
        this.queue = [];
        this.flushing = false;
        this.commits.emit('broken', this.broken);
      },
    );
  }

  /** Index of the first visible record whose position is >= `position`. */
  firstAtOrAfter(position: number): number {
    let lo = 0;
    let hi = this.visible;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.index.positions[mid]! < position) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Position of the last visible record, or 0 when empty. */
  lastPosition(): number {
    return this.visible === 0 ? 0 : this.positionAt(this.visible - 1);
  }

  readsAsAbsent(stream: string): boolean {
    return readsAsAbsent(this.streams.get(stream));
  }

  fileSize(): number {
    return this.disk ? this.disk.size() : this.nextPosition;
  }

  close(): void {
    this.disk?.close();
    this.disk = undefined;
    this.unlock();
    this.broken = new Error('event log closed');
  }
}

function readTruncateBefore(data: Uint8Array): number | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(data).toString('utf8')) as { $tb?: unknown };
    return typeof parsed.$tb === 'number' ? parsed.$tb : undefined;
  } catch {
    return undefined;
  }
}
