import t from 'tap';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventLog } from '../src/store/eventLog.js';

t.test('a second writer on the same data directory is refused until the first closes', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'esdb-lock-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const first = EventLog.open(dir);
  t.throws(() => EventLog.open(dir), /in use by process/);
  first.close();
  const second = EventLog.open(dir);
  t.pass('opened once the first writer closed');
  second.close();
});

t.test('a lock left by a process that is gone is taken over', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'esdb-lock-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  // Pids are below 2^22 on Linux; this one names no process.
  writeFileSync(join(dir, 'LOCK'), '99999999');
  const log = EventLog.open(dir);
  t.throws(() => EventLog.open(dir), /in use by process/);
  log.close();
});

t.test('a lock naming our own pid that this process does not hold (a restarted pid 1) is taken over', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'esdb-lock-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'LOCK'), String(process.pid));
  const log = EventLog.open(dir);
  log.close();
  t.pass();
});

t.test('a server that cannot bind its port leaves the data directory free', async (t) => {
  const { startEsdbServer } = await import('../src/server.js');
  const dir = mkdtempSync(join(tmpdir(), 'esdb-lock-'));
  const other = mkdtempSync(join(tmpdir(), 'esdb-lock-'));
  t.teardown(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(other, { recursive: true, force: true });
  });
  const running = await startEsdbServer({ dataDir: other });
  t.teardown(() => running.stop());
  await t.rejects(startEsdbServer({ dataDir: dir, port: running.port }));
  const log = EventLog.open(dir);
  t.pass('the data directory opens after the failed start');
  log.close();
});
