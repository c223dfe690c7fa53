import { readSync } from 'node:fs';
import { FRAME_HEADER } from './record.js';

/**
 * Reads frames back from the log file through a small cache of whole blocks, so the server
 * holds the index in memory but not the events: a million-event log costs its index plus
 * `maxBlocks` blocks. A sequential read of `$all` hits each block once; only blocks that are
 * entirely durable are cached (the tail block still grows), so a cached block never goes stale.
 */
export class FileBytes {
  private readonly blocks = new Map<number, Buffer>();
  /** File offset up to which every byte is written and synced. */
  durableEnd = 0;
  private lastBlock = -1;
  private lastBuffer: Buffer | undefined;

  constructor(
    private readonly fd: number,
    private readonly blockSize = 1024 * 1024,
    private readonly maxBlocks = 32,
  ) {}

  /** The buffer holding the whole frame at `position`, and the frame's offset in it. */
  frame(position: number): { buf: Buffer; offset: number } {
    const b = Math.floor(position / this.blockSize);
    const within = position - b * this.blockSize;
    const block = this.block(b);
    if (block && within + FRAME_HEADER <= block.length) {
      const end = within + FRAME_HEADER + block.readUInt32LE(within);
      if (end <= block.length) return { buf: block, offset: within };
    }
    // A frame across a block boundary, or in the growing tail block: read just that frame.
    const head = this.read(position, FRAME_HEADER);
    return { buf: this.read(position, FRAME_HEADER + head.readUInt32LE(0)), offset: 0 };
  }

  private block(b: number): Buffer | undefined {
    // Sequential reads ask for the same block thousands of times in a row.
    if (b === this.lastBlock) return this.lastBuffer;
    const found = this.lookup(b);
    if (found) {
      this.lastBlock = b;
      this.lastBuffer = found;
    }
    return found;
  }

  private lookup(b: number): Buffer | undefined {
    const cached = this.blocks.get(b);
    if (cached) {
      // Least recently used goes first: re-insert to mark it used.
      this.blocks.delete(b);
      this.blocks.set(b, cached);
      return cached;
    }
    if ((b + 1) * this.blockSize > this.durableEnd) return undefined;
    const block = this.read(b * this.blockSize, this.blockSize);
    this.blocks.set(b, block);
    if (this.blocks.size > this.maxBlocks) this.blocks.delete(this.blocks.keys().next().value!);
    return block;
  }

  private read(position: number, length: number): Buffer {
    const buf = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd, buf, done, length - done, position + done);
      if (n === 0) throw new Error(`event log ends before ${position + length}`);
      done += n;
    }
    return buf;
  }
}
