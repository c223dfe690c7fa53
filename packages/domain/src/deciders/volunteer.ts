import type { VolunteerCommand } from '../commands/index.js';
import type { VolunteerEvent } from '../events/index.js';
import type { Decider } from '../decider.js';
import { decideDispatch, type DispatchCommand } from './dispatch.js';
import { decideVolunteerProfile, type VolunteerProfileCommand } from './volunteerProfile.js';
import { evolveVolunteer, initialVolunteerState, type VolunteerState } from './volunteerState.js';

const dispatchTypes = new Set<VolunteerCommand['type']>([
  'DispatchVolunteer',
  'AcceptDispatch',
  'DeclineDispatch',
  'ExpireDispatch',
  'CheckIn',
  'CompleteService',
  'RecordNoShow',
  'CancelDispatch',
]);

const isDispatchCommand = (c: VolunteerCommand): c is DispatchCommand => dispatchTypes.has(c.type);

/** volunteer-<id>: the volunteer's profile and every dispatch of their time (no double booking). */
export const volunteerDecider: Decider<VolunteerCommand, VolunteerEvent, VolunteerState> = {
  decide: (c, s) => (isDispatchCommand(c) ? decideDispatch(c, s) : decideVolunteerProfile(c as VolunteerProfileCommand, s)),
  evolve: evolveVolunteer,
  initialState: initialVolunteerState,
};
