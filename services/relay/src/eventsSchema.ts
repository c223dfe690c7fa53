import { z } from 'zod';
import { eventSchemas } from '@shouwang/domain';

/** Metadata as the event store keeps it (see @shouwang/event-store's EventMetadata). */
const EventMetadataSchema = z
  .object({
    commandId: z.string(),
    correlationId: z.string(),
    causationId: z.string(),
    actor: z.object({ role: z.string(), id: z.string(), districtId: z.string().nullable() }),
    occurredAt: z.string().describe('Business time of the fact (ISO-8601)'),
    schemaVersion: z.number().int().positive(),
  })
  .describe('Who and what caused the event; no personal data');

const decimal = { type: 'string', pattern: '^[0-9]+$' } as const;

type JsonObject = Record<string, unknown>;

/**
 * JSON Schema (2020-12) of every message body on `shouwang.events.>`, generated from the domain's
 * zod schemas: one `$defs` entry per event type, the body being the event as stored plus its place in the store.
 */
export function buildEventsJsonSchema(): JsonObject {
  const defs: Record<string, JsonObject> = {
    EventMetadata: strip(z.toJSONSchema(EventMetadataSchema, { target: 'draft-2020-12' }) as JsonObject),
  };
  const types = Object.keys(eventSchemas).sort();
  for (const type of types) {
    const generated = z.toJSONSchema(eventSchemas[type as keyof typeof eventSchemas], { target: 'draft-2020-12' }) as unknown as JsonObject & {
      properties: { type: unknown; data: unknown };
    };
    defs[type] = {
      type: 'object',
      ...(typeof generated.description === 'string' ? { description: generated.description } : {}),
      properties: {
        id: { type: 'string', format: 'uuid', description: 'Event id, also ce-id and Nats-Msg-Id' },
        type: generated.properties.type,
        stream: { type: 'string', description: 'Event stream (aggregate), e.g. volunteer-<id>' },
        revision: { ...decimal, description: 'Revision in its event stream' },
        position: { ...decimal, description: 'Commit position in $all' },
        created: { type: 'string', format: 'date-time', description: 'When the store wrote it' },
        data: generated.properties.data,
        metadata: { $ref: '#/$defs/EventMetadata' },
      },
      required: ['id', 'type', 'stream', 'revision', 'position', 'created', 'data', 'metadata'],
      additionalProperties: false,
    };
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'urn:shouwang:schemas:nats-events',
    title: 'Shouwang events on NATS (shouwang.events.<district>.<category>.<EventType>)',
    description: 'Generated from @shouwang/domain eventSchemas by services/relay (pnpm --filter @shouwang/relay events-schema). Do not edit.',
    oneOf: types.map((t) => ({ $ref: `#/$defs/${t}` })),
    $defs: defs,
  };
}

function strip(schema: JsonObject): JsonObject {
  const { $schema: _drop, ...rest } = schema;
  return rest;
}

/** The file as committed in docs/: stable key order, trailing newline. */
export function renderEventsJsonSchema(): string {
  return `${JSON.stringify(buildEventsJsonSchema(), null, 2)}\n`;
}
