import { z } from 'zod';

// Ids end up in stream names (`volunteer-<id>`) and NATS subjects, so they stay ASCII and short.
const idPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export const Id = z.string().regex(idPattern, 'an id of 1-64 ASCII letters, digits, "_" or "-"');
export type Id = z.infer<typeof Id>;

/** A district (区/县). `city` is reserved for city-wide facts. */
export const DistrictId = Id.refine((v) => v !== 'city', 'the literal "city" is not a district id').describe(
  'District (区/县) id',
);
export type DistrictId = z.infer<typeof DistrictId>;

/** Where an event belongs for scoping and NATS subjects: a district, or `city`. */
export const DistrictScope = z.union([z.literal('city'), DistrictId]).describe('A district id, or "city" for city-wide facts');
export type DistrictScope = z.infer<typeof DistrictScope>;

export const IsoDateTime = z.iso.datetime({ offset: true }).describe('ISO-8601 date-time');
export type IsoDateTime = z.infer<typeof IsoDateTime>;

/** A skill id, e.g. `disinfection`, `first_aid`, `english`, `driving`. */
export const Skill = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'a skill id in snake_case')
  .describe('Skill id in snake_case');
export type Skill = z.infer<typeof Skill>;

export const Skills = z.array(Skill).max(50);

/** Who did it, without personal data: a role and an opaque id. */
export const Actor = z
  .object({
    role: z.string().min(1).max(40).describe('Role, e.g. commander, dispatcher, volunteer'),
    id: Id.describe('Opaque account id (never a name or phone number)'),
  })
  .describe('Who acted');
export type Actor = z.infer<typeof Actor>;

export const ShortText = z.string().trim().min(1).max(200);
export const LongText = z.string().trim().min(1).max(2000);

// Deciders compare the same shift times again and again (each dispatch against every one the
// volunteer holds); parsing is most of that cost, so recent answers are remembered.
const parsedTimes = new Map<string, number>();

/** Milliseconds since the epoch for an ISO string (offsets allowed, so plain string order is not enough). */
export const toMillis = (iso: string): number => {
  let ms = parsedTimes.get(iso);
  if (ms === undefined) {
    if (parsedTimes.size >= 10_000) parsedTimes.clear();
    parsedTimes.set(iso, (ms = Date.parse(iso)));
  }
  return ms;
};
