import t from 'tap';
import { END, eventTypeFilter, jsonEvent, START, streamNameFilter, type ResolvedEvent } from '@eventstore/db-client';
import { contractTarget } from './target.js';

const target = await contractTarget();
t.teardown(() => target.close());
const { client } = target;

t.test('stream subscription: history, caught-up, then live events', async (t) => {
  const s = target.stream('sub');
  await client.appendToStream(s, [jsonEvent({ type: 'A', data: {} }), jsonEvent({ type: 'B', data: {} })]);
  const sub = client.subscribeToStream(s, { fromRevision: START });
  const seen: string[] = [];
  let caughtUpAfter = -1;
  sub.on('caughtUp', () => {
    caughtUpAfter = seen.length;
    void client.appendToStream(s, jsonEvent({ type: 'C', data: {} }));
  });
  for await (const e of sub) {
    seen.push(e.event!.type);
    if (seen.length === 3) break;
  }
  t.same(seen, ['A', 'B', 'C']);
  t.ok(caughtUpAfter >= 0, 'caught-up was announced');
});

t.test('stream subscription from a revision starts after it', async (t) => {
  const s = target.stream('subrev');
  await client.appendToStream(s, [0, 1, 2].map((i) => jsonEvent({ type: `E${i}`, data: {} })));
  const sub = client.subscribeToStream(s, { fromRevision: 0n });
  const seen: bigint[] = [];
  for await (const e of sub) {
    seen.push(e.event!.revision);
    if (seen.length === 2) break;
  }
  t.same(seen, [1n, 2n]);
});

t.test('$all subscription with a stream prefix filter and checkpoints', async (t) => {
  const prefix = target.stream('filt');
  const other = target.stream('noise');
  // More noise than the search window, so checkpoints must come while few events match.
  await client.appendToStream(other, Array.from({ length: 100 }, (_, i) => jsonEvent({ type: 'Noise', data: { i } })));
  await client.appendToStream(`${prefix}-1`, jsonEvent({ type: 'Wanted', data: {} }));
  const checkpoints: bigint[] = [];
  const sub = client.subscribeToAll({
    fromPosition: START,
    filter: streamNameFilter({
      prefixes: [prefix],
      checkpointInterval: 1,
      checkpointReached: (_sub, position) => {
        checkpoints.push(position.commit);
      },
    }),
  });
  const seen: ResolvedEvent[] = [];
  const done = new Promise<void>((resolve) => {
    sub.on('data', (e: ResolvedEvent) => {
      seen.push(e);
      if (seen.length === 2) resolve();
    });
  });
  sub.on('caughtUp', () => void client.appendToStream(`${prefix}-2`, jsonEvent({ type: 'Wanted', data: {} })));
  await done;
  await sub.unsubscribe();
  t.same(seen.map((e) => e.event!.streamId), [`${prefix}-1`, `${prefix}-2`]);
  t.ok(checkpoints.length >= 3, `checkpoints were sent (${checkpoints.length})`);
  for (let i = 1; i < checkpoints.length; i++) t.ok(checkpoints[i]! >= checkpoints[i - 1]!, 'checkpoints never go back');
});

t.test('$all subscription by event type, from a position (exclusive), live', async (t) => {
  const s = target.stream('typed');
  const type = `Typed${crypto.randomUUID().slice(0, 6)}`;
  const first = await client.appendToStream(s, jsonEvent({ type, data: { n: 1 } }));
  await client.appendToStream(s, jsonEvent({ type, data: { n: 2 } }));
  const sub = client.subscribeToAll({ fromPosition: first.position!, filter: eventTypeFilter({ prefixes: [type] }) });
  const seen: number[] = [];
  sub.on('caughtUp', () => void client.appendToStream(s, jsonEvent({ type, data: { n: 3 } })));
  for await (const e of sub) {
    seen.push((e.event!.data as { n: number }).n);
    if (seen.length === 2) break;
  }
  t.same(seen, [2, 3]);
});

t.test('$all subscription from the end sees only new events', async (t) => {
  const s = target.stream('end');
  await client.appendToStream(s, jsonEvent({ type: 'Old', data: {} }));
  const sub = client.subscribeToAll({ fromPosition: END, filter: streamNameFilter({ prefixes: [s] }) });
  sub.on('confirmation', () => void client.appendToStream(s, jsonEvent({ type: 'New', data: {} })));
  for await (const e of sub) {
    t.equal(e.event!.type, 'New');
    break;
  }
});
