import t from 'tap';
import { EventEmitter } from 'node:events';
import { buildProjectorApp } from '../src/http/app.js';
import type { EventsBetween } from '../src/audit/eventsBetween.js';
import { eventsIn, memoryViews, storedHistory, testSecret, testTokens, tokenFor } from './helpers.js';

const history = storedHistory({ events: 3000, seed: 5 });

async function setup(events: EventsBetween = eventsIn(history)) {
  const { db, views } = memoryViews();
  views.applyBatch(history);
  const app = await buildProjectorApp({
    db,
    checkpoint: () => views.checkpoint(),
    events,
    tokens: testTokens,
    changes: new EventEmitter(),
    isCaughtUp: () => true,
  });
  const as = async (role: string, districtId: string, volunteerId?: string) => ({
    authorization: `Bearer ${await tokenFor(testSecret, { role, districtId, sub: 'account-1', ...(volunteerId ? { volunteerId } : {}) })}`,
  });
  return { app, views, as };
}

t.test('tokens: missing, forged or expired are refused with 401 and a problem body', async (t) => {
  const { app } = await setup();
  const none = await app.inject({ url: '/v1/views/district-totals?districtId=d1' });
  t.equal(none.statusCode, 401);
  t.match(none.headers['content-type'], /application\/problem\+json/);
  t.equal(none.json().code, 'SW_ERR_UNAUTHENTICATED');
  const forged = await tokenFor('another-secret-that-is-long-enough-000000', { role: 'commander', districtId: 'city', sub: 'x' });
  t.equal((await app.inject({ url: '/v1/views/district-totals?districtId=d1', headers: { authorization: `Bearer ${forged}` } })).statusCode, 401);
  const expired = await tokenFor(testSecret, { role: 'commander', districtId: 'city', sub: 'x' }, '-1m');
  t.equal((await app.inject({ url: '/v1/views/district-totals?districtId=d1', headers: { authorization: `Bearer ${expired}` } })).statusCode, 401);
  const otherAudience = await tokenFor(testSecret, { role: 'commander', districtId: 'city', sub: 'x' }, '1h', 'another-service');
  t.equal((await app.inject({ url: '/v1/views/district-totals?districtId=d1', headers: { authorization: `Bearer ${otherAudience}` } })).statusCode, 401);
  const volunteerWithoutId = await tokenFor(testSecret, { role: 'volunteer', districtId: 'd1', sub: 'x' });
  t.equal((await app.inject({ url: '/v1/views/mode-timeline?districtId=city', headers: { authorization: `Bearer ${volunteerWithoutId}` } })).statusCode, 401);
});

t.test('roles and district scope', async (t) => {
  const { app, as } = await setup();
  const own = await app.inject({ url: '/v1/views/district-totals?districtId=d1', headers: await as('dispatcher', 'd1') });
  t.equal(own.statusCode, 200);
  t.equal(own.json().data.districtId, 'd1');
  const other = await app.inject({ url: '/v1/views/district-totals?districtId=d2', headers: await as('dispatcher', 'd1') });
  t.equal(other.statusCode, 403);
  t.equal(other.json().code, 'SW_ERR_FORBIDDEN');
  const city = await app.inject({ url: '/v1/views/district-totals?districtId=city', headers: await as('dispatcher', 'd1') });
  t.equal(city.statusCode, 403, 'a district token cannot read city totals');
  const desk = await app.inject({ url: '/v1/views/district-totals?districtId=d1', headers: await as('donations_desk', 'd1') });
  t.equal(desk.statusCode, 403);
  t.equal(desk.json().code, 'SW_ERR_FORBIDDEN');
  const ledger = await app.inject({ url: '/v1/views/donation-ledger?districtId=d1', headers: await as('donations_desk', 'd1') });
  t.equal(ledger.statusCode, 200);
  const modes = await app.inject({ url: '/v1/views/mode-timeline?districtId=city', headers: await as('volunteer', 'd3', 'v0') });
  t.equal(modes.statusCode, 200, 'everyone may see the city mode timeline');
});

t.test('volunteers read only their own service record', async (t) => {
  const { app, as } = await setup();
  const served = history.find((e) => e.type === 'ServiceCompleted')!.data as { volunteerId: string };
  const mine = await app.inject({ url: `/v1/views/service-record?volunteerId=${served.volunteerId}`, headers: await as('volunteer', 'd1', served.volunteerId) });
  t.equal(mine.statusCode, 200);
  t.ok(mine.json().data.services.length >= 1);
  const theirs = await app.inject({ url: `/v1/views/service-record?volunteerId=${served.volunteerId}`, headers: await as('volunteer', 'd1', 'someone-else') });
  t.equal(theirs.statusCode, 403);
  const unknown = await app.inject({ url: '/v1/views/service-record?volunteerId=nobody', headers: await as('commander', 'city') });
  t.equal(unknown.statusCode, 404);
});

t.test('bad input gets a 400 naming the field', async (t) => {
  const { app, as } = await setup();
  const h = await as('commander', 'city');
  const mode = await app.inject({ url: '/v1/views/unfilled-posts?districtId=d1&mode=panic', headers: h });
  t.equal(mode.statusCode, 400);
  t.match(mode.json(), { code: 'SW_ERR_VALIDATION', errors: [{ field: 'mode' }] });
  const period = await app.inject({ url: '/v1/views/briefing?districtId=d1&from=yesterday', headers: h });
  t.equal(period.statusCode, 400);
  t.same(period.json().errors.map((e: { field: string }) => e.field).sort(), ['from', 'to']);
  const at = await app.inject({ url: '/v1/views/dispatch-board?districtId=d1&at=soon', headers: h });
  t.equal(at.statusCode, 400);
  t.equal(at.json().code, 'SW_ERR_AT_INVALID');
  const future = await app.inject({ url: '/v1/views/dispatch-board?districtId=d1&at=99999999999', headers: h });
  t.equal(future.statusCode, 409);
});

t.test('?at gives the view as it stood then; csv and text forms', async (t) => {
  const { app, as } = await setup();
  const h = await as('auditor', 'city');
  const mid = history[1500]!;
  const byPosition = await app.inject({ url: `/v1/views/district-totals?districtId=city&at=${mid.position}`, headers: h });
  t.equal(byPosition.json().position, mid.position.toString());
  const now = await app.inject({ url: '/v1/views/district-totals?districtId=city', headers: h });
  t.ok(byPosition.json().data.registered < now.json().data.registered, 'fewer volunteers were registered back then');
  const byTime = await app.inject({ url: `/v1/views/district-totals?districtId=city&at=${mid.created.toISOString()}`, headers: h });
  t.same(byTime.json().data, byPosition.json().data, 'the time of an event gives the view right after it');
  t.equal(byTime.json().position, mid.position.toString());
  const before = await app.inject({ url: '/v1/views/district-totals?districtId=city&at=2000-01-01T00:00:00Z', headers: h });
  t.equal(before.json().data.registered, 0, 'before the first event every view is empty');

  const csv = await app.inject({ url: '/v1/views/donation-ledger?districtId=city&format=csv', headers: h });
  t.match(csv.headers['content-type'], /text\/csv/);
  t.match(csv.body.split('\r\n')[0], /^districtId,item,unit,pledged,received,distributed,inStock/);
  const text = await app.inject({
    url: '/v1/views/briefing?districtId=city&from=2022-04-01T00:00:00Z&to=2022-05-01T00:00:00Z&format=text',
    headers: await as('commander', 'city'),
  });
  t.match(text.body, /^2022-04-01至2022-05-01，全市累计发动志愿者[\d,]+人次/);
});

t.test('?at inside a batch whose events the store cannot give now: 503, and the moment still answers once it can', async (t) => {
  let storeDown = true;
  const { app, as } = await setup(async (after, through) => {
    if (storeDown) throw new Error('connection refused');
    return eventsIn(history)(after, through);
  });
  const h = await as('auditor', 'city');
  const url = `/v1/views/district-totals?districtId=city&at=${history[1500]!.position}`;
  const down = await app.inject({ url, headers: h });
  t.equal(down.statusCode, 503);
  t.match(down.headers['content-type'], /application\/problem\+json/);
  t.equal(down.json().code, 'SW_ERR_STORE_UNAVAILABLE');
  t.notMatch(down.body, /connection refused/, 'the store error stays in the server');
  const end = await app.inject({ url: `/v1/views/district-totals?districtId=city&at=${history.at(-1)!.position}`, headers: h });
  t.equal(end.statusCode, 200, 'a batch end is answered from the history alone');
  storeDown = false;
  const up = await app.inject({ url, headers: h });
  t.equal(up.statusCode, 200);
  t.ok(up.json().data.registered < end.json().data.registered);
});

t.test('health, readiness and metrics', async (t) => {
  const { app } = await setup();
  t.equal((await app.inject({ url: '/healthz' })).statusCode, 200);
  t.equal((await app.inject({ url: '/readyz' })).statusCode, 200);
  const metrics = await app.inject({ url: '/metrics' });
  t.match(metrics.body, new RegExp(`shouwang_projector_events_applied ${history.length}`));
});
