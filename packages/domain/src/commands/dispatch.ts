import { z } from 'zod';
import { Id, IsoDateTime, ShortText } from '../primitives.js';
import { ModePlan, ResponseMode } from '../modes.js';
import { CancelReason, postShiftTargetShape, requestTargetShape, serviceOutcomeShape } from '../events/dispatchShapes.js';
import { commandOf } from '../schema.js';

// Decided by the volunteer decider on volunteer-<volunteerId>. See docs/dispatch-consistency.md.

const dispatchRef = { volunteerId: Id, dispatchId: Id, now: IsoDateTime };

export const DispatchVolunteer = commandOf(
  'DispatchVolunteer',
  z.strictObject({
    dispatchId: Id.describe('Chosen by the caller; also the key of the post/request seat'),
    volunteerId: Id,
    target: z
      .discriminatedUnion('kind', [z.strictObject(postShiftTargetShape), z.strictObject(requestTargetShape)])
      .describe('The target with the facts read from post-<id> or request-<id>'),
    mode: ResponseMode.describe('Effective mode of the target\'s district: effectiveMode(city, district)'),
    plan: z.strictObject(ModePlan.shape).describe('Plan in force for that mode: resolvePlan(mode, districtPlans, cityPlans)'),
    respondBy: IsoDateTime.describe('Deadline to accept or decline'),
    now: IsoDateTime,
  }),
  'Send a volunteer to a post shift or a request (派单). First step of the dispatch protocol.',
);
export type DispatchVolunteer = z.infer<typeof DispatchVolunteer>;

export const AcceptDispatch = commandOf('AcceptDispatch', z.strictObject({ ...dispatchRef }), 'The volunteer accepts (接单).');
export type AcceptDispatch = z.infer<typeof AcceptDispatch>;

export const DeclineDispatch = commandOf(
  'DeclineDispatch',
  z.strictObject({ ...dispatchRef, reason: ShortText.optional() }),
  'The volunteer declines.',
);
export type DeclineDispatch = z.infer<typeof DeclineDispatch>;

export const ExpireDispatch = commandOf(
  'ExpireDispatch',
  z.strictObject({ ...dispatchRef }),
  'Expire a dispatch nobody answered by its respondBy.',
);
export type ExpireDispatch = z.infer<typeof ExpireDispatch>;

export const CheckIn = commandOf('CheckIn', z.strictObject({ ...dispatchRef }), 'The volunteer checks in on arrival (签到).');
export type CheckIn = z.infer<typeof CheckIn>;

export const CompleteService = commandOf(
  'CompleteService',
  z.strictObject({
    ...dispatchRef,
    hours: z
      .number()
      .min(0)
      .max(24)
      .optional()
      .describe('Hours to credit; default: time since check-in, rounded down to the quarter hour'),
    outcome: z.strictObject(serviceOutcomeShape).default({}),
  }),
  'Complete a service with hours and outcome figures.',
);
export type CompleteService = z.infer<typeof CompleteService>;

export const RecordNoShow = commandOf(
  'RecordNoShow',
  z.strictObject({ ...dispatchRef }),
  'Record that an accepted volunteer did not check in by the start.',
);
export type RecordNoShow = z.infer<typeof RecordNoShow>;

export const CancelDispatch = commandOf(
  'CancelDispatch',
  z.strictObject({ ...dispatchRef, reason: CancelReason, refusalCode: z.string().max(60).optional() }),
  'Cancel a dispatch that is not under way; the protocol\'s compensation when the target refuses.',
);
export type CancelDispatch = z.infer<typeof CancelDispatch>;
