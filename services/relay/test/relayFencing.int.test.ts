import t from 'tap';
import { connect } from 'nats';
import { pino } from 'pino';
import { startEmbeddedStore, startNatsServer } from '@shouwang/testing';
import { Relay } from '../src/relay.js';
import { ensureStream } from '../src/jetstreamSetup.js';
import { createRelayMetrics } from '../src/metrics.js';
import { compare, consumeAll, expectedIds, seedEvents, STREAM, waitForMessages } from './harness.js';

t.test('two relays at once never interleave: each event once, in $all order', async (t) => {
  const esdb = await startEmbeddedStore();
  const nats = await startNatsServer();
  const nc = await connect({ servers: nats.url });
  t.teardown(async () => {
    await nc.close();
    await nats.stop();
    await esdb.stop();
  });
  await seedEvents(esdb.store, 10_000, { batch: 500, perStream: 500 });
  const jsm = await nc.jetstreamManager();
  t.equal(await ensureStream(jsm, { name: STREAM, subjectPrefix: 'shouwang.events', duplicateWindowMs: 60_000, replicas: 1 }), 'created');
  t.equal(await ensureStream(jsm, { name: STREAM, subjectPrefix: 'shouwang.events', duplicateWindowMs: 60_000, replicas: 1 }), 'unchanged');
  t.equal(await ensureStream(jsm, { name: STREAM, subjectPrefix: 'shouwang.events', duplicateWindowMs: 2_000, replicas: 1 }), 'updated');

  const metrics = [createRelayMetrics(), createRelayMetrics()];
  const relays = metrics.map(
    (m) =>
      new Relay({
        store: esdb.store,
        nc,
        jsm,
        streamName: STREAM,
        subjectPrefix: 'shouwang.events',
        maxInFlight: 256,
        publishTimeoutMs: 5000,
        metrics: m,
        logger: pino({ level: 'silent' }),
      }),
  );
  relays.forEach((r) => r.start());
  await waitForMessages(jsm, 10_000);
  // Live events while both run.
  await seedEvents(esdb.store, 1000, { batch: 100, perStream: 100 });
  await waitForMessages(jsm, 11_000);
  await Promise.all(relays.map((r) => r.stop()));

  const expected = await expectedIds(esdb.store);
  t.equal((await jsm.streams.info(STREAM)).state.messages, expected.length, 'nothing twice in the stream');
  const { ids } = await consumeAll(nc, expected.length);
  t.same(compare(expected, ids), { lost: 0, duplicated: 0, outOfOrder: 0 });
  const published = await Promise.all(metrics.map(async (m) => (await m.published.get()).values[0]?.value ?? 0));
  t.equal(published[0]! + published[1]!, expected.length, 'the two relays together acknowledged each event once');

  const msg = await jsm.streams.getMessage(STREAM, { seq: 1 });
  const first = (await esdb.store.readStream(msg.header.get('Shouwang-Stream')))[0]!;
  t.equal(msg.header.get('ce-id'), first.id);
  t.equal(msg.header.get('Nats-Msg-Id'), first.id);
  t.equal(msg.header.get('Shouwang-Position'), first.position.toString());
  t.equal(msg.subject, `shouwang.events.${(first.data as { districtId: string }).districtId}.${first.stream.split('-')[0]}.${first.type}`);
  const body = msg.json<{ data: unknown; metadata: unknown; id: string }>();
  t.same(body.data, first.data, 'data as stored');
  t.same(body.metadata, first.metadata, 'metadata as stored');
});
