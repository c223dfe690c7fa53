import { z } from 'zod';
import { DistrictId, Id, IsoDateTime, ShortText } from '../primitives.js';
import { eventOf } from '../schema.js';

/** corps 总队 > detachment 分队 > squad 小队. */
export const teamLevels = ['corps', 'detachment', 'squad'] as const;
export const TeamLevel = z.enum(teamLevels).describe('Team level: corps 总队, detachment 分队, squad 小队');
export type TeamLevel = z.infer<typeof TeamLevel>;

export const TeamKind = z
  .enum([
    'party_member', // 党员
    'youth', // 青年
    'women', // 巾帼
    'veterans', // 退役军人/首都老兵
    'psychological', // 心理
    'medical',
    'culture', // 文艺
    'couriers', // 快递小哥
    'taxi', // 雷锋的士
    'fire_brigade', // 火焰蓝
    'students',
    'teachers',
    'foreign_residents',
    'agency_staff', // 机关干部下沉
    'other',
  ])
  .describe('Team kind (党员, 青年, 巾帼, 退役军人, 心理, 医疗, 文艺, 快递小哥, 雷锋的士, 火焰蓝, 大学生, 教师, 外籍, 机关 …)');
export type TeamKind = z.infer<typeof TeamKind>;

export const TeamFormed = eventOf(
  'TeamFormed',
  z.object({
    districtId: z.union([z.literal('city'), DistrictId]).describe('District the team belongs to, or "city" for city-level teams'),
    teamId: Id,
    teamName: ShortText.describe('Team name'),
    level: TeamLevel,
    kind: TeamKind,
    parentTeamId: Id.optional().describe('Team this one sits under (a higher level)'),
    stationId: Id.optional().describe('Station the team is based at, if any'),
    formedAt: IsoDateTime,
  }),
  'A volunteer team (志愿服务队) was formed with a level and a kind.',
);
export type TeamFormed = z.infer<typeof TeamFormed>;
