import type { DomainEvent } from '../../src/index.js';

// Independent re-statements of the invariants, computed from events alone (not from decider
// state), so the property tests do not trust the code they test.

const toMs = (iso: string): number => Date.parse(iso);
const reserving = new Set(['offered', 'accepted', 'checked_in']);

/** Violations of "never two overlapping dispatches" on one volunteer stream. */
export const doubleBookings = (events: readonly DomainEvent[]): string[] => {
  const live = new Map<string, { start: string; end: string; status: string }>();
  const out: string[] = [];
  for (const e of events) {
    if (e.type === 'VolunteerDispatched') {
      const { start, end } = e.data.target;
      for (const [id, other] of live) {
        if (reserving.has(other.status) && toMs(start) < toMs(other.end) && toMs(other.start) < toMs(end)) {
          out.push(`${e.data.dispatchId} overlaps ${id}`);
        }
      }
      live.set(e.data.dispatchId, { start, end, status: 'offered' });
    }
    const next: Partial<Record<DomainEvent['type'], string>> = {
      DispatchAccepted: 'accepted',
      DispatchDeclined: 'declined',
      DispatchExpired: 'expired',
      VolunteerCheckedIn: 'checked_in',
      ServiceCompleted: 'completed',
      VolunteerNoShow: 'no_show',
      DispatchCancelled: 'cancelled',
    };
    const status = next[e.type];
    if (status && 'dispatchId' in e.data) {
      const d = live.get(e.data.dispatchId);
      if (d) d.status = status;
    }
  }
  return out;
};

/** Violations of "completion only after check-in, hours within check-in..completion". */
export const hoursViolations = (events: readonly DomainEvent[]): string[] => {
  const checkIns = new Map<string, string>();
  const out: string[] = [];
  for (const e of events) {
    if (e.type === 'VolunteerCheckedIn') checkIns.set(e.data.dispatchId, e.data.checkedInAt);
    if (e.type === 'ServiceCompleted') {
      const checkedInAt = checkIns.get(e.data.dispatchId);
      if (checkedInAt === undefined) out.push(`${e.data.dispatchId} completed without check-in`);
      else if (checkedInAt !== e.data.checkedInAt) out.push(`${e.data.dispatchId} completion names another check-in`);
      const elapsed = (toMs(e.data.completedAt) - toMs(e.data.checkedInAt)) / 3_600_000;
      if (e.data.hours < 0 || e.data.hours > elapsed + 1e-9) out.push(`${e.data.dispatchId}: ${e.data.hours} h in ${elapsed} h`);
    }
  }
  return out;
};

/** Violations of "never more seats on a shift than staffing under the assignment's mode". */
export const overfills = (events: readonly DomainEvent[]): string[] => {
  let staffing: Record<string, number> | null = null;
  const seats = new Map<string, string>(); // dispatchId -> shiftId
  const out: string[] = [];
  for (const e of events) {
    if (e.type === 'PostOpened' || e.type === 'PostStaffingChanged') staffing = e.data.staffing;
    if (e.type === 'PostShiftAssigned') {
      const taken = [...seats.values()].filter((s) => s === e.data.shiftId).length;
      const limit = staffing?.[e.data.mode] ?? 0;
      if (taken + 1 > limit) out.push(`${e.data.postId}/${e.data.shiftId}: seat ${taken + 1} of ${limit} (${e.data.mode})`);
      seats.set(e.data.dispatchId, e.data.shiftId);
    }
    if (e.type === 'PostAssignmentReleased') seats.delete(e.data.dispatchId);
  }
  return out;
};

/** Stock per item|unit after each event; violations when any goes negative. */
export const negativeStock = (events: readonly DomainEvent[]): string[] => {
  const stock = new Map<string, number>();
  const out: string[] = [];
  for (const e of events) {
    if (e.type !== 'DonationReceived' && e.type !== 'DonationDistributed') continue;
    const sign = e.type === 'DonationReceived' ? 1 : -1;
    for (const l of e.data.lines) {
      const key = `${l.item}|${l.unit}`;
      const next = (stock.get(key) ?? 0) + sign * l.quantity;
      stock.set(key, next);
      if (next < -1e-9) out.push(`${key} at ${next}`);
    }
  }
  return out;
};
