import t from 'tap';
import { connect, headers } from 'nats';
import { startNatsServer } from '@shouwang/testing';
import { readTail } from '../src/tail.js';
import { ensureStream } from '../src/jetstreamSetup.js';

t.test('the stream tail names the last relayed position, past foreign messages', async (t) => {
  const nats = await startNatsServer();
  const nc = await connect({ servers: nats.url });
  t.teardown(async () => {
    await nc.close();
    await nats.stop();
  });
  const jsm = await nc.jetstreamManager();
  const js = nc.jetstream();
  await ensureStream(jsm, { name: 'S', subjectPrefix: 'shouwang.events', duplicateWindowMs: 1000, replicas: 1 });
  t.same(await readTail(jsm, 'S'), { lastSeq: 0, position: undefined }, 'empty: from the start');

  await js.publish('shouwang.events.city.mode.X', new Uint8Array());
  t.same(await readTail(jsm, 'S'), { lastSeq: 1, position: undefined }, 'only foreign messages: from the start');

  for (const p of ['100', '250']) {
    const h = headers();
    h.set('Shouwang-Position', p);
    await js.publish('shouwang.events.city.mode.X', new Uint8Array(), { headers: h });
  }
  t.same(await readTail(jsm, 'S'), { lastSeq: 3, position: 250n });
  await js.publish('shouwang.events.city.mode.X', new Uint8Array());
  t.same(await readTail(jsm, 'S'), { lastSeq: 4, position: 250n }, 'a foreign message at the end is stepped over');

  await jsm.streams.purge('S');
  await t.rejects(readTail(jsm, 'S'), /refusing to guess/, 'a purged stream stops the relay instead of republishing everything');
});
