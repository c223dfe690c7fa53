import t from 'tap';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'nats';
import { startNatsServer } from '../src/natsServer.js';
import { freePort } from '../src/freePort.js';
import { tempDir } from '../src/tempDir.js';

t.test('startNatsServer runs its own JetStream server that survives kill and restart', async (t) => {
  const nats = await startNatsServer();
  t.match(nats.url, /^nats:\/\/127\.0\.0\.1:\d+$/);
  let nc = await connect({ servers: nats.url });
  const jsm = await nc.jetstreamManager();
  await jsm.streams.add({ name: 'T', subjects: ['t.>'] });
  await nc.jetstream().publish('t.a', new TextEncoder().encode('1'));
  await nc.close();
  // Its own server, not the machine's: the stream lands in the store directory it was given.
  t.ok(existsSync(join(nats.storeDir, 'jetstream', '$G', 'streams', 'T')), 'the stream is kept in its own store dir');

  await nats.kill();
  await t.rejects(connect({ servers: nats.url, reconnect: false, timeout: 500 }), 'down after kill');
  await nats.restart();
  nc = await connect({ servers: nats.url });
  const info = await (await nc.jetstreamManager()).streams.info('T');
  t.equal(info.state.messages, 1, 'JetStream data kept in the same store dir');
  await nc.close();
  await nats.stop();
});

t.test('freePort and tempDir', async (t) => {
  const a = await freePort();
  t.ok(a > 0 && a < 65536);
  const d = tempDir();
  t.ok(existsSync(d));
});
