import type { DistrictScope } from './primitives.js';

/** Stream categories, one per aggregate. */
export const streamCategories = ['volunteer', 'post', 'request', 'donation', 'team', 'mode', 'org'] as const;
export type StreamCategory = (typeof streamCategories)[number];

export const volunteerStream = (volunteerId: string): string => `volunteer-${volunteerId}`;
export const postStream = (postId: string): string => `post-${postId}`;
export const requestStream = (requestId: string): string => `request-${requestId}`;
export const donationStream = (donationId: string): string => `donation-${donationId}`;
export const teamStream = (teamId: string): string => `team-${teamId}`;
/** scope: `city` or a district id. */
export const modeStream = (scope: DistrictScope): string => `mode-${scope}`;
/** The organisation of one district: its center, institutes and stations. */
export const orgStream = (districtId: string): string => `org-${districtId}`;

/** Splits `volunteer-v1` into its category and id; undefined for streams that are not ours. */
export const parseStreamName = (stream: string): { category: StreamCategory; id: string } | undefined => {
  const dash = stream.indexOf('-');
  if (dash <= 0) return undefined;
  const category = stream.slice(0, dash) as StreamCategory;
  const id = stream.slice(dash + 1);
  return streamCategories.includes(category) && id.length > 0 ? { category, id } : undefined;
};
