import t from 'tap';
import { startEmbeddedStore } from '@shouwang/testing';
import { eventIdFor } from '@shouwang/event-store';
import { EventEmitter } from 'node:events';
import { buildProjectorApp } from '../src/http/app.js';
import { eventsIn, memoryViews, testSecret, testTokens, tokenFor } from './helpers.js';

t.test('the full history of an entity: who did what, when and why, without personal data', async (t) => {
  const es = await startEmbeddedStore();
  t.teardown(() => es.stop());
  const meta = (commandId: string, role: string, id: string) => ({
    commandId, correlationId: `corr-${commandId}`, causationId: commandId, actor: { role, id, districtId: 'haidian' },
    occurredAt: '2022-04-10T08:00:00Z', schemaVersion: 2,
  });
  await es.store.append('volunteer-v9', [
    {
      id: eventIdFor('c1', 0), type: 'VolunteerSignedUp', metadata: meta('c1', 'dispatcher', 'op-7'),
      data: { districtId: 'haidian', volunteerId: 'v9', homeStationId: 's1', name: 'Zhao Liu', phone: '13600000000', idNumber: 'ABC123456', skills: [], signedUpAt: '2022-04-10T08:00:00Z' },
    },
  ], 'no_stream');
  await es.store.append('volunteer-v9', [
    {
      id: eventIdFor('c2', 0), type: 'VolunteerWithdrew', metadata: { ...meta('c2', 'volunteer', 'v9'), schemaVersion: 1 },
      data: { districtId: 'haidian', volunteerId: 'v9', reason: '返乡', withdrewAt: '2022-04-11T08:00:00Z' },
    },
  ], 0n);

  const { db, views } = memoryViews();
  const app = await buildProjectorApp({
    db, checkpoint: () => views.checkpoint(), events: eventsIn([]), tokens: testTokens, changes: new EventEmitter(), store: es.store, isCaughtUp: () => true,
  });
  const as = async (role: string, districtId: string) => ({ authorization: `Bearer ${await tokenFor(testSecret, { role, districtId, sub: 'x' })}` });

  const res = await app.inject({ url: '/v1/views/history/volunteer-v9', headers: await as('auditor', 'city') });
  t.equal(res.statusCode, 200);
  const { events } = res.json();
  t.match(events, [
    { type: 'VolunteerSignedUp', revision: '0', actor: { role: 'dispatcher', id: 'op-7' }, correlationId: 'corr-c1', commandId: 'c1', occurredAt: '2022-04-10T08:00:00Z' },
    { type: 'VolunteerWithdrew', revision: '1', actor: { role: 'volunteer', id: 'v9' }, reason: '返乡', correlationId: 'corr-c2' },
  ]);
  for (const secret of ['Zhao Liu', '13600000000', 'ABC123456']) t.notOk(res.body.includes(secret), `no ${secret}`);

  t.equal((await app.inject({ url: '/v1/views/history/volunteer-v9', headers: await as('auditor', 'daxing') })).statusCode, 403);
  t.equal((await app.inject({ url: '/v1/views/history/volunteer-v9', headers: await as('dispatcher', 'haidian') })).statusCode, 403);
  t.equal((await app.inject({ url: '/v1/views/history/volunteer-nobody', headers: await as('auditor', 'city') })).statusCode, 404);
  t.equal((await app.inject({ url: '/v1/views/history/%24all', headers: await as('auditor', 'city') })).statusCode, 400);
});
