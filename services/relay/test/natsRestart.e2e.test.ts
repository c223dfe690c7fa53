import t from 'tap';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from 'nats';
import { startEmbeddedStore, startNatsServer } from '@shouwang/testing';
import { compare, consumeAll, expectedIds, seedEvents, spawnRelay, streamMessages, waitForMessages } from './harness.js';

const TOTAL = 30_000;

t.test('nats-server killed and restarted mid-run: nothing lost, nothing twice, order kept', async (t) => {
  const esdb = await startEmbeddedStore();
  t.teardown(esdb.stop);
  const nats = await startNatsServer();
  t.teardown(nats.stop);
  await seedEvents(esdb.store, TOTAL, { batch: 1000 });
  const expected = await expectedIds(esdb.store);

  let nc = await connect({ servers: nats.url });
  let jsm = await nc.jetstreamManager();
  const relay = spawnRelay({ ESDB_CONNECTION_STRING: esdb.connectionString, NATS_URL: nats.url, RELAY_PUBLISH_TIMEOUT_MS: '2000' });
  t.teardown(() => relay.kill9());

  for (let round = 0; round < 3; round++) {
    const before = await streamMessages(jsm);
    const deadline = Date.now() + 30_000;
    while ((await streamMessages(jsm)) < before + 2000 && Date.now() < deadline) await sleep(10);
    await nc.close();
    await nats.kill();
    await sleep(500 + Math.random() * 1000);
    await nats.restart();
    nc = await connect({ servers: nats.url });
    jsm = await nc.jetstreamManager();
  }
  t.ok((await streamMessages(jsm)) < TOTAL, 'the restarts happened mid-run');
  t.teardown(() => nc.close());

  await waitForMessages(jsm, TOTAL);
  await sleep(300);
  t.equal(await relay.stop(), 0, 'relay survived the broker restarts and stops cleanly', { output: relay.output() });
  t.equal(await streamMessages(jsm), TOTAL);
  const { ids } = await consumeAll(nc, TOTAL);
  t.same(compare(expected, ids), { lost: 0, duplicated: 0, outOfOrder: 0 });
});
