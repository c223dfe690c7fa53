/**
 * Dispatch commands end to end — HTTP → zod → read target, modes and volunteer → decide →
 * durable append on both streams → reply — at 50 keep-alive connections over a real socket, on
 * the embedded default as `pnpm start` runs it (the store in its own process, on disk), with the
 * load generated from a third process. Two baselines in the same run: a bare fastify + zod route
 * answering the same body (the HTTP floor) and the two appends of a dispatch alone, one after
 * the other, through the same client to the same store at the same concurrency (the store floor).
 * Run: node --import tsx benchmarks/api-dispatch.ts
 * Knobs: BENCH_REQUESTS (default 20000), BENCH_CONNECTIONS (50), BENCH_WARMUP (1000),
 * BENCH_STORE=in-process to run the store inside the API process, BENCH_CPU_PROFILE=<file> to
 * profile the API process during the measured phase only.
 */
import os from 'node:os';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { buildApp, signToken } from '@shouwang/api';
import { spawnEsdbProcess } from '@shouwang/esdb-server';
import { openEventStore, type EventStore } from '@shouwang/event-store';
import { startEmbeddedStore, tempDir } from '@shouwang/testing';
import { profiled } from './support/cpuProfile.js';
import { resultOf, runLoad, type LoadResult } from './support/httpLoad.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1_000);
const IN_PROCESS = process.env.BENCH_STORE === 'in-process';
const SHIFTS = 24;
const POSTS = 400;
const jwt = { secret: 'benchmark-secret-benchmark-secret-0001', issuer: 'shouwang', audience: 'shouwang-api' };

type Request = { path: string; body: string };

async function baseline(requests: Request[]): Promise<LoadResult> {
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
  await runLoad({ port, connections: CONNECTIONS, headers: {}, requests: requests.slice(0, WARMUP) });
  const result = await runLoad({ port, connections: CONNECTIONS, headers: {}, requests });
  await app.close();
  return result;
}

/**
 * The store floor: what a dispatch cannot go below — a volunteer append and then a post append,
 * each durable with its expected revision, `count` times from CONNECTIONS workers.
 */
async function twoAppends(store: EventStore, count: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  const actor = { role: 'dispatcher', id: 'bench-dispatcher', districtId: 'haidian' } as const;
  const metadata = (n: number) => ({ commandId: `floor-${n}`, correlationId: `floor-${n}`, causationId: `floor-${n}`, actor, occurredAt: new Date().toISOString(), schemaVersion: 1 });
  const event = (type: string, n: number) => [{ id: crypto.randomUUID(), type, data: { dispatchId: `d${n}`, postId: `p${n % POSTS}`, shiftId: 'h0' }, metadata: metadata(n) }];
  const worker = async () => {
    for (let n = next++; n < count; n = next++) {
      const started = process.hrtime.bigint();
      await store.append(`floorvolunteer-${n}`, event('FloorReserved', n), 'no_stream');
      await store.append(`floorpost-${n}`, event('FloorSeated', n), 'no_stream');
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  return resultOf(latencies, Number(process.hrtime.bigint() - started) / 1e9);
}

/** The store: its own process (the embedded default of `pnpm start`), or inside this process. */
async function openStore(): Promise<{ store: EventStore; stop(): Promise<void> }> {
  if (IN_PROCESS) return startEmbeddedStore();
  const server = await spawnEsdbProcess(['--port', '0', '--data-dir', tempDir('bench-esdb-')]);
  const store = await openEventStore({ connectionString: server.connectionString });
  return {
    store,
    stop: async () => {
      await store.close();
      await server.stop();
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
  // Volunteer n % V to shift n / V: every request a new dispatch that overlaps no other.
  const requests = (from: number, count: number): Request[] =>
    Array.from({ length: count }, (_, i) => {
      const n = from + i;
      return {
        path: `/v1/volunteers/v${n % volunteers}/dispatches`,
        body: JSON.stringify({ dispatchId: `d${n}`, target: { kind: 'post_shift', postId: `p${n % POSTS}`, shiftId: `h${Math.floor(n / volunteers)}` } }),
      };
    });
  console.log(`warm-up: ${WARMUP} dispatches`);
  await runLoad({ port, connections: CONNECTIONS, headers: dispatcher, requests: requests(0, WARMUP) });
  console.log(`measuring: ${REQUESTS} dispatches at ${CONNECTIONS} connections`);
  const measured = requests(WARMUP, REQUESTS);
  const api = await profiled(() => runLoad({ port, connections: CONNECTIONS, headers: dispatcher, requests: measured }));
  await app.close();
  console.log('baselines: two bare appends per dispatch, bare fastify + zod route');
  const floor = await twoAppends(store.store, REQUESTS);
  await store.stop();
  const bare = await baseline(measured);
  const line = (name: string, r: LoadResult) =>
    `${name.padEnd(31)} ${r.perSecond.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(2).padStart(6)} ms   p99 ${r.p99.toFixed(2).padStart(6)} ms   ${JSON.stringify(r.statuses)}`;
  console.log(`\nnode ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${new Date().toISOString()}, store ${IN_PROCESS ? 'in the API process' : 'in its own process'}, load ${os.loadavg()[0]!.toFixed(1)}`);
  console.log(line('api dispatch (end to end)', api));
  console.log(line('two bare appends (store floor)', floor));
  console.log(line('bare fastify + zod route', bare));
  console.log(`ratio api/store floor: ${(api.perSecond / floor.perSecond).toFixed(3)}   api/bare route: ${(api.perSecond / bare.perSecond).toFixed(3)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
