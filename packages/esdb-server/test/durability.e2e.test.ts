import t from 'tap';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { startEsdbServer } from '../src/index.js';
import { collect } from './contract/target.js';
import { spawnEsdbProcess } from '../src/index.js';

const dataDir = mkdtempSync(join(tmpdir(), 'shouwang-esdb-durable-'));
t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));

t.test('events, deletes and idempotency survive a restart', async (t) => {
  const first = await startEsdbServer({ port: 0, dataDir });
  let client = EventStoreDBClient.connectionString(first.connectionString);
  const events = [jsonEvent({ type: 'A', data: { n: 1 } }), jsonEvent({ type: 'B', data: { n: 2 } })];
  const written = await client.appendToStream('keep-1', events, { expectedRevision: 'no_stream' });
  await client.appendToStream('gone-1', jsonEvent({ type: 'X', data: {} }));
  await client.deleteStream('gone-1');
  await client.appendToStream('tomb-1', jsonEvent({ type: 'X', data: {} }));
  await client.tombstoneStream('tomb-1');
  await client.dispose();
  await first.stop();

  const second = await startEsdbServer({ port: 0, dataDir });
  client = EventStoreDBClient.connectionString(second.connectionString);
  t.teardown(async () => {
    await client.dispose();
    await second.stop();
  });
  const kept = await collect(client.readStream('keep-1'));
  t.same(kept.map((e) => e.event!.data), [{ n: 1 }, { n: 2 }]);
  t.equal(kept[1]!.event!.position!.commit, written.position!.commit, 'same position after restart');
  const again = await client.appendToStream('keep-1', events, { expectedRevision: 'no_stream' });
  t.equal(again.nextExpectedRevision, 1n, 'a retried append after restart is still idempotent');
  t.equal((await collect(client.readStream('keep-1'))).length, 2);
  t.equal(((await collect(client.readStream('gone-1')).catch((e: unknown) => e)) as { type: string }).type, 'stream-not-found');
  t.equal(((await collect(client.readStream('tomb-1')).catch((e: unknown) => e)) as { type: string }).type, 'stream-deleted');
  t.equal((await client.appendToStream('gone-1', jsonEvent({ type: 'Y', data: {} }))).nextExpectedRevision, 1n);
});

interface Ack {
  id: string;
  stream: string;
  revision: bigint;
  position: bigint;
}

t.test('kill -9 under load, 20 times: every acknowledged event is there exactly once', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'shouwang-esdb-kill-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  // Small segments, so kills land around segment roll-overs too. The first start picks a free
  // port; every restart takes the same one, as a restarted server would.
  const args = ['--data-dir', dir, '--segment-bytes', '65536'];
  const { port, kill: stopFirst } = await spawnEsdbProcess(['--port', '0', ...args]);
  await stopFirst();
  const acked: Ack[] = [];
  let seq = 0;
  for (let round = 0; round < 20; round++) {
    const server = await spawnEsdbProcess(['--port', String(port), ...args]);
    const client = EventStoreDBClient.connectionString(`esdb://127.0.0.1:${port}?tls=false`);
    let stop = false;
    // 50 appends in flight: one event to a new stream, or two to a shared one.
    const worker = async () => {
      while (!stop) {
        const n = seq++;
        const shared = n % 3 === 0;
        const stream = shared ? `kill-shared-${n % 7}` : `kill-${n}`;
        const events = (shared ? [0, 1] : [0]).map((k) => jsonEvent({ type: 'Load', data: { n, k }, id: crypto.randomUUID() }));
        try {
          const r = await client.appendToStream(stream, events, { expectedRevision: shared ? 'any' : 'no_stream' });
          const last = r.nextExpectedRevision;
          events.forEach((e, k) => acked.push({ id: e.id, stream, revision: last - BigInt(events.length - 1 - k), position: k === events.length - 1 ? r.position!.commit : -1n }));
        } catch {
          return;
        }
      }
    };
    const workers = Array.from({ length: 50 }, worker);
    await new Promise((r) => setTimeout(r, 150 + Math.random() * 350));
    await server.kill();
    stop = true;
    await Promise.all(workers);
    await client.dispose();
  }
  const server = await spawnEsdbProcess(['--port', String(port), ...args]);
  const client = EventStoreDBClient.connectionString(server.connectionString);
  t.teardown(async () => {
    await client.dispose();
    await server.kill();
  });
  const all = await collect(client.readAll());
  const byId = new Map<string, { count: number; stream: string; revision: bigint; position: bigint }>();
  let lastPosition = -1n;
  let increasing = true;
  for (const e of all) {
    const p = e.event!.position!.commit;
    if (p <= lastPosition) increasing = false;
    lastPosition = p;
    const seen = byId.get(e.event!.id);
    if (seen) seen.count++;
    else byId.set(e.event!.id, { count: 1, stream: e.event!.streamId, revision: e.event!.revision, position: p });
  }
  t.ok(acked.length > 1000, `a real load was acknowledged (${acked.length} events)`);
  t.ok(readdirSync(dir).filter((f) => f.startsWith('events')).length > 3, 'the log spans several segment files');
  t.ok(increasing, 'positions strictly increase in $all');
  let lost = 0;
  let duplicated = 0;
  let moved = 0;
  for (const a of acked) {
    const found = byId.get(a.id);
    if (!found) lost++;
    else {
      if (found.count !== 1) duplicated++;
      if (found.stream !== a.stream || found.revision !== a.revision || (a.position >= 0n && found.position !== a.position)) moved++;
    }
  }
  t.equal(lost, 0, 'no acknowledged event lost');
  t.equal(duplicated, 0, 'no event twice');
  t.equal(moved, 0, 'every acknowledged event at its stream, revision and position');
  const ownStreams = new Map<string, bigint[]>();
  for (const e of all) {
    const list = ownStreams.get(e.event!.streamId) ?? [];
    list.push(e.event!.revision);
    ownStreams.set(e.event!.streamId, list);
  }
  let gaps = 0;
  for (const revisions of ownStreams.values()) revisions.forEach((r, i) => (r !== BigInt(i) ? gaps++ : 0));
  t.equal(gaps, 0, 'revisions are contiguous in every stream');
});
