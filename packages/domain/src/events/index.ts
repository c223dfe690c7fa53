import { z } from 'zod';
import type { StreamCategory } from '../streams.js';
import { DistrictCenterRegistered, InstituteRegistered, StationRegistered } from './organisation.js';
import { TeamFormed } from './team.js';
import {
  VolunteerAvailabilityChanged,
  VolunteerEnlistedAsReserve,
  VolunteerJoinedTeam,
  VolunteerSignedUp,
  VolunteerTrained,
  VolunteerWithdrew,
} from './volunteer.js';
import {
  DispatchAccepted,
  DispatchCancelled,
  DispatchDeclined,
  DispatchExpired,
  ServiceCompleted,
  VolunteerCheckedIn,
  VolunteerDispatched,
  VolunteerNoShow,
} from './dispatch.js';
import {
  PostAssignmentReleased,
  PostClosed,
  PostOpened,
  PostShiftAdded,
  PostShiftAssigned,
  PostStaffingChanged,
} from './post.js';
import { ResponseModeSwitched, ResponsePlanAdopted } from './mode.js';
import {
  RequestDispatchReleased,
  RequestDispatched,
  RequestFulfilled,
  RequestRated,
  ResidentRequestPlaced,
} from './request.js';
import { DonationDistributed, DonationPledged, DonationReceived } from './donation.js';

export * from './organisation.js';
export * from './team.js';
export * from './volunteer.js';
export * from './dispatchShapes.js';
export * from './dispatch.js';
export * from './post.js';
export * from './mode.js';
export * from './request.js';
export * from './donation.js';

/** Every event schema, by type, grouped by the stream category it is appended to. */
export const eventSchemasByStream = {
  org: { DistrictCenterRegistered, InstituteRegistered, StationRegistered },
  team: { TeamFormed },
  volunteer: {
    VolunteerSignedUp,
    VolunteerTrained,
    VolunteerJoinedTeam,
    VolunteerEnlistedAsReserve,
    VolunteerAvailabilityChanged,
    VolunteerWithdrew,
    VolunteerDispatched,
    DispatchAccepted,
    DispatchDeclined,
    DispatchExpired,
    VolunteerCheckedIn,
    ServiceCompleted,
    VolunteerNoShow,
    DispatchCancelled,
  },
  post: { PostOpened, PostShiftAdded, PostStaffingChanged, PostClosed, PostShiftAssigned, PostAssignmentReleased },
  mode: { ResponsePlanAdopted, ResponseModeSwitched },
  request: { ResidentRequestPlaced, RequestDispatched, RequestDispatchReleased, RequestFulfilled, RequestRated },
  donation: { DonationPledged, DonationReceived, DonationDistributed },
} as const satisfies Record<StreamCategory, Record<string, z.ZodType>>;

/** type -> schema of the whole event `{ type, data }`. */
export const eventSchemas = {
  ...eventSchemasByStream.org,
  ...eventSchemasByStream.team,
  ...eventSchemasByStream.volunteer,
  ...eventSchemasByStream.post,
  ...eventSchemasByStream.mode,
  ...eventSchemasByStream.request,
  ...eventSchemasByStream.donation,
};

export type EventType = keyof typeof eventSchemas;
export const eventTypes = Object.keys(eventSchemas) as EventType[];

/** type -> the stream category its events are appended to. */
export const eventStreamCategory = Object.fromEntries(
  Object.entries(eventSchemasByStream).flatMap(([category, schemas]) => Object.keys(schemas).map((t) => [t, category])),
) as Record<EventType, StreamCategory>;

export const OrganisationEvent = z.discriminatedUnion('type', [DistrictCenterRegistered, InstituteRegistered, StationRegistered]);
export type OrganisationEvent = z.infer<typeof OrganisationEvent>;
export type TeamEvent = TeamFormed;
export const VolunteerEvent = z.discriminatedUnion('type', [
  VolunteerSignedUp,
  VolunteerTrained,
  VolunteerJoinedTeam,
  VolunteerEnlistedAsReserve,
  VolunteerAvailabilityChanged,
  VolunteerWithdrew,
  VolunteerDispatched,
  DispatchAccepted,
  DispatchDeclined,
  DispatchExpired,
  VolunteerCheckedIn,
  ServiceCompleted,
  VolunteerNoShow,
  DispatchCancelled,
]);
export type VolunteerEvent = z.infer<typeof VolunteerEvent>;
export const PostEvent = z.discriminatedUnion('type', [
  PostOpened,
  PostShiftAdded,
  PostStaffingChanged,
  PostClosed,
  PostShiftAssigned,
  PostAssignmentReleased,
]);
export type PostEvent = z.infer<typeof PostEvent>;
export const ResponseModeEvent = z.discriminatedUnion('type', [ResponsePlanAdopted, ResponseModeSwitched]);
export type ResponseModeEvent = z.infer<typeof ResponseModeEvent>;
export const RequestEvent = z.discriminatedUnion('type', [
  ResidentRequestPlaced,
  RequestDispatched,
  RequestDispatchReleased,
  RequestFulfilled,
  RequestRated,
]);
export type RequestEvent = z.infer<typeof RequestEvent>;
export const DonationEvent = z.discriminatedUnion('type', [DonationPledged, DonationReceived, DonationDistributed]);
export type DonationEvent = z.infer<typeof DonationEvent>;

/** Any event of the system, discriminated on `type`. */
export const DomainEvent = z.discriminatedUnion('type', [
  ...OrganisationEvent.options,
  TeamFormed,
  ...VolunteerEvent.options,
  ...PostEvent.options,
  ...ResponseModeEvent.options,
  ...RequestEvent.options,
  ...DonationEvent.options,
]);
export type DomainEvent = z.infer<typeof DomainEvent>;

/**
 * Personal data, by event type: the data fields that hold it. Nothing else carries names, phone
 * numbers, id numbers or addresses, so erasure (crypto-shredding or rewriting these two event
 * types) and log redaction only need this list.
 */
export const personalFields = {
  VolunteerSignedUp: ['name', 'phone', 'idNumber'],
  ResidentRequestPlaced: ['contact'],
} as const satisfies Partial<Record<EventType, readonly string[]>>;

/** The same as dotted paths from an event `{ type, data }` (e.g. for pino's redact). */
export const personalFieldPaths: string[] = [
  ...new Set(Object.values(personalFields).flatMap((fields) => fields.map((f) => `data.${f}`))),
];
