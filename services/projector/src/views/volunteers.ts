import { dataOf, put } from '../projection/helpers.js';
import type { Projection, ProjectedEvent, ViewChange, ViewLookup } from '../projection/types.js';
import { viewNames, type DistrictTotalsDoc, type TeamDoc, type VolunteerDoc } from './docs.js';

const V = viewNames;

/** A district's totals before its first event. */
export const emptyTotals = (districtId: string): DistrictTotalsDoc => ({
  districtId,
  registered: 0,
  trained: 0,
  reserve: 0,
  onDuty: 0,
  teams: 0,
  byTeamKind: {},
});

/** Applies `fn` to a copy of a district's counters and returns the change. */
function bump(read: ViewLookup, districtId: string, fn: (t: DistrictTotalsDoc) => void): ViewChange {
  const current = read<DistrictTotalsDoc>(V.districtTotals, districtId) ?? emptyTotals(districtId);
  // a copy two levels deep is all fn may change (structuredClone cost more than the rest of the projection)
  const byTeamKind = Object.fromEntries(Object.entries(current.byTeamKind).map(([kind, n]) => [kind, { ...n }]));
  const totals: DistrictTotalsDoc = { ...current, byTeamKind };
  fn(totals);
  return put(V.districtTotals, districtId, districtId, totals);
}

const kindOf = (t: DistrictTotalsDoc, kind: string) => (t.byTeamKind[kind] ??= { teams: 0, members: 0, onDuty: 0 });

function project(event: ProjectedEvent, read: ViewLookup): ViewChange[] {
  switch (event.type) {
    case 'TeamFormed': {
      const d = dataOf(event, 'TeamFormed');
      if (read(V.team, d.teamId)) return [];
      const team: TeamDoc = { teamId: d.teamId, districtId: d.districtId, kind: d.kind, members: [] };
      return [
        put(V.team, d.teamId, d.districtId, team),
        bump(read, d.districtId, (t) => {
          t.teams += 1;
          kindOf(t, d.kind).teams += 1;
        }),
      ];
    }
    case 'VolunteerSignedUp': {
      const d = dataOf(event, 'VolunteerSignedUp');
      if (read(V.volunteer, d.volunteerId)) return [];
      // only ids and flags: the read side never holds a name, phone or id number
      const volunteer: VolunteerDoc = {
        volunteerId: d.volunteerId,
        districtId: d.districtId,
        stationId: d.homeStationId,
        trained: false,
        reserve: false,
        teamKinds: [],
        onDutyDispatches: [],
      };
      return [put(V.volunteer, d.volunteerId, d.districtId, volunteer), bump(read, d.districtId, (t) => (t.registered += 1))];
    }
    case 'VolunteerTrained':
    case 'VolunteerEnlistedAsReserve': {
      const d = dataOf(event, 'VolunteerTrained');
      const v = read<VolunteerDoc>(V.volunteer, d.volunteerId);
      const field = event.type === 'VolunteerTrained' ? 'trained' : 'reserve';
      if (!v || v[field]) return [];
      return [
        put(V.volunteer, v.volunteerId, v.districtId, { ...v, [field]: true }),
        bump(read, v.districtId, (t) => (t[field] += 1)),
      ];
    }
    case 'VolunteerJoinedTeam': {
      const d = dataOf(event, 'VolunteerJoinedTeam');
      const v = read<VolunteerDoc>(V.volunteer, d.volunteerId);
      const team = read<TeamDoc>(V.team, d.teamId);
      if (!v || !team || team.members.includes(v.volunteerId)) return [];
      const teamKinds = v.teamKinds.includes(team.kind) ? v.teamKinds : [...v.teamKinds, team.kind];
      return [
        put(V.team, team.teamId, team.districtId, { ...team, members: [...team.members, v.volunteerId] }),
        put(V.volunteer, v.volunteerId, v.districtId, { ...v, teamKinds }),
        bump(read, v.districtId, (t) => {
          if (teamKinds !== v.teamKinds) kindOf(t, team.kind).members += 1;
        }),
      ];
    }
    case 'VolunteerWithdrew': {
      const d = dataOf(event, 'VolunteerWithdrew');
      const v = read<VolunteerDoc>(V.volunteer, d.volunteerId);
      if (!v) return [];
      return [
        put(V.volunteer, v.volunteerId, v.districtId, null),
        bump(read, v.districtId, (t) => {
          t.registered -= 1;
          if (v.trained) t.trained -= 1;
          if (v.reserve) t.reserve -= 1;
          for (const k of v.teamKinds) kindOf(t, k).members -= 1;
        }),
      ];
    }
    case 'VolunteerCheckedIn': {
      const d = dataOf(event, 'VolunteerCheckedIn');
      const v = read<VolunteerDoc>(V.volunteer, d.volunteerId);
      if (!v || v.onDutyDispatches.includes(d.dispatchId)) return [];
      return [
        put(V.volunteer, v.volunteerId, v.districtId, { ...v, onDutyDispatches: [...v.onDutyDispatches, d.dispatchId] }),
        // on duty where the service takes place
        bump(read, d.districtId, (t) => {
          t.onDuty += 1;
          for (const k of v.teamKinds) kindOf(t, k).onDuty += 1;
        }),
      ];
    }
    case 'ServiceCompleted':
    case 'VolunteerNoShow':
    case 'DispatchCancelled': {
      const d = dataOf(event, 'ServiceCompleted');
      const v = read<VolunteerDoc>(V.volunteer, d.volunteerId);
      if (!v || !v.onDutyDispatches.includes(d.dispatchId)) return [];
      return [
        put(V.volunteer, v.volunteerId, v.districtId, {
          ...v,
          onDutyDispatches: v.onDutyDispatches.filter((id) => id !== d.dispatchId),
        }),
        bump(read, d.districtId, (t) => {
          t.onDuty -= 1;
          for (const k of v.teamKinds) kindOf(t, k).onDuty -= 1;
        }),
      ];
    }
    default:
      return [];
  }
}

/** Volunteers, teams and the district counters (registered, trained, reserve, on duty, by team kind). */
export const volunteersProjection: Projection = {
  name: 'volunteers',
  eventTypes: [
    'TeamFormed',
    'VolunteerSignedUp',
    'VolunteerTrained',
    'VolunteerEnlistedAsReserve',
    'VolunteerJoinedTeam',
    'VolunteerWithdrew',
    'VolunteerCheckedIn',
    'ServiceCompleted',
    'VolunteerNoShow',
    'DispatchCancelled',
  ],
  project,
};
