import { z } from 'zod';
import { DistrictId, Id, IsoDateTime, ShortText, Skills } from '../primitives.js';
import { ReserveLevel } from '../events/volunteer.js';
import { commandOf } from '../schema.js';

export const SignUpVolunteer = commandOf(
  'SignUpVolunteer',
  z.strictObject({
    volunteerId: Id,
    districtId: DistrictId,
    homeStationId: Id,
    name: ShortText,
    phone: z.string().regex(/^\+?[0-9 -]{5,20}$/),
    idNumber: z.string().regex(/^[0-9A-Za-z]{6,20}$/).optional(),
    skills: Skills.default([]),
    agencyId: Id.optional().describe('Set for agency staff sent down to the community (机关干部下沉)'),
    now: IsoDateTime,
  }),
  'Register a volunteer at their home station.',
);
export type SignUpVolunteer = z.infer<typeof SignUpVolunteer>;

export const TrainVolunteer = commandOf(
  'TrainVolunteer',
  z.strictObject({ volunteerId: Id, course: ShortText, skillsGranted: Skills.min(1), now: IsoDateTime }),
  'Record a completed training course and the skills it grants.',
);
export type TrainVolunteer = z.infer<typeof TrainVolunteer>;

export const JoinTeam = commandOf(
  'JoinTeam',
  z.strictObject({
    volunteerId: Id,
    teamId: Id,
    teamFormed: z.boolean().describe('Whether team-<teamId> exists, as read by the handler'),
    now: IsoDateTime,
  }),
  'A volunteer joins a team.',
);
export type JoinTeam = z.infer<typeof JoinTeam>;

export const EnlistAsReserve = commandOf(
  'EnlistAsReserve',
  z.strictObject({ volunteerId: Id, reserveLevel: ReserveLevel, now: IsoDateTime }),
  'Enlist a volunteer as emergency reserve (储备应急志愿者).',
);
export type EnlistAsReserve = z.infer<typeof EnlistAsReserve>;

export const ChangeAvailability = commandOf(
  'ChangeAvailability',
  z.strictObject({ volunteerId: Id, available: z.boolean(), now: IsoDateTime }),
  'A volunteer becomes available or unavailable.',
);
export type ChangeAvailability = z.infer<typeof ChangeAvailability>;

export const WithdrawVolunteer = commandOf(
  'WithdrawVolunteer',
  z.strictObject({ volunteerId: Id, reason: ShortText.optional(), now: IsoDateTime }),
  'A volunteer withdraws.',
);
export type WithdrawVolunteer = z.infer<typeof WithdrawVolunteer>;
