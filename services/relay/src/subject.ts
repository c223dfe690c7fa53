import { categoryOf, type StoredEvent } from '@shouwang/event-store';

/** A subject token: no dots, wildcards or whitespace can leak into the routing. */
export function subjectToken(value: string): string {
  const t = value.replace(/[^A-Za-z0-9_-]/g, '_');
  return t.length > 0 ? t : '_';
}

/** 区: the event's `districtId`, else the actor's district, else `city`. */
export function districtOf(event: StoredEvent): string {
  const data = event.data as { districtId?: unknown } | null;
  if (data && typeof data === 'object' && typeof data.districtId === 'string' && data.districtId) return data.districtId;
  const actorDistrict = event.metadata?.actor?.districtId;
  if (typeof actorDistrict === 'string' && actorDistrict) return actorDistrict;
  return 'city';
}

/** `<prefix>.<district>.<category>.<EventType>`: routing only, never personal data. */
export function subjectFor(prefix: string, event: StoredEvent): string {
  return `${prefix}.${subjectToken(districtOf(event))}.${subjectToken(categoryOf(event.stream))}.${subjectToken(event.type)}`;
}
