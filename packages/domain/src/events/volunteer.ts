import { z } from 'zod';
import { DistrictId, Id, IsoDateTime, ShortText, Skills } from '../primitives.js';
import { eventOf } from '../schema.js';

/** The only event with a volunteer's personal data (name, phone, idNumber): see personalFields. */
export const VolunteerSignedUp = eventOf(
  'VolunteerSignedUp',
  z.object({
    districtId: DistrictId.describe('Home district'),
    volunteerId: Id,
    homeStationId: Id.describe('Home practice station (实践站)'),
    name: ShortText.describe('PERSONAL: full name'),
    phone: z.string().regex(/^\+?[0-9 -]{5,20}$/).describe('PERSONAL: phone number'),
    idNumber: z.string().regex(/^[0-9A-Za-z]{6,20}$/).optional().describe('PERSONAL: identity document number'),
    skills: Skills.describe('Skills the volunteer declares (training grants the ones that qualify for posts)'),
    agencyId: Id.optional().describe('Agency that sent this staff member down to the community (机关干部下沉)'),
    signedUpAt: IsoDateTime,
  }),
  'A volunteer registered (注册志愿者) at their home station. Schema v2: v1 had no skills.',
);
export type VolunteerSignedUp = z.infer<typeof VolunteerSignedUp>;

export const VolunteerTrained = eventOf(
  'VolunteerTrained',
  z.object({
    districtId: DistrictId,
    volunteerId: Id,
    course: ShortText.describe('Training course (岗前培训)'),
    skillsGranted: Skills.min(1).describe('Skills the course qualifies the volunteer for'),
    trainedAt: IsoDateTime,
  }),
  'A volunteer completed a pre-service training course (岗前培训) that grants skills.',
);
export type VolunteerTrained = z.infer<typeof VolunteerTrained>;

export const VolunteerJoinedTeam = eventOf(
  'VolunteerJoinedTeam',
  z.object({
    districtId: DistrictId,
    volunteerId: Id,
    teamId: Id,
    joinedAt: IsoDateTime,
  }),
  'A volunteer joined a team.',
);
export type VolunteerJoinedTeam = z.infer<typeof VolunteerJoinedTeam>;

export const ReserveLevel = z
  .enum(['district', 'institute_station'])
  .describe('Where the reserve is held: district (区/县级) or institute/station (所/站级)');
export type ReserveLevel = z.infer<typeof ReserveLevel>;

export const VolunteerEnlistedAsReserve = eventOf(
  'VolunteerEnlistedAsReserve',
  z.object({
    districtId: DistrictId,
    volunteerId: Id,
    reserveLevel: ReserveLevel,
    enlistedAt: IsoDateTime,
  }),
  'A volunteer became an emergency reserve (储备应急志愿者), dispatched only when the mode activates reserves.',
);
export type VolunteerEnlistedAsReserve = z.infer<typeof VolunteerEnlistedAsReserve>;

export const VolunteerAvailabilityChanged = eventOf(
  'VolunteerAvailabilityChanged',
  z.object({
    districtId: DistrictId,
    volunteerId: Id,
    available: z.boolean().describe('Whether the volunteer can be dispatched'),
    changedAt: IsoDateTime,
  }),
  'A volunteer became available or unavailable for dispatch.',
);
export type VolunteerAvailabilityChanged = z.infer<typeof VolunteerAvailabilityChanged>;

export const VolunteerWithdrew = eventOf(
  'VolunteerWithdrew',
  z.object({
    districtId: DistrictId,
    volunteerId: Id,
    reason: ShortText.optional().describe('Why (no personal data)'),
    withdrewAt: IsoDateTime,
  }),
  'A volunteer withdrew; no further dispatches.',
);
export type VolunteerWithdrew = z.infer<typeof VolunteerWithdrew>;
