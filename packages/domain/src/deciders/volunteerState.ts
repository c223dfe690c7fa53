import type { DispatchTarget } from '../events/dispatchShapes.js';
import type { ReserveLevel } from '../events/volunteer.js';
import type { VolunteerEvent } from '../events/index.js';
import { assertNever } from '../decider.js';

export type DispatchStatus = 'offered' | 'accepted' | 'checked_in' | 'completed' | 'declined' | 'expired' | 'no_show' | 'cancelled';

/** Statuses that hold the volunteer's time: a new dispatch may not overlap them. */
export const reservingStatuses: readonly DispatchStatus[] = ['offered', 'accepted', 'checked_in'];

export type DispatchRecord = {
  dispatchId: string;
  target: DispatchTarget;
  status: DispatchStatus;
  respondBy: string;
  checkedInAt: string | null;
  hours: number | null;
};

export type VolunteerProfile = {
  volunteerId: string;
  districtId: string;
  homeStationId: string;
  declaredSkills: string[];
  /** Only skills granted by training qualify for posts and requests. */
  trainedSkills: string[];
  teamIds: string[];
  reserve: ReserveLevel | null;
  agencyId: string | null;
  available: boolean;
  withdrawn: boolean;
};

export type VolunteerState = {
  profile: VolunteerProfile | null;
  dispatches: Record<string, DispatchRecord>;
};

export const initialVolunteerState: VolunteerState = { profile: null, dispatches: {} };

const withProfile = (s: VolunteerState, change: Partial<VolunteerProfile>): VolunteerState =>
  s.profile ? { ...s, profile: { ...s.profile, ...change } } : s;

const withDispatch = (s: VolunteerState, dispatchId: string, change: Partial<DispatchRecord>): VolunteerState => {
  const current = s.dispatches[dispatchId];
  return current ? { ...s, dispatches: { ...s.dispatches, [dispatchId]: { ...current, ...change } } } : s;
};

export const evolveVolunteer = (s: VolunteerState, e: VolunteerEvent): VolunteerState => {
  switch (e.type) {
    case 'VolunteerSignedUp':
      return {
        ...s,
        profile: {
          volunteerId: e.data.volunteerId,
          districtId: e.data.districtId,
          homeStationId: e.data.homeStationId,
          declaredSkills: e.data.skills,
          trainedSkills: [],
          teamIds: [],
          reserve: null,
          agencyId: e.data.agencyId ?? null,
          available: true,
          withdrawn: false,
        },
      };
    case 'VolunteerTrained':
      return withProfile(s, { trainedSkills: [...new Set([...(s.profile?.trainedSkills ?? []), ...e.data.skillsGranted])] });
    case 'VolunteerJoinedTeam':
      return withProfile(s, { teamIds: [...(s.profile?.teamIds ?? []), e.data.teamId] });
    case 'VolunteerEnlistedAsReserve':
      return withProfile(s, { reserve: e.data.reserveLevel });
    case 'VolunteerAvailabilityChanged':
      return withProfile(s, { available: e.data.available });
    case 'VolunteerWithdrew':
      return withProfile(s, { withdrawn: true, available: false });
    case 'VolunteerDispatched':
      return {
        ...s,
        dispatches: {
          ...s.dispatches,
          [e.data.dispatchId]: {
            dispatchId: e.data.dispatchId,
            target: e.data.target,
            status: 'offered',
            respondBy: e.data.respondBy,
            checkedInAt: null,
            hours: null,
          },
        },
      };
    case 'DispatchAccepted':
      return withDispatch(s, e.data.dispatchId, { status: 'accepted' });
    case 'DispatchDeclined':
      return withDispatch(s, e.data.dispatchId, { status: 'declined' });
    case 'DispatchExpired':
      return withDispatch(s, e.data.dispatchId, { status: 'expired' });
    case 'VolunteerCheckedIn':
      return withDispatch(s, e.data.dispatchId, { status: 'checked_in', checkedInAt: e.data.checkedInAt });
    case 'ServiceCompleted':
      return withDispatch(s, e.data.dispatchId, { status: 'completed', hours: e.data.hours });
    case 'VolunteerNoShow':
      return withDispatch(s, e.data.dispatchId, { status: 'no_show' });
    case 'DispatchCancelled':
      return withDispatch(s, e.data.dispatchId, { status: 'cancelled' });
    default:
      return assertNever(e);
  }
};
