import type { Projection } from '../projection/types.js';
import { activityProjection } from './activity.js';
import { dispatchBoardProjection } from './dispatchBoard.js';
import { donationsProjection } from './donations.js';
import { modesProjection } from './modes.js';
import { postsProjection } from './posts.js';
import { volunteersProjection } from './volunteers.js';

/**
 * Every projection, in the order they run for one event. Order matters where one reads another's
 * rows: activity reads posts (for the point), and volunteers must see a check-in before the board drops it.
 */
export const projections: readonly Projection[] = [
  modesProjection,
  postsProjection,
  volunteersProjection,
  activityProjection,
  dispatchBoardProjection,
  donationsProjection,
];

export * from './docs.js';
export { activityProjection, dispatchBoardProjection, donationsProjection, modesProjection, postsProjection, volunteersProjection };
