import type { ViewReader } from '../store/viewReader.js';
import { viewNames, type DispatchDoc, type RequestDoc } from '../views/docs.js';

/**
 * The dispatch board (派单看板): open requests, dispatches awaiting acceptance with their age in
 * seconds at `now`, and expired dispatches (timed out, or past their deadline and not yet marked).
 */
export function dispatchBoard(reader: ViewReader, districtId: string, now: Date) {
  const scope = districtId === 'city' ? {} : { districtId };
  const requests = reader.list<RequestDoc>(viewNames.request, scope).sort((a, b) => a.placedAt.localeCompare(b.placedAt));
  const dispatches = reader.list<DispatchDoc>(viewNames.dispatch, scope);
  const nowMs = now.getTime();
  const awaiting = [];
  const expired = [];
  for (const d of dispatches) {
    const ageSeconds = Math.max(0, Math.floor((nowMs - Date.parse(d.dispatchedAt)) / 1000));
    const overdue = d.status === 'awaiting' && d.expiresAt !== null && Date.parse(d.expiresAt) <= nowMs;
    if (d.status === 'expired' || overdue) expired.push({ ...d, ageSeconds });
    else if (d.status === 'awaiting') awaiting.push({ ...d, ageSeconds });
  }
  awaiting.sort((a, b) => b.ageSeconds - a.ageSeconds);
  return {
    districtId,
    asOf: now.toISOString(),
    openRequests: requests.filter((r) => r.status === 'open'),
    awaitingAcceptance: awaiting,
    expired,
  };
}
