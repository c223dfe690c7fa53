import { closeSync, fdatasync, fdatasyncSync, fstatSync, fsync, ftruncateSync, openSync, readdirSync, readSync, unlinkSync, writeSync, writev } from 'node:fs';
import { join } from 'node:path';
import { FileBytes } from './fileBytes.js';
import { FRAME_HEADER } from './record.js';

/**
 * Every segment file starts with this header: it names the format, and it keeps every event's
 * position above zero, so no consumer can mistake the first event's position for "nothing yet".
 */
export const FILE_HEADER = Buffer.from('SHOUWANG-ESDB-01', 'ascii');
/** Segments roll over past this size, so no single file grows without bound. */
export const DEFAULT_SEGMENT_BYTES = 256 * 1024 * 1024;

interface Segment {
  /** `$all` position of the segment's first byte after its header. */
  base: number;
  path: string;
  fd: number;
  bytes: FileBytes;
  /** Created since the last sync: the directory entry must be synced too. */
  fresh: boolean;
}

/** A frame waiting for the flusher, and the segment it goes to. */
export interface PlacedFrame {
  segment: number;
  frame: Buffer;
}

/**
 * The log on disk: append-only segment files, `events.log` first (positions are its file
 * offsets), then `events-<base position>.log`. A frame's `$all` position is its place in the
 * concatenation of the segments' bodies, so positions run on across files.
 */
export class Segments {
  private readonly list: Segment[] = [];
  /** Position the next frame gets. */
  next = FILE_HEADER.length;

  private constructor(
    private readonly dir: string,
    private readonly segmentBytes: number,
  ) {}

  /**
   * Opens the segments in `dir`, calling `onFrame` for every intact frame in order. A torn or
   * corrupt frame ends the log: it is cut off, with any later segment (whatever they hold
   * was written in the same unacknowledged flush, or after it).
   */
  static open(dir: string, segmentBytes: number, onFrame: (window: Buffer, at: number, position: number) => number | undefined): Segments {
    const s = new Segments(dir, segmentBytes);
    const names = readdirSync(dir)
      .map((name) => ({ name, m: /^events(?:-(\d+))?\.log$/.exec(name) }))
      .filter((x) => x.m)
      .map((x) => ({ path: join(dir, x.name), base: x.m![1] === undefined ? FILE_HEADER.length : Number(x.m![1]) }))
      .sort((a, b) => a.base - b.base);
    if (names[0]?.base !== FILE_HEADER.length) names.unshift({ path: join(dir, 'events.log'), base: FILE_HEADER.length });
    let ended = false;
    for (const { path, base } of names) {
      if (ended || base !== s.next) {
        // After a cut, or not continuing the log: written in an unacknowledged flush.
        unlinkSync(path);
        continue;
      }
      const fd = openSync(path, 'a+');
      const segment: Segment = { base, path, fd, bytes: new FileBytes(fd, undefined, 8), fresh: false };
      let end = scanSegment(segment, onFrame);
      if (end === 0 && s.list.length > 0) {
        // A later segment whose header never made it to disk holds nothing acknowledged.
        closeSync(fd);
        unlinkSync(path);
        ended = true;
        continue;
      }
      if (end === 0) {
        // A new log, or a crash before its header was synced: nothing was ever acknowledged.
        ftruncateSync(fd, 0);
        writeSync(fd, FILE_HEADER);
        fdatasyncSync(fd);
        end = FILE_HEADER.length;
      } else if (end < fstatSync(fd).size) {
        // A torn tail: the write that crashed was never acknowledged, so dropping it loses nothing.
        ftruncateSync(fd, end);
        fdatasyncSync(fd);
        ended = true;
      }
      s.list.push(segment);
      s.next = base + end - FILE_HEADER.length;
      segment.bytes.durableEnd = end;
    }
    return s;
  }

  /** Gives a frame of `length` bytes its position and segment, rolling over when full. */
  place(length: number): { position: number; segment: number } {
    let last = this.list.length - 1;
    const used = this.next - this.list[last]!.base;
    if (used > 0 && used + length > this.segmentBytes) {
      const path = join(this.dir, `events-${String(this.next).padStart(16, '0')}.log`);
      const fd = openSync(path, 'a+');
      writeSync(fd, FILE_HEADER);
      this.list.push({ base: this.next, path, fd, bytes: new FileBytes(fd, undefined, 8), fresh: true });
      last++;
    }
    const position = this.next;
    this.next += length;
    return { position, segment: last };
  }

  /** Writes and syncs the frames (in order), off the event loop; `end` is the position they reach. */
  async persist(frames: PlacedFrame[], end: number): Promise<void> {
    const touched = new Set<number>();
    for (let i = 0; i < frames.length; ) {
      const segment = frames[i]!.segment;
      let j = i;
      while (j < frames.length && frames[j]!.segment === segment && j - i < 1024) j++;
      const chunk = frames.slice(i, j).map((f) => f.frame);
      const total = chunk.reduce((n, b) => n + b.length, 0);
      const fd = this.list[segment]!.fd;
      const written = await new Promise<number>((resolve, reject) => writev(fd, chunk, (err, n) => (err ? reject(err) : resolve(n))));
      if (written !== total) throw new Error(`short write (${written} of ${total} bytes)`);
      touched.add(segment);
      i = j;
    }
    for (const k of touched) {
      const seg = this.list[k]!;
      await new Promise<void>((resolve, reject) => fdatasync(seg.fd, (err) => (err ? reject(err) : resolve())));
      if (seg.fresh) {
        // A new file is durable only once its directory entry is.
        const dirFd = openSync(this.dir, 'r');
        try {
          await new Promise<void>((resolve, reject) => fsync(dirFd, (err) => (err ? reject(err) : resolve())));
        } finally {
          closeSync(dirFd);
        }
        seg.fresh = false;
      }
    }
    for (const seg of this.list) {
      const next = this.list[this.list.indexOf(seg) + 1];
      const segEnd = Math.min(end, next ? next.base : end);
      if (segEnd >= seg.base) seg.bytes.durableEnd = FILE_HEADER.length + segEnd - seg.base;
    }
  }

  /** The buffer holding the frame at `position`, and the frame's offset in it. */
  frame(position: number): { buf: Buffer; offset: number } {
    let lo = 0;
    let hi = this.list.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.list[mid]!.base <= position) lo = mid;
      else hi = mid - 1;
    }
    const seg = this.list[lo]!;
    return seg.bytes.frame(FILE_HEADER.length + position - seg.base);
  }

  /** Bytes on disk, over all segments. */
  size(): number {
    return this.list.reduce((n, s) => n + fstatSync(s.fd).size, 0);
  }

  get count(): number {
    return this.list.length;
  }

  close(): void {
    for (const s of this.list) closeSync(s.fd);
    this.list.length = 0;
  }
}

/** Scans one segment through a window of a few MiB; returns the file offset where intact frames end. */
function scanSegment(segment: Segment, onFrame: (window: Buffer, at: number, position: number) => number | undefined): number {
  const fd = segment.fd;
  const size = fstatSync(fd).size;
  if (size < FILE_HEADER.length) return 0;
  const header = Buffer.alloc(FILE_HEADER.length);
  readSync(fd, header, 0, header.length, 0);
  if (!header.equals(FILE_HEADER)) throw new Error(`${segment.path} is not a Shouwang event log`);
  const WINDOW = 8 * 1024 * 1024;
  let window = Buffer.alloc(0);
  let windowStart = FILE_HEADER.length;
  let offset = FILE_HEADER.length;
  for (;;) {
    const rel = offset - windowStart;
    const next = onFrame(window, rel, segment.base + offset - FILE_HEADER.length);
    if (next === undefined) {
      const need = rel + FRAME_HEADER <= window.length ? FRAME_HEADER + window.readUInt32LE(rel) : FRAME_HEADER;
      if (need <= size - offset && rel + need > window.length) {
        // The frame runs past the window: slide the window to it.
        const length = Math.min(Math.max(WINDOW, need), size - offset);
        window = Buffer.allocUnsafe(length);
        let got = 0;
        while (got < length) got += readSync(fd, window, got, length - got, offset + got);
        windowStart = offset;
        continue;
      }
      return offset;
    }
    offset = windowStart + next;
  }
}
