import type { ViewReader } from '../store/viewReader.js';
import { viewNames, type ActivityDoc, type DistrictTotalsDoc } from '../views/docs.js';
import { emptyTotals } from '../views/volunteers.js';
import { hourFloor, hourCeil, type Period } from './period.js';

export interface DistrictTotals extends Omit<DistrictTotalsDoc, 'districtId'> {
  districtId: string;
  period: Period | null;
  personTimes: number;
  serviceHours: number;
}

/** Sums district counters; `city` sums every district. */
export function sumTotals(docs: DistrictTotalsDoc[], districtId: string): DistrictTotalsDoc {
  const total = emptyTotals(districtId);
  for (const d of docs) {
    total.registered += d.registered;
    total.trained += d.trained;
    total.reserve += d.reserve;
    total.onDuty += d.onDuty;
    total.teams += d.teams;
    for (const [kind, k] of Object.entries(d.byTeamKind)) {
      const t = (total.byTeamKind[kind] ??= { teams: 0, members: 0, onDuty: 0 });
      t.teams += k.teams;
      t.members += k.members;
      t.onDuty += k.onDuty;
    }
  }
  return total;
}

export function activityRows(reader: ViewReader, districtId: string, period: Period | null): ActivityDoc[] {
  const filter = {
    ...(districtId === 'city' ? {} : { districtId }),
    ...(period ? { tFrom: hourFloor(period.from), tTo: hourCeil(period.to) } : {}),
  };
  return reader.list<ActivityDoc>(viewNames.activity, filter);
}

/** The counters of a district, or of every district summed (`city`), without the period's activity. */
export function currentTotals(reader: ViewReader, districtId: string): DistrictTotalsDoc {
  const docs =
    districtId === 'city'
      ? reader.list<DistrictTotalsDoc>(viewNames.districtTotals)
      : [reader.get<DistrictTotalsDoc>(viewNames.districtTotals, districtId) ?? emptyTotals(districtId)];
  return sumTotals(docs, districtId);
}

/** District totals (区级总数): registered, trained, reserve, on duty now, by team kind; person-times and hours in a period. */
export function districtTotals(reader: ViewReader, districtId: string, period: Period | null): DistrictTotals {
  const totals = currentTotals(reader, districtId);
  let personTimes = 0;
  let serviceHours = 0;
  for (const a of activityRows(reader, districtId, period)) {
    personTimes += a.personTimes;
    serviceHours += a.serviceHours;
  }
  return { ...totals, period, personTimes, serviceHours: round2(serviceHours) };
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;
