import t from 'tap';
import { existsSync, readdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { openEventStore } from '@shouwang/event-store';
import { startEmbeddedStore } from '../src/index.js';

const metadata = { commandId: 'c', correlationId: 'c', causationId: 'c', actor: { role: 'r', id: 'u', districtId: null }, occurredAt: '2026-11-22T00:00:00Z', schemaVersion: 1 };

t.test('startEmbeddedStore serves a store on disk that survives a restart on the same data dir', async (t) => {
  const first = await startEmbeddedStore();
  t.match(first.connectionString, /^esdb:\/\/127\.0\.0\.1:\d+\?tls=false$/);
  await first.store.append('team-1', [{ id: randomUUID(), type: 'TeamFormed', data: { districtId: 'd' }, metadata }], 'no_stream');
  // A second client on the same server sees the event.
  const other = await openEventStore({ connectionString: first.connectionString });
  t.equal((await other.readStream('team-1')).length, 1);
  await other.close();
  await first.stop();
  t.ok(existsSync(first.dataDir) && readdirSync(first.dataDir).length > 0, 'files in the temp data dir');

  const second = await startEmbeddedStore({ dataDir: first.dataDir });
  t.teardown(second.stop);
  t.same((await second.store.readStream('team-1')).map((e) => e.type), ['TeamFormed']);
});
