import type { StoredEvent } from '@shouwang/event-store';
import type { Target } from '../auth/access.js';

const dataOf = (e: StoredEvent): Record<string, unknown> => (e.data ?? {}) as Record<string, unknown>;

/** The volunteer a stream is about (`volunteer-<id>`), for `self` access. */
export const volunteerOfStream = (stream: string): string | undefined =>
  stream.startsWith('volunteer-') ? stream.slice('volunteer-'.length) : undefined;

/**
 * What an aggregate is, as stored: the district of its first event (every event carries one),
 * or — for an aggregate the command is about to create — the district the command names.
 * Undefined when neither exists: the decider then refuses (the aggregate does not exist).
 */
export function storedTarget(stream: string, history: StoredEvent[], creating?: string): Target | undefined {
  const first = history[0];
  const districtId = first ? dataOf(first).districtId : creating;
  if (typeof districtId !== 'string') return undefined;
  const volunteerId = volunteerOfStream(stream);
  return volunteerId ? { districtId, volunteerId } : { districtId };
}

/** For a command on one dispatch: the district where its service takes place, as dispatched. */
export function dispatchTarget(stream: string, history: StoredEvent[], dispatchId: string): Target | undefined {
  const dispatched = history.find((e) => e.type === 'VolunteerDispatched' && dataOf(e).dispatchId === dispatchId);
  if (!dispatched) return storedTarget(stream, history);
  const volunteerId = volunteerOfStream(stream);
  return { districtId: String(dataOf(dispatched).districtId), ...(volunteerId ? { volunteerId } : {}) };
}
