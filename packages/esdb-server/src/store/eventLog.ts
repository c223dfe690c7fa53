import { EventEmitter } from 'node:events';
import { closeSync, fdatasync, fdatasyncSync, fstatSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync, writev } from 'node:fs';
import { join } from 'node:path';
import { decodeRecord, encodeRecord, frameType, nowTicks, scanFrame, type StoredRecord } from './record.js';
import { RecordIndex } from './recordIndex.js';
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
/**
 * The log file starts with this header: it names the format, and it keeps every event's
 * position above zero, so no consumer can mistake the first event's position for "nothing yet".
 */
const FILE_HEADER = Buffer.from('SHOUWANG-ESDB-01', 'ascii');

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
  frames: Buffer[];
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
  /** The bytes: the file as read at start, then one buffer per frame written since. */
  private readonly chunks: Buffer[] = [];
  private readonly streamNames: string[] = [];
  readonly streams = new Map<string, StreamState>();
  /** Records [0, visible) are durable and may be read. */
  visible = 0;
  readonly commits = new EventEmitter();
  private nextPosition = FILE_HEADER.length;
  private queue: PendingWrite[] = [];
  private flushing = false;
  private broken: Error | undefined;
  private fd: number | undefined;

  private constructor(private readonly path: string | undefined) {
    this.commits.setMaxListeners(0);
  }

  /** Opens (or creates) the log in `dataDir`, or an in-memory log when `dataDir` is undefined. */
  static open(dataDir: string | undefined): EventLog {
    if (dataDir === undefined) return new EventLog(undefined);
    mkdirSync(dataDir, { recursive: true });
    const path = join(dataDir, 'events.log');
    const log = new EventLog(path);
    log.fd = openSync(path, 'a+');
    log.load();
    return log;
  }

  private load(): void {
    const bytes = readFileSync(this.path!);
    if (bytes.length < FILE_HEADER.length) {
      // New, or a crash before the header was synced: nothing was ever acknowledged.
      ftruncateSync(this.fd!, 0);
      writeSync(this.fd!, FILE_HEADER);
      fdatasyncSync(this.fd!);
      this.nextPosition = FILE_HEADER.length;
      return;
    }
    if (!bytes.subarray(0, FILE_HEADER.length).equals(FILE_HEADER)) {
      throw new Error(`${this.path} is not a Shouwang event log`);
    }
    let offset = FILE_HEADER.length;
    this.chunks.push(bytes);
    for (;;) {
      const frame = scanFrame(bytes, offset);
      if (!frame) break;
      this.indexFrame(frame.stream, frame.revision, frame.systemType, offset, 0, offset, () => bytes.subarray(0));
      offset = frame.next;
    }
    if (offset < bytes.length) {
      // A torn tail: the write that crashed was never acknowledged, so dropping it loses nothing.
      ftruncateSync(this.fd!, offset);
      fdatasyncSync(this.fd!);
    }
    this.nextPosition = offset;
    this.visible = this.index.length;
  }

  private indexFrame(
    stream: string,
    revision: number,
    systemType: '$streamDeleted' | '$metadata' | undefined,
    position: number,
    chunk: number,
    offset: number,
    bytes: () => Buffer,
  ): number {
    const s = this.streamFor(stream);
    const i = this.index.push(position, revision, s.id, chunk, offset);
    if (systemType === '$streamDeleted' && revision === TOMBSTONE_REVISION) {
      s.tombstoned = true;
      return i;
    }
    s.indices.push(i);
    s.lastRevision = revision;
    if (systemType === '$metadata' && stream.startsWith('$$')) {
      const truncateBefore = readTruncateBefore(decodeRecord(bytes(), offset, position)!.record.data);
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
    return frameType(this.chunks[this.index.chunks[i]!]!, this.index.offsets[i]!);
  }

  /** The whole record, decoded from its bytes on demand. */
  recordAt(i: number): StoredRecord {
    return decodeRecord(this.chunks[this.index.chunks[i]!]!, this.index.offsets[i]!, this.index.positions[i]!)!.record;
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
    let frame: Buffer;
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
    // indices[k] holds revision k.
    for (let k = 0; k < events.length; k++) {
      const i = s.indices[start + k];
      if (i === undefined || this.recordAt(i).id !== events[k]!.id) return undefined;
      lastIndex = i;
    }
    return { lastIndex, revision: this.index.revisions[lastIndex]!, position: this.positionAt(lastIndex) };
  }

  /** The revision of the event with this id in the stream; the newest events are the likely ones. */
  private revisionOf(s: StreamState, id: string): number | undefined {
    for (let k = s.indices.length - 1; k >= 0; k--) {
      if (this.recordAt(s.indices[k]!).id === id) return k;
    }
    return undefined;
  }

  private write(input: Parameters<typeof encodeRecord>[0]): Buffer {
    const frame = encodeRecord(input);
    const position = this.nextPosition;
    this.nextPosition += frame.length;
    const chunk = this.chunks.push(frame) - 1;
    const systemType = input.type === '$streamDeleted' || input.type === '$metadata' ? input.type : undefined;
    this.indexFrame(input.stream, input.revision, systemType, position, chunk, 0, () => frame);
    return frame;
  }

  private whenVisible<T>(index: number, value: T): Promise<T> {
    if (index < this.visible) return Promise.resolve(value);
    return new Promise((resolve, reject) => {
      this.queue.push({ frames: [], visibleAfter: this.index.length, done: () => resolve(value), fail: reject });
      this.scheduleFlush();
    });
  }

  private enqueue(frames: Buffer[]): Promise<void> {
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
    void this.writeOut(batch.flatMap((w) => w.frames)).then(
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
      },
    );
  }

  /** Writes and syncs off the event loop, so requests keep arriving (and queueing) meanwhile. */
  private async writeOut(frames: Buffer[]): Promise<void> {
    const fd = this.fd;
    if (fd === undefined || frames.length === 0) return;
    // writev takes at most IOV_MAX buffers at a time.
    for (let i = 0; i < frames.length; i += 1024) {
      const chunk = frames.slice(i, i + 1024);
      const total = chunk.reduce((n, b) => n + b.length, 0);
      const written = await new Promise<number>((resolve, reject) =>
        writev(fd, chunk, (err, n) => (err ? reject(err) : resolve(n))),
      );
      if (written !== total) throw new Error(`short write (${written} of ${total} bytes)`);
    }
    await new Promise<void>((resolve, reject) => fdatasync(fd, (err) => (err ? reject(err) : resolve())));
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
    return this.fd === undefined ? this.nextPosition : fstatSync(this.fd).size;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
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
