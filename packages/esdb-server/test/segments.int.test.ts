import t from 'tap';
import { mkdtempSync, readdirSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDBClient, START, binaryEvent } from '@eventstore/db-client';
import { startEsdbServer } from '../src/index.js';
import { collect } from './contract/target.js';

// The log rolls over into segment files; positions run on across them, reads cross them, and
// a torn frame in one segment cuts the log there (the later segments can only hold writes of
// the same unacknowledged flush or after it).
const dataDir = mkdtempSync(join(tmpdir(), 'shouwang-esdb-segments-'));
t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
const segmentBytes = 256 * 1024;
const baseOf = (f: string) => Number(/^events-(\d+)\.log$/.exec(f)?.[1] ?? 0);
/** Segment files in log order: `events.log`, then by base position. */
const segmentFiles = () =>
  readdirSync(dataDir)
    .filter((f) => /^events(-\d+)?\.log$/.test(f))
    .sort((a, b) => baseOf(a) - baseOf(b));
const body = (n: number) => Buffer.alloc(1 + ((n * 131) % 3000), n % 251);

async function readAllOf(connectionString: string) {
  const client = EventStoreDBClient.connectionString(connectionString);
  const all = await collect(client.readAll({ fromPosition: START, maxCount: 1_000_000 }));
  await client.dispose();
  return all.map((e) => ({ id: e.event!.id, position: e.event!.position!.commit, n: Number(e.event!.type.slice(1)), data: Buffer.from(e.event!.data as Uint8Array) }));
}

t.test('segments: written, read across, restarted, cut at a torn frame', async (t) => {
  let server = await startEsdbServer({ port: 0, dataDir, segmentBytes });
  let client = EventStoreDBClient.connectionString(server.connectionString);
  let n = 0;
  for (let a = 0; a < 300; a++) {
    await client.appendToStream(`seg-${a % 5}`, Array.from({ length: 5 }, () => binaryEvent({ type: `N${n}`, data: body(n++) })));
  }
  await client.dispose();
  const files = segmentFiles();
  t.ok(files.length >= 5, `${files.length} segment files`);
  for (const f of files.slice(0, -1)) t.ok(statSync(join(dataDir, f)).size <= segmentBytes + 16, `${f} stays within the segment size`);
  const live = await readAllOf(server.connectionString);
  t.equal(live.length, n);
  t.ok(live.every((e, i) => e.n === i && e.data.equals(body(i))), 'every event in order, byte for byte');
  t.ok(live.every((e, i) => i === 0 || e.position > live[i - 1]!.position), 'positions strictly increase across segments');
  await server.stop();

  server = await startEsdbServer({ port: 0, dataDir, segmentBytes });
  t.same(await readAllOf(server.connectionString), live, 'the same after a restart');
  await server.stop();

  // Tear the last frame of the second segment, as a crash in the middle of a flush that
  // spanned a roll-over would.
  const second = join(dataDir, files[1]!);
  truncateSync(second, statSync(second).size - 3);
  server = await startEsdbServer({ port: 0, dataDir, segmentBytes });
  const cut = await readAllOf(server.connectionString);
  t.ok(cut.length > 0 && cut.length < live.length, `the log ends at the torn frame (${cut.length} of ${live.length})`);
  t.same(cut, live.slice(0, cut.length), 'what remains is exactly the start of the log');
  t.same(segmentFiles(), files.slice(0, 2), 'the later segments are gone');
  client = EventStoreDBClient.connectionString(server.connectionString);
  const next = await client.appendToStream('seg-after', binaryEvent({ type: `N${cut.length}`, data: body(cut.length) }));
  t.ok(next.position!.commit > cut[cut.length - 1]!.position, 'appends continue after the cut');
  await client.dispose();
  await server.stop();
  server = await startEsdbServer({ port: 0, dataDir, segmentBytes });
  t.equal((await readAllOf(server.connectionString)).length, cut.length + 1, 'and survive another restart');
  await server.stop();
});
