/**
 * Durable single-event appends through the official client, 50 in flight, against the
 * embedded server in its own process (as in production, the store is not in the caller's
 * process). Baseline in the same run: the same load with the store in memory (no fsync), so
 * the ratio shows what durability costs on this machine.
 *
 *   node --import tsx benchmarks/esdb-append.ts [seconds=5]
 */
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnEsdbProcess } from '@shouwang/esdb-server';

const seconds = Number(process.argv[2] ?? 5);
const inFlight = 50;

async function run(label: string, args: string[]): Promise<number> {
  const store = await spawnEsdbProcess(['--port', '0', ...args]);
  const client = EventStoreDBClient.connectionString(store.connectionString);
  await client.appendToStream('warmup', jsonEvent({ type: 'Warmup', data: {} }));
  let done = 0;
  let n = 0;
  const until = Date.now() + seconds * 1000;
  const worker = async () => {
    while (Date.now() < until) {
      const i = n++;
      await client.appendToStream(`volunteer-${i}`, jsonEvent({ type: 'VolunteerSignedUp', data: { volunteerId: `v-${i}`, districtId: 'haidian', stationId: `s-${i % 648}`, skills: ['checkpoint'] } }), { expectedRevision: 'no_stream' });
      done++;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  const rate = done / ((performance.now() - start) / 1000);
  await client.dispose();
  await store.stop();
  console.log(`${label}: ${done} appends, ${Math.round(rate)} appends/s`);
  return rate;
}

const dir = mkdtempSync(join(tmpdir(), 'shouwang-bench-append-'));
try {
  const durable = await run('durable (fsync, group commit)', ['--data-dir', dir]);
  const memory = await run('in memory (baseline)', ['--memory']);
  console.log(`durable / in-memory = ${(durable / memory).toFixed(2)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
