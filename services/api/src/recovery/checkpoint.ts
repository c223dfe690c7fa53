import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Where a follower of `$all` keeps the position of the last event it handled. */
export interface Checkpoint {
  load(): Promise<bigint | undefined>;
  save(position: bigint): Promise<void>;
}

export function memoryCheckpoint(start?: bigint): Checkpoint & { position?: bigint } {
  const c: Checkpoint & { position?: bigint } = {
    position: start,
    load: async () => c.position,
    save: async (p) => void (c.position = p),
  };
  return c;
}

/** A small file, replaced atomically (write, then rename). */
export function fileCheckpoint(path: string): Checkpoint {
  return {
    async load() {
      try {
        const text = (await readFile(path, 'utf8')).trim();
        return /^\d+$/.test(text) ? BigInt(text) : undefined;
      } catch {
        return undefined;
      }
    },
    async save(position) {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(`${path}.tmp`, `${position}\n`);
      await rename(`${path}.tmp`, path);
    },
  };
}
