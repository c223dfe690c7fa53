import t, { type Test } from 'tap';
import { appendFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKWARDS, END, EventStoreDBClient, START, binaryEvent } from '@eventstore/db-client';
import { startEsdbServer } from '../src/index.js';
import { collect } from './contract/target.js';

// A log of ~25 MB: more than the start-up scan window (8 MiB) and many read-cache blocks
// (1 MiB), with event sizes that put frames across every kind of boundary. Everything must
// read back byte for byte, also after a restart and after a torn tail is cut off.
const dataDir = mkdtempSync(join(tmpdir(), 'shouwang-esdb-large-'));
t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));

const bodyOf = (n: number) => {
  // Sizes from 1 byte to ~12 KB, contents derived from n so every byte is checkable.
  const size = 1 + ((n * 7919) % 12_000);
  const seed = createHash('sha256').update(String(n)).digest();
  const b = Buffer.allocUnsafe(size);
  for (let i = 0; i < size; i++) b[i] = seed[i % 32]! ^ (i & 0xff);
  return b;
};
const STREAMS = 8;
const APPENDS = 400;
const PER_APPEND = 10;
const total = APPENDS * PER_APPEND;

async function verify(t: Test, client: EventStoreDBClient, label: string) {
  const all = await collect(client.readAll({ fromPosition: START, maxCount: total + 10 }));
  const mine = all.filter((e) => e.event?.streamId.startsWith('large-'));
  t.equal(mine.length, total, `${label}: every event in $all`);
  let bad = 0;
  for (const e of mine) {
    const n = (e.event!.metadata as { n: number }).n;
    if (!Buffer.from(e.event!.data as Uint8Array).equals(bodyOf(n))) bad++;
  }
  t.equal(bad, 0, `${label}: every payload byte for byte`);
  const back = await collect(client.readStream('large-3', { fromRevision: END, direction: BACKWARDS, maxCount: 100_000 }));
  t.same(
    back.map((e) => e.event!.revision),
    Array.from({ length: total / STREAMS }, (_, k) => BigInt(total / STREAMS - 1 - k)),
    `${label}: a stream read backwards`,
  );
  return mine;
}

t.test('a log bigger than the scan window and the read cache reads back exactly, before and after a restart', async (t) => {
  let server = await startEsdbServer({ port: 0, dataDir });
  let client = EventStoreDBClient.connectionString(server.connectionString);
  let n = 0;
  for (let a = 0; a < APPENDS; a++) {
    const events = Array.from({ length: PER_APPEND }, () => {
      const k = n++;
      return binaryEvent({ type: 'Blob', data: bodyOf(k), metadata: Buffer.from(JSON.stringify({ n: k })) });
    });
    await client.appendToStream(`large-${a % STREAMS}`, events);
  }
  t.ok(statSync(join(dataDir, 'events.log')).size > 20 * 1024 * 1024, 'the log is bigger than the scan window');
  const before = await verify(t, client, 'live');
  await client.dispose();
  await server.stop();

  server = await startEsdbServer({ port: 0, dataDir });
  client = EventStoreDBClient.connectionString(server.connectionString);
  const after = await verify(t, client, 'restarted');
  t.same(
    after.map((e) => e.event!.position!.commit),
    before.map((e) => e.event!.position!.commit),
    'positions unchanged',
  );
  await client.dispose();
  await server.stop();

  // A torn write after the last acknowledged frame: a frame header promising more than is there.
  const torn = Buffer.alloc(300, 0xab);
  torn.writeUInt32LE(5000, 0);
  appendFileSync(join(dataDir, 'events.log'), torn);
  server = await startEsdbServer({ port: 0, dataDir });
  client = EventStoreDBClient.connectionString(server.connectionString);
  await verify(t, client, 'after a torn tail');
  const next = await client.appendToStream('large-0', binaryEvent({ type: 'Blob', data: bodyOf(0), metadata: Buffer.from('{"n":0}') }));
  t.equal(next.nextExpectedRevision, BigInt(total / STREAMS), 'appends continue where the log ends');
  await client.dispose();
  await server.stop();
});
