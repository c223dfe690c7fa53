import t from 'tap';
import type { StoredEvent } from '@shouwang/event-store';
import { StreamCache } from '../src/commands/streamCache.js';

const events = (n: number): StoredEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `e${i}`, type: 'ResponseModeSwitched', data: {}, metadata: {} as StoredEvent['metadata'],
    stream: 'mode-city', revision: BigInt(i), position: BigInt(i), created: new Date(0),
  }));

t.test('a read that returns after a newer append does not replace it', async (t) => {
  const cache = new StreamCache();
  // a read of two events started, then this process appended a third and cached it...
  cache.put('mode-city', events(3), { mode: 'extreme' }, 2_000);
  // ...and only then the read returned
  cache.put('mode-city', events(2), undefined, 1_000);
  const e = cache.get('mode-city')!;
  t.equal(e.history.length, 3, 'the newer history stays');
  t.same(e.state, { mode: 'extreme' });
  t.equal(e.confirmedAt, 2_000);
});

t.test('a newer read replaces an older entry; the same history read again keeps its folded state', async (t) => {
  const cache = new StreamCache();
  cache.put('mode-city', events(1), { mode: 'normal' }, 1_000);
  cache.put('mode-city', events(1), undefined, 1_500);
  t.same(cache.get('mode-city')!.state, { mode: 'normal' }, 'state kept for the same history');
  t.equal(cache.get('mode-city')!.confirmedAt, 1_500, 'confirmed again at the read start');
  cache.put('mode-city', events(2), undefined, 2_000);
  const e = cache.get('mode-city')!;
  t.equal(e.history.length, 2);
  t.equal(e.state, undefined, 'a longer history is folded anew');
});
