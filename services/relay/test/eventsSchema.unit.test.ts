import t from 'tap';
import { readFileSync } from 'node:fs';
import { eventSchemas } from '@shouwang/domain';
import { renderEventsJsonSchema, buildEventsJsonSchema } from '../src/eventsSchema.js';
import { eventsSchemaPath } from '../src/writeEventsSchema.js';

t.test('docs/events.schema.json is the schema generated from the domain (run `pnpm --filter @shouwang/relay events-schema`)', async (t) => {
  t.equal(readFileSync(eventsSchemaPath, 'utf8'), renderEventsJsonSchema());
});

t.test('every domain event type has a body schema', async (t) => {
  const schema = buildEventsJsonSchema() as { $defs: Record<string, { properties: { type: { const: string } } }> };
  for (const type of Object.keys(eventSchemas)) {
    t.equal(schema.$defs[type]?.properties.type.const, type, type);
  }
});
