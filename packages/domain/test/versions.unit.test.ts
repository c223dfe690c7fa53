import t from 'tap';
import { currentSchemaVersion, DomainError, eventSchemas, eventTypes, upcast } from '../src/index.js';
import { signedUp } from './support/fixtures.js';

t.test('a v1 VolunteerSignedUp (no skills) is upcast to v2 with skills: []', async (t) => {
  t.equal(currentSchemaVersion.VolunteerSignedUp, 2);
  const { skills: _skills, ...v1 } = signedUp().data as Record<string, unknown>;
  t.notOk(eventSchemas.VolunteerSignedUp.safeParse({ type: 'VolunteerSignedUp', data: v1 }).success, 'v1 does not parse as v2');
  const v2 = upcast('VolunteerSignedUp', 1, v1);
  t.strictSame(v2, { ...v1, skills: [] });
  t.ok(eventSchemas.VolunteerSignedUp.safeParse({ type: 'VolunteerSignedUp', data: v2 }).success, 'upcast data parses');
});

t.test('current data passes unchanged', async (t) => {
  for (const type of eventTypes) {
    const data = { marker: type };
    t.equal(upcast(type, currentSchemaVersion[type], data), data, type);
  }
  t.strictSame(upcast('SomeoneElsesEvent', 7, { a: 1 }), { a: 1 });
});

t.test('unknown versions are refused with a typed error', async (t) => {
  for (const version of [0, 3, 1.5]) {
    t.throws(() => upcast('VolunteerSignedUp', version, {}), { code: 'SW_ERR_UNSUPPORTED_SCHEMA_VERSION' }, `version ${version}`);
  }
  t.throws(() => upcast('PostOpened', 2, {}), DomainError);
});
