import t from 'tap';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from 'nats';
import { startEmbeddedStore, startNatsServer } from '@shouwang/testing';
import { compare, consumeAll, expectedIds, seedEvents, spawnRelay, streamMessages, waitForMessages } from './harness.js';

const TOTAL = 100_000;
const KILLS = 20;

t.test(`${KILLS} kill -9 of the relay during ${TOTAL} events: nothing lost, nothing twice, order kept`, async (t) => {
  const esdb = await startEmbeddedStore();
  t.teardown(esdb.stop);
  const nats = await startNatsServer();
  t.teardown(nats.stop);
  await seedEvents(esdb.store, TOTAL, { batch: 1000 });
  const expected = await expectedIds(esdb.store);
  t.equal(expected.length, TOTAL);

  const nc = await connect({ servers: nats.url });
  t.teardown(() => nc.close());
  const jsm = await nc.jetstreamManager();
  const env = { ESDB_CONNECTION_STRING: esdb.connectionString, NATS_URL: nats.url };

  let kills = 0;
  while (kills < KILLS) {
    const before = await streamMessages(jsm);
    const relay = spawnRelay(env);
    // Let it publish a random stretch, then kill it mid-flight.
    const stretch = 300 + Math.floor(Math.random() * 3000);
    const deadline = Date.now() + 30_000;
    while ((await streamMessages(jsm)) < before + stretch && Date.now() < deadline && relay.child.exitCode === null) {
      await sleep(10);
    }
    t.equal(relay.child.exitCode, null, `relay ${kills} still running before the kill`, { output: relay.output() });
    await relay.kill9();
    kills++;
  }
  t.ok((await streamMessages(jsm)) < TOTAL, 'every kill happened mid-run');

  const last = spawnRelay(env);
  await waitForMessages(jsm, TOTAL);
  await sleep(300);
  t.equal(await last.stop(), 0, 'graceful stop');

  t.equal(await streamMessages(jsm), TOTAL, 'the stream holds each event once');
  const { ids, redelivered } = await consumeAll(nc, TOTAL);
  t.equal(redelivered, 0);
  t.same(compare(expected, ids), { lost: 0, duplicated: 0, outOfOrder: 0 }, 'durable consumer: 0 lost, 0 duplicated, $all order');
});
