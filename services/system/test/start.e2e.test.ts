import t from 'tap';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort, tempDir } from '@shouwang/testing';

// The README's first command, as a user runs it: every service comes up on the embedded
// store, answers its health check, and one Ctrl-C stops them all.
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

/** `pnpm start` as a child process on free ports, without the demo city or a NATS of its own. */
async function startSystem(dataDir: string) {
  const [api, projector, relay] = [await freePort(), await freePort(), await freePort()];
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(api), PROJECTOR_PORT: String(projector), RELAY_PORT: String(relay), ESDB_PORT: '0', DEMO: '0', NATS_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const system = { child, api, projector, relay, out: '', exited: new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code))) };
  child.stdout.on('data', (b: Buffer) => (system.out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (system.out += b.toString()));
  return system;
}

t.test('the whole system starts on the embedded store and stops on SIGINT', async (t) => {
  const system = await startSystem(tempDir('shouwang-system-'));
  const { child, api, projector, relay, exited } = system;
  t.teardown(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const deadline = Date.now() + 90_000;
  while (!system.out.includes('Shouwang is running') && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 200));
  t.match(system.out, /Shouwang is running/, 'prints that it runs');
  t.match(system.out, /pnpm --filter @shouwang\/api tokens/, 'says how to get a token');

  const health = async (port: number, path: string) => (await fetch(`http://127.0.0.1:${port}${path}`)).status;
  t.equal(await health(api, '/healthz'), 200, 'API healthy');
  t.equal(await health(api, '/readyz'), 200, 'API ready (the store answers)');
  t.equal(await health(projector, '/healthz'), 200, 'projector healthy');
  t.equal(await health(relay, '/healthz'), 200, 'relay healthy');

  child.kill('SIGINT');
  t.equal(await exited, 0, 'exits cleanly');
});

/** Processes whose environment names `dataDir` (every service the system started for it). */
function processesOf(dataDir: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(`DATA_DIR=${dataDir}`);
      } catch {
        return false; // gone meanwhile, or not ours to read
      }
    })
    .map(Number);
}

t.test('a SIGTERM while a service is still starting stops that one too', async (t) => {
  const dataDir = tempDir('shouwang-system-');
  const system = await startSystem(dataDir);
  t.teardown(() => {
    for (const pid of processesOf(dataDir)) process.kill(pid, 'SIGKILL');
  });
  while (!/\[store\] .*listening/.test(system.out) && system.child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
  // The API is spawned right after the store is ready and takes a second or two to listen.
  await new Promise((r) => setTimeout(r, 300));
  t.notMatch(system.out, /Shouwang is running/, 'still starting');
  system.child.kill('SIGTERM');
  await system.exited;
  // Checked at once: a service left behind would run on until its next write to the closed pipe.
  t.same(processesOf(dataDir), [], 'no service of this system outlives it');
});
