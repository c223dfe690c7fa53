import { z } from 'zod';
import { DistrictId, Id, IsoDateTime, Skills } from '../primitives.js';
import { PostKind } from '../postKinds.js';

// Shapes shared by events (z.object) and commands (z.strictObject): a dispatch carries the facts of
// its target read from the target's stream, so the volunteer decider can judge it alone.

export const postShiftTargetShape = {
  kind: z.literal('post_shift'),
  postId: Id,
  shiftId: Id,
  postKind: PostKind,
  stationId: Id.describe('Station the post is at'),
  districtId: DistrictId.describe('District the post is in'),
  requiredSkills: Skills.describe('Skills the post requires'),
  start: IsoDateTime.describe('Shift start'),
  end: IsoDateTime.describe('Shift end'),
};

export const requestTargetShape = {
  kind: z.literal('request'),
  requestId: Id,
  stationId: Id.describe('Station that took the request'),
  districtId: DistrictId.describe('District of the request'),
  requiredSkills: Skills.describe('Skills the request requires'),
  start: IsoDateTime.describe('Service window start'),
  end: IsoDateTime.describe('Service window end'),
};

const count = (what: string) => z.number().int().min(0).max(10_000_000).optional().describe(what);

/** Outcome figures of one service, the numbers the briefings report. */
export const serviceOutcomeShape = {
  peopleServed: count('People served'),
  householdsScreened: count('Households screened (户)'),
  enterprisesChecked: count('Enterprises checked (家)'),
  areaDisinfectedM2: z.number().min(0).max(100_000_000).optional().describe('Area disinfected (m²)'),
  sampleTrips: count('Sample transport trips (趟)'),
  callsAnswered: count('Hotline calls answered'),
  consultations: count('Consultations given'),
  crisisCasesReferred: count('Crisis cases referred'),
  itemsDelivered: count('Items delivered'),
  temperatureChecks: count('Temperature/health-code checks'),
};

export const DispatchTarget = z
  .discriminatedUnion('kind', [z.object(postShiftTargetShape), z.object(requestTargetShape)])
  .describe('Where the volunteer is sent: a post shift or a resident request, with the facts read from its stream');
export type DispatchTarget = z.infer<typeof DispatchTarget>;

export const ServiceOutcome = z.object(serviceOutcomeShape).describe('Outcome figures');
export type ServiceOutcome = z.infer<typeof ServiceOutcome>;

export const CancelReason = z
  .enum(['post_full', 'post_closed', 'target_refused', 'request_unavailable', 'operator', 'volunteer_withdrew'])
  .describe('Why a dispatch was cancelled; post_full/target_refused are compensations of the dispatch protocol');
export type CancelReason = z.infer<typeof CancelReason>;

export const dispatchRef = {
  districtId: DistrictId.describe('District where the service takes place (the target\'s)'),
  volunteerId: Id,
  dispatchId: Id,
};

