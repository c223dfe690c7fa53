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

  push(position: number, revision: number, stream: number, chunk: number, offset: number): number {
    if (this.length === this.positions.length) this.grow();
    const i = this.length++;
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
  }
}
