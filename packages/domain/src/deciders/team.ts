import type { TeamCommand } from '../commands/index.js';
import type { TeamEvent, TeamLevel } from '../events/index.js';
import { teamLevels } from '../events/team.js';
import { refuse } from '../errors.js';
import { assertNever, type Decider } from '../decider.js';

export type TeamState = {
  team: { teamId: string; districtId: string; level: TeamLevel; kind: string; parentTeamId: string | null } | null;
};

export const initialTeamState: TeamState = { team: null };

/** corps 总队 (0) > detachment 分队 (1) > squad 小队 (2). */
const depth = (level: TeamLevel): number => teamLevels.indexOf(level);

const decide = (c: TeamCommand, s: TeamState): TeamEvent[] => {
  switch (c.type) {
    case 'FormTeam': {
      if (s.team) refuse('SW_ERR_ALREADY_EXISTS', 'the team is formed already');
      const d = c.data;
      if (d.parent) {
        if (d.parent.level === null) refuse('SW_ERR_UNKNOWN_PARENT', 'no such parent team');
        else if (depth(d.parent.level) >= depth(d.level)) refuse('SW_ERR_TEAM_HIERARCHY', `a ${d.level} cannot sit under a ${d.parent.level}`);
      }
      return [
        {
          type: 'TeamFormed',
          data: {
            districtId: d.districtId,
            teamId: d.teamId,
            teamName: d.teamName,
            level: d.level,
            kind: d.kind,
            ...(d.parent ? { parentTeamId: d.parent.teamId } : {}),
            ...(d.stationId === undefined ? {} : { stationId: d.stationId }),
            formedAt: d.now,
          },
        },
      ];
    }
    default:
      return assertNever(c.type);
  }
};

const evolve = (s: TeamState, e: TeamEvent): TeamState => ({
  team: {
    teamId: e.data.teamId,
    districtId: e.data.districtId,
    level: e.data.level,
    kind: e.data.kind,
    parentTeamId: e.data.parentTeamId ?? null,
  },
});

/** team-<id>: a team with its level and kind. */
export const teamDecider: Decider<TeamCommand, TeamEvent, TeamState> = { decide, evolve, initialState: initialTeamState };
