import t from 'tap';
import { bearer, commander, countAll, dispatcher, ok, staffing, startApi, startPostScene } from './helpers.js';

t.test('a retried request appends nothing and answers exactly as the first time', async (t) => {
  const { app, store, time, d } = await startPostScene(t, { staffing: staffing(1), volunteers: ['a', 'b'] });
  const headers = await bearer(dispatcher(d));
  const send = (volunteer: string, key: string, correlation: string) =>
    app.inject({
      method: 'POST',
      url: `/v1/volunteers/${volunteer}/dispatches`,
      headers: { ...headers, 'idempotency-key': key, 'x-correlation-id': correlation },
      payload: { target: { kind: 'post_shift', postId: 'p', shiftId: 'am' } },
    });

  const first = await send('a', 'key-1', 'corr-first');
  t.equal(first.statusCode, 201);
  t.equal(first.headers['x-correlation-id'], 'corr-first', 'the correlation id is echoed');
  const afterFirst = await countAll(store);
  time.advance(60_000);
  const retry = await send('a', 'key-1', 'corr-retry');
  t.equal(retry.statusCode, first.statusCode);
  t.equal(retry.body, first.body, 'same body, byte for byte');
  t.equal(await countAll(store), afterFirst, 'the retry appended nothing');

  // A refusal after compensation is re-derived from the stored events, not stored aside.
  const refused = await send('b', 'key-2', 'corr-b');
  t.equal(refused.statusCode, 409);
  t.equal(refused.json().code, 'SW_ERR_POST_FULL');
  const afterRefusal = await countAll(store);
  // Even when the seat is freed in between, the retry answers as the first time did.
  const held = Object.keys((await app.inject({ method: 'GET', url: '/v1/volunteers/a', headers })).json().state.dispatches)[0];
  await ok(app, `/v1/volunteers/a/dispatches/${held}/cancellation`, dispatcher(d), {});
  const afterCancel = await countAll(store);
  const refusedAgain = await send('b', 'key-2', 'corr-b2');
  t.equal(refusedAgain.statusCode, refused.statusCode);
  t.equal(refusedAgain.body, refused.body, 'same refusal body');
  t.equal(await countAll(store), afterCancel, 'the retried refusal appended nothing');
  t.ok(afterCancel > afterRefusal);

  // Metadata: correlation, causation and actor on every event of the command.
  const events = [...(await store.readStream('volunteer-a')), ...(await store.readStream('post-p'))].filter(
    (e) => e.metadata.correlationId === 'corr-first',
  );
  t.same(events.map((e) => e.type).sort(), ['PostShiftAssigned', 'VolunteerDispatched']);
  const dispatched = events.find((e) => e.type === 'VolunteerDispatched')!;
  const assigned = events.find((e) => e.type === 'PostShiftAssigned')!;
  t.equal(dispatched.metadata.commandId, `dispatcher-${d}/key-1`, 'the command id derives from the Idempotency-Key and the caller');
  t.equal(assigned.metadata.causationId, dispatched.metadata.commandId, 'step 2 is caused by the dispatch command');
  t.same(dispatched.metadata.actor, { role: 'dispatcher', id: `dispatcher-${d}`, districtId: d });
  t.equal(dispatched.metadata.occurredAt, '2026-05-01T07:00:00.000Z', 'business time from the clock');
  t.equal(retry.headers['x-correlation-id'], 'corr-retry');
});

t.test('a generated correlation id when none (or a bad one) is sent', async (t) => {
  const api = await startApi();
  t.teardown(() => api.close());
  const r = await api.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-correlation-id': 'bad id with spaces' } });
  t.match(r.headers['x-correlation-id'], /^[0-9a-f-]{36}$/);
});

t.test('a retried dispatch answers as the first time even after its post was closed', async (t) => {
  const { app, store, d } = await startPostScene(t, { staffing: staffing(2), volunteers: ['a'] });
  const headers = { ...(await bearer(dispatcher(d))), 'idempotency-key': 'key-closed' };
  const send = () => app.inject({ method: 'POST', url: '/v1/volunteers/a/dispatches', headers, payload: { target: { kind: 'post_shift', postId: 'p', shiftId: 'am' } } });
  const first = await send();
  t.equal(first.statusCode, 201, first.body);
  await ok(app, '/v1/posts/p/closure', commander(), { reason: 'moved' });
  const before = await countAll(store);
  // the answer did not reach the client; it retries after the post closed
  const retry = await send();
  t.equal(retry.statusCode, 201, retry.body);
  t.equal(retry.body, first.body, 'same body, byte for byte');
  t.equal(await countAll(store), before, 'the retry appended nothing');
});
