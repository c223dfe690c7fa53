/**
 * The documents kept in each view (视图). Projections write them, queries read them; both sides
 * import these types so the SQLite rows never drift from the code that reads them.
 */

/** Counters kept per district (and per team kind) — 区级总数. */
export interface DistrictTotalsDoc {
  districtId: string;
  registered: number;
  trained: number;
  reserve: number;
  onDuty: number;
  teams: number;
  /** team kind -> teams, members, members on duty now */
  byTeamKind: Record<string, { teams: number; members: number; onDuty: number }>;
}

/** One volunteer as the read side needs them: no name, no phone, no id number. */
export interface VolunteerDoc {
  volunteerId: string;
  districtId: string;
  stationId: string | null;
  trained: boolean;
  reserve: boolean;
  teamKinds: string[];
  /** dispatches the volunteer is checked in on right now */
  onDutyDispatches: string[];
}

export interface TeamDoc {
  teamId: string;
  districtId: string;
  kind: string;
  members: string[];
}

/** Activity summed per district and hour (UTC), the unit briefing periods are made of. */
export interface ActivityDoc {
  districtId: string;
  hour: string;
  personTimes: number;
  serviceHours: number;
  householdsScreened: number;
  enterprisesChecked: number;
  areaDisinfectedM2: number;
  sampleTrips: number;
  hotlineCalls: number;
  requestsSolved: number;
  suppliesDistributed: number;
  donationValueYuan: number;
}

/** One completed service (志愿服务记录 entry): exact, from the ServiceCompleted event. */
export interface ServiceRecordDoc {
  serviceId: string;
  volunteerId: string;
  districtId: string;
  stationId: string | null;
  postId: string | null;
  requestId: string | null;
  kind: string | null;
  place: string | null;
  checkedInAt: string | null;
  completedAt: string;
  hours: number;
  /** the event that recorded it */
  position: string;
  eventId: string;
}

export interface PostDoc {
  postId: string;
  districtId: string;
  stationId: string | null;
  /** 点位 name, e.g. a checkpoint or testing site */
  pointName: string | null;
  kind: string;
  staffing: Record<string, number>;
  open: boolean;
  /** shift id -> its window and the dispatches holding a place on it */
  shifts: Record<string, { start: string | null; end: string | null; dispatches: string[] }>;
}

export type DispatchStatus = 'awaiting' | 'accepted' | 'checked_in' | 'expired';

export interface DispatchDoc {
  dispatchId: string;
  volunteerId: string;
  districtId: string;
  postId: string | null;
  shiftId: string | null;
  requestId: string | null;
  status: DispatchStatus;
  dispatchedAt: string;
  expiresAt: string | null;
  expiredAt: string | null;
}

export interface RequestDoc {
  requestId: string;
  districtId: string;
  stationId: string | null;
  kind: string | null;
  status: 'open' | 'dispatched';
  /** the dispatch holding the request, while dispatched */
  dispatchId: string | null;
  placedAt: string;
}

/** Donation stock per district, item and unit (物资台账). */
export interface DonationStockDoc {
  districtId: string;
  item: string;
  unit: string;
  pledged: number;
  received: number;
  distributed: number;
  inStock: number;
  valueYuanReceived: number;
}

/** One mode switch (平战转换) in a scope's timeline. */
export interface ModeSwitchDoc {
  scope: string;
  from: string | null;
  to: string;
  reason: string | null;
  at: string;
  actor: { role: string; id: string } | null;
  correlationId: string | null;
  position: string;
}

export interface ModeCurrentDoc {
  scope: string;
  mode: string;
  since: string;
  /** mode -> active post kinds of the adopted plan, when one was adopted */
  activePostKinds: Record<string, string[]>;
}

/** A point (点位) staffed in a district on a day; `subject` is the point, so periods count distinct points. */
export interface PointStaffedDoc {
  districtId: string;
  pointId: string;
  day: string;
}

export const viewNames = {
  districtTotals: 'districtTotals',
  volunteer: 'volunteer',
  team: 'team',
  activity: 'activity',
  serviceRecord: 'serviceRecord',
  post: 'post',
  dispatch: 'dispatch',
  request: 'request',
  donationStock: 'donationStock',
  donation: 'donation',
  modeSwitch: 'modeSwitch',
  modeCurrent: 'modeCurrent',
  pointStaffed: 'pointStaffed',
} as const;
