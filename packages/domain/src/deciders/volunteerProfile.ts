import type {
  ChangeAvailability,
  EnlistAsReserve,
  JoinTeam,
  SignUpVolunteer,
  TrainVolunteer,
  WithdrawVolunteer,
} from '../commands/volunteer.js';
import type { VolunteerEvent } from '../events/index.js';
import { refuse } from '../errors.js';
import { assertNever } from '../decider.js';
import { requireSameId } from './guards.js';
import type { VolunteerProfile, VolunteerState } from './volunteerState.js';

export type VolunteerProfileCommand =
  | SignUpVolunteer
  | TrainVolunteer
  | JoinTeam
  | EnlistAsReserve
  | ChangeAvailability
  | WithdrawVolunteer;

/** The signed-up, not withdrawn volunteer this command addresses, or a refusal. */
export const activeProfile = (s: VolunteerState, volunteerId: string): VolunteerProfile => {
  const p = s.profile ?? refuse('SW_ERR_NOT_FOUND', 'no such volunteer');
  requireSameId(p.volunteerId, volunteerId, 'volunteer');
  if (p.withdrawn) refuse('SW_ERR_VOLUNTEER_WITHDRAWN');
  return p;
};

export const decideVolunteerProfile = (c: VolunteerProfileCommand, s: VolunteerState): VolunteerEvent[] => {
  if (c.type === 'SignUpVolunteer') {
    if (s.profile) refuse('SW_ERR_ALREADY_EXISTS', 'the volunteer has signed up already');
    const d = c.data;
    return [
      {
        type: 'VolunteerSignedUp',
        data: {
          districtId: d.districtId,
          volunteerId: d.volunteerId,
          homeStationId: d.homeStationId,
          name: d.name,
          phone: d.phone,
          ...(d.idNumber === undefined ? {} : { idNumber: d.idNumber }),
          skills: d.skills,
          ...(d.agencyId === undefined ? {} : { agencyId: d.agencyId }),
          signedUpAt: d.now,
        },
      },
    ];
  }
  const p = activeProfile(s, c.data.volunteerId);
  const ref = { districtId: p.districtId, volunteerId: p.volunteerId };
  switch (c.type) {
    case 'TrainVolunteer':
      return [{ type: 'VolunteerTrained', data: { ...ref, course: c.data.course, skillsGranted: c.data.skillsGranted, trainedAt: c.data.now } }];
    case 'JoinTeam':
      if (!c.data.teamFormed) refuse('SW_ERR_UNKNOWN_PARENT', 'no such team');
      if (p.teamIds.includes(c.data.teamId)) return [];
      return [{ type: 'VolunteerJoinedTeam', data: { ...ref, teamId: c.data.teamId, joinedAt: c.data.now } }];
    case 'EnlistAsReserve':
      if (p.reserve === c.data.reserveLevel) return [];
      return [{ type: 'VolunteerEnlistedAsReserve', data: { ...ref, reserveLevel: c.data.reserveLevel, enlistedAt: c.data.now } }];
    case 'ChangeAvailability':
      if (p.available === c.data.available) return [];
      return [{ type: 'VolunteerAvailabilityChanged', data: { ...ref, available: c.data.available, changedAt: c.data.now } }];
    case 'WithdrawVolunteer': {
      const open = Object.values(s.dispatches);
      if (open.some((d) => d.status === 'checked_in')) refuse('SW_ERR_ALREADY_CHECKED_IN', 'complete the service under way first');
      // Withdrawal frees every pending dispatch, so seats go back to their posts and requests.
      const cancellations: VolunteerEvent[] = open
        .filter((d) => d.status === 'offered' || d.status === 'accepted')
        .map((d) => ({
          type: 'DispatchCancelled',
          data: {
            districtId: d.target.districtId,
            volunteerId: p.volunteerId,
            dispatchId: d.dispatchId,
            reason: 'volunteer_withdrew',
            cancelledAt: c.data.now,
          },
        }));
      return [
        ...cancellations,
        {
          type: 'VolunteerWithdrew',
          data: { ...ref, ...(c.data.reason === undefined ? {} : { reason: c.data.reason }), withdrewAt: c.data.now },
        },
      ];
    }
    default:
      return assertNever(c);
  }
};
