import type { z } from 'zod';
import { Id, teamDecider, teamStream } from '@shouwang/domain';
import { foldHistory } from '../fold.js';
import { singleStep } from '../single.js';
import { dataOf, NoParams } from './schemas.js';

const FormTeamBody = dataOf('FormTeam')
  .omit({ now: true, parent: true })
  .extend({ parentTeamId: Id.optional().describe('The team this one sits under (a higher level)') });

/** 志愿服务队: a team's parent level is read from the parent's stream, never taken from the caller. */
export const teamRoutes = [
  singleStep({
    url: '/v1/teams',
    commandType: 'FormTeam',
    summary: 'Form a team (总队/分队/小队) of a kind',
    tag: 'teams 队伍',
    params: NoParams,
    body: FormTeamBody,
    decider: teamDecider as never,
    stream: (_p, b) => teamStream(b.teamId),
    data: async (_p, b: z.infer<typeof FormTeamBody>, inv) => {
      const { parentTeamId, ...rest } = b;
      if (parentTeamId === undefined) return rest;
      const parent = foldHistory(teamDecider as never, await inv.ctx.store.readStream(teamStream(parentTeamId))) as {
        team: { level: string } | null;
      };
      return { ...rest, parent: { teamId: parentTeamId, level: parent.team?.level ?? null } };
    },
  }),
];
