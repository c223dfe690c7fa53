import t from 'tap';
import { WrongExpectedVersionError } from '../src/index.js';
import { event, startStore } from './fixtures.js';

t.test('append, readStream and readAll through the real client', async (t) => {
  const { store, stop } = await startStore();
  t.teardown(stop);

  t.same(await store.readStream('volunteer-missing'), [], 'a missing stream reads as []');

  const first = await store.append('volunteer-1', [event('VolunteerSignedUp', { n: 1 }), event('VolunteerTrained', { n: 2 })], 'no_stream');
  t.equal(first.nextExpectedRevision, 1n);
  t.ok(first.position >= 0n, 'position of the last event');

  const read = await store.readStream('volunteer-1');
  t.same(read.map((e) => [e.type, e.revision, (e.data as { n: number }).n]), [
    ['VolunteerSignedUp', 0n, 1],
    ['VolunteerTrained', 1n, 2],
  ]);
  t.equal(read[0]!.metadata.actor.role, 'dispatcher', 'metadata round-trips as JSON');
  t.equal(read[1]!.position, first.position);
  t.ok(read[0]!.created instanceof Date);

  await t.rejects(store.append('volunteer-1', [event('VolunteerTrained')], 0n), WrongExpectedVersionError, 'stale revision');
  await t.rejects(store.append('volunteer-1', [event('VolunteerTrained')], 'no_stream'), WrongExpectedVersionError);
  t.equal((await store.readStream('volunteer-1')).length, 2, 'a refused append changes nothing');

  await store.append('post-1', [event('PostOpened')], 'no_stream');
  const all = [];
  for await (const e of store.readAll()) all.push(e.stream + '@' + e.revision);
  t.same(all, ['volunteer-1@0', 'volunteer-1@1', 'post-1@0']);
  const back = [];
  for await (const e of store.readAll({ backwards: true, maxCount: 2 })) back.push(e.stream + '@' + e.revision);
  t.same(back, ['post-1@0', 'volunteer-1@1']);

  const fromRev = await store.readStream('volunteer-1', { fromRevision: 1n });
  t.same(fromRev.map((e) => e.revision), [1n]);
});

t.test('a repeated event id is not appended twice', async (t) => {
  const { store, stop } = await startStore();
  t.teardown(stop);
  const e = event('DonationReceived');
  await store.append('donation-1', [e], 'no_stream');
  await store.append('donation-1', [e], 'no_stream');
  t.equal((await store.readStream('donation-1')).length, 1);
});
