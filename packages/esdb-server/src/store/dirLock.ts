import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Directories this process holds; a lock naming our own pid but absent here was left by an earlier process with the same pid (a container's pid 1). */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One writer per data directory: a second server on the same files would cut off the first
 * one's unflushed tail at start and interleave its appends with them. The lock is a `LOCK` file
 * holding the pid; one whose process is gone (kill -9, power loss) is taken over.
 * Returns the release.
 */
export function lockDataDir(dir: string): () => void {
  const key = resolve(dir);
  const path = join(key, 'LOCK');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, String(process.pid));
      } finally {
        closeSync(fd);
      }
      held.add(key);
      return () => {
        if (!held.delete(key)) return;
        try {
          unlinkSync(path);
        } catch {
          // already gone
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let holder = NaN;
    try {
      holder = Number(readFileSync(path, 'utf8').trim());
    } catch {
      continue; // released meanwhile
    }
    const ours = holder === process.pid;
    if (Number.isSafeInteger(holder) && holder > 0 && (ours ? held.has(key) : alive(holder))) {
      throw new Error(`the event log in ${key} is in use by process ${holder}`);
    }
    try {
      unlinkSync(path); // left by a process that is gone
    } catch {
      // taken over by another opener meanwhile
    }
  }
  throw new Error(`could not lock the event log in ${key}`);
}
