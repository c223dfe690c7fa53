// Relay throughput beside a bare JetStream publisher with pipelined acks, in the same run.
//   node --import tsx benchmarks/relay-throughput.ts [events=50000]
// Both publish the same events (same bodies, headers and Nats-Msg-Id) to a fresh nats-server
// with file storage; the relay runs as its own process, reading them from the embedded store.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect, nanos, StorageType, type PubAck } from 'nats';
import { startEmbeddedStore, startNatsServer } from '@shouwang/testing';
import { AckPipeline, encodeBody, eventHeaders, subjectFor } from '../services/relay/src/index.js';
import { seedEvents } from '../services/relay/test/harness.js';
import type { StoredEvent } from '@shouwang/event-store';

const TOTAL = Number(process.argv[2] ?? 50_000);
const WINDOW = 512;
const relayMain = fileURLToPath(new URL('../services/relay/src/main.ts', import.meta.url));

const esdb = await startEmbeddedStore();
const nats = await startNatsServer();
const nc = await connect({ servers: nats.url });
const jsm = await nc.jetstreamManager();
const js = nc.jetstream();

await seedEvents(esdb.store, TOTAL, { batch: 1000 });
const events: StoredEvent[] = [];
for await (const e of esdb.store.readAll()) if (!e.stream.startsWith('audit-')) events.push(e);

/** Bare publisher A: `js.publish` (a request per message), WINDOW acks outstanding. */
async function bareRequest(): Promise<number> {
  await jsm.streams.add({ name: 'BARE_REQ', subjects: ['barereq.>'], storage: StorageType.File, duplicate_window: nanos(120_000) });
  const t0 = performance.now();
  const inFlight: Promise<PubAck>[] = [];
  let expected = 0;
  for (const e of events) {
    inFlight.push(
      js.publish(`barereq.${subjectFor('x', e)}`, encodeBody(e), { msgID: e.id, headers: eventHeaders(e), expect: { lastSequence: expected++ } }),
    );
    if (inFlight.length >= WINDOW) await inFlight.shift();
  }
  await Promise.all(inFlight);
  return events.length / ((performance.now() - t0) / 1000);
}

/** Bare publisher B: the relay's own ack pipeline (reply subjects under one inbox), same window, no store. */
async function bare(): Promise<number> {
  await jsm.streams.add({ name: 'BARE', subjects: ['bare.>'], storage: StorageType.File, duplicate_window: nanos(120_000) });
  const pipeline = new AckPipeline(nc, 5000);
  const t0 = performance.now();
  const inFlight: Promise<unknown>[] = [];
  let expected = 0;
  for (const e of events) {
    const h = eventHeaders(e);
    h.set('Nats-Msg-Id', e.id);
    h.set('Nats-Expected-Last-Sequence', String(expected++));
    inFlight.push(pipeline.publish(`bare.${subjectFor('x', e)}`, encodeBody(e), h));
    if (inFlight.length >= WINDOW) await inFlight.shift();
  }
  await Promise.all(inFlight);
  pipeline.close();
  return events.length / ((performance.now() - t0) / 1000);
}

async function relay(): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', relayMain], {
    env: { ...process.env, NATS_URL: nats.url, ESDB_CONNECTION_STRING: esdb.connectionString, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', RELAY_MAX_IN_FLIGHT: process.env.RELAY_MAX_IN_FLIGHT ?? String(WINDOW) },
    stdio: 'inherit',
  });
  // Time from the relay's first ack to its last, so process start-up is left out.
  let first = 0;
  for (;;) {
    const n = await jsm.streams.info('SHOUWANG_EVENTS').then((i) => i.state.messages, () => 0);
    if (n > 0 && !first) first = performance.now();
    if (n >= events.length) break;
    await sleep(50);
  }
  const elapsed = (performance.now() - (first || t0)) / 1000;
  child.kill('SIGTERM');
  await once(child, 'exit');
  return events.length / elapsed;
}

const bareReqRate = await bareRequest();
const bareRate = await bare();
const relayRate = await relay();
console.log(
  JSON.stringify({
    events: events.length,
    node: process.version,
    bareJsPublishPerSec: Math.round(bareReqRate),
    barePipelinePerSec: Math.round(bareRate),
    relayEventsPerSec: Math.round(relayRate),
    ratioToBarePipeline: +(relayRate / bareRate).toFixed(2),
    ratioToBareJsPublish: +(relayRate / bareReqRate).toFixed(2),
  }),
);
await nc.close();
await nats.stop();
await esdb.stop();
process.exit(0);
