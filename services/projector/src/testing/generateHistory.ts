import type { DomainEvent, ResponseMode } from '@shouwang/domain';
import { seeded } from './random.js';

/** One append: events of one stream, written together as one command would. */
export interface GeneratedAppend {
  stream: string;
  events: DomainEvent[];
  /** business time of the append */
  at: string;
  actor: { role: string; id: string; districtId: string | null };
}

export interface HistoryShape {
  /** Stop once at least this many events were generated. */
  events: number;
  districts?: number;
  stationsPerDistrict?: number;
  seed?: number;
}

const postKinds = ['checkpoint', 'testing_site', 'screening', 'disinfection', 'delivery', 'hotline', 'sample_transport', 'publicity'] as const;
const teamKinds = ['party_member', 'youth', 'women', 'veterans', 'psychological', 'couriers'] as const;
const modes: ResponseMode[] = ['normal', 'combat', 'emergency', 'extreme'];
const items = [
  { item: '口罩', unit: '只' as const, value: 1 },
  { item: '84消毒液', unit: '瓶' as const, value: 12 },
  { item: '方便面', unit: '件' as const, value: 45 },
  { item: '饮用水', unit: '件' as const, value: 30 },
];

/**
 * A plausible history of a city in an epidemic: districts, stations, teams, volunteers who sign up,
 * train and join teams, posts with shifts, mode switches, dispatches that are accepted, declined or
 * expire and end in completed services, resident requests, donations. Deterministic for a seed.
 * Personal fields hold obviously fake values.
 */
export function* generateHistory(shape: HistoryShape): Generator<GeneratedAppend> {
  const rnd = seeded(shape.seed ?? 7);
  const districts = Array.from({ length: shape.districts ?? 4 }, (_, i) => `d${i + 1}`);
  const stationsPer = shape.stationsPerDistrict ?? 20;
  let clock = Date.parse('2022-04-01T00:00:00Z');
  let count = 0;
  const tick = (ms = 20_000) => new Date((clock += 1 + rnd.int(ms))).toISOString();
  const emit = (stream: string, events: DomainEvent[], role = 'dispatcher', districtId: string | null = null): GeneratedAppend => {
    count += events.length;
    return { stream, events, at: new Date(clock).toISOString(), actor: { role, id: `op-${districtId ?? 'city'}`, districtId } };
  };

  const volunteers: { id: string; district: string; station: string; trained: boolean }[] = [];
  const teams: { id: string; district: string }[] = [];
  const posts: { id: string; district: string; station: string; kind: string; shifts: { id: string; start: string; end: string }[] }[] = [];
  const requests: { id: string; district: string; station: string; open: boolean }[] = [];
  // per-district indexes keep generation linear in the number of events
  const trainedIn = new Map<string, { id: string; district: string; station: string; trained: boolean }[]>();
  const postsIn = new Map<string, (typeof posts)[number][]>();
  const openRequestsIn = new Map<string, (typeof requests)[number][]>();
  const listOf = <T>(m: Map<string, T[]>, k: string): T[] => {
    let xs = m.get(k);
    if (!xs) m.set(k, (xs = []));
    return xs;
  };
  const reopen = (q: (typeof requests)[number]) => {
    q.open = true;
    listOf(openRequestsIn, q.district).push(q);
  };
  const take = (q: (typeof requests)[number]) => {
    q.open = false;
    const xs = listOf(openRequestsIn, q.district);
    xs.splice(xs.indexOf(q), 1);
  };
  let n = 0;
  const id = (p: string) => `${p}${(n++).toString(36)}`;
  const modeOf: Record<string, ResponseMode> = { city: 'normal' };

  for (const d of districts) {
    modeOf[d] = 'normal';
    const t = tick();
    yield emit(`org-${d}`, [{ type: 'DistrictCenterRegistered', data: { districtId: d, centerName: `${d} center`, registeredAt: t } }], 'commander', d);
  }

  while (count < shape.events) {
    const d = rnd.pick(districts);
    const station = `${d}-s${rnd.int(stationsPer)}`;
    const r = rnd.next();
    const at = tick();
    if (r < 0.16 || volunteers.length < 20) {
      const volunteerId = id('v');
      const events: DomainEvent[] = [
        {
          type: 'VolunteerSignedUp',
          data: { districtId: d, volunteerId, homeStationId: station, name: 'Test Person', phone: '10000000000', skills: ['first_aid'], signedUpAt: at },
        },
      ];
      const trained = rnd.chance(0.8);
      if (trained)
        events.push({ type: 'VolunteerTrained', data: { districtId: d, volunteerId, course: '岗前培训', skillsGranted: ['first_aid'], trainedAt: at } });
      if (rnd.chance(0.1))
        events.push({ type: 'VolunteerEnlistedAsReserve', data: { districtId: d, volunteerId, reserveLevel: 'district', enlistedAt: at } });
      const team = teams.find((x) => x.district === d && rnd.chance(0.3));
      if (team) events.push({ type: 'VolunteerJoinedTeam', data: { districtId: d, volunteerId, teamId: team.id, joinedAt: at } });
      volunteers.push({ id: volunteerId, district: d, station, trained });
      if (trained) listOf(trainedIn, d).push(volunteers.at(-1)!);
      yield emit(`volunteer-${volunteerId}`, events, 'dispatcher', d);
    } else if (r < 0.2) {
      const teamId = id('t');
      teams.push({ id: teamId, district: d });
      yield emit(`team-${teamId}`, [
        { type: 'TeamFormed', data: { districtId: d, teamId, teamName: `${d} team`, level: 'squad', kind: rnd.pick(teamKinds), formedAt: at } },
      ], 'dispatcher', d);
    } else if (r < 0.25) {
      const postId = id('p');
      const day = Math.floor(clock / 86_400_000) * 86_400_000;
      const shifts = [0, 1].map((k) => ({
        shiftId: `sh${k}`,
        start: new Date(day + k * 43_200_000).toISOString(),
        end: new Date(day + (k + 1) * 43_200_000 + 86_400_000 * 3).toISOString(),
      }));
      const kind = rnd.pick(postKinds);
      posts.push({ id: postId, district: d, station, kind, shifts: shifts.map((s) => ({ id: s.shiftId, start: s.start, end: s.end })) });
      listOf(postsIn, d).push(posts.at(-1)!);
      const base = 1 + rnd.int(3);
      yield emit(`post-${postId}`, [
        {
          type: 'PostOpened',
          data: {
            districtId: d, postId, stationId: station, pointName: `点位${rnd.int(30)}`, kind, requiredSkills: [], shifts,
            staffing: { normal: base, combat: base + 1, emergency: base + 2, extreme: base + 4 }, openedAt: at,
          },
        },
      ], 'dispatcher', d);
    } else if (r < 0.26) {
      const scope = rnd.chance(0.2) ? 'city' : d;
      const from = modeOf[scope]!;
      const to = rnd.pick(modes.filter((m) => m !== from));
      modeOf[scope] = to;
      yield emit(`mode-${scope}`, [
        { type: 'ResponseModeSwitched', data: { districtId: scope, from, to, reason: '疫情形势变化', actor: { role: 'commander', id: 'cmd-1' }, switchedAt: at } },
      ], 'commander', scope === 'city' ? null : scope);
    } else if (r < 0.3) {
      const requestId = id('r');
      requests.push({ id: requestId, district: d, station, open: false });
      reopen(requests.at(-1)!);
      yield emit(`request-${requestId}`, [
        {
          type: 'ResidentRequestPlaced',
          data: {
            districtId: d, requestId, stationId: station, kind: 'grocery_delivery', beneficiary: 'elderly_living_alone', requiredSkills: [],
            contact: { name: 'Test Resident', phone: '10000000001', address: 'Test Road 1' }, placedAt: at,
          },
        },
      ], 'dispatcher', d);
    } else if (r < 0.34) {
      const donationId = id('g');
      const lines = [rnd.pick(items)].map((x) => ({ item: x.item, unit: x.unit, quantity: 10 + rnd.int(500), valueYuan: undefined as number | undefined }));
      for (const l of lines) l.valueYuan = l.quantity * (items.find((x) => x.item === l.item)?.value ?? 1);
      yield emit(`donation-${donationId}`, [
        { type: 'DonationPledged', data: { districtId: d, donationId, donorKind: 'company', lines, pledgedAt: at } },
        { type: 'DonationReceived', data: { districtId: d, donationId, donorKind: 'company', lines, receivedAt: tick(3_600_000) } },
      ], 'donations_desk', d);
      const half = lines.map((l) => ({ ...l, quantity: Math.floor(l.quantity / 2) + 1 }));
      yield emit(`donation-${donationId}`, [
        { type: 'DonationDistributed', data: { districtId: d, donationId, lines: half, recipient: { kind: 'station', id: station }, distributedAt: tick() } },
      ], 'donations_desk', d);
    } else {
      // a dispatch to a post shift or a request, and how it ends
      const local = listOf(trainedIn, d);
      const v = local.length > 0 ? rnd.pick(local) : rnd.pick(volunteers);
      const openRequests = listOf(openRequestsIn, d);
      const toRequest = openRequests.length > 0 && rnd.chance(0.25);
      const districtPosts = listOf(postsIn, d);
      if (!toRequest && districtPosts.length === 0) continue;
      const dispatchId = id('x');
      const ref = { districtId: d, volunteerId: v.id, dispatchId };
      const end = new Date(clock + 4 * 3_600_000).toISOString();
      let target;
      const post = toRequest ? undefined : rnd.pick(districtPosts);
      const shift = post ? rnd.pick(post.shifts) : undefined;
      const request = toRequest ? rnd.pick(openRequests) : undefined;
      if (post && shift)
        target = { kind: 'post_shift' as const, postId: post.id, shiftId: shift.id, postKind: post.kind as (typeof postKinds)[number], stationId: post.station, districtId: d, requiredSkills: [], start: shift.start, end: shift.end };
      else
        target = { kind: 'request' as const, requestId: request!.id, stationId: request!.station, districtId: d, requiredSkills: [], start: at, end };
      yield emit(`volunteer-${v.id}`, [
        { type: 'VolunteerDispatched', data: { ...ref, homeDistrictId: v.district, target, mode: modeOf[d]!, respondBy: new Date(clock + 1_800_000).toISOString(), dispatchedAt: at } },
      ], 'dispatcher', d);
      if (post && shift)
        yield emit(`post-${post.id}`, [
          { type: 'PostShiftAssigned', data: { districtId: d, postId: post.id, shiftId: shift.id, dispatchId, volunteerId: v.id, mode: modeOf[d]!, assignedAt: at } },
        ], 'dispatcher', d);
      else if (request) {
        take(request);
        yield emit(`request-${request.id}`, [{ type: 'RequestDispatched', data: { districtId: d, requestId: request.id, dispatchId, volunteerId: v.id, dispatchedAt: at } }], 'dispatcher', d);
      }
      const fate = rnd.next();
      if (fate < 0.1) continue; // still awaiting an answer
      const release = (reason: 'declined' | 'expired', when: string): GeneratedAppend | undefined => {
        if (post && shift) {
          const released: DomainEvent = { type: 'PostAssignmentReleased', data: { districtId: d, postId: post.id, shiftId: shift.id, dispatchId, volunteerId: v.id, reason, held: true, releasedAt: when } };
          return emit(`post-${post.id}`, [released], 'dispatcher', d);
        }
        if (request) {
          reopen(request);
          const released: DomainEvent = { type: 'RequestDispatchReleased', data: { districtId: d, requestId: request.id, dispatchId, reason, held: true, releasedAt: when } };
          return emit(`request-${request.id}`, [released], 'dispatcher', d);
        }
        return undefined;
      };
      if (fate < 0.18) {
        const when = tick();
        yield emit(`volunteer-${v.id}`, [{ type: 'DispatchDeclined', data: { ...ref, declinedAt: when } }], 'volunteer', d);
        const rel = release('declined', when);
        if (rel) yield rel;
        continue;
      }
      if (fate < 0.24) {
        const when = tick();
        yield emit(`volunteer-${v.id}`, [{ type: 'DispatchExpired', data: { ...ref, expiredAt: when } }], 'system', d);
        const rel = release('expired', when);
        if (rel) yield rel;
        continue;
      }
      const accepted = tick(600_000);
      const checkedIn = tick(3_600_000);
      const events: DomainEvent[] = [
        { type: 'DispatchAccepted', data: { ...ref, acceptedAt: accepted } },
        { type: 'VolunteerCheckedIn', data: { ...ref, checkedInAt: checkedIn } },
      ];
      if (fate < 0.3) {
        yield emit(`volunteer-${v.id}`, events, 'volunteer', d); // on duty now
        continue;
      }
      const hours = (1 + rnd.int(16)) / 4;
      const completedAt = new Date(Date.parse(checkedIn) + hours * 3_600_000).toISOString();
      clock = Math.max(clock, Date.parse(completedAt));
      const kind = post?.kind;
      events.push({
        type: 'ServiceCompleted',
        data: {
          ...ref, stationId: post?.station ?? request!.station, ...(post ? { postId: post.id } : { requestId: request!.id }),
          checkedInAt: checkedIn, completedAt, hours,
          outcome: {
            ...(kind === 'screening' ? { householdsScreened: 20 + rnd.int(100) } : {}),
            ...(kind === 'disinfection' ? { areaDisinfectedM2: 500 + rnd.int(5000) } : {}),
            ...(kind === 'sample_transport' ? { sampleTrips: 1 + rnd.int(4) } : {}),
            ...(kind === 'hotline' ? { callsAnswered: 5 + rnd.int(40) } : {}),
          },
        },
      });
      yield emit(`volunteer-${v.id}`, events, 'volunteer', d);
      if (request) {
        yield emit(`request-${request.id}`, [{ type: 'RequestFulfilled', data: { districtId: d, requestId: request.id, dispatchId, volunteerId: v.id, fulfilledAt: completedAt } }], 'dispatcher', d);
      }
    }
  }
}
