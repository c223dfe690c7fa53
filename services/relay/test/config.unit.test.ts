import t from 'tap';
import { loadRelayConfig } from '../src/config.js';

t.test('defaults', async (t) => {
  const c = loadRelayConfig({});
  t.same(c.NATS_URL, ['nats://127.0.0.1:4222']);
  t.equal(c.ESDB_CONNECTION_STRING, undefined);
  t.equal(c.RELAY_STREAM_NAME, 'SHOUWANG_EVENTS');
  t.equal(c.RELAY_SUBJECT_PREFIX, 'shouwang.events');
  t.equal(c.RELAY_DUPLICATE_WINDOW_MS, 120_000);
  t.equal(c.PORT, 3002);
  t.equal(c.HOST, '127.0.0.1', 'health and metrics on loopback unless told otherwise');
});

t.test('a NATS cluster and explicit values', async (t) => {
  const c = loadRelayConfig({
    NATS_URL: 'nats://nats-1:4222, nats://nats-2:4222',
    ESDB_CONNECTION_STRING: 'esdb+discover://esdb-1:2113?tls=true',
    RELAY_DUPLICATE_WINDOW_MS: '2000',
    RELAY_STREAM_REPLICAS: '3',
    PORT: '0',
  });
  t.same(c.NATS_URL, ['nats://nats-1:4222', 'nats://nats-2:4222']);
  t.equal(c.RELAY_DUPLICATE_WINDOW_MS, 2000);
  t.equal(c.RELAY_STREAM_REPLICAS, 3);
  t.equal(c.PORT, 0);
});

t.test('bad values are refused with every offending variable named', async (t) => {
  let message = '';
  try {
    loadRelayConfig({
      NATS_URL: 'http://x',
      RELAY_DUPLICATE_WINDOW_MS: '-5',
      RELAY_STREAM_NAME: 'bad.name',
      RELAY_SUBJECT_PREFIX: 'a.*',
      ESDB_CONNECTION_STRING: 'postgres://x',
      PORT: '70000',
    });
  } catch (err) {
    message = (err as Error).message;
  }
  for (const v of ['NATS_URL', 'RELAY_DUPLICATE_WINDOW_MS', 'RELAY_STREAM_NAME', 'RELAY_SUBJECT_PREFIX', 'ESDB_CONNECTION_STRING', 'PORT']) {
    t.match(message, v, `${v} named`);
  }
});
