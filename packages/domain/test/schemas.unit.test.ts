import t from 'tap';
import { z } from 'zod';
import {
  commandSchemas,
  commandStreamCategory,
  DomainCommand,
  DomainEvent,
  eventSchemas,
  eventStreamCategory,
  eventTypes,
  parseStreamName,
  personalFieldPaths,
  personalFields,
  postStream,
  modeStream,
  orgStream,
  volunteerStream,
} from '../src/index.js';
import { dispatched, postOpened, signedUp } from './support/fixtures.js';

t.test('every event type has one schema, one stream and a districtId in its data', async (t) => {
  t.equal(eventTypes.length, DomainEvent.options.length);
  for (const type of eventTypes) {
    const schema = eventSchemas[type] as unknown as z.ZodObject<{ type: z.ZodLiteral<string>; data: z.ZodObject }>;
    t.equal(schema.shape.type.value, type, `${type} schema names its type`);
    t.ok('districtId' in schema.shape.data.shape, `${type} carries districtId`);
    t.ok(eventStreamCategory[type], `${type} has a stream`);
  }
});

t.test('every command type has a strict schema and a deciding stream', async (t) => {
  for (const [type, schema] of Object.entries(commandSchemas)) {
    t.ok(commandStreamCategory[type as keyof typeof commandStreamCategory], `${type} is decided somewhere`);
    const probe = (schema as unknown as z.ZodObject).safeParse({ type, data: { __unknown: 1 } });
    t.ok(!probe.success && probe.error.issues.some((i) => i.code === 'unrecognized_keys'), `${type} refuses unknown fields`);
  }
  t.equal(Object.keys(commandSchemas).length, DomainCommand.options.length);
});

t.test('personal data lives only in the listed fields of the two listed events', async (t) => {
  t.strictSame(Object.keys(personalFields).sort(), ['ResidentRequestPlaced', 'VolunteerSignedUp']);
  t.strictSame(personalFieldPaths, ['data.name', 'data.phone', 'data.idNumber', 'data.contact']);
  const personalNames = /^(name|phone|idNumber|contact|address)$/;
  for (const type of eventTypes) {
    if (type in personalFields) continue;
    const json = JSON.stringify(z.toJSONSchema((eventSchemas[type] as unknown as z.ZodObject).shape.data as z.ZodType, { unrepresentable: 'any' }));
    const keys = [...json.matchAll(/"([A-Za-z]+)":\{/g)].map((m) => m[1] ?? '');
    t.strictSame(keys.filter((k) => personalNames.test(k)), [], `${type} has no personal field`);
  }
});

t.test('events parse with DomainEvent; a wrong shape does not', async (t) => {
  for (const e of [signedUp(), postOpened(), dispatched()]) t.ok(DomainEvent.safeParse(e).success, e.type);
  t.notOk(DomainEvent.safeParse({ type: 'VolunteerSignedUp', data: { volunteerId: 'v1' } }).success);
  t.notOk(DomainEvent.safeParse({ type: 'NoSuchEvent', data: {} }).success);
  t.notOk(eventSchemas.VolunteerSignedUp.safeParse({ ...signedUp(), data: { ...signedUp().data, districtId: 'city' } }).success, 'a volunteer belongs to a district, not "city"');
});

t.test('stream names', async (t) => {
  t.equal(volunteerStream('v-1'), 'volunteer-v-1');
  t.equal(postStream('p1'), 'post-p1');
  t.equal(modeStream('city'), 'mode-city');
  t.equal(orgStream('hd'), 'org-hd');
  t.strictSame(parseStreamName('volunteer-v-1'), { category: 'volunteer', id: 'v-1' });
  t.equal(parseStreamName('$all'), undefined);
  t.equal(parseStreamName('shift-1'), undefined);
  t.equal(parseStreamName('post-'), undefined);
});
