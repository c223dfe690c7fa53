import type { DomainEvent } from '@shouwang/domain';
import type { ProjectedEvent, ViewChange } from './types.js';

export type EventType = DomainEvent['type'];
export type DataOf<T extends EventType> = Extract<DomainEvent, { type: T }>['data'];

/** The data of an event of a known type (events were validated by the deciders that appended them). */
export const dataOf = <T extends EventType>(event: ProjectedEvent, _type: T): DataOf<T> => event.data as DataOf<T>;

export const put = (
  view: string,
  key: string,
  districtId: string,
  doc: unknown,
  index: { t?: string | null; subject?: string | null } = {},
): ViewChange => ({ view, key, districtId, t: index.t ?? null, subject: index.subject ?? null, doc });

export const remove = (view: string, key: string, districtId: string): ViewChange => ({
  view,
  key,
  districtId,
  t: null,
  subject: null,
  doc: null,
});
