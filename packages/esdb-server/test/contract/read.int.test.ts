import t from 'tap';
import { BACKWARDS, END, FORWARDS, jsonEvent, START, StreamNotFoundError } from '@eventstore/db-client';
import { collect, contractTarget } from './target.js';

const target = await contractTarget();
t.teardown(() => target.close());
const { client } = target;

const s = target.stream('read');
await client.appendToStream(s, Array.from({ length: 10 }, (_, i) => jsonEvent({ type: `E${i}`, data: { i } })));
const all = await collect(client.readStream(s));

t.test('a stream forwards and backwards, from a revision, with a count', async (t) => {
  t.same(all.map((e) => e.event!.revision), [0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n]);
  const fromThree = await collect(client.readStream(s, { fromRevision: 3n, maxCount: 4 }));
  t.same(fromThree.map((e) => e.event!.revision), [3n, 4n, 5n, 6n], 'a forward read includes its start');
  const back = await collect(client.readStream(s, { direction: BACKWARDS, fromRevision: END, maxCount: 3 }));
  t.same(back.map((e) => e.event!.revision), [9n, 8n, 7n]);
  const backFrom = await collect(client.readStream(s, { direction: BACKWARDS, fromRevision: 2n }));
  t.same(backFrom.map((e) => e.event!.revision), [2n, 1n, 0n]);
  t.same((await collect(client.readStream(s, { fromRevision: START, direction: FORWARDS, maxCount: 1 }))).map((e) => e.event!.type), ['E0']);
});

t.test('a missing stream is StreamNotFoundError', async (t) => {
  const err = await collect(client.readStream(target.stream('missing'))).catch((e: unknown) => e);
  t.ok(err instanceof StreamNotFoundError || (err as { type?: string }).type === 'stream-not-found', 'the client reports stream-not-found');
});

t.test('$all forwards and backwards from a position', async (t) => {
  const positions = all.map((e) => e.event!.position!.commit);
  for (let i = 1; i < positions.length; i++) t.ok(positions[i]! > positions[i - 1]!, `position ${i} grows`);
  const from = all[4]!.event!.position!;
  const forward = await collect(client.readAll({ fromPosition: from, maxCount: 3 }));
  t.same(forward.map((e) => e.event!.id), all.slice(4, 7).map((e) => e.event!.id), 'a forward $all read includes the position');
  const backward = await collect(client.readAll({ fromPosition: from, direction: BACKWARDS, maxCount: 2 }));
  t.same(backward.map((e) => e.event!.id), [all[3]!.event!.id, all[2]!.event!.id], 'a backward $all read excludes it');
  const last = await collect(client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 }));
  t.equal(last.length, 1);
  t.ok(last[0]!.event!.position!.commit >= all[9]!.event!.position!.commit);
  const first = await collect(client.readAll({ fromPosition: START, maxCount: 1 }));
  t.equal(first.length, 1);
  t.ok(first[0]!.event!.position!.commit > 0n, 'positions start above zero');
});
