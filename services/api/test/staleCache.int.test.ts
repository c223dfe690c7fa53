import t from 'tap';
import { openEventStore } from '@shouwang/event-store';
import { buildApp } from '../src/app.js';
import { commander, dispatcher, jwt, ok, post, seedDistrict, shift, staffing, startApi, testClock } from './helpers.js';

// Two API instances on separate store clients: what one wrote, the other's stream cache has not
// seen. A refusal decided on such a cached stream must be checked on a fresh read first.
t.test('a command refused on a stale cached stream is decided again on a fresh read', async (t) => {
  const time = testClock('2026-05-01T06:00:00.000Z');
  const api = await startApi({ clock: time.clock });
  const second = await openEventStore({ connectionString: api.embedded.connectionString });
  const app2 = await buildApp({ store: second, jwt, logLevel: 'silent', clock: time.clock, rateLimit: { max: 1_000_000, windowMs: 60_000 } });
  t.teardown(async () => {
    await app2.close();
    await second.close();
    await api.close();
  });
  const { app } = api;
  for (const d of ['home', 'away']) await seedDistrict(app, d);
  await ok(app, '/v1/modes/city/switch', commander(), { to: 'emergency', reason: 'city-wide support' });
  await ok(app, '/v1/posts', commander(), {
    postId: 'gate', districtId: 'away', stationId: 'away-s1', pointName: 'gate', kind: 'checkpoint',
    shifts: [shift('am', '2026-05-01T09:00:00.000Z', '2026-05-01T13:00:00.000Z')], staffing: staffing(2),
  });
  // the first instance signs the volunteer up, so its cache holds their stream
  await ok(app, '/v1/volunteers', commander(), { volunteerId: 'v', districtId: 'home', homeStationId: 'home-s1', name: 'N', phone: '+86 13800000000' });
  // the second dispatches them to the other district (全域支援)
  await ok(app2, '/v1/volunteers/v/dispatches', commander(), { dispatchId: 'x1', target: { kind: 'post_shift', postId: 'gate', shiftId: 'am' } });
  // the other district's dispatcher cancels it through the first instance: authorised by where the
  // service takes place, which only the fresh stream shows
  const cancel = await post(app, '/v1/volunteers/v/dispatches/x1/cancellation', dispatcher('away'), {});
  t.equal(cancel.statusCode, 200, cancel.body);
  t.same(cancel.json().events.map((e: { type: string }) => e.type).slice(0, 1), ['DispatchCancelled']);
});
