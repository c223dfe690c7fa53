import t from 'tap';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signToken, tokenVerifier } from '@shouwang/auth';

const apiDir = fileURLToPath(new URL('..', import.meta.url));
const secret = 'e2e-secret-long-enough-for-production-use';
const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));
const settings = { secret, issuer: 'shouwang', audience: 'shouwang-api' };

function run(script: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: apiDir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (err += c));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, out: () => out, err: () => err };
}

async function listening(p: ReturnType<typeof run>): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const m = /listening on (http:\/\/[^\s]+)/.exec(p.out());
    if (m) return m[1]!;
    if (p.child.exitCode !== null) throw new Error(`exited: ${p.err()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('never listened');
}

t.test('main starts on the embedded store, keeps data across a restart, and stops on SIGTERM', async (t) => {
  const dataDir = tempDir('shouwang-main-');
  const env = { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, JWT_SECRET: secret, LOG_LEVEL: 'silent' };
  const auth = { authorization: `Bearer ${await signToken(settings, { sub: 'c', role: 'commander', districtId: 'city' })}`, 'content-type': 'application/json' };

  const first = run('src/main.ts', env);
  const base = await listening(first);
  t.match(first.out(), /tokens:/, 'tells how to get a token');
  t.equal((await fetch(`${base}/readyz`)).status, 200);
  const created = await fetch(`${base}/v1/districts/yanqing/center`, { method: 'POST', headers: auth, body: JSON.stringify({ centerName: 'Yanqing center' }) });
  t.equal(created.status, 201);
  first.child.kill('SIGTERM');
  t.equal(await first.exited, 0);

  const second = run('src/main.ts', env);
  t.teardown(() => void second.child.kill('SIGKILL'));
  const base2 = await listening(second);
  const read = await fetch(`${base2}/v1/districts/yanqing`, { headers: auth });
  t.equal(read.status, 200, 'the district is still there');
  second.child.kill('SIGTERM');
  await second.exited;
});

t.test('production refuses the development secret and short secrets', async (t) => {
  for (const [name, extra] of [['development secret', {}], ['short secret', { JWT_SECRET: 'too-short' }]] as const) {
    const p = run('src/main.ts', { NODE_ENV: 'production', PORT: '0', DATA_DIR: tempDir('shouwang-prod-'), ...extra });
    t.equal(await p.exited, 1, name);
    t.match(p.err(), /JWT_SECRET/, `${name}: names the variable`);
    t.notMatch(p.err(), /too-short/, 'never echoes the secret');
  }
});

t.test('the tokens command prints a valid token for every role', async (t) => {
  const p = run('src/tokens.ts', { JWT_SECRET: secret });
  t.equal(await p.exited, 0);
  const verify = tokenVerifier(settings);
  const tokens = p.out().split('\n').filter((l) => l.startsWith('ey'));
  const claims = await Promise.all(tokens.map(verify));
  t.same(claims.map((c) => c?.role).sort(), ['auditor', 'commander', 'dispatcher', 'donations_desk', 'volunteer']);
});
