import { z } from 'zod';
import { eventSchemasByStream, personalFields } from '../events/index.js';
import { currentSchemaVersion } from '../versions.js';
import type { EventType } from '../events/index.js';
import { fieldRows, type JsonSchema } from './jsonSchemaRows.js';

const streamOf: Record<keyof typeof eventSchemasByStream, string> = {
  org: 'org-<districtId>',
  team: 'team-<teamId>',
  volunteer: 'volunteer-<volunteerId>',
  post: 'post-<postId>',
  mode: 'mode-<scope> (scope: city or a district id)',
  request: 'request-<requestId>',
  donation: 'donation-<donationId>',
};

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ').replace(/\\\\\|/g, '\\|');

/** docs/event-catalog.md, generated from the zod schemas (see scripts/event-catalog.ts). */
export const renderEventCatalog = (): string => {
  const personal = personalFields as Partial<Record<EventType, readonly string[]>>;
  const out: string[] = [
    '# Event catalog',
    '',
    '<!-- Generated from packages/domain/src/events by `pnpm --filter @shouwang/domain catalog`. Do not edit: a test fails when it is out of date. -->',
    '',
    'Every event is `{ type, data }`, stored in EventStoreDB with metadata `commandId`, `correlationId`,',
    '`causationId`, `actor`, `occurredAt` and `schemaVersion`. Every `data` carries `districtId` (a district',
    'id, or `city` for city-wide facts). Older schema versions are brought up to date on read with',
    '`upcast(type, version, data)`. Fields marked **personal** hold personal data and appear only in',
    '`VolunteerSignedUp` and `ResidentRequestPlaced` (`personalFields`).',
    '',
    '| stream | events |',
    '|---|---|',
    ...Object.entries(eventSchemasByStream).map(
      ([category, schemas]) =>
        `| \`${streamOf[category as keyof typeof streamOf]}\` | ${Object.keys(schemas).map((t) => `[${t}](#${t.toLowerCase()})`).join(', ')} |`,
    ),
  ];
  for (const [category, schemas] of Object.entries(eventSchemasByStream)) {
    out.push('', `## Stream \`${streamOf[category as keyof typeof streamOf]}\``);
    for (const [type, schema] of Object.entries(schemas) as [EventType, z.ZodObject][]) {
      const data = z.toJSONSchema(schema.shape.data as z.ZodType, { io: 'output', unrepresentable: 'any' }) as JsonSchema;
      out.push(
        '',
        `### ${type}`,
        '',
        `${schema.description ?? ''} Stream \`${streamOf[category as keyof typeof streamOf]}\`, schema version ${currentSchemaVersion[type]}.`,
        '',
        '| field | type | required | description |',
        '|---|---|---|---|',
        ...fieldRows(data).map((r) => {
          const isPersonal = personal[type]?.some((f) => r.name === f || r.name.startsWith(`${f}.`)) ?? false;
          const description = (isPersonal ? '**personal** ' : '') + r.description.replace(/^PERSONAL: /, '');
          return `| \`${r.name}\` | ${cell(r.type)} | ${r.required ? 'yes' : 'no'} | ${cell(description)} |`;
        }),
      );
    }
  }
  return `${out.join('\n')}\n`;
};
