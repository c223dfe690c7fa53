import t from 'tap';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { StreamDeletedError as ClientStreamDeleted } from '@eventstore/db-client';
import { openEventStore, mapClientError, StreamDeletedError, EventStoreUnavailableError } from '../src/index.js';
import { event } from './fixtures.js';

t.test('without a connection string the embedded server starts (on disk, or in memory)', async (t) => {
  const saved = process.env.ESDB_CONNECTION_STRING;
  delete process.env.ESDB_CONNECTION_STRING;
  t.teardown(() => {
    if (saved !== undefined) process.env.ESDB_CONNECTION_STRING = saved;
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'shouwang-open-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));

  const onDisk = await openEventStore({ dataDir });
  t.match(onDisk.connectionString, /^esdb:\/\/127\.0\.0\.1:\d+/);
  await onDisk.append('team-a', [event('TeamFormed')], 'no_stream');
  await onDisk.close();
  t.ok(readdirSync(dataDir).length > 0, 'files written under dataDir');

  const inMemory = await openEventStore({ memory: true });
  t.same(await inMemory.readStream('team-a'), [], 'a fresh memory store');

  // ESDB_CONNECTION_STRING wins over starting another server.
  process.env.ESDB_CONNECTION_STRING = inMemory.connectionString;
  const viaEnv = await openEventStore();
  t.equal(viaEnv.connectionString, inMemory.connectionString);
  await viaEnv.append('team-b', [event('TeamFormed')], 'no_stream');
  t.equal((await inMemory.readStream('team-b')).length, 1);
  await viaEnv.close();
  await inMemory.close();
});

t.test('an unreachable store surfaces as EventStoreUnavailableError', async (t) => {
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  const store = await openEventStore({ connectionString: `esdb://127.0.0.1:${port}?tls=false` });
  t.teardown(() => store.close());
  await t.rejects(store.readStream('post-1'), EventStoreUnavailableError);
  await t.rejects(store.append('post-1', [event('PostOpened')], 'no_stream'), EventStoreUnavailableError);
});

t.test("the client's StreamDeletedError maps to ours", async (t) => {
  const mapped = mapClientError(new ClientStreamDeleted(undefined, 'post-9'));
  t.ok(mapped instanceof StreamDeletedError);
  t.equal((mapped as StreamDeletedError).stream, 'post-9');
  const other = new Error('x');
  t.equal(mapClientError(other), other, 'anything else passes through');
});
