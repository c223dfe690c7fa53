import { z } from 'zod';
import { PostKind, postKinds } from './postKinds.js';

/**
 * The four response modes 平/战/急/极, ordered from calm to worst.
 * normal 平, combat 战, emergency 急, extreme 极.
 */
export const modeOrder = ['normal', 'combat', 'emergency', 'extreme'] as const;
export const ResponseMode = z.enum(modeOrder).describe('Response mode: normal 平 / combat 战 / emergency 急 / extreme 极');
export type ResponseMode = z.infer<typeof ResponseMode>;

export const modeChinese: Record<ResponseMode, string> = { normal: '平', combat: '战', emergency: '急', extreme: '极' };

export const modeRank = (mode: ResponseMode): number => modeOrder.indexOf(mode);

/** A district's effective mode is the higher of its own and the city's. */
export const effectiveMode = (cityMode: ResponseMode, districtMode: ResponseMode): ResponseMode =>
  modeRank(districtMode) > modeRank(cityMode) ? districtMode : cityMode;

/** How far a dispatch may reach: own station, own district (就地参战), whole city (全域支援). */
export const DispatchReach = z
  .enum(['own_station', 'own_district', 'city'])
  .describe('Dispatch reach: own_station, own_district (就地参战) or city (全域支援)');
export type DispatchReach = z.infer<typeof DispatchReach>;

/** Staffing figure of a post under each mode. */
export const Staffing = z
  .object({
    normal: z.number().int().min(0).max(10_000).describe('Volunteers needed per shift in 平'),
    combat: z.number().int().min(0).max(10_000).describe('Volunteers needed per shift in 战'),
    emergency: z.number().int().min(0).max(10_000).describe('Volunteers needed per shift in 急'),
    extreme: z.number().int().min(0).max(10_000).describe('Volunteers needed per shift in 极'),
  })
  .describe('Staffing per shift under each mode');
export type Staffing = z.infer<typeof Staffing>;

/** The preplanned coordination-and-dispatch plan for one mode. */
export const ModePlan = z
  .object({
    mode: ResponseMode,
    activePostKinds: z.array(PostKind).describe('Post kinds that take volunteers in this mode'),
    reach: DispatchReach,
    reservesActive: z.boolean().describe('Whether emergency reserves (储备应急志愿者) may be dispatched'),
    agencyStaffDispatchable: z.boolean().describe('Whether agency staff (机关干部下沉) may be dispatched'),
  })
  .describe('Plan of one response mode');
export type ModePlan = z.infer<typeof ModePlan>;

const routine: PostKind[] = ['publicity', 'elderly_care', 'training'];
const epidemic: PostKind[] = [
  ...routine,
  'checkpoint',
  'testing_site',
  'screening',
  'temperature_check',
  'disinfection',
  'delivery',
  'multilingual',
];
const emergency: PostKind[] = [...epidemic, 'quarantine_site', 'sample_transport', 'hotline'];

/** The defaults from the domain brief; an adopted plan (ResponsePlanAdopted) overrides them. */
export const defaultPlans: Record<ResponseMode, ModePlan> = {
  normal: { mode: 'normal', activePostKinds: routine, reach: 'own_station', reservesActive: false, agencyStaffDispatchable: false },
  combat: { mode: 'combat', activePostKinds: epidemic, reach: 'own_district', reservesActive: false, agencyStaffDispatchable: false },
  emergency: { mode: 'emergency', activePostKinds: emergency, reach: 'city', reservesActive: true, agencyStaffDispatchable: false },
  extreme: { mode: 'extreme', activePostKinds: [...postKinds], reach: 'city', reservesActive: true, agencyStaffDispatchable: true },
};

/**
 * The plan in force for a mode: the district's adopted plan, else the city's, else the default.
 * Pass the `plans` of the district's and the city's ResponseModeState.
 */
export const resolvePlan = (
  mode: ResponseMode,
  districtPlans: Partial<Record<ResponseMode, ModePlan>> = {},
  cityPlans: Partial<Record<ResponseMode, ModePlan>> = {},
): ModePlan => districtPlans[mode] ?? cityPlans[mode] ?? defaultPlans[mode];
