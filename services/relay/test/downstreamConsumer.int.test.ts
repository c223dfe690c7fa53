import t from 'tap';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from 'nats';
import { startEmbeddedStore, startNatsServer, tempDir } from '@shouwang/testing';
import { pino } from 'pino';
import type { NatsConnection } from 'nats';
import { startRelayService } from '../src/service.js';
import { Relay } from '../src/relay.js';
import { measureLag } from '../src/lag.js';
import { createRelayMetrics } from '../src/metrics.js';
import { loadRelayConfig } from '../src/config.js';
import { startDownstreamConsumer, type ShouwangEvent } from '../examples/downstream-consumer/consumer.js';
import { ProcessedIds } from '../examples/downstream-consumer/processedIds.js';
import { expectedIds, seedEvents } from './harness.js';

function relayDeps(nc: NatsConnection) {
  return {
    nc,
    jsm: null as never,
    streamName: 'SHOUWANG_EVENTS',
    subjectPrefix: 'shouwang.events',
    maxInFlight: 16,
    publishTimeoutMs: 1000,
    metrics: createRelayMetrics(),
    logger: pino({ level: 'silent' }),
  };
}

async function until(cond: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

t.test('the example consumer receives every relayed event once, also when JetStream delivers everything again', async (t) => {
  const esdb = await startEmbeddedStore();
  const nats = await startNatsServer();
  await seedEvents(esdb.store, 2000, { batch: 250, perStream: 250 });

  const service = await startRelayService(
    loadRelayConfig({ NATS_URL: nats.url, ESDB_CONNECTION_STRING: esdb.connectionString, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent' }),
  );
  const nc = await connect({ servers: nats.url });
  t.teardown(async () => {
    await service.stop();
    await nc.close();
    await nats.stop();
    await esdb.stop();
  });
  const idsFile = join(tempDir(), 'ids');
  const handled: ShouwangEvent[] = [];
  const start = () =>
    startDownstreamConsumer({ nc, durable: 'example', ackWaitMs: 2000, processed: new ProcessedIds(idsFile), handle: (e) => void handled.push(e) });

  let consumer = await start();
  await until(() => handled.length >= 1000, 'the first 1000 events');
  await consumer.stop();
  // The consumer's acknowledgements are lost (its durable deleted): JetStream delivers everything
  // again from the start; the consumer must skip what it already handled.
  await (await nc.jetstreamManager()).consumers.delete('SHOUWANG_EVENTS', 'example');
  consumer = await start();

  const live = await esdb.store.append('donation-live', [
    { id: '6f1c2b1e-0d5a-4c1e-9f0e-2a3b4c5d6e7f', type: 'DonationReceived', data: { districtId: 'd-9' }, metadata: { commandId: 'c', correlationId: 'c', causationId: 'c', actor: { role: 'desk', id: 'u', districtId: 'd-9' }, occurredAt: new Date().toISOString(), schemaVersion: 1 } },
  ], 'no_stream');
  t.ok(live.position > 0n);

  const expected = await expectedIds(esdb.store);
  await until(() => handled.length >= expected.length, 'every event');
  await sleep(500);
  await consumer.stop();
  t.same(handled.map((e) => e.id), expected, 'each event once, in $all order');
  const donation = handled.at(-1)!;
  t.equal(donation.stream, 'donation-live');
  t.same(donation.data, { districtId: 'd-9' });
});

t.test('the relay service answers /healthz and /metrics with its lag, and reports a NATS outage', async (t) => {
  const esdb = await startEmbeddedStore();
  const nats = await startNatsServer();
  await seedEvents(esdb.store, 500, { batch: 250, perStream: 250 });
  const service = await startRelayService(
    loadRelayConfig({
      NATS_URL: nats.url,
      ESDB_CONNECTION_STRING: esdb.connectionString,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      RELAY_PUBLISH_TIMEOUT_MS: '500',
    }),
  );
  const nc = await connect({ servers: nats.url });
  t.teardown(async () => {
    await service.stop();
    await nc.close();
    await nats.stop();
    await esdb.stop();
  });
  await until(() => service.relay.caughtUp && service.relay.inFlight.length === 0, 'the relay to catch up');
  const health = await service.http.inject({ url: '/healthz' });
  t.equal(health.statusCode, 200);
  const ready = await service.http.inject({ url: '/readyz' });
  t.equal(ready.statusCode, 200);
  await sleep(2500); // one sampling round of the lag gauges
  const metrics = (await service.http.inject({ url: '/metrics' })).body;
  t.match(metrics, /shouwang_relay_events_published_total 500/);
  t.match(metrics, /shouwang_relay_lag_events 0/);
  t.match(metrics, /shouwang_relay_lag_seconds 0/);
  t.match(metrics, /shouwang_relay_stream_last_sequence 500/);

  // NATS goes away: the pending publish times out, /healthz turns 503; back again, it recovers.
  await nats.kill();
  await seedEvents(esdb.store, 1, { batch: 1, perStream: 1 });
  await until(() => !service.relay.healthy, 'the relay to report itself unhealthy');
  t.equal((await service.http.inject({ url: '/healthz' })).statusCode, 503);
  await nats.restart();
  await until(() => service.relay.healthy && service.relay.lastAcked.seq === 501, 'the relay to recover');
  t.equal((await service.http.inject({ url: '/healthz' })).statusCode, 200);

  // Behind: a relay that has not published anything yet sees all 501 events as lag.
  const idle = new Relay({ ...relayDeps(nc), store: esdb.store });
  const lag = await measureLag(idle, esdb.store, Date.now(), 10_000);
  t.equal(lag.events, 501);
  t.ok(lag.seconds >= 0);
});
