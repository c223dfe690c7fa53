import t from 'tap';
import { request } from 'node:http';
import { startEmbeddedStore } from '@shouwang/testing';
import { eventIdFor } from '@shouwang/event-store';
import { startProjector } from '../src/service.js';
import { buildProjectorApp } from '../src/http/app.js';
import { testSecret, testTokens, tokenFor } from './helpers.js';

/** Opens the SSE stream over a real socket and collects its messages. */
function subscribe(port: number, token: string) {
  const messages: { event: string; data: unknown; at: number }[] = [];
  const waiters: (() => void)[] = [];
  const req = request({ host: '127.0.0.1', port, path: '/v1/views/stream', headers: { authorization: `Bearer ${token}` } });
  req.on('response', (res) => {
    res.setEncoding('utf8');
    let buffer = '';
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let i;
      while ((i = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) messages.push({ event, data: JSON.parse(data), at: Date.now() });
        for (const w of waiters.splice(0)) w();
      }
    });
  });
  req.end();
  const next = async (predicate: (m: (typeof messages)[number]) => boolean) => {
    for (;;) {
      const found = messages.find(predicate);
      if (found) return found;
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  return { messages, next, close: () => req.destroy() };
}

t.test('an append through the store reaches SSE subscribers in scope, and only them', async (t) => {
  const es = await startEmbeddedStore();
  t.teardown(() => es.stop());
  const service = startProjector({ store: es.store, dataDir: ':memory:' });
  t.teardown(() => service.stop());
  const app = await buildProjectorApp({
    db: service.db,
    checkpoint: () => service.views.checkpoint(),
    events: service.events,
    tokens: testTokens,
    changes: service.projector,
    store: es.store,
    isCaughtUp: () => service.projector.isCaughtUp,
  });
  t.teardown(() => app.close());
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  await service.caughtUp;

  const haidian = subscribe(port, await tokenFor(testSecret, { role: 'dispatcher', districtId: 'haidian', sub: 'a' }));
  const daxing = subscribe(port, await tokenFor(testSecret, { role: 'dispatcher', districtId: 'daxing', sub: 'b' }));
  t.teardown(() => (haidian.close(), daxing.close()));
  await haidian.next((m) => m.event === 'ready');
  await daxing.next((m) => m.event === 'ready');

  const commandId = 'cmd-sse-1';
  const appendedAt = Date.now();
  const appended = await es.store.append(
    'volunteer-vsse',
    [
      {
        id: eventIdFor(commandId, 0),
        type: 'VolunteerSignedUp',
        data: { districtId: 'haidian', volunteerId: 'vsse', homeStationId: 's1', name: 'Wang Wu', phone: '13700000000', skills: [], signedUpAt: new Date().toISOString() },
        metadata: { commandId, correlationId: commandId, causationId: commandId, actor: { role: 'dispatcher', id: 'op', districtId: 'haidian' }, occurredAt: new Date().toISOString(), schemaVersion: 2 },
      },
    ],
    'no_stream',
  );
  const message = await haidian.next((m) => m.event === 'views');
  t.comment(`append to SSE message: ${message.at - appendedAt} ms`);
  t.same(message.data, { position: appended.position.toString(), views: { districtTotals: ['haidian'], volunteer: ['haidian'] } });
  t.notOk(JSON.stringify(haidian.messages).includes('Wang Wu'), 'no personal data on the stream');

  const totals = await app.inject({
    url: '/v1/views/district-totals?districtId=haidian',
    headers: { authorization: `Bearer ${await tokenFor(testSecret, { role: 'dispatcher', districtId: 'haidian', sub: 'a' })}` },
  });
  t.equal(totals.json().data.registered, 1, 'the view already shows the change when the message arrives');

  // a later change in daxing reaches daxing; the haidian subscriber saw nothing of it
  await es.store.append(
    'team-tdx',
    [
      {
        id: eventIdFor('cmd-sse-2', 0),
        type: 'TeamFormed',
        data: { districtId: 'daxing', teamId: 'tdx', teamName: '青年突击队', level: 'squad', kind: 'youth', formedAt: new Date().toISOString() },
        metadata: { commandId: 'cmd-sse-2', correlationId: 'cmd-sse-2', causationId: 'cmd-sse-2', actor: { role: 'dispatcher', id: 'op', districtId: 'daxing' }, occurredAt: new Date().toISOString(), schemaVersion: 1 },
      },
    ],
    'no_stream',
  );
  const dx = await daxing.next((m) => m.event === 'views');
  t.same((dx.data as { views: unknown }).views, { districtTotals: ['daxing'], team: ['daxing'] });
  t.equal(daxing.messages.filter((m) => m.event === 'views').length, 1, 'daxing never saw the haidian change');
  t.equal(haidian.messages.filter((m) => m.event === 'views').length, 1, 'haidian never saw the daxing change');
});
