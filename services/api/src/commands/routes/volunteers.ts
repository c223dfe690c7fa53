import { teamStream, volunteerDecider, volunteerStream } from '@shouwang/domain';
import { singleStep } from '../single.js';
import { dataOf, NoParams, VolunteerParams } from './schemas.js';

const tag = 'volunteers 志愿者';
const decider = volunteerDecider as never;
const own = { params: VolunteerParams, decider, stream: (p: { volunteerId: string }) => volunteerStream(p.volunteerId) };

/** A volunteer's own facts: signup, training, teams, reserve, availability, withdrawal. */
export const volunteerRoutes = [
  singleStep({
    url: '/v1/volunteers',
    commandType: 'SignUpVolunteer',
    summary: 'Register a volunteer at their home station (注册志愿者)',
    tag,
    params: NoParams,
    body: dataOf('SignUpVolunteer').omit({ now: true }),
    decider,
    stream: (_p, b) => volunteerStream(b.volunteerId),
    data: (_p, b) => b,
  }),
  singleStep({
    ...own,
    url: '/v1/volunteers/:volunteerId/trainings',
    commandType: 'TrainVolunteer',
    summary: 'Record a completed pre-service training (岗前培训) and the skills it grants',
    tag,
    body: dataOf('TrainVolunteer').omit({ volunteerId: true, now: true }),
    data: (p, b) => ({ ...b, volunteerId: p.volunteerId }),
  }),
  singleStep({
    ...own,
    url: '/v1/volunteers/:volunteerId/teams',
    commandType: 'JoinTeam',
    summary: 'The volunteer joins a team (the team must be formed)',
    tag,
    body: dataOf('JoinTeam').omit({ volunteerId: true, now: true, teamFormed: true }),
    data: async (p, b, inv) => ({
      ...b,
      volunteerId: p.volunteerId,
      teamFormed: (await inv.ctx.store.readStream(teamStream(b.teamId), { maxCount: 1 })).length > 0,
    }),
  }),
  singleStep({
    ...own,
    url: '/v1/volunteers/:volunteerId/reserve',
    commandType: 'EnlistAsReserve',
    summary: 'Enlist the volunteer as an emergency reserve (储备应急志愿者)',
    tag,
    body: dataOf('EnlistAsReserve').omit({ volunteerId: true, now: true }),
    data: (p, b) => ({ ...b, volunteerId: p.volunteerId }),
  }),
  singleStep({
    ...own,
    url: '/v1/volunteers/:volunteerId/availability',
    commandType: 'ChangeAvailability',
    summary: 'The volunteer becomes available or unavailable',
    tag,
    body: dataOf('ChangeAvailability').omit({ volunteerId: true, now: true }),
    data: (p, b) => ({ ...b, volunteerId: p.volunteerId }),
  }),
  singleStep({
    ...own,
    url: '/v1/volunteers/:volunteerId/withdrawal',
    commandType: 'WithdrawVolunteer',
    summary: 'The volunteer withdraws',
    tag,
    body: dataOf('WithdrawVolunteer').omit({ volunteerId: true, now: true }),
    data: (p, b) => ({ ...b, volunteerId: p.volunteerId }),
  }),
];
