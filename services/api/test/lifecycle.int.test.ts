import t from 'tap';
import { bearer, commander, desk, dispatcher, ok, post, seedDistrict, shift, staffing, startApi, testClock, volunteerClaims } from './helpers.js';

// A post shift and a resident request, each from dispatch to completion, through HTTP only.
t.test('dispatch, accept, check in, complete; a request is fulfilled and rated', async (t) => {
  const time = testClock('2026-05-01T07:00:00.000Z');
  const api = await startApi({ clock: time.clock });
  t.teardown(() => api.close());
  const { app } = api;
  const d = 'haidian';
  await seedDistrict(app, d);
  await ok(app, `/v1/modes/${d}/switch`, commander(), { to: 'combat', reason: 'outbreak' });
  await ok(app, '/v1/posts', dispatcher(d), {
    postId: 'gate', districtId: d, stationId: `${d}-s1`, pointName: 'north gate', kind: 'disinfection', requiredSkills: ['disinfection'],
    shifts: [shift('am', '2026-05-01T09:00:00.000Z', '2026-05-01T13:00:00.000Z')], staffing: staffing(2),
  });
  await ok(app, '/v1/volunteers', dispatcher(d), { volunteerId: 'v1', districtId: d, homeStationId: `${d}-s1`, name: 'Wang', phone: '+86 13800000001' });
  const me = volunteerClaims(d, 'v1');

  const untrained = await post(app, '/v1/volunteers/v1/dispatches', dispatcher(d), { dispatchId: 'x1', target: { kind: 'post_shift', postId: 'gate', shiftId: 'am' } });
  t.equal(untrained.statusCode, 422, 'an untrained volunteer is refused');
  t.equal(untrained.json().code, 'SW_ERR_NOT_TRAINED');
  t.equal(untrained.headers['content-type'], 'application/problem+json; charset=utf-8');

  await ok(app, '/v1/volunteers/v1/trainings', dispatcher(d), { course: '防疫消杀', skillsGranted: ['disinfection'] });
  const sent = await post(app, '/v1/volunteers/v1/dispatches', dispatcher(d), { dispatchId: 'd1', target: { kind: 'post_shift', postId: 'gate', shiftId: 'am' } });
  t.equal(sent.statusCode, 201);
  t.same(sent.json().events.map((e: { type: string }) => e.type), ['VolunteerDispatched', 'PostShiftAssigned']);

  const someoneElse = await post(app, '/v1/volunteers/v1/dispatches/d1/acceptance', volunteerClaims(d, 'v2'), {});
  t.equal(someoneElse.statusCode, 403, 'another volunteer cannot answer this dispatch');
  await ok(app, '/v1/volunteers/v1/dispatches/d1/acceptance', me, {});
  time.set('2026-05-01T08:30:00.000Z');
  await ok(app, '/v1/volunteers/v1/dispatches/d1/check-in', me, {});
  time.set('2026-05-01T12:45:00.000Z');
  const done = await ok(app, '/v1/volunteers/v1/dispatches/d1/completion', me, { hours: 4, outcome: { areaDisinfectedM2: 1200 } });
  t.same(done.events.map((e) => e.type), ['ServiceCompleted']);
  const state = (await app.inject({ method: 'GET', url: '/v1/volunteers/v1', headers: await bearer(me) })).json();
  t.equal(state.state.dispatches.d1.status, 'completed');
  t.equal(state.state.dispatches.d1.hours, 4);

  // 点单 → 派单 → 接单 → service → fulfilled → 评单
  time.set('2026-05-01T13:00:00.000Z');
  await ok(app, '/v1/requests', dispatcher(d), {
    requestId: 'r1', districtId: d, stationId: `${d}-s1`, kind: 'grocery_delivery', beneficiary: 'elderly_living_alone',
    contact: { name: 'Li', phone: '+86 13900000000', address: 'Building 3' },
  });
  const target = { kind: 'request', requestId: 'r1', start: '2026-05-01T14:00:00.000Z', end: '2026-05-01T15:00:00.000Z' };
  const toRequest = await ok(app, '/v1/volunteers/v1/dispatches', dispatcher(d), { dispatchId: 'd2', target });
  t.same(toRequest.events.map((e) => e.type), ['VolunteerDispatched', 'RequestDispatched']);
  await ok(app, '/v1/volunteers', dispatcher(d), { volunteerId: 'v3', districtId: d, homeStationId: `${d}-s1`, name: 'Zhao', phone: '+86 13800000003' });
  const taken = await post(app, '/v1/volunteers/v3/dispatches', dispatcher(d), { dispatchId: 'd3', target });
  t.equal(taken.statusCode, 409);
  t.equal(taken.json().code, 'SW_ERR_REQUEST_ALREADY_DISPATCHED', 'a request holds one dispatch');
  const v3 = (await app.inject({ method: 'GET', url: '/v1/volunteers/v3', headers: await bearer(dispatcher(d)) })).json();
  t.equal(v3.state.dispatches.d3.status, 'cancelled', 'the refused reservation was compensated');

  await ok(app, '/v1/volunteers/v1/dispatches/d2/acceptance', me, {});
  await ok(app, '/v1/volunteers/v1/dispatches/d2/check-in', me, {});
  time.set('2026-05-01T14:50:00.000Z');
  const served = await ok(app, '/v1/volunteers/v1/dispatches/d2/completion', me, {});
  t.same(served.events.map((e) => e.type), ['ServiceCompleted', 'RequestFulfilled'], 'completing a request fulfils it');
  await ok(app, '/v1/requests/r1/rating', dispatcher(d), { rating: 5, comment: 'thanks' });
  const again = await post(app, '/v1/requests/r1/rating', dispatcher(d), { rating: 4 });
  t.equal(again.json().code, 'SW_ERR_ALREADY_RATED');
});

t.test('declining frees the seat for the next volunteer', async (t) => {
  const time = testClock('2026-05-01T07:00:00.000Z');
  const api = await startApi({ clock: time.clock });
  t.teardown(() => api.close());
  const { app } = api;
  const d = 'daxing';
  await seedDistrict(app, d);
  await ok(app, '/v1/posts', commander(), {
    postId: 'talk', districtId: d, stationId: `${d}-s1`, pointName: 'square', kind: 'publicity',
    shifts: [shift('am', '2026-05-01T09:00:00.000Z', '2026-05-01T11:00:00.000Z')], staffing: staffing(1),
  });
  for (const v of ['a', 'b']) await ok(app, '/v1/volunteers', commander(), { volunteerId: v, districtId: d, homeStationId: `${d}-s1`, name: 'N', phone: '+86 13800000000' });
  await ok(app, '/v1/volunteers/a/dispatches', commander(), { dispatchId: 'da', target: { kind: 'post_shift', postId: 'talk', shiftId: 'am' } });
  const full = await post(app, '/v1/volunteers/b/dispatches', commander(), { dispatchId: 'db', target: { kind: 'post_shift', postId: 'talk', shiftId: 'am' } });
  t.equal(full.json().code, 'SW_ERR_POST_FULL');
  const declined = await ok(app, '/v1/volunteers/a/dispatches/da/decline', volunteerClaims(d, 'a'), { reason: 'ill' });
  t.same(declined.events.map((e) => e.type), ['DispatchDeclined', 'PostAssignmentReleased']);
  const second = await post(app, '/v1/volunteers/b/dispatches', commander(), { dispatchId: 'db2', target: { kind: 'post_shift', postId: 'talk', shiftId: 'am' } });
  t.equal(second.statusCode, 201, 'the freed seat is taken');
});

t.test('donations, teams, modes and the organisation', async (t) => {
  const api = await startApi();
  t.teardown(() => api.close());
  const { app } = api;
  const d = 'gulou';
  await seedDistrict(app, d);
  await ok(app, '/v1/donations/g1/pledge', desk(d), { districtId: d, donorKind: 'company', donorOrganisation: 'Acme', lines: [{ item: 'masks', unit: '只', quantity: 1000 }] });
  await ok(app, '/v1/donations/g1/receipts', desk(d), { districtId: d, donorKind: 'company', lines: [{ item: 'masks', unit: '只', quantity: 800 }] });
  const over = await post(app, '/v1/donations/g1/distributions', desk(d), { lines: [{ item: 'masks', unit: '只', quantity: 900 }], recipient: { kind: 'station', id: `${d}-s1` } });
  t.equal(over.json().code, 'SW_ERR_INSUFFICIENT_STOCK');
  await ok(app, '/v1/donations/g1/distributions', desk(d), { lines: [{ item: 'masks', unit: '只', quantity: 500 }], recipient: { kind: 'station', id: `${d}-s1` } });

  await ok(app, '/v1/teams', commander(), { teamId: 'corps', districtId: d, teamName: 'Party corps', level: 'corps', kind: 'party_member' });
  await ok(app, '/v1/teams', commander(), { teamId: 'sq', districtId: d, teamName: 'Squad', level: 'squad', kind: 'party_member', parentTeamId: 'corps' });
  const orphan = await post(app, '/v1/teams', commander(), { teamId: 'sq2', districtId: d, teamName: 'Squad', level: 'squad', kind: 'youth', parentTeamId: 'missing' });
  t.equal(orphan.json().code, 'SW_ERR_UNKNOWN_PARENT', 'the parent level is read from its stream');
  await ok(app, '/v1/volunteers', commander(), { volunteerId: 'm1', districtId: d, homeStationId: `${d}-s1`, name: 'N', phone: '+86 13800000000' });
  await ok(app, '/v1/volunteers/m1/teams', commander(), { teamId: 'sq' });

  await ok(app, '/v1/modes/city/switch', commander(), { to: 'emergency', reason: 'spread' });
  const same = await post(app, '/v1/modes/city/switch', commander(), { to: 'emergency', reason: 'again' });
  t.equal(same.statusCode, 409);
  t.equal(same.json().code, 'SW_ERR_MODE_UNCHANGED');
  const mode = (await app.inject({ method: 'GET', url: '/v1/modes/city', headers: await bearer(dispatcher(d)) })).json();
  t.equal(mode.state.mode, 'emergency', 'a district dispatcher reads the city mode');
  const districtDispatcherSwitch = await post(app, '/v1/modes/city/switch', dispatcher(d), { to: 'extreme', reason: 'x' });
  t.equal(districtDispatcherSwitch.statusCode, 403, 'only commanders switch modes');
  const org = (await app.inject({ method: 'GET', url: `/v1/districts/${d}`, headers: await bearer(commander()) })).json();
  t.ok(org.state, 'the organisation reads back');
  const missing = await app.inject({ method: 'GET', url: '/v1/posts/nowhere', headers: await bearer(commander()) });
  t.equal(missing.statusCode, 404);
  t.equal(missing.json().code, 'SW_ERR_NOT_FOUND');
});
