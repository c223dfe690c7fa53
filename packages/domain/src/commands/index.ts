import { z } from 'zod';
import type { StreamCategory } from '../streams.js';
import { RegisterDistrictCenter, RegisterInstitute, RegisterStation } from './organisation.js';
import { FormTeam } from './team.js';
import { ChangeAvailability, EnlistAsReserve, JoinTeam, SignUpVolunteer, TrainVolunteer, WithdrawVolunteer } from './volunteer.js';
import {
  AcceptDispatch,
  CancelDispatch,
  CheckIn,
  CompleteService,
  DeclineDispatch,
  DispatchVolunteer,
  ExpireDispatch,
  RecordNoShow,
} from './dispatch.js';
import { AddPostShift, AssignPostShift, ChangePostStaffing, ClosePost, OpenPost, ReleasePostAssignment } from './post.js';
import { AdoptResponsePlan, SwitchResponseMode } from './mode.js';
import { AssignRequest, FulfilRequest, PlaceResidentRequest, RateRequest, ReleaseRequestDispatch } from './request.js';
import { DistributeDonation, PledgeDonation, ReceiveDonation } from './donation.js';

export * from './organisation.js';
export * from './team.js';
export * from './volunteer.js';
export * from './dispatch.js';
export * from './post.js';
export * from './mode.js';
export * from './request.js';
export * from './donation.js';

export const OrganisationCommand = z.discriminatedUnion('type', [RegisterDistrictCenter, RegisterInstitute, RegisterStation]);
export type OrganisationCommand = z.infer<typeof OrganisationCommand>;
export const TeamCommand = z.discriminatedUnion('type', [FormTeam]);
export type TeamCommand = z.infer<typeof TeamCommand>;
export const VolunteerCommand = z.discriminatedUnion('type', [
  SignUpVolunteer,
  TrainVolunteer,
  JoinTeam,
  EnlistAsReserve,
  ChangeAvailability,
  WithdrawVolunteer,
  DispatchVolunteer,
  AcceptDispatch,
  DeclineDispatch,
  ExpireDispatch,
  CheckIn,
  CompleteService,
  RecordNoShow,
  CancelDispatch,
]);
export type VolunteerCommand = z.infer<typeof VolunteerCommand>;
export const PostCommand = z.discriminatedUnion('type', [
  OpenPost,
  AddPostShift,
  ChangePostStaffing,
  ClosePost,
  AssignPostShift,
  ReleasePostAssignment,
]);
export type PostCommand = z.infer<typeof PostCommand>;
export const ResponseModeCommand = z.discriminatedUnion('type', [AdoptResponsePlan, SwitchResponseMode]);
export type ResponseModeCommand = z.infer<typeof ResponseModeCommand>;
export const RequestCommand = z.discriminatedUnion('type', [
  PlaceResidentRequest,
  AssignRequest,
  ReleaseRequestDispatch,
  FulfilRequest,
  RateRequest,
]);
export type RequestCommand = z.infer<typeof RequestCommand>;
export const DonationCommand = z.discriminatedUnion('type', [PledgeDonation, ReceiveDonation, DistributeDonation]);
export type DonationCommand = z.infer<typeof DonationCommand>;

/** Any command, discriminated on `type`. */
export const DomainCommand = z.discriminatedUnion('type', [
  ...OrganisationCommand.options,
  ...TeamCommand.options,
  ...VolunteerCommand.options,
  ...PostCommand.options,
  ...ResponseModeCommand.options,
  ...RequestCommand.options,
  ...DonationCommand.options,
]);
export type DomainCommand = z.infer<typeof DomainCommand>;

/** type -> schema of the whole command `{ type, data }`. */
export const commandSchemas = Object.fromEntries(DomainCommand.options.map((s) => [s.shape.type.value, s])) as {
  [K in DomainCommand['type']]: Extract<(typeof DomainCommand.options)[number], { shape: { type: z.ZodLiteral<K> } }>;
};
export type CommandType = DomainCommand['type'];

const byCategory: Record<StreamCategory, readonly { shape: { type: { value: string } } }[]> = {
  org: OrganisationCommand.options,
  team: TeamCommand.options,
  volunteer: VolunteerCommand.options,
  post: PostCommand.options,
  mode: ResponseModeCommand.options,
  request: RequestCommand.options,
  donation: DonationCommand.options,
};

/** type -> the stream category (aggregate) that decides it. */
export const commandStreamCategory = Object.fromEntries(
  Object.entries(byCategory).flatMap(([category, options]) => options.map((o) => [o.shape.type.value, category])),
) as Record<CommandType, StreamCategory>;

/** Command data fields with personal data (same fields as their events). */
export const personalCommandFields = {
  SignUpVolunteer: ['name', 'phone', 'idNumber'],
  PlaceResidentRequest: ['contact'],
} as const satisfies Partial<Record<CommandType, readonly string[]>>;
