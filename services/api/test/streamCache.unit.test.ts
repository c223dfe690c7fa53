import t from 'tap';
import type { StoredEvent } from '@shouwang/event-store';
import { StreamCache, foldedState } from '../src/commands/streamCache.js';
import type { StepDecider } from '../src/commands/fold.js';

/** Counts what it folds: a decider whose state is the number of events seen. */
const counting = (): StepDecider<never, number> & { folds: number } => {
  const d = { folds: 0, initialState: 0, decide: () => [], evolve: (n: number) => (d.folds += 1, n + 1) };
  return d;
};
const modes = counting();
const folded = (state: number) => ({ by: modes as StepDecider<never, unknown>, state });

const events = (n: number): StoredEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `e${i}`, type: 'ResponseModeSwitched', data: {}, metadata: {} as StoredEvent['metadata'],
    stream: 'mode-city', revision: BigInt(i), position: BigInt(i), created: new Date(0),
  }));

t.test('a read that returns after a newer append does not replace it', async (t) => {
  const cache = new StreamCache();
  // a read of two events started, then this process appended a third and cached it...
  cache.put('mode-city', events(3), folded(3), 2_000);
  // ...and only then the read returned
  cache.put('mode-city', events(2), undefined, 1_000);
  const e = cache.get('mode-city')!;
  t.equal(e.history.length, 3, 'the newer history stays');
  t.equal(e.folded?.state, 3);
  t.equal(e.confirmedAt, 2_000);
});

t.test('a newer read replaces an older entry; the same history read again keeps its folded state', async (t) => {
  const cache = new StreamCache();
  cache.put('mode-city', events(1), folded(1), 1_000);
  cache.put('mode-city', events(1), undefined, 1_500);
  t.equal(cache.get('mode-city')!.folded?.state, 1, 'state kept for the same history');
  t.equal(cache.get('mode-city')!.confirmedAt, 1_500, 'confirmed again at the read start');
  cache.put('mode-city', events(2), undefined, 2_000);
  const e = cache.get('mode-city')!;
  t.equal(e.history.length, 2);
  t.equal(e.folded, undefined, 'a longer history is folded anew');
});

t.test('a folded state serves only the decider that folded it', async (t) => {
  const cache = new StreamCache();
  const posts = counting();
  const audits = counting();
  cache.put('post-p', events(4));
  const e = cache.get('post-p')!;
  t.equal(foldedState(e, posts), 4);
  t.equal(foldedState(e, posts), 4);
  t.equal(posts.folds, 4, 'folded once for the same decider');
  t.equal(foldedState(e, audits), 4);
  t.equal(audits.folds, 4, 'another decider folds for itself, not handed the first one\'s state');
});
