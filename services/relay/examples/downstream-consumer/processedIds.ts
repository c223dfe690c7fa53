import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Event ids already handled, kept in a file (one id per line) so a restarted consumer skips
 * redeliveries. A real consumer stores them in the same transaction as its own effect.
 */
export class ProcessedIds {
  private readonly ids = new Set<string>();

  constructor(private readonly file?: string) {
    if (file) mkdirSync(dirname(file), { recursive: true });
    if (file && existsSync(file)) {
      for (const line of readFileSync(file, 'utf8').split('\n')) if (line) this.ids.add(line);
    }
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(id: string): void {
    this.ids.add(id);
    if (this.file) appendFileSync(this.file, `${id}\n`);
  }

  get size(): number {
    return this.ids.size;
  }
}
