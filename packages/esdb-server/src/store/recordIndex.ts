/**
 * Where each record of `$all` is, in typed arrays: a million events cost a few dozen bytes
 * each here instead of a JavaScript object apiece, and the index can be rebuilt fast at start.
 */
export class RecordIndex {
  length = 0;
  positions = new Float64Array(1024);
  revisions = new Float64Array(1024);
  streams = new Uint32Array(1024);
  chunks = new Uint32Array(1024);
  offsets = new Float64Array(1024);
  /** Event ids, 16 bytes each: idempotent appends compare them without reading the log. */
  ids = Buffer.alloc(16 * 1024);

  push(position: number, revision: number, stream: number, chunk: number, offset: number, idFrom: Buffer, idAt: number): number {
    if (this.length === this.positions.length) this.grow();
    const i = this.length++;
    idFrom.copy(this.ids, i * 16, idAt, idAt + 16);
    this.positions[i] = position;
    this.revisions[i] = revision;
    this.streams[i] = stream;
    this.chunks[i] = chunk;
    this.offsets[i] = offset;
    return i;
  }

  private grow(): void {
    const size = this.positions.length * 2;
    const grown = <T extends Float64Array | Uint32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      return b;
    };
    this.positions = grown(this.positions);
    this.revisions = grown(this.revisions);
    this.streams = grown(this.streams);
    this.chunks = grown(this.chunks);
    this.offsets = grown(this.offsets);
    const ids = Buffer.alloc(size * 16);
    this.ids.copy(ids);
    this.ids = ids;
  }

  /** Whether record `i` has the event id `id` (16 bytes at `at`). */
  idEquals(i: number, id: Buffer, at = 0): boolean {
    return this.ids.compare(id, at, at + 16, i * 16, i * 16 + 16) === 0;
  }
}
