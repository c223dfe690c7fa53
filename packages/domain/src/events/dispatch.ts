import { z } from 'zod';
import { DistrictId, Id, IsoDateTime, ShortText } from '../primitives.js';
import { ResponseMode } from '../modes.js';
import { eventOf } from '../schema.js';
import { CancelReason, DispatchTarget, ServiceOutcome, dispatchRef } from './dispatchShapes.js';

// Dispatch events live on the volunteer's stream: the volunteer's time is the scarce resource,
// so the reservation is decided where double booking can be seen. districtId is the target's.

export const VolunteerDispatched = eventOf(
  'VolunteerDispatched',
  z.object({
    ...dispatchRef,
    homeDistrictId: DistrictId.describe('The volunteer\'s home district'),
    target: DispatchTarget,
    mode: ResponseMode.describe('Effective mode of the target district when dispatched'),
    respondBy: IsoDateTime.describe('The volunteer must accept or decline by then'),
    dispatchedAt: IsoDateTime,
  }),
  'A volunteer was dispatched (派单) to a post shift or a request; this reserves their time.',
);
export type VolunteerDispatched = z.infer<typeof VolunteerDispatched>;

export const DispatchAccepted = eventOf(
  'DispatchAccepted',
  z.object({ ...dispatchRef, acceptedAt: IsoDateTime }),
  'The volunteer accepted the dispatch (接单).',
);
export type DispatchAccepted = z.infer<typeof DispatchAccepted>;

export const DispatchDeclined = eventOf(
  'DispatchDeclined',
  z.object({ ...dispatchRef, reason: ShortText.optional().describe('Why (no personal data)'), declinedAt: IsoDateTime }),
  'The volunteer declined the dispatch; the time is free again.',
);
export type DispatchDeclined = z.infer<typeof DispatchDeclined>;

export const DispatchExpired = eventOf(
  'DispatchExpired',
  z.object({ ...dispatchRef, expiredAt: IsoDateTime }),
  'Nobody answered the dispatch in time; the time is free again and the target can be re-dispatched.',
);
export type DispatchExpired = z.infer<typeof DispatchExpired>;

export const VolunteerCheckedIn = eventOf(
  'VolunteerCheckedIn',
  z.object({ ...dispatchRef, checkedInAt: IsoDateTime }),
  'The volunteer arrived and checked in (签到).',
);
export type VolunteerCheckedIn = z.infer<typeof VolunteerCheckedIn>;

export const ServiceCompleted = eventOf(
  'ServiceCompleted',
  z.object({
    ...dispatchRef,
    stationId: Id.describe('Station where the service took place'),
    postId: Id.optional().describe('Post served, for post dispatches'),
    requestId: Id.optional().describe('Request served, for request dispatches'),
    checkedInAt: IsoDateTime,
    completedAt: IsoDateTime,
    hours: z.number().min(0).max(24).describe('Service hours credited (志愿服务时长), at most completedAt - checkedInAt'),
    outcome: ServiceOutcome,
  }),
  'The volunteer completed the service: the volunteer service record (志愿服务记录) with hours and outcome figures.',
);
export type ServiceCompleted = z.infer<typeof ServiceCompleted>;

export const VolunteerNoShow = eventOf(
  'VolunteerNoShow',
  z.object({ ...dispatchRef, recordedAt: IsoDateTime }),
  'The volunteer accepted but did not check in by the start.',
);
export type VolunteerNoShow = z.infer<typeof VolunteerNoShow>;

export const DispatchCancelled = eventOf(
  'DispatchCancelled',
  z.object({
    ...dispatchRef,
    reason: CancelReason,
    refusalCode: z.string().optional().describe('Domain error code of the target\'s refusal, for compensations'),
    cancelledAt: IsoDateTime,
  }),
  'The dispatch was cancelled (by an operator, or as compensation when the target refused it).',
);
export type DispatchCancelled = z.infer<typeof DispatchCancelled>;
