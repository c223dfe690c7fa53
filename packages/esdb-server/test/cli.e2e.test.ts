import t from 'tap';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { collect } from './contract/target.js';

// The `shouwang-esdb` command exactly as package.json's bin runs it: the JS launcher, no --import.
const bin = fileURLToPath(new URL('../bin/shouwang-esdb.js', import.meta.url));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function start(args: string[]) {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<Run>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const m = /listening on (\S+)/.exec(stdout);
      if (m) resolve(m[1]!);
    });
    void exited.then((r) => reject(new Error(`exited (${r.code}) before listening: ${r.stderr}`)));
  });
  // Runs that are meant to fail never listen; their rejection is not an error of the test.
  listening.catch(() => undefined);
  return { child, exited, listening };
}

t.test('--data-dir: serves the client, stops on SIGTERM with exit 0, and keeps the events', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'shouwang-esdb-cli-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const first = start(['--port', '0', '--data-dir', dir]);
  const address = await first.listening;
  t.match(address, /^esdb:\/\/127\.0\.0\.1:\d+\?tls=false$/);
  let client = EventStoreDBClient.connectionString(address);
  await client.appendToStream('cli-1', jsonEvent({ type: 'VolunteerSignedUp', data: { n: 1 } }));
  await client.dispose();
  first.child.kill('SIGTERM');
  t.equal((await first.exited).code, 0);
  t.ok(readdirSync(dir).length > 0, 'the data directory holds the log');

  const second = start(['--port', '0', '--data-dir', dir]);
  client = EventStoreDBClient.connectionString(await second.listening);
  const events = await collect(client.readStream('cli-1'));
  t.same(events.map((e) => e.event!.data), [{ n: 1 }]);
  await client.dispose();
  second.child.kill('SIGTERM');
  t.equal((await second.exited).code, 0);
});

t.test('--memory: serves, and leaves nothing behind', async (t) => {
  const run = start(['--port', '0', '--memory']);
  const client = EventStoreDBClient.connectionString(await run.listening);
  const r = await client.appendToStream('cli-mem', jsonEvent({ type: 'A', data: {} }), { expectedRevision: 'no_stream' });
  t.equal(r.nextExpectedRevision, 0n);
  await client.dispose();
  run.child.kill('SIGINT');
  t.equal((await run.exited).code, 0);
});

t.test('bad arguments: exit 2 with the usage, nothing started', async (t) => {
  for (const args of [[], ['--port', 'abc', '--memory'], ['--port', '70000', '--memory'], ['--port', '0', '--memory', '--data-dir', 'x'], ['--no-such-flag']]) {
    const r = await start(args).exited;
    t.equal(r.code, 2, args.join(' ') || '(no arguments)');
    t.match(r.stderr, /usage: shouwang-esdb/);
    t.notMatch(r.stdout, /listening/);
  }
  const help = await start(['--help']).exited;
  t.equal(help.code, 0);
  t.match(help.stdout, /usage: shouwang-esdb/);
});
