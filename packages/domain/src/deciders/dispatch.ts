import type {
  AcceptDispatch,
  CancelDispatch,
  CheckIn,
  CompleteService,
  DeclineDispatch,
  DispatchVolunteer,
  ExpireDispatch,
  RecordNoShow,
} from '../commands/dispatch.js';
import type { VolunteerEvent } from '../events/index.js';
import { refuse } from '../errors.js';
import { toMillis } from '../primitives.js';
import { assertNever } from '../decider.js';
import { overlaps, requireSameId, requireValidWindow } from './guards.js';
import { activeProfile } from './volunteerProfile.js';
import { reservingStatuses, type DispatchRecord, type VolunteerProfile, type VolunteerState } from './volunteerState.js';

export type DispatchCommand =
  | DispatchVolunteer
  | AcceptDispatch
  | DeclineDispatch
  | ExpireDispatch
  | CheckIn
  | CompleteService
  | RecordNoShow
  | CancelDispatch;

/** A volunteer may check in this long before the start (and no earlier, so hours stay honest). */
export const checkInLeadMs = 60 * 60 * 1000;

const hourMs = 3_600_000;

/** Hours credited by default: time since check-in, rounded down to the quarter hour. */
export const defaultHours = (checkedInAt: string, completedAt: string): number =>
  Math.floor(((toMillis(completedAt) - toMillis(checkedInAt)) / hourMs) * 4) / 4;

const sameTarget = (a: DispatchRecord['target'], b: DispatchVolunteer['data']['target']): boolean =>
  a.kind === 'post_shift' && b.kind === 'post_shift'
    ? a.postId === b.postId && a.shiftId === b.shiftId
    : a.kind === 'request' && b.kind === 'request' && a.requestId === b.requestId;

/** The rules of 平/战/急/极 and of the volunteer's own facts; see docs/dispatch-consistency.md. */
const requireEligible = (p: VolunteerProfile, d: DispatchVolunteer['data']): void => {
  const { target, plan, mode } = d;
  if (plan.mode !== mode) refuse('SW_ERR_SCOPE_MISMATCH', 'the plan is not the plan of the effective mode');
  if (!p.available) refuse('SW_ERR_VOLUNTEER_UNAVAILABLE');
  if (target.kind === 'post_shift' && !plan.activePostKinds.includes(target.postKind)) {
    refuse('SW_ERR_POST_KIND_INACTIVE', `post kind ${target.postKind} is not active in mode ${mode}`);
  }
  if (p.reserve !== null && !plan.reservesActive) refuse('SW_ERR_RESERVE_DORMANT', `reserves are dormant in mode ${mode}`);
  if (p.agencyId !== null && !plan.agencyStaffDispatchable) {
    refuse('SW_ERR_AGENCY_STAFF_INACTIVE', `agency staff are not dispatched in mode ${mode}`);
  }
  const inReach =
    plan.reach === 'city' ||
    (plan.reach === 'own_district' && p.districtId === target.districtId) ||
    (plan.reach === 'own_station' && p.districtId === target.districtId && p.homeStationId === target.stationId);
  if (!inReach) refuse('SW_ERR_OUT_OF_REACH', `reach in mode ${mode} is ${plan.reach}`);
  const missing = target.requiredSkills.filter((skill) => !p.trainedSkills.includes(skill));
  if (missing.length > 0) refuse('SW_ERR_NOT_TRAINED', `not trained in: ${missing.join(', ')}`);
};

const decideDispatchVolunteer = (c: DispatchVolunteer, s: VolunteerState): VolunteerEvent[] => {
  const d = c.data;
  const p = activeProfile(s, d.volunteerId);
  const existing = s.dispatches[d.dispatchId];
  if (existing) {
    // A retried step 1 of the protocol: same dispatch, nothing new.
    if (sameTarget(existing.target, d.target)) return [];
    refuse('SW_ERR_ALREADY_EXISTS', 'this dispatch id is taken by another target');
  }
  requireValidWindow(d.target, 'service window');
  if (toMillis(d.now) >= toMillis(d.target.end)) refuse('SW_ERR_SHIFT_OVER');
  requireEligible(p, d);
  const clash = Object.values(s.dispatches).find(
    (other) => reservingStatuses.includes(other.status) && overlaps(other.target, d.target),
  );
  if (clash) refuse('SW_ERR_DOUBLE_BOOKED', `overlaps dispatch ${clash.dispatchId}`);
  return [
    {
      type: 'VolunteerDispatched',
      data: {
        districtId: d.target.districtId,
        volunteerId: p.volunteerId,
        dispatchId: d.dispatchId,
        homeDistrictId: p.districtId,
        target: d.target,
        mode: d.mode,
        respondBy: d.respondBy,
        dispatchedAt: d.now,
      },
    },
  ];
};

const findDispatch = (s: VolunteerState, volunteerId: string, dispatchId: string): DispatchRecord => {
  const p = s.profile ?? refuse('SW_ERR_NOT_FOUND', 'no such volunteer');
  requireSameId(p.volunteerId, volunteerId, 'volunteer');
  return s.dispatches[dispatchId] ?? refuse('SW_ERR_DISPATCH_NOT_FOUND');
};

export const decideDispatch = (c: DispatchCommand, s: VolunteerState): VolunteerEvent[] => {
  if (c.type === 'DispatchVolunteer') return decideDispatchVolunteer(c, s);
  const { volunteerId, dispatchId, now } = c.data;
  const d = findDispatch(s, volunteerId, dispatchId);
  const ref = { districtId: d.target.districtId, volunteerId, dispatchId };
  const t = toMillis(now);
  switch (c.type) {
    case 'AcceptDispatch':
      if (d.status === 'accepted') return [];
      if (d.status !== 'offered') refuse('SW_ERR_DISPATCH_NOT_OPEN');
      if (t > toMillis(d.respondBy)) refuse('SW_ERR_DISPATCH_EXPIRED');
      return [{ type: 'DispatchAccepted', data: { ...ref, acceptedAt: now } }];
    case 'DeclineDispatch':
      if (d.status === 'declined') return [];
      if (d.status !== 'offered' && d.status !== 'accepted') refuse('SW_ERR_DISPATCH_NOT_OPEN');
      return [
        {
          type: 'DispatchDeclined',
          data: { ...ref, ...(c.data.reason === undefined ? {} : { reason: c.data.reason }), declinedAt: now },
        },
      ];
    case 'ExpireDispatch':
      if (d.status === 'expired') return [];
      if (d.status !== 'offered') refuse('SW_ERR_DISPATCH_NOT_OPEN');
      if (t <= toMillis(d.respondBy)) refuse('SW_ERR_NOT_YET_DUE', 'the time to answer has not passed');
      return [{ type: 'DispatchExpired', data: { ...ref, expiredAt: now } }];
    case 'CheckIn':
      if (d.status === 'checked_in') return [];
      if (d.status !== 'accepted') refuse('SW_ERR_NOT_ACCEPTED');
      if (t < toMillis(d.target.start) - checkInLeadMs) refuse('SW_ERR_NOT_YET_DUE', 'check-in opens one hour before the start');
      if (t >= toMillis(d.target.end)) refuse('SW_ERR_SHIFT_OVER');
      return [{ type: 'VolunteerCheckedIn', data: { ...ref, checkedInAt: now } }];
    case 'CompleteService': {
      if (d.status !== 'checked_in' || d.checkedInAt === null) {
        return d.status === 'offered' || d.status === 'accepted' ? refuse('SW_ERR_NOT_CHECKED_IN') : refuse('SW_ERR_DISPATCH_NOT_OPEN');
      }
      const elapsedHours = (t - toMillis(d.checkedInAt)) / hourMs;
      if (elapsedHours < 0) refuse('SW_ERR_HOURS_INCONSISTENT', 'completion precedes check-in');
      const hours = c.data.hours ?? defaultHours(d.checkedInAt, now);
      if (hours > elapsedHours) refuse('SW_ERR_HOURS_INCONSISTENT');
      const target = d.target;
      return [
        {
          type: 'ServiceCompleted',
          data: {
            ...ref,
            stationId: target.stationId,
            ...(target.kind === 'post_shift' ? { postId: target.postId } : { requestId: target.requestId }),
            checkedInAt: d.checkedInAt,
            completedAt: now,
            hours,
            outcome: c.data.outcome,
          },
        },
      ];
    }
    case 'RecordNoShow':
      if (d.status === 'no_show') return [];
      if (d.status === 'checked_in') refuse('SW_ERR_ALREADY_CHECKED_IN');
      if (d.status !== 'accepted') refuse('SW_ERR_DISPATCH_NOT_OPEN');
      if (t < toMillis(d.target.start)) refuse('SW_ERR_NOT_YET_DUE', 'the shift has not started');
      return [{ type: 'VolunteerNoShow', data: { ...ref, recordedAt: now } }];
    case 'CancelDispatch':
      // Compensations may be retried or race an answer: a dispatch that already ended needs nothing.
      if (d.status === 'cancelled' || d.status === 'declined' || d.status === 'expired' || d.status === 'no_show') return [];
      if (d.status === 'checked_in') refuse('SW_ERR_ALREADY_CHECKED_IN');
      if (d.status !== 'offered' && d.status !== 'accepted') refuse('SW_ERR_DISPATCH_NOT_OPEN');
      return [
        {
          type: 'DispatchCancelled',
          data: {
            ...ref,
            reason: c.data.reason,
            ...(c.data.refusalCode === undefined ? {} : { refusalCode: c.data.refusalCode }),
            cancelledAt: now,
          },
        },
      ];
    default:
      return assertNever(c);
  }
};
