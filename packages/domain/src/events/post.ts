import { z } from 'zod';
import { DistrictId, Id, IsoDateTime, ShortText, Skills } from '../primitives.js';
import { PostKind } from '../postKinds.js';
import { ResponseMode, Staffing } from '../modes.js';
import { eventOf } from '../schema.js';

export const Shift = z
  .object({ shiftId: Id, start: IsoDateTime.describe('Shift start'), end: IsoDateTime.describe('Shift end') })
  .describe('A shift of a post');
export type Shift = z.infer<typeof Shift>;

const postRef = { districtId: DistrictId, postId: Id };

export const PostOpened = eventOf(
  'PostOpened',
  z.object({
    ...postRef,
    stationId: Id.describe('Station (实践站) the post is at'),
    pointName: ShortText.describe('Name of the point (点位), e.g. a checkpoint or testing site'),
    kind: PostKind,
    requiredSkills: Skills.describe('Skills a volunteer must be trained in'),
    shifts: z.array(Shift).describe('Shifts to staff'),
    staffing: Staffing,
    openedAt: IsoDateTime,
  }),
  'A post (岗位) was opened at a point of a station with shifts and a staffing figure per mode.',
);
export type PostOpened = z.infer<typeof PostOpened>;

export const PostShiftAdded = eventOf(
  'PostShiftAdded',
  z.object({ ...postRef, shift: Shift, addedAt: IsoDateTime }),
  'A shift was added to an open post.',
);
export type PostShiftAdded = z.infer<typeof PostShiftAdded>;

export const PostStaffingChanged = eventOf(
  'PostStaffingChanged',
  z.object({ ...postRef, staffing: Staffing, changedAt: IsoDateTime }),
  'The staffing figures of a post changed; existing assignments stay, new ones respect the new figure.',
);
export type PostStaffingChanged = z.infer<typeof PostStaffingChanged>;

export const PostClosed = eventOf(
  'PostClosed',
  z.object({ ...postRef, reason: ShortText.optional().describe('Why it closed'), closedAt: IsoDateTime }),
  'A post was closed; it takes no more assignments.',
);
export type PostClosed = z.infer<typeof PostClosed>;

export const PostShiftAssigned = eventOf(
  'PostShiftAssigned',
  z.object({
    ...postRef,
    shiftId: Id,
    dispatchId: Id.describe('The dispatch on the volunteer stream this seat belongs to'),
    volunteerId: Id,
    mode: ResponseMode.describe('Effective mode whose staffing figure admitted this assignment'),
    assignedAt: IsoDateTime,
  }),
  'A seat on a post shift was taken by a dispatch (second step of the dispatch protocol).',
);
export type PostShiftAssigned = z.infer<typeof PostShiftAssigned>;

export const PostAssignmentReleased = eventOf(
  'PostAssignmentReleased',
  z.object({
    ...postRef,
    shiftId: Id,
    dispatchId: Id,
    volunteerId: Id,
    reason: z
      .enum(['declined', 'expired', 'cancelled', 'no_show'])
      .describe('What ended the dispatch on the volunteer stream'),
    held: z
      .boolean()
      .describe('Whether the seat was taken; false records a release that came before its assignment and blocks that late assignment'),
    releasedAt: IsoDateTime,
  }),
  'A dispatch ended without service: its seat on the post shift is freed and the dispatch id can never take a seat again.',
);
export type PostAssignmentReleased = z.infer<typeof PostAssignmentReleased>;
