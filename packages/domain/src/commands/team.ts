import { z } from 'zod';
import { DistrictScope, Id, IsoDateTime, ShortText } from '../primitives.js';
import { TeamKind, TeamLevel } from '../events/team.js';
import { commandOf } from '../schema.js';

export const FormTeam = commandOf(
  'FormTeam',
  z.strictObject({
    teamId: Id,
    districtId: DistrictScope,
    teamName: ShortText,
    level: TeamLevel,
    kind: TeamKind,
    parent: z
      .strictObject({
        teamId: Id,
        level: TeamLevel.nullable().describe('Level read from the parent\'s stream; null when it was not found'),
      })
      .optional()
      .describe('The team this one sits under, as read from team-<parentId>'),
    stationId: Id.optional(),
    now: IsoDateTime,
  }),
  'Form a team (总队/分队/小队) of a kind.',
);
export type FormTeam = z.infer<typeof FormTeam>;
