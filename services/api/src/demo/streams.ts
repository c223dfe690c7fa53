import {
  deciders,
  donationStream,
  modeStream,
  orgStream,
  postKinds,
  postStream,
  requestStream,
  teamStream,
  volunteerStream,
  type PostKind,
  type Staffing,
  type TeamLevel,
} from '@shouwang/domain';
import type { StepDecider } from '../commands/fold.js';
import { agencyStaffShare, reserveShare, type DistrictFigures } from './figures.js';

/** One stream of the demo city and the events its commands produce. */
export interface DemoStream {
  stream: string;
  events: { type: string; data: unknown }[];
}

type Command = { type: string; data: Record<string, unknown> };

/** Runs commands through the aggregate's real decider, so the demo holds only what the domain allows. */
function decideAll(decider: StepDecider<never, unknown>, commands: Command[]): { type: string; data: unknown }[] {
  let state = decider.initialState;
  const out: { type: string; data: unknown }[] = [];
  for (const c of commands) {
    const events = decider.decide(c as never, state);
    for (const e of events) {
      state = decider.evolve(state, e as never);
      out.push(e);
    }
  }
  return out;
}

const pad = (n: number, width = 5) => String(n).padStart(width, '0');
const d = (x: object) => x as StepDecider<never, unknown>;

const skillsByKind: Partial<Record<PostKind, string[]>> = {
  disinfection: ['disinfection'],
  testing_site: ['data_entry'],
  hotline: ['psychological_support'],
  sample_transport: ['driving'],
  multilingual: ['english'],
  quarantine_site: ['first_aid'],
};
const skillPool = ['disinfection', 'data_entry', 'psychological_support', 'driving', 'english', 'first_aid'];
const teamKinds = ['party_member', 'youth', 'women', 'veterans', 'psychological', 'medical', 'culture', 'couriers', 'taxi', 'fire_brigade', 'students', 'teachers', 'foreign_residents', 'agency_staff', 'other'];
const routine: PostKind[] = ['publicity', 'elderly_care', 'training'];
const epidemic: PostKind[] = ['checkpoint', 'testing_site', 'screening', 'temperature_check', 'disinfection', 'delivery', 'multilingual'];

/** Staffing per mode: routine posts staffed from 平, epidemic ones from 战, the rest from 急; more in worse modes. */
function staffingFor(kind: PostKind, i: number): Staffing {
  const base = 2 + (i % 4);
  if (routine.includes(kind)) return { normal: base, combat: base, emergency: base + 1, extreme: base + 2 };
  if (epidemic.includes(kind)) return { normal: 0, combat: base * 2, emergency: base * 3, extreme: base * 4 };
  return { normal: 0, combat: 0, emergency: base * 2, extreme: base * 3 };
}

/** Every stream of one district of the demo city, at business time `now`. */
export function districtStreams(f: DistrictFigures, now: Date): DemoStream[] {
  const at = now.toISOString();
  const id = f.districtId;
  const out: DemoStream[] = [];
  const stationOf = (i: number) => `${id}-s${pad(i % f.stations, 3)}`;

  const org: Command[] = [{ type: 'RegisterDistrictCenter', data: { districtId: id, centerName: f.centerName, now: at } }];
  for (let i = 0; i < f.institutes; i++) {
    org.push({ type: 'RegisterInstitute', data: { districtId: id, instituteId: `${id}-i${pad(i, 2)}`, instituteName: `实践所 ${i + 1}`, now: at } });
  }
  for (let i = 0; i < f.stations; i++) {
    const stationId = stationOf(i);
    org.push({ type: 'RegisterStation', data: { districtId: id, instituteId: `${id}-i${pad(i % f.institutes, 2)}`, stationId, stationName: `实践站 ${i + 1}`, now: at } });
  }
  out.push({ stream: orgStream(id), events: decideAll(d(deciders.org), org) });

  // Teams: 5% corps, 20% detachments, the rest squads, each under a higher level.
  const corps = Math.max(1, Math.round(f.teams * 0.05));
  const detachments = Math.max(1, Math.round(f.teams * 0.2));
  for (let i = 0; i < f.teams; i++) {
    const level: TeamLevel = i < corps ? 'corps' : i < corps + detachments ? 'detachment' : 'squad';
    const parent = level === 'corps' ? undefined : level === 'detachment' ? { teamId: `${id}-t${pad(i % corps, 4)}`, level: 'corps' } : { teamId: `${id}-t${pad(corps + (i % detachments), 4)}`, level: 'detachment' };
    const teamId = `${id}-t${pad(i, 4)}`;
    const data = { teamId, districtId: id, teamName: `志愿服务队 ${i + 1}`, level, kind: teamKinds[i % teamKinds.length], ...(parent ? { parent } : {}), stationId: stationOf(i), now: at };
    out.push({ stream: teamStream(teamId), events: decideAll(d(deciders.team), [{ type: 'FormTeam', data }]) });
  }

  for (let i = 0; i < f.volunteers; i++) {
    const volunteerId = `${id}-v${pad(i + 1)}`;
    const skills = [skillPool[i % skillPool.length]!];
    const agency = i % Math.round(1 / agencyStaffShare) === 7;
    const commands: Command[] = [
      { type: 'SignUpVolunteer', data: { volunteerId, districtId: id, homeStationId: stationOf(i), name: `志愿者${pad(i + 1)}`, phone: `+86 138${pad(i, 8)}`, skills, ...(agency ? { agencyId: `${id}-agency-${i % 7}` } : {}), now: at } },
      { type: 'TrainVolunteer', data: { volunteerId, course: '岗前培训', skillsGranted: skills, now: at } },
      { type: 'JoinTeam', data: { volunteerId, teamId: `${id}-t${pad(i % f.teams, 4)}`, teamFormed: true, now: at } },
    ];
    if (i % Math.round(1 / reserveShare) === 3) commands.push({ type: 'EnlistAsReserve', data: { volunteerId, reserveLevel: i % 2 ? 'district' : 'institute_station', now: at } });
    out.push({ stream: volunteerStream(volunteerId), events: decideAll(d(deciders.volunteer), commands) });
  }

  // Posts of every kind with two shifts tomorrow, so each mode has something to staff.
  const day = new Date(now);
  day.setUTCHours(0, 0, 0, 0);
  day.setUTCDate(day.getUTCDate() + 1);
  const hour = (h: number) => new Date(day.getTime() + h * 3_600_000).toISOString();
  let n = 0;
  for (const kind of postKinds) {
    for (let j = 0; j < f.postsPerKind; j++, n++) {
      const postId = `${id}-p${pad(n, 4)}`;
      const data = {
        postId,
        districtId: id,
        stationId: stationOf(n * 7),
        pointName: `点位 ${n + 1}`,
        kind,
        requiredSkills: skillsByKind[kind] ?? [],
        shifts: [
          { shiftId: 'am', start: hour(0), end: hour(4) },
          { shiftId: 'pm', start: hour(4), end: hour(8) },
        ],
        staffing: staffingFor(kind, n),
        now: at,
      };
      out.push({ stream: postStream(postId), events: decideAll(d(deciders.post), [{ type: 'OpenPost', data }]) });
    }
  }

  const requestKinds = ['grocery_delivery', 'medicine_purchase', 'medical_escort', 'psychological_support', 'home_care', 'errand'];
  const beneficiaries = ['elderly_living_alone', 'disabled', 'medical_staff_family', 'quarantined_household'];
  for (let i = 0; i < f.requests; i++) {
    const requestId = `${id}-r${pad(i, 4)}`;
    const data = {
      requestId,
      districtId: id,
      stationId: stationOf(i * 3),
      kind: requestKinds[i % requestKinds.length],
      beneficiary: beneficiaries[i % beneficiaries.length],
      requiredSkills: [],
      contact: { name: `居民${pad(i, 4)}`, phone: `+86 139${pad(i, 8)}`, address: `${id} 社区 ${i % 50} 号楼` },
      now: at,
    };
    out.push({ stream: requestStream(requestId), events: decideAll(d(deciders.request), [{ type: 'PlaceResidentRequest', data }]) });
  }

  const supplies = [
    { item: '口罩 masks', unit: '只', quantity: 20_000, valueYuan: 10_000 },
    { item: '84消毒液', unit: '瓶', quantity: 500, valueYuan: 5_000 },
    { item: '方便面', unit: '箱', quantity: 300, valueYuan: 12_000 },
    { item: '饮用水', unit: '件', quantity: 400, valueYuan: 8_000 },
  ];
  for (let i = 0; i < f.donations; i++) {
    const donationId = `${id}-g${pad(i, 4)}`;
    const line = supplies[i % supplies.length]!;
    const base = { donationId, districtId: id, donorKind: i % 3 === 0 ? 'individual' : 'company', lines: [line], now: at };
    const commands: Command[] = [
      { type: 'PledgeDonation', data: { ...base, ...(i % 3 === 0 ? {} : { donorOrganisation: `爱心企业 ${i + 1}` }) } },
      { type: 'ReceiveDonation', data: base },
      { type: 'DistributeDonation', data: { donationId, lines: [{ ...line, quantity: Math.floor(line.quantity / 2) }], recipient: { kind: 'station', id: stationOf(i) }, now: at } },
    ];
    out.push({ stream: donationStream(donationId), events: decideAll(d(deciders.donation), commands) });
  }

  if (f.mode !== 'normal') {
    const actor = { role: 'commander', id: 'demo-loader' };
    const data = { scope: id, to: f.mode, reason: f.modeReason ?? 'demo', actor, now: at };
    out.push({ stream: modeStream(id), events: decideAll(d(deciders.mode), [{ type: 'SwitchResponseMode', data }]) });
  }
  return out;
}

/** The city-wide mode stream: the city adopts the default 平 plan explicitly, so its mode is on record. */
export function cityStreams(now: Date, plan: unknown): DemoStream[] {
  const data = { scope: 'city', plan, actor: { role: 'commander', id: 'demo-loader' }, now: now.toISOString() };
  return [{ stream: modeStream('city'), events: decideAll(d(deciders.mode), [{ type: 'AdoptResponsePlan', data }]) }];
}
