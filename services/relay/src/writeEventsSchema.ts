import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderEventsJsonSchema } from './eventsSchema.js';

/** Regenerates docs/events.schema.json from the domain's zod schemas. */
export const eventsSchemaPath = fileURLToPath(new URL('../../../docs/events.schema.json', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(eventsSchemaPath, renderEventsJsonSchema());
  console.log(`wrote ${eventsSchemaPath}`);
}
