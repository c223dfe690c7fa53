import t from 'tap';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from 'nats';
import { startEmbeddedStore, startNatsServer } from '@shouwang/testing';
import { compare, consumeAll, expectedIds, seedEvents, spawnRelay, streamMessages, waitForMessages } from './harness.js';

const WINDOW_MS = 2000;

t.test('relay down for longer than the duplicate window: still no duplicates', async (t) => {
  const esdb = await startEmbeddedStore();
  t.teardown(esdb.stop);
  const nats = await startNatsServer();
  t.teardown(nats.stop);
  await seedEvents(esdb.store, 20_000, { batch: 1000 });
  const nc = await connect({ servers: nats.url });
  t.teardown(() => nc.close());
  const jsm = await nc.jetstreamManager();
  const env = { ESDB_CONNECTION_STRING: esdb.connectionString, NATS_URL: nats.url, RELAY_DUPLICATE_WINDOW_MS: String(WINDOW_MS) };

  // Killed mid-run with publishes in flight, then kept down well past the window.
  const first = spawnRelay(env);
  while ((await streamMessages(jsm)) < 3000) await sleep(10);
  await first.kill9();
  const info = await jsm.streams.info('SHOUWANG_EVENTS');
  t.equal(info.config.duplicate_window, WINDOW_MS * 1_000_000, 'the stream uses the configured window');
  await sleep(WINDOW_MS * 2);

  // Finishes the run, stops cleanly, stays down past the window, then starts again on a complete stream.
  const second = spawnRelay(env);
  await waitForMessages(jsm, 20_000);
  t.equal(await second.stop(), 0);
  await sleep(WINDOW_MS * 2);
  await seedEvents(esdb.store, 1000, { batch: 500 });
  const third = spawnRelay(env);
  await waitForMessages(jsm, 21_000);
  await sleep(1000);
  t.equal(await third.stop(), 0);

  const expected = await expectedIds(esdb.store);
  t.equal(await streamMessages(jsm), expected.length, 'each event once in the stream');
  const { ids } = await consumeAll(nc, expected.length);
  t.same(compare(expected, ids), { lost: 0, duplicated: 0, outOfOrder: 0 });
});
