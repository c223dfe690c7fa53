import { z } from 'zod';
import { DistrictId, Id, IsoDateTime, LongText, ShortText, Skills } from '../primitives.js';
import { Beneficiary, RequestKind, ResidentContact } from '../events/request.js';
import { commandOf } from '../schema.js';

export const PlaceResidentRequest = commandOf(
  'PlaceResidentRequest',
  z.strictObject({
    requestId: Id,
    districtId: DistrictId,
    stationId: Id,
    kind: RequestKind,
    beneficiary: Beneficiary,
    requiredSkills: Skills.default([]),
    details: LongText.optional(),
    contact: z.strictObject(ResidentContact.shape),
    now: IsoDateTime,
  }),
  'A resident asks for a service (点单).',
);
export type PlaceResidentRequest = z.infer<typeof PlaceResidentRequest>;

export const AssignRequest = commandOf(
  'AssignRequest',
  z.strictObject({ requestId: Id, dispatchId: Id, volunteerId: Id, now: IsoDateTime }),
  'Record the dispatch on the request (派单). Second step of the dispatch protocol.',
);
export type AssignRequest = z.infer<typeof AssignRequest>;

export const ReleaseRequestDispatch = commandOf(
  'ReleaseRequestDispatch',
  z.strictObject({ requestId: Id, dispatchId: Id, reason: z.enum(['declined', 'expired', 'cancelled', 'no_show']), now: IsoDateTime }),
  'Free the request of a dispatch that ended without service.',
);
export type ReleaseRequestDispatch = z.infer<typeof ReleaseRequestDispatch>;

export const FulfilRequest = commandOf(
  'FulfilRequest',
  z.strictObject({ requestId: Id, dispatchId: Id, now: IsoDateTime }),
  'Mark the request served by its dispatch (after ServiceCompleted on the volunteer stream).',
);
export type FulfilRequest = z.infer<typeof FulfilRequest>;

export const RateRequest = commandOf(
  'RateRequest',
  z.strictObject({ requestId: Id, rating: z.number().int().min(1).max(5), comment: ShortText.optional(), now: IsoDateTime }),
  'The resident rates the service (评单).',
);
export type RateRequest = z.infer<typeof RateRequest>;
