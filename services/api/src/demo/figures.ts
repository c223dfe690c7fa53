/**
 * Sizes of the demo city, from the public briefings (/work/shared/data/briefing-figures.json):
 * Haidian (海淀, 2022-05): 1 center, 29 institutes, 648 stations, 600 teams, mode in force 战;
 * Daxing (大兴, 2022-05): 22 institutes, 582 stations, 423 teams, 366 points staffed.
 * Volunteer counts are chosen ("tens of thousands"): Haidian reported 80,000 person-times.
 * Binhai kept about 5% of its volunteers as emergency reserves (5,300 + 5,200 of ~200k).
 */
export interface DistrictFigures {
  districtId: string;
  centerName: string;
  institutes: number;
  stations: number;
  teams: number;
  volunteers: number;
  /** Posts per post kind. */
  postsPerKind: number;
  requests: number;
  donations: number;
  /** The district's own mode (the city stays 平). */
  mode: 'normal' | 'combat' | 'emergency' | 'extreme';
  modeReason?: string;
}

export const demoCity: DistrictFigures[] = [
  {
    districtId: 'haidian',
    centerName: '海淀区新时代文明实践中心',
    institutes: 29,
    stations: 648,
    teams: 600,
    volunteers: 20_000,
    postsPerKind: 12,
    requests: 120,
    donations: 40,
    mode: 'combat',
    modeReason: '就地参战 + 全域支援: the center, 29 institutes and 648 stations become dispatch centers',
  },
  {
    districtId: 'daxing',
    centerName: '大兴区新时代文明实践中心',
    institutes: 22,
    stations: 582,
    teams: 423,
    volunteers: 6_000,
    postsPerKind: 6,
    requests: 60,
    donations: 20,
    mode: 'normal',
  },
];

export const reserveShare = 0.05;
export const agencyStaffShare = 0.03;

/** Scales a district down (tests load a small city with the same shape). */
export function scaled(f: DistrictFigures, factor: number): DistrictFigures {
  const s = (n: number, min = 1) => Math.max(min, Math.round(n * factor));
  return {
    ...f,
    institutes: s(f.institutes),
    stations: s(f.stations, 2),
    teams: s(f.teams, 3),
    volunteers: s(f.volunteers, 10),
    postsPerKind: s(f.postsPerKind),
    requests: s(f.requests),
    donations: s(f.donations),
  };
}
