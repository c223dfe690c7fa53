import t from 'tap';
import { startEmbeddedStore, tempDir } from '@shouwang/testing';
import { startProjector } from '../src/service.js';
import { replayViews } from '../src/audit/replay.js';
import { appendHistory } from '../src/testing/appendHistory.js';
import { dumpRows } from './helpers.js';

t.test('the projector follows the store, survives a restart and equals a rebuild from zero', async (t) => {
  const es = await startEmbeddedStore();
  t.teardown(() => es.stop());
  const dataDir = tempDir('shouwang-views-');

  const first = await appendHistory(es.store, { events: 3000, seed: 21 });
  let service = startProjector({ store: es.store, dataDir, batchSize: 250 });
  await service.caughtUp;
  t.equal(service.views.checkpoint().events, first.events, 'every appended event applied once');
  t.equal(service.views.checkpoint().position, first.lastPosition);
  await service.stop();

  // more history while the projector is down; a restart resumes from the checkpoint
  const second = await appendHistory(es.store, { events: 2000, seed: 22 });
  const restartedAt = Date.now();
  service = startProjector({ store: es.store, dataDir, batchSize: 250 });
  const resumedFrom = service.views.checkpoint().events;
  await service.caughtUp;
  t.comment(`restart to caught-up over ${second.events} new events: ${Date.now() - restartedAt} ms`);
  t.equal(resumedFrom, first.events, 'resumes from its checkpoint, not from zero');
  t.equal(service.views.checkpoint().events, first.events + second.events);

  const rebuilt = await replayViews(es.store);
  t.same(dumpRows(service.db), dumpRows(rebuilt.db), 'live views equal a rebuild from zero, field for field');
  rebuilt.db.close();
  await service.stop();
});

t.test('a live append reaches the views without a restart', async (t) => {
  const es = await startEmbeddedStore();
  t.teardown(() => es.stop());
  const service = startProjector({ store: es.store, dataDir: ':memory:' });
  t.teardown(() => service.stop());
  await service.caughtUp;
  const committed = new Promise((resolve) => service.projector.once('committed', resolve));
  const { events } = await appendHistory(es.store, { events: 50, seed: 5 });
  await committed;
  while (service.views.checkpoint().events < events) await new Promise((r) => setTimeout(r, 20));
  t.equal(service.views.checkpoint().events, events);
});

t.test('mounted in another fastify app, the views follow the same store connection', async (t) => {
  const es = await startEmbeddedStore();
  t.teardown(() => es.stop());
  const { default: Fastify } = await import('fastify');
  const { mountViews } = await import('../src/mount.js');
  const { testTokens, testSecret, tokenFor } = await import('./helpers.js');
  const app = Fastify();
  const service = await mountViews(app, { store: es.store, dataDir: tempDir('shouwang-mounted-'), tokens: testTokens });
  await app.ready();
  const { events } = await appendHistory(es.store, { events: 500, seed: 8 });
  while (service.views.checkpoint().events < events) await new Promise((r) => setTimeout(r, 20));
  const res = await app.inject({
    url: '/v1/views/district-totals?districtId=city',
    headers: { authorization: `Bearer ${await tokenFor(testSecret, { role: 'commander', districtId: 'city', sub: 'c' })}` },
  });
  t.equal(res.statusCode, 200);
  t.ok(res.json().data.registered > 0);
  await app.close();
  t.equal(service.projector.isCaughtUp, true);
});

t.test('an event the projector cannot read stops it there: nothing after it is applied', async (t) => {
  const es = await startEmbeddedStore();
  t.teardown(() => es.stop());
  const { eventIdFor } = await import('@shouwang/event-store');
  const before = await appendHistory(es.store, { events: 300, seed: 12 });
  const meta = { commandId: 'c-future', correlationId: 'c-future', causationId: 'c-future', actor: { role: 'dispatcher', id: 'op', districtId: 'd1' }, occurredAt: '2022-05-01T00:00:00Z' };
  await es.store.append('team-tfuture', [
    { id: eventIdFor('c-future', 0), type: 'TeamFormed', metadata: { ...meta, schemaVersion: 99 },
      data: { districtId: 'd1', teamId: 'tfuture', teamName: '未来', level: 'squad', kind: 'youth', formedAt: '2022-05-01T00:00:00Z' } },
  ], 'no_stream');
  await appendHistory(es.store, { events: 300, seed: 13 });
  const service = startProjector({ store: es.store, dataDir: tempDir('shouwang-stuck-'), batchSize: 50 });
  await t.rejects(service.running, /schema version 99/);
  // the batch holding it rolled back whole; every committed event lies before it
  const cp = service.views.checkpoint();
  t.ok(cp.events > 0 && cp.events <= before.events, `stopped before the unreadable event (${cp.events} of ${before.events} applied)`);
  t.ok(cp.position !== undefined && cp.position <= before.lastPosition, 'nothing after it was applied');
  await service.stop();
});
