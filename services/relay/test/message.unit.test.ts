import t from 'tap';
import type { StoredEvent } from '@shouwang/event-store';
import { personalFields } from '@shouwang/domain';
import { subjectFor, districtOf } from '../src/subject.js';
import { eventHeaders, encodeBody } from '../src/message.js';

const stored = (over: Partial<StoredEvent> = {}): StoredEvent => ({
  id: '2ed6657d-e927-568b-95e1-2665a8aea6a2',
  type: 'VolunteerSignedUp',
  stream: 'volunteer-v42',
  revision: 0n,
  position: 1234n,
  created: new Date('2026-11-22T08:00:01.000Z'),
  data: { districtId: 'd-east', volunteerId: 'v42', name: '张三', phone: '+86 138 0000 0000', idNumber: '110101199001011234' },
  metadata: {
    commandId: 'c1',
    correlationId: 'corr-1',
    causationId: 'c1',
    actor: { role: 'volunteer', id: 'v42', districtId: 'd-west' },
    occurredAt: '2026-11-22T08:00:00.000Z',
    schemaVersion: 2,
  },
  ...over,
});

t.test('subject: district from the data, then the actor, then city; category from the stream', async (t) => {
  t.equal(subjectFor('shouwang.events', stored()), 'shouwang.events.d-east.volunteer.VolunteerSignedUp');
  const noDistrict = stored({ data: { volunteerId: 'v42' } });
  t.equal(districtOf(noDistrict), 'd-west');
  const cityWide = stored({ stream: 'mode-city', type: 'ResponseModeSwitched', data: {}, metadata: { ...stored().metadata, actor: { role: 'commander', id: 'u', districtId: null } } });
  t.equal(subjectFor('shouwang.events', cityWide), 'shouwang.events.city.mode.ResponseModeSwitched');
});

t.test('subject tokens cannot carry wildcards or extra levels', async (t) => {
  const sneaky = stored({ data: { districtId: 'a.b.>' } });
  t.equal(subjectFor('shouwang.events', sneaky), 'shouwang.events.a_b__.volunteer.VolunteerSignedUp');
});

t.test('headers follow the CloudEvents NATS binding and carry no personal data', async (t) => {
  const e = stored();
  const h = eventHeaders(e);
  t.equal(h.get('ce-specversion'), '1.0');
  t.equal(h.get('ce-id'), e.id);
  t.equal(h.get('ce-type'), 'VolunteerSignedUp');
  t.equal(h.get('ce-time'), '2026-11-22T08:00:00.000Z');
  t.equal(h.get('ce-subject'), 'volunteer-v42');
  t.equal(h.get('Shouwang-Stream'), 'volunteer-v42');
  t.equal(h.get('Shouwang-Revision'), '0');
  t.equal(h.get('Shouwang-Position'), '1234');
  t.equal(h.get('Shouwang-Correlation-Id'), 'corr-1');
  t.equal(h.get('Shouwang-Schema-Version'), '2');
  const routing = [subjectFor('shouwang.events', e), ...[...h.keys()].map((k) => `${k}:${h.get(k)}`)].join('\n');
  const data = e.data as Record<string, string>;
  for (const field of personalFields.VolunteerSignedUp) {
    t.notOk(routing.includes(data[field]!), `${field} is not in the subject or headers`);
  }
});

t.test('body is the event as stored', async (t) => {
  const e = stored();
  const body = JSON.parse(Buffer.from(encodeBody(e)).toString());
  t.same(body.data, e.data);
  t.same(body.metadata, e.metadata);
  t.equal(body.position, '1234');
  t.equal(body.revision, '0');
  t.equal(body.id, e.id);
});
