import type { CommandRoute } from '../define.js';
import { dispatchRoute } from '../dispatch/dispatchRoute.js';
import { followUpRoutes } from '../dispatch/followUps.js';
import { donationRoutes } from './donations.js';
import { modeRoutes } from './modes.js';
import { organisationRoutes } from './organisation.js';
import { postRoutes } from './posts.js';
import { requestRoutes } from './requests.js';
import { teamRoutes } from './teams.js';
import { volunteerRoutes } from './volunteers.js';

/**
 * Every command endpoint. Each domain command is reachable: most directly, the dispatch
 * protocol's steps (AssignPostShift, AssignRequest, ReleasePostAssignment, ReleaseRequestDispatch)
 * through the dispatch routes that keep the cross-aggregate rules.
 */
export const commandRoutes: CommandRoute[] = [
  ...organisationRoutes,
  ...teamRoutes,
  ...volunteerRoutes,
  dispatchRoute,
  ...followUpRoutes,
  ...postRoutes,
  ...modeRoutes,
  ...requestRoutes,
  ...donationRoutes,
];
