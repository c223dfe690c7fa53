import t from 'tap';
import { Writable } from 'node:stream';
import { bearer, commander, ok, post, seedDistrict, startApi } from './helpers.js';

t.test('log lines are structured, carry the correlation id and never personal data', async (t) => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter((l) => l.length > 0));
      done();
    },
  });
  const api = await startApi({ logLevel: 'info', logStream: sink });
  t.teardown(() => api.close());
  const { app } = api;
  await seedDistrict(app, 'haidian');
  lines.length = 0;
  const person = { name: '张伟伟', phone: '+86 13811112222', idNumber: '110101199001011234' };
  await ok(app, '/v1/volunteers', commander(), { volunteerId: 'v1', districtId: 'haidian', homeStationId: 'haidian-s1', ...person });
  await post(app, '/v1/volunteers', commander(), { volunteerId: 'v2', districtId: 'haidian', homeStationId: 'haidian-s1', name: person.name, phone: 'not a phone 13811112222x' });
  const r = await app.inject({ method: 'GET', url: '/v1/volunteers/v1', headers: { ...(await bearer(commander())), 'x-correlation-id': 'trace-42' } });
  t.equal(r.statusCode, 200);
  // Anything a handler logs goes through the same redaction.
  app.log.info({ volunteer: { name: person.name, phone: person.phone, contact: { address: 'Building 3' } } }, 'about a volunteer');

  t.ok(lines.length >= 6, `${lines.length} lines`);
  const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  const requestLines = parsed.filter((l) => l.req || l.res || l.msg === 'request refused');
  t.ok(requestLines.length >= 6);
  t.ok(requestLines.every((l) => typeof l.correlationId === 'string'), 'every request line has the correlation id');
  t.ok(parsed.some((l) => l.correlationId === 'trace-42'), 'the caller\'s correlation id is the one logged');
  const all = lines.join('\n');
  for (const value of [person.name, person.phone, person.idNumber, '13811112222', 'Building 3']) t.notOk(all.includes(value), `no ${value} in logs`);
  t.ok(all.includes('[redacted]'), 'personal fields are redacted, not dropped silently');
  t.notOk(/Bearer /.test(all), 'no token in logs');
});
