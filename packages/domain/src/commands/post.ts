import { z } from 'zod';
import { DistrictId, Id, IsoDateTime, ShortText, Skills } from '../primitives.js';
import { ModePlan, ResponseMode, Staffing } from '../modes.js';
import { PostKind } from '../postKinds.js';
import { Shift } from '../events/post.js';
import { commandOf } from '../schema.js';

const StrictShift = z.strictObject(Shift.shape);

export const OpenPost = commandOf(
  'OpenPost',
  z.strictObject({
    postId: Id,
    districtId: DistrictId,
    stationId: Id,
    pointName: ShortText,
    kind: PostKind,
    requiredSkills: Skills.default([]),
    shifts: z.array(StrictShift).max(500),
    staffing: z.strictObject(Staffing.shape),
    now: IsoDateTime,
  }),
  'Open a post at a point of a station.',
);
export type OpenPost = z.infer<typeof OpenPost>;

export const AddPostShift = commandOf(
  'AddPostShift',
  z.strictObject({ postId: Id, shift: StrictShift, now: IsoDateTime }),
  'Add a shift to an open post.',
);
export type AddPostShift = z.infer<typeof AddPostShift>;

export const ChangePostStaffing = commandOf(
  'ChangePostStaffing',
  z.strictObject({ postId: Id, staffing: z.strictObject(Staffing.shape), now: IsoDateTime }),
  'Change the staffing figures of a post.',
);
export type ChangePostStaffing = z.infer<typeof ChangePostStaffing>;

export const ClosePost = commandOf(
  'ClosePost',
  z.strictObject({ postId: Id, reason: ShortText.optional(), now: IsoDateTime }),
  'Close a post.',
);
export type ClosePost = z.infer<typeof ClosePost>;

export const AssignPostShift = commandOf(
  'AssignPostShift',
  z.strictObject({
    postId: Id,
    shiftId: Id,
    dispatchId: Id,
    volunteerId: Id,
    mode: ResponseMode.describe('Effective mode of the post\'s district'),
    plan: z.strictObject(ModePlan.shape).describe('Plan in force for that mode'),
    now: IsoDateTime,
  }),
  'Take a seat on a post shift for a dispatch. Second step of the dispatch protocol.',
);
export type AssignPostShift = z.infer<typeof AssignPostShift>;

export const ReleasePostAssignment = commandOf(
  'ReleasePostAssignment',
  z.strictObject({
    postId: Id,
    shiftId: Id,
    dispatchId: Id,
    volunteerId: Id,
    reason: z.enum(['declined', 'expired', 'cancelled', 'no_show']),
    now: IsoDateTime,
  }),
  'Free the seat of a dispatch that ended without service.',
);
export type ReleasePostAssignment = z.infer<typeof ReleasePostAssignment>;
