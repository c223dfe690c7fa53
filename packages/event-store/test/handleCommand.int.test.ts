import t from 'tap';
import { randomUUID } from 'node:crypto';
import { handleCommand, eventIdFor, WrongExpectedVersionError, type Decider, type EventStore } from '../src/index.js';
import { metadata, startStore } from './fixtures.js';

/** A post that can take `capacity` volunteers (岗位); refuses more. */
type Cmd = { type: 'Fill'; data: { volunteerId: string } };
type Ev = { type: 'PostFilled'; data: { volunteerId: string; districtId: string } };
const capacity = 3;
const post: Decider<Cmd, Ev, { filled: string[] }> = {
  initialState: { filled: [] },
  evolve: (s, e) => ({ filled: [...s.filled, e.data.volunteerId] }),
  decide: (c, s) => {
    if (s.filled.includes(c.data.volunteerId)) return [];
    if (s.filled.length >= capacity) throw new Error('SW_ERR_POST_FULL');
    return [{ type: 'PostFilled', data: { volunteerId: c.data.volunteerId, districtId: 'd-east' } }];
  },
};
const fill = (volunteerId: string): Cmd => ({ type: 'Fill', data: { volunteerId } });

t.test('a retried command appends nothing new and answers as the first time', async (t) => {
  const { store, stop } = await startStore();
  t.teardown(stop);
  const meta = metadata('cmd-fill-1');
  const first = await handleCommand(store, 'post-1', post, fill('v1'), meta);
  t.equal(first.events.length, 1);
  t.equal(first.events[0]!.id, eventIdFor('cmd-fill-1', 0));
  t.same(first.events[0]!.metadata, meta, 'metadata stored as given');

  const again = await handleCommand(store, 'post-1', post, fill('v1'), meta);
  t.same(again.events.map((e) => e.id), first.events.map((e) => e.id));
  t.equal(again.nextExpectedRevision, first.nextExpectedRevision);
  t.equal((await store.readStream('post-1')).length, 1, 'one event in the stream');
});

t.test('concurrent commands on one stream all land after conflict retries, and the rule holds', async (t) => {
  const { store, stop } = await startStore();
  t.teardown(stop);
  const results = await Promise.allSettled(
    Array.from({ length: 8 }, (_, i) => handleCommand(store, 'post-2', post, fill(`v${i}`), metadata(), { maxRetries: 20 })),
  );
  const ok = results.filter((r) => r.status === 'fulfilled');
  const refused = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
  t.equal(ok.length, capacity, 'exactly the capacity got in');
  t.ok(refused.every((r) => (r.reason as Error).message === 'SW_ERR_POST_FULL'), 'the rest refused by the decider, not by conflicts');
  const stream = await store.readStream('post-2');
  t.equal(stream.length, capacity);
  t.same(stream.map((e) => e.revision), [0n, 1n, 2n]);
});

t.test('a conflict is retried by re-reading, and surfaces as WrongExpectedVersionError without retries', async (t) => {
  const { store, stop } = await startStore();
  t.teardown(stop);
  // Another writer appends between our read and our append, once per read.
  let interleave = 1;
  const racing: EventStore = {
    ...store,
    connectionString: store.connectionString,
    append: store.append.bind(store),
    readAll: store.readAll.bind(store),
    subscribeToAll: store.subscribeToAll.bind(store),
    close: store.close.bind(store),
    readStream: async (stream, opts) => {
      const read = await store.readStream(stream, opts);
      if (interleave-- > 0) {
        await handleCommand(store, stream, post, fill(`other-${interleave}`), metadata());
      }
      return read;
    },
  };
  const r = await handleCommand(racing, 'post-3', post, fill('v1'), metadata(), { maxRetries: 1 });
  t.equal(r.events.length, 1);
  t.same((await store.readStream('post-3')).map((e) => (e.data as { volunteerId: string }).volunteerId), ['other-0', 'v1']);

  interleave = 1;
  await t.rejects(handleCommand(racing, 'post-4', post, fill('v1'), metadata(), { maxRetries: 0 }), WrongExpectedVersionError);
  t.equal((await store.readStream('post-4')).length, 1, 'only the other writer');
});

t.test('a decider refusal changes nothing', async (t) => {
  const { store, stop } = await startStore();
  t.teardown(stop);
  for (const v of ['a', 'b', 'c']) await handleCommand(store, 'post-5', post, fill(v), metadata(randomUUID()));
  await t.rejects(handleCommand(store, 'post-5', post, fill('d'), metadata()), /SW_ERR_POST_FULL/);
  t.equal((await store.readStream('post-5')).length, 3);
});
