import t from 'tap';
import { shouwangStreamPrefixes, type CaughtUp, type StoredEvent } from '../src/index.js';
import { event, startStore } from './fixtures.js';

type Item = StoredEvent | CaughtUp;
const label = (i: Item) => ('kind' in i ? 'caughtUp' : `${i.stream}:${i.type}`);

async function take(it: AsyncIterator<Item>, n: number): Promise<Item[]> {
  const out: Item[] = [];
  while (out.length < n) {
    const r = await it.next();
    if (r.done) break;
    out.push(r.value);
  }
  return out;
}

t.test('filtered $all subscription: our categories only, caughtUp after history, then live events', async (t) => {
  const { store, stop } = await startStore();
  t.teardown(stop);
  await store.append('volunteer-1', [event('VolunteerSignedUp')], 'no_stream');
  await store.append('audit-1', [event('Noise')], 'no_stream');
  await store.append('post-1', [event('PostOpened')], 'no_stream');
  await store.append('postal-1', [event('NotOurs')], 'no_stream');

  const it = store.subscribeToAll({ filter: { streamPrefixes: shouwangStreamPrefixes } })[Symbol.asyncIterator]();
  const history = await take(it, 3);
  t.same(history.map(label), ['volunteer-1:VolunteerSignedUp', 'post-1:PostOpened', 'caughtUp']);

  await store.append('audit-2', [event('Noise')], 'no_stream');
  await store.append('mode-city', [event('ResponseModeSwitched')], 'no_stream');
  const live = await take(it, 1);
  t.same(live.map(label), ['mode-city:ResponseModeSwitched']);
  await it.return?.();
});

t.test('resuming from a checkpoint position starts after it', async (t) => {
  const { store, stop } = await startStore();
  t.teardown(stop);
  for (let i = 0; i < 5; i++) await store.append(`request-${i}`, [event('ResidentRequestPlaced', { i })], 'no_stream');
  const all: StoredEvent[] = [];
  for await (const e of store.readAll()) all.push(e);
  const checkpoint = all[2]!.position;

  const it = store.subscribeToAll({ fromPosition: checkpoint, filter: { streamPrefixes: ['request-'] } })[Symbol.asyncIterator]();
  const rest = await take(it, 3);
  t.same(rest.map(label), ['request-3:ResidentRequestPlaced', 'request-4:ResidentRequestPlaced', 'caughtUp']);
  await it.return?.();
});

t.test('event type filter', async (t) => {
  const { store, stop } = await startStore();
  t.teardown(stop);
  await store.append('donation-1', [event('DonationPledged'), event('DonationReceived')], 'no_stream');
  const it = store.subscribeToAll({ filter: { eventTypes: ['DonationReceived'] } })[Symbol.asyncIterator]();
  t.same((await take(it, 2)).map(label), ['donation-1:DonationReceived', 'caughtUp']);
  await it.return?.();
});

t.test('caughtUp comes after every buffered historical event, even with many of them', async (t) => {
  const { store, stop } = await startStore();
  t.teardown(stop);
  const n = 3000;
  for (let b = 0; b < n / 500; b++) {
    await store.append(`team-${b}`, Array.from({ length: 500 }, () => event('TeamFormed')), 'no_stream');
  }
  const it = store.subscribeToAll({ filter: { streamPrefixes: shouwangStreamPrefixes } })[Symbol.asyncIterator]();
  const items = await take(it, n + 1);
  t.equal(items.findIndex((i) => 'kind' in i), n, 'the marker follows the last historical event');
  await it.return?.();
});

t.test('nextBatch hands over bursts in order, with the caughtUp marker in place, and [] after return()', async (t) => {
  const { store, stop } = await startStore();
  t.teardown(stop);
  for (let b = 0; b < 4; b++) {
    await store.append(`org-${b}`, Array.from({ length: 250 }, (_, i) => event('StationRegistered', { i })), 'no_stream');
  }
  const sub = store.subscribeToAll({ filter: { streamPrefixes: shouwangStreamPrefixes } });
  const items: Item[] = [];
  let batches = 0;
  while (!items.some((i) => 'kind' in i)) {
    items.push(...(await sub.nextBatch(300)));
    batches++;
  }
  t.equal(items.length, 1001, '1000 events then the marker');
  t.equal(items.findIndex((i) => 'kind' in i), 1000);
  t.ok(batches < 1000, `bursts, not one event at a time (${batches} batches)`);
  const revisions = items.slice(0, 250).map((i) => ('kind' in i ? -1n : i.revision));
  t.same(revisions, Array.from({ length: 250 }, (_, i) => BigInt(i)), 'stream order');
  const waiting = sub.nextBatch();
  await sub.return();
  t.same(await waiting, [], 'a waiting reader is released when the subscription ends');
});
