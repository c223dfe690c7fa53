import type { StreamCategory } from '../streams.js';
import { donationDecider } from './donation.js';
import { organisationDecider } from './organisation.js';
import { postDecider } from './post.js';
import { requestDecider } from './request.js';
import { responseModeDecider } from './responseMode.js';
import { teamDecider } from './team.js';
import { volunteerDecider } from './volunteer.js';

export * from './volunteerState.js';
export { activeProfile } from './volunteerProfile.js';
export { checkInLeadMs, defaultHours } from './dispatch.js';
export { overlaps } from './guards.js';
export * from './volunteer.js';
export * from './post.js';
export * from './responseMode.js';
export * from './request.js';
export * from './donation.js';
export * from './team.js';
export * from './organisation.js';

/** The decider of each stream category. */
export const deciders = {
  volunteer: volunteerDecider,
  post: postDecider,
  mode: responseModeDecider,
  request: requestDecider,
  donation: donationDecider,
  team: teamDecider,
  org: organisationDecider,
} as const satisfies Record<StreamCategory, object>;
