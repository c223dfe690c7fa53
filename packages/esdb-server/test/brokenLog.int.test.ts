import t from 'tap';
import { closeSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { startEsdbServer } from '../src/index.js';

/** This process's open descriptors on files inside `dir`. */
const descriptorsIn = (dir: string): number[] =>
  readdirSync('/proc/self/fd')
    .map(Number)
    .filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`).startsWith(`${dir}/`);
      } catch {
        return false;
      }
    });

t.test('a failed write is logged, reported once, and every later append is refused', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'shouwang-esdb-broken-'));
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
  const broken: Error[] = [];
  const server = await startEsdbServer({ port: 0, dataDir, logger, onBroken: (err) => broken.push(err) });
  const client = EventStoreDBClient.connectionString(server.connectionString);
  t.teardown(async () => {
    await client.dispose();
    await server.stop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });
  await client.appendToStream('ok-1', jsonEvent({ type: 'A', data: {} }));

  // The disk "fails": the segment file's descriptor goes away under the log.
  const fds = descriptorsIn(dataDir).filter((fd) => !readlinkSync(`/proc/self/fd/${fd}`).endsWith('/LOCK'));
  t.ok(fds.length > 0, 'the log holds its segment file open');
  for (const fd of fds) closeSync(fd);

  await t.rejects(client.appendToStream('ok-2', jsonEvent({ type: 'B', data: {} })), 'the append whose write failed is not acknowledged');
  await t.rejects(client.appendToStream('ok-3', jsonEvent({ type: 'C', data: {} })), 'nor is any append after it');
  t.equal(broken.length, 1, 'onBroken is called once');
  t.match(broken[0]?.message, /event log write failed/);
  t.ok(lines.some((l) => l.includes('"level":50') && l.includes('appends are refused until the store restarts')), 'the failure is logged as an error');
});
