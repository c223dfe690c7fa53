/**
 * Dispatch commands end to end — HTTP → zod → read target, modes and volunteer → decide →
 * durable append on both streams → reply — at 50 keep-alive connections over a real socket, on
 * the embedded store (on disk), beside a bare fastify + zod route answering the same body in the
 * same run. Run: node --import tsx benchmarks/api-dispatch.ts
 * Knobs: BENCH_REQUESTS (default 20000), BENCH_CONNECTIONS (50), BENCH_WARMUP (1000),
 * BENCH_STORE=process to run the same embedded server as its own process (shouwang-esdb) instead
 * of inside the API process, BENCH_CPU_PROFILE=<file> to profile the measured phase only.
 */
import http from 'node:http';
import os from 'node:os';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildApp, signToken } from '@shouwang/api';
import { openEventStore, type EventStore } from '@shouwang/event-store';
import { startEmbeddedStore, tempDir } from '@shouwang/testing';
import { profiled } from './support/cpuProfile.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1_000);
const SHIFTS = 24;
const POSTS = 400;
const jwt = { secret: 'benchmark-secret-benchmark-secret-0001', issuer: 'shouwang', audience: 'shouwang-api' };

interface Result {
  perSecond: number;
  p50: number;
  p99: number;
  statuses: Record<number, number>;
}

/** `count` POSTs from `CONNECTIONS` workers over keep-alive sockets; latency per request in ms. */
async function load(port: number, count: number, request: (i: number) => { path: string; body: string }, headers: Record<string, string>): Promise<Result> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  const one = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const { path, body } = request(i);
      const started = process.hrtime.bigint();
      const req = http.request(
        { host: '127.0.0.1', port, path, method: 'POST', agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
            statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
            resolve();
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= count) return;
      await one(i);
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const seconds = (Date.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { perSecond: count / seconds, p50: at(0.5), p99: at(0.99), statuses };
}

async function baseline(count: number, body: (i: number) => string): Promise<Result> {
  const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const Body = z.strictObject({
    dispatchId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/),
    target: z.strictObject({ kind: z.literal('post_shift'), postId: z.string(), shiftId: z.string() }),
  });
  app.post('/v1/volunteers/:volunteerId/dispatches', { schema: { body: Body, params: z.object({ volunteerId: z.string() }) } }, async (request, reply) =>
    reply.status(201).send({ commandId: request.body.dispatchId, events: [] }),
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  await load(port, Math.min(WARMUP, count), (i) => ({ path: '/v1/volunteers/v/dispatches', body: body(i) }), {});
  const result = await load(port, count, (i) => ({ path: '/v1/volunteers/v/dispatches', body: body(i) }), {});
  await app.close();
  return result;
}

/** The store: in this process (the embedded default), or the same server as a child process. */
async function openStore(): Promise<{ store: EventStore; stop(): Promise<void> }> {
  if (process.env.BENCH_STORE !== 'process') return startEmbeddedStore();
  const cli = fileURLToPath(new URL('../packages/esdb-server/src/cli.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--data-dir', tempDir('bench-esdb-')], {
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const connectionString = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const m = /listening on (esdb:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`shouwang-esdb exited with ${code}`)));
  });
  const store = await openEventStore({ connectionString });
  return {
    store,
    stop: async () => {
      await store.close();
      child.kill('SIGTERM');
    },
  };
}

async function main(): Promise<void> {
  const total = WARMUP + REQUESTS;
  const volunteers = Math.ceil(total / SHIFTS);
  const store = await openStore();
  const app = await buildApp({ store: store.store, jwt, logLevel: 'silent', rateLimit: { max: 10_000_000, windowMs: 60_000 }, clock: () => new Date('2026-05-01T00:00:00.000Z') });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const commander = { authorization: `Bearer ${await signToken(jwt, { sub: 'bench-commander', role: 'commander', districtId: 'city' })}` };
  const inject = async (url: string, payload: object) => {
    const r = await app.inject({ method: 'POST', url, headers: commander, payload });
    if (r.statusCode >= 300) throw new Error(`${url}: ${r.body}`);
  };

  // Given: Haidian in 战, 400 checkpoints with 24 hourly shifts, and enough volunteers that every
  // request is a new, non-overlapping dispatch (volunteer i % V to shift i / V).
  console.log(`seeding ${POSTS} posts and ${volunteers} volunteers…`);
  await inject('/v1/districts/haidian/center', { centerName: 'Haidian' });
  await inject('/v1/districts/haidian/institutes', { instituteId: 'i1', instituteName: 'i1' });
  await inject('/v1/districts/haidian/stations', { instituteId: 'i1', stationId: 's1', stationName: 's1' });
  await inject('/v1/modes/haidian/switch', { to: 'combat', reason: 'benchmark' });
  const shifts = Array.from({ length: SHIFTS }, (_, h) => ({
    shiftId: `h${h}`,
    start: new Date(Date.UTC(2026, 4, 1, 1 + h)).toISOString(),
    end: new Date(Date.UTC(2026, 4, 1, 1 + h, 59)).toISOString(),
  }));
  const staffing = { normal: 10_000, combat: 10_000, emergency: 10_000, extreme: 10_000 };
  for (let p = 0; p < POSTS; p += 20) {
    await Promise.all(
      Array.from({ length: 20 }, (_, k) =>
        inject('/v1/posts', { postId: `p${p + k}`, districtId: 'haidian', stationId: 's1', pointName: 'gate', kind: 'checkpoint', requiredSkills: [], shifts, staffing }),
      ),
    );
  }
  for (let v = 0; v < volunteers; v += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, volunteers - v) }, (_, k) =>
        inject('/v1/volunteers', { volunteerId: `v${v + k}`, districtId: 'haidian', homeStationId: 's1', name: 'Bench', phone: '+86 13800000000' }),
      ),
    );
  }

  const dispatcher = { authorization: `Bearer ${await signToken(jwt, { sub: 'bench-dispatcher', role: 'dispatcher', districtId: 'haidian' })}` };
  const request = (offset: number) => (i: number) => {
    const n = offset + i;
    const volunteer = n % volunteers;
    const shift = Math.floor(n / volunteers);
    return {
      path: `/v1/volunteers/v${volunteer}/dispatches`,
      body: JSON.stringify({ dispatchId: `d${n}`, target: { kind: 'post_shift', postId: `p${n % POSTS}`, shiftId: `h${shift}` } }),
    };
  };
  console.log(`warm-up: ${WARMUP} dispatches`);
  await load(port, WARMUP, request(0), dispatcher);
  console.log(`measuring: ${REQUESTS} dispatches at ${CONNECTIONS} connections`);
  const api = await profiled(() => load(port, REQUESTS, request(WARMUP), dispatcher));
  await app.close();
  await store.stop();

  const bare = await baseline(REQUESTS, (i) => request(WARMUP)(i).body);
  const line = (name: string, r: Result) =>
    `${name.padEnd(28)} ${r.perSecond.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(2).padStart(6)} ms   p99 ${r.p99.toFixed(2).padStart(6)} ms   ${JSON.stringify(r.statuses)}`;
  console.log(`\nnode ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${new Date().toISOString()}, store ${process.env.BENCH_STORE === 'process' ? 'in its own process' : 'in the API process'}, load ${os.loadavg()[0]!.toFixed(1)}`);
  console.log(line('api dispatch (end to end)', api));
  console.log(line('bare fastify + zod route', bare));
  console.log(`ratio api/bare throughput: ${(api.perSecond / bare.perSecond).toFixed(3)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
