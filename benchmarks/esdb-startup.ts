/**
 * Server start with a large history on disk, and the memory the server holds it in; the
 * baseline in the same run is a start on an empty data directory.
 *
 *   node --import tsx --expose-gc benchmarks/esdb-startup.ts [events=1000000]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedEventLog } from './support/seedStore.js';
import { spawnEsdbProcess, startEsdbServer } from '@shouwang/esdb-server';

const count = Number(process.argv[2] ?? 1_000_000);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

async function timedStart(dataDir: string) {
  gc();
  const rssBefore = process.memoryUsage().rss;
  const start = performance.now();
  const server = await startEsdbServer({ port: 0, dataDir });
  const ms = performance.now() - start;
  gc();
  const rss = process.memoryUsage().rss - rssBefore;
  const events = server.eventCount();
  await server.stop();
  return { ms, rss, events };
}

async function processRss(dataDir: string): Promise<number> {
  const store = await spawnEsdbProcess(['--port', '0', '--data-dir', dataDir]);
  const status = readFileSync(`/proc/${store.child.pid}/status`, 'utf8');
  await store.stop();
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

const empty = mkdtempSync(join(tmpdir(), 'shouwang-bench-start-empty-'));
const full = mkdtempSync(join(tmpdir(), 'shouwang-bench-start-full-'));
try {
  console.log(`seeding ${count} events…`);
  await seedEventLog(full, count);
  const size = readdirSync(full).reduce((n, f) => n + statSync(join(full, f)).size, 0);
  const base = await timedStart(empty);
  const loaded = await timedStart(full);
  console.log(`empty data dir: start ${base.ms.toFixed(0)} ms`);
  console.log(`${loaded.events} events (${(size / 2 ** 20).toFixed(0)} MiB log): start ${loaded.ms.toFixed(0)} ms, server memory +${(loaded.rss / 2 ** 20).toFixed(0)} MiB RSS (${Math.round(loaded.rss / loaded.events)} bytes/event)`);
  console.log(`start with history / empty start = ${(loaded.ms / base.ms).toFixed(1)}`);
  // The same, as its own process (shouwang-esdb): whole-process RSS once it listens.
  const emptyRss = await processRss(empty);
  const fullRss = await processRss(full);
  console.log(`shouwang-esdb process RSS: ${(fullRss / 2 ** 20).toFixed(0)} MiB holding ${loaded.events} events, ${(emptyRss / 2 ** 20).toFixed(0)} MiB empty`);
} finally {
  rmSync(empty, { recursive: true, force: true });
  rmSync(full, { recursive: true, force: true });
}
