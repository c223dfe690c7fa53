import { defaultPlans, effectiveMode, modeOrder, type ResponseMode } from '@shouwang/domain';
import type { ViewReader } from '../store/viewReader.js';
import { viewNames, type ModeCurrentDoc, type ModeSwitchDoc } from '../views/docs.js';

export const isMode = (m: string): m is ResponseMode => (modeOrder as readonly string[]).includes(m);

/** The mode a district is in: the higher of its own and the city's (平 when never switched). */
export function districtMode(reader: ViewReader, districtId: string): { mode: ResponseMode; own: ResponseMode; city: ResponseMode } {
  const city = reader.get<ModeCurrentDoc>(viewNames.modeCurrent, 'city')?.mode ?? 'normal';
  const own = districtId === 'city' ? city : (reader.get<ModeCurrentDoc>(viewNames.modeCurrent, districtId)?.mode ?? 'normal');
  const c = isMode(city) ? city : 'normal';
  const o = isMode(own) ? own : 'normal';
  return { mode: effectiveMode(c, o), own: o, city: c };
}

/** Post kinds active under a mode: the district's adopted plan, else the city's, else the default. */
export function activePostKinds(reader: ViewReader, districtId: string, mode: ResponseMode): string[] {
  const own = reader.get<ModeCurrentDoc>(viewNames.modeCurrent, districtId)?.activePostKinds[mode];
  const city = reader.get<ModeCurrentDoc>(viewNames.modeCurrent, 'city')?.activePostKinds[mode];
  return own ?? city ?? [...defaultPlans[mode].activePostKinds];
}

/** The mode timeline (模式时间线) of the city, or of one district with the city's switches beside it. */
export function modeTimeline(reader: ViewReader, scope: string) {
  const city = reader.list<ModeSwitchDoc>(viewNames.modeSwitch, { districtId: 'city' });
  const own = scope === 'city' ? [] : reader.list<ModeSwitchDoc>(viewNames.modeSwitch, { districtId: scope });
  const byPosition = (a: ModeSwitchDoc, b: ModeSwitchDoc) => (BigInt(a.position) < BigInt(b.position) ? -1 : 1);
  return {
    scope,
    current: districtMode(reader, scope),
    city: city.sort(byPosition),
    district: own.sort(byPosition),
  };
}
