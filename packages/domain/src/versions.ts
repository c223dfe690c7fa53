import { DomainError } from './errors.js';
import { eventTypes, type EventType } from './events/index.js';

/**
 * The schema version each event type is written with today (metadata.schemaVersion).
 * Bump it when an event's data changes shape, and add the step to `upcasters`.
 */
export const currentSchemaVersion: Record<EventType, number> = {
  ...(Object.fromEntries(eventTypes.map((t) => [t, 1])) as Record<EventType, number>),
  // v2: declared skills added at signup.
  VolunteerSignedUp: 2,
};

type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/** upcasters[type][v] turns data of version v into version v + 1. */
const upcasters: Partial<Record<EventType, Record<number, Upcaster>>> = {
  VolunteerSignedUp: {
    1: (data) => ({ ...data, skills: [] }),
  },
};

/**
 * Brings stored event data of any older version up to the current shape; the identity for
 * current data. Read paths call it before parsing with the event's schema.
 */
export const upcast = (type: string, version: number, data: unknown): unknown => {
  const current = (currentSchemaVersion as Record<string, number>)[type];
  if (current === undefined) return data; // not ours: left to whoever knows it
  if (!Number.isInteger(version) || version < 1 || version > current) {
    throw new DomainError('SW_ERR_UNSUPPORTED_SCHEMA_VERSION', `${type} schema version ${version} is not readable (current ${current})`);
  }
  let out = data;
  for (let v = version; v < current; v++) {
    const step = upcasters[type as EventType]?.[v];
    if (!step) throw new DomainError('SW_ERR_UNSUPPORTED_SCHEMA_VERSION', `${type} has no upcaster from version ${v}`);
    out = step(out as Record<string, unknown>);
  }
  return out;
};
