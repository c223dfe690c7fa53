/**
 * readAll of a large history through the official client, beside the same client reading from
 * a bare grpc-js server that streams pre-serialised messages from memory (the ceiling: all the
 * time left is the client's own), in one run. Both servers run in their own process.
 *
 *   node --import tsx benchmarks/esdb-read-all.ts [events=1000000]
 */
import { EventStoreDBClient } from '@eventstore/db-client';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedEventLog } from './support/seedStore.js';
import { spawnEsdbProcess } from '@shouwang/esdb-server';

const count = Number(process.argv[2] ?? 1_000_000);

async function readAllRate(label: string, connectionString: string): Promise<number> {
  const client = EventStoreDBClient.connectionString(connectionString);
  const start = performance.now();
  let n = 0;
  for await (const e of client.readAll({ maxCount: count })) if (e.event) n++;
  const rate = n / ((performance.now() - start) / 1000);
  await client.dispose();
  console.log(`${label}: ${n} events, ${Math.round(rate)} events/s`);
  return rate;
}

const dir = mkdtempSync(join(tmpdir(), 'shouwang-bench-readall-'));
try {
  console.log(`seeding ${count} events…`);
  await seedEventLog(dir, count);
  const store = await spawnEsdbProcess(['--port', '0', '--data-dir', dir]);
  const embedded = await readAllRate('embedded server', store.connectionString);
  await store.stop();

  const ceiling = fork(fileURLToPath(new URL('./support/bareReadServer.ts', import.meta.url)), [String(count)], { execArgv: ['--import', 'tsx'] });
  const port = await new Promise<number>((resolve) => ceiling.once('message', (m) => resolve((m as { port: number }).port)));
  const bare = await readAllRate('bare grpc-js, pre-built messages', `esdb://127.0.0.1:${port}?tls=false`);
  ceiling.kill();
  console.log(`embedded / bare ceiling = ${(embedded / bare).toFixed(2)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
