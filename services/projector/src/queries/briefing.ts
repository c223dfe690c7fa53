import type { ViewReader } from '../store/viewReader.js';
import { viewNames, type ActivityDoc } from '../views/docs.js';
import { activityRows, currentTotals, round2 } from './districtTotals.js';
import { dayOf, type Period } from './period.js';

export interface BriefingFigures {
  districtId: string;
  period: Period;
  registeredVolunteers: number;
  volunteers: number;
  personTimes: number;
  serviceHours: number;
  teams: number;
  pointsStaffed: number;
  householdsScreened: number;
  enterprisesChecked: number;
  areaDisinfectedM2: number;
  sampleTrips: number;
  hotlineCalls: number;
  requestsSolved: number;
  suppliesDistributed: number;
  donationValueYuan: number;
}

/** The figures a briefing sums from the hourly activity rows. */
const summedFigures = [
  'personTimes',
  'serviceHours',
  'householdsScreened',
  'enterprisesChecked',
  'areaDisinfectedM2',
  'sampleTrips',
  'hotlineCalls',
  'requestsSolved',
  'suppliesDistributed',
  'donationValueYuan',
] as const satisfies ReadonlyArray<keyof ActivityDoc & keyof BriefingFigures>;

/** Briefing figures (简报数据) of a district or the city (`city`) over a period. */
export function briefingFigures(reader: ViewReader, districtId: string, period: Period): BriefingFigures {
  const scope = districtId === 'city' ? {} : { districtId };
  // the counters only: the period's activity is summed below (all-time activity would be read for nothing)
  const totals = currentTotals(reader, districtId);
  const f: BriefingFigures = {
    districtId,
    period,
    registeredVolunteers: totals.registered,
    volunteers: reader.countDistinctSubjects(viewNames.serviceRecord, { ...scope, tFrom: period.from, tTo: period.to }),
    personTimes: 0,
    serviceHours: 0,
    teams: totals.teams,
    pointsStaffed: reader.countDistinctSubjects(viewNames.pointStaffed, {
      ...scope,
      tFrom: dayOf(period.from),
      tTo: dayOf(new Date(Date.parse(period.to) + 86_399_999).toISOString()),
    }),
    householdsScreened: 0,
    enterprisesChecked: 0,
    areaDisinfectedM2: 0,
    sampleTrips: 0,
    hotlineCalls: 0,
    requestsSolved: 0,
    suppliesDistributed: 0,
    donationValueYuan: 0,
  };
  for (const a of activityRows(reader, districtId, period)) {
    for (const figure of summedFigures) f[figure] += a[figure];
  }
  f.serviceHours = round2(f.serviceHours);
  f.donationValueYuan = round2(f.donationValueYuan);
  return f;
}

const n = (v: number) => v.toLocaleString('zh-CN');

/** The figures as a short briefing paragraph in the style of the civilization offices' reports. */
export function briefingText(f: BriefingFigures, placeName?: string): string {
  const who = placeName ?? (f.districtId === 'city' ? '全市' : '全区');
  const from = f.period.from.slice(0, 10);
  const to = f.period.to.slice(0, 10);
  const parts = [
    `${from}至${to}，${who}累计发动志愿者${n(f.personTimes)}人次（${n(f.volunteers)}人），服务${n(f.serviceHours)}小时`,
    `${n(f.teams)}支志愿服务队伍下沉${n(f.pointsStaffed)}个点位`,
  ];
  if (f.householdsScreened) parts.push(`入户排查${n(f.householdsScreened)}户`);
  if (f.enterprisesChecked) parts.push(`检查企业${n(f.enterprisesChecked)}家`);
  if (f.areaDisinfectedM2) parts.push(`消杀面积${n(f.areaDisinfectedM2)}平方米`);
  if (f.sampleTrips) parts.push(`转运样本${n(f.sampleTrips)}趟`);
  if (f.hotlineCalls) parts.push(`接听热线${n(f.hotlineCalls)}个`);
  if (f.requestsSolved) parts.push(`解决群众点单${n(f.requestsSolved)}件`);
  if (f.suppliesDistributed) parts.push(`发放物资${n(f.suppliesDistributed)}件（只）`);
  if (f.donationValueYuan) parts.push(`接收捐赠物资折合${n(f.donationValueYuan)}元`);
  return `${parts.join('，')}。截至目前，${who}注册志愿者${n(f.registeredVolunteers)}人。`;
}
