import { z } from 'zod';
import { DistrictId, Id, IsoDateTime, LongText, ShortText, Skills } from '../primitives.js';
import { eventOf } from '../schema.js';

export const RequestKind = z
  .enum(['grocery_delivery', 'medicine_purchase', 'medical_escort', 'psychological_support', 'home_care', 'errand', 'other'])
  .describe('What the resident asks for (点单)');
export type RequestKind = z.infer<typeof RequestKind>;

export const Beneficiary = z
  .enum(['elderly_living_alone', 'disabled', 'medical_staff_family', 'quarantined_household', 'other'])
  .describe('For whom: 空巢老人, disabled, 医护家属, quarantined household, other');
export type Beneficiary = z.infer<typeof Beneficiary>;

export const ResidentContact = z
  .object({
    name: ShortText.describe('PERSONAL: contact name'),
    phone: z.string().regex(/^\+?[0-9 -]{5,20}$/).describe('PERSONAL: contact phone'),
    address: ShortText.describe('PERSONAL: address'),
  })
  .describe('PERSONAL: how to reach the resident');
export type ResidentContact = z.infer<typeof ResidentContact>;

const requestRef = { districtId: DistrictId, requestId: Id };

/** The only event with a resident's personal data (contact): see personalFields. */
export const ResidentRequestPlaced = eventOf(
  'ResidentRequestPlaced',
  z.object({
    ...requestRef,
    stationId: Id.describe('Station that took the request'),
    kind: RequestKind,
    beneficiary: Beneficiary,
    requiredSkills: Skills.describe('Skills a volunteer needs for it'),
    details: LongText.optional().describe('What is needed (no names or numbers)'),
    contact: ResidentContact,
    placedAt: IsoDateTime,
  }),
  'A resident placed a request for a service (点单).',
);
export type ResidentRequestPlaced = z.infer<typeof ResidentRequestPlaced>;

export const RequestDispatched = eventOf(
  'RequestDispatched',
  z.object({ ...requestRef, dispatchId: Id, volunteerId: Id, dispatchedAt: IsoDateTime }),
  'The center dispatched a volunteer to the request (派单); second step of the dispatch protocol.',
);
export type RequestDispatched = z.infer<typeof RequestDispatched>;

export const RequestDispatchReleased = eventOf(
  'RequestDispatchReleased',
  z.object({
    ...requestRef,
    dispatchId: Id,
    reason: z.enum(['declined', 'expired', 'cancelled', 'no_show']).describe('What ended the dispatch on the volunteer stream'),
    held: z.boolean().describe('Whether the request was held by this dispatch; false blocks a late RequestDispatched for it'),
    releasedAt: IsoDateTime,
  }),
  'The dispatch to the request ended without service; the request can be dispatched again.',
);
export type RequestDispatchReleased = z.infer<typeof RequestDispatchReleased>;

export const RequestFulfilled = eventOf(
  'RequestFulfilled',
  z.object({ ...requestRef, dispatchId: Id, volunteerId: Id, fulfilledAt: IsoDateTime }),
  'The request was served (its dispatch completed).',
);
export type RequestFulfilled = z.infer<typeof RequestFulfilled>;

export const RequestRated = eventOf(
  'RequestRated',
  z.object({
    ...requestRef,
    rating: z.number().int().min(1).max(5).describe('1 (poor) to 5 (excellent)'),
    comment: ShortText.optional().describe('Free comment (no personal data)'),
    ratedAt: IsoDateTime,
  }),
  'The resident rated the service (评单).',
);
export type RequestRated = z.infer<typeof RequestRated>;
