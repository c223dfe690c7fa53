import t from 'tap';
import { eventTypeFilter, excludeSystemEvents, jsonEvent, START, streamNameFilter, type ResolvedEvent } from '@eventstore/db-client';
import { collect, contractTarget } from './target.js';

const target = await contractTarget();
t.teardown(() => target.close());
const { client } = target;

// One run's streams and types, so a real server's older history never matches.
const run = target.stream('flt');
const volunteers = `${run}-volunteer`;
const posts = `${run}-post`;
const typeA = `SignedUp${run.replace(/-/g, '')}`;
const typeB = `Dispatched${run.replace(/-/g, '')}`;
await client.appendToStream(`${volunteers}-1`, [jsonEvent({ type: typeA, data: { k: 1 } }), jsonEvent({ type: typeB, data: { k: 2 } })]);
await client.appendToStream(`${posts}-1`, jsonEvent({ type: typeB, data: { k: 3 } }));
await client.appendToStream(`${volunteers}-2`, jsonEvent({ type: typeA, data: { k: 4 } }));
const ks = (events: ResolvedEvent[]) => events.map((e) => (e.event!.data as { k: number }).k);

/** Subscribes to $all from the start with `filter` until `n` events have matched. */
async function subscribed(filter: Parameters<typeof client.subscribeToAll>[0], n: number): Promise<ResolvedEvent[]> {
  const sub = client.subscribeToAll({ fromPosition: START, ...filter });
  const seen: ResolvedEvent[] = [];
  for await (const e of sub) {
    seen.push(e);
    if (seen.length === n) break;
  }
  await sub.unsubscribe();
  return seen;
}

// The client's readAll sends no filter (6.2.1 always asks for none); filters reach the server
// through subscribeToAll.
t.test('subscriptions filtered by stream-name prefix and regex, event-type prefix and regex', async (t) => {
  t.same(ks(await subscribed({ filter: streamNameFilter({ prefixes: [volunteers] }) }, 3)), [1, 2, 4]);
  t.same(ks(await subscribed({ filter: streamNameFilter({ regex: `^${posts}-` }) }, 1)), [3]);
  t.same(ks(await subscribed({ filter: streamNameFilter({ regex: `^${volunteers}-\\d+$` }) }, 3)), [1, 2, 4]);
  t.same(ks(await subscribed({ filter: eventTypeFilter({ prefixes: [typeA] }) }, 2)), [1, 4]);
  t.same(ks(await subscribed({ filter: eventTypeFilter({ regex: `^${typeB}$` }) }, 2)), [2, 3]);
  t.same(ks(await subscribed({ filter: streamNameFilter({ prefixes: [`${volunteers}-2`, `${posts}-1`] }) }, 2)), [3, 4], 'several prefixes match any');
});

t.test('excludeSystemEvents hides the $metadata a soft delete writes', async (t) => {
  const gone = `${run}-gone`;
  await client.appendToStream(gone, jsonEvent({ type: typeA, data: { k: 5 } }));
  await client.deleteStream(gone);
  await client.appendToStream(`${run}-after`, jsonEvent({ type: typeB, data: { k: 6 } }));
  const all = await collect(client.readAll({ fromPosition: START, maxCount: 1_000_000 }));
  t.ok(all.some((e) => e.event?.streamId === `$$${gone}` && e.event.type === '$metadata'), 'the delete is a $metadata event in $all');
  // Everything from this run's first event on, until the event written after the delete.
  const sub = client.subscribeToAll({ fromPosition: START, filter: excludeSystemEvents() });
  const seen: ResolvedEvent[] = [];
  for await (const e of sub) {
    seen.push(e);
    if (e.event!.streamId === `${run}-after`) break;
  }
  await sub.unsubscribe();
  t.notOk(seen.some((e) => e.event!.type.startsWith('$')), 'no system event passes the filter');
  t.same(ks(seen.filter((e) => e.event!.streamId.startsWith(run))), [1, 2, 3, 4, 5, 6], 'every user event does');
});
