import { DistrictScope, Id, IsoDateTime, ResponseMode } from '@shouwang/domain';
import { z } from 'zod';
import type { ViewReader } from '../store/viewReader.js';
import { briefingFigures, briefingText } from './briefing.js';
import { dispatchBoard } from './dispatchBoard.js';
import { districtTotals } from './districtTotals.js';
import { donationLedger } from './donationLedger.js';
import { modeTimeline } from './modes.js';
import { serviceRecord } from './serviceRecord.js';
import { unfilledPosts } from './unfilledPosts.js';

export type Role = 'commander' | 'dispatcher' | 'volunteer' | 'donations_desk' | 'auditor';

export interface QueryContext {
  /** The moment the answer stands at: now, or the time of the `?at` position. */
  now: Date;
}

/** One view query: its parameters, who may ask, how it is scoped, and how it flattens to CSV rows. */
export interface ViewQuery<P = unknown, R = unknown> {
  name: string;
  description: string;
  params: z.ZodType<P>;
  roles: readonly Role[];
  /**
   * The district the answer is about (`city` for all), checked against the token's scope;
   * null when anyone allowed the view may see it, undefined when the subject is unknown.
   */
  scope(params: P, reader: ViewReader): string | null | undefined;
  run(reader: ViewReader, params: P, ctx: QueryContext): R;
  /** Rows for CSV export. */
  rows(result: R): Record<string, unknown>[];
  /** Plain-text rendering, where the view has one (the briefing). */
  text?(result: R): string;
}

const district = { districtId: DistrictScope };
const period = {
  from: IsoDateTime.optional().describe('Period start (inclusive)'),
  to: IsoDateTime.optional().describe('Period end (exclusive)'),
};
const everyone: Role[] = ['commander', 'dispatcher', 'donations_desk', 'auditor'];

const defineQuery = <P, R>(q: ViewQuery<P, R>): ViewQuery<P, R> => q;

const periodOf = (p: { from?: string | undefined; to?: string | undefined }) =>
  p.from && p.to ? { from: p.from, to: p.to } : null;

const flat = (o: object): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v !== null && typeof v === 'object' ? JSON.stringify(v) : v]));

export const viewQueries = [
  defineQuery({
    name: 'district-totals',
    description: 'Registered, trained, reserve, on duty now, by team kind; person-times and service hours in a period',
    params: z.object({ ...district, ...period }),
    roles: ['commander', 'dispatcher', 'auditor'],
    scope: (p) => p.districtId,
    run: (reader, p) => districtTotals(reader, p.districtId, periodOf(p)),
    rows: (r) => [
      flat({ ...r, byTeamKind: undefined, period: undefined, from: r.period?.from, to: r.period?.to }),
      ...Object.entries(r.byTeamKind).map(([teamKind, k]) => ({ districtId: r.districtId, teamKind, ...k })),
    ],
  }),
  defineQuery({
    name: 'unfilled-posts',
    description: "Unfilled post shifts under the district's effective mode, or under `mode` (what-if)",
    params: z.object({ ...district, mode: ResponseMode.optional() }),
    roles: ['commander', 'dispatcher', 'auditor'],
    scope: (p) => p.districtId,
    run: (reader, p, ctx) => unfilledPosts(reader, p.districtId, ctx.now, p.mode),
    rows: (r) => r.unfilled.map((s) => ({ districtId: r.districtId, mode: r.mode, ...s })),
  }),
  defineQuery({
    name: 'dispatch-board',
    description: 'Open requests, dispatches awaiting acceptance with their age, expired dispatches',
    params: z.object(district),
    roles: ['commander', 'dispatcher', 'auditor'],
    scope: (p) => p.districtId,
    run: (reader, p, ctx) => dispatchBoard(reader, p.districtId, ctx.now),
    rows: (r) => [
      ...r.openRequests.map((x) => ({ row: 'open_request', ...x })),
      ...r.awaitingAcceptance.map((x) => ({ row: 'awaiting', ...x })),
      ...r.expired.map((x) => ({ row: 'expired', ...x })),
    ],
  }),
  defineQuery({
    name: 'donation-ledger',
    description: 'Pledged, received, distributed and in stock per item and unit',
    params: z.object(district),
    roles: ['commander', 'donations_desk', 'auditor'],
    scope: (p) => p.districtId,
    run: (reader, p) => donationLedger(reader, p.districtId),
    rows: (r) => r.items.map(flat),
  }),
  defineQuery({
    name: 'service-record',
    description: "A volunteer's service record (志愿服务记录): every completed service with place, time and hours",
    params: z.object({ volunteerId: Id }),
    roles: ['commander', 'dispatcher', 'volunteer', 'auditor'],
    // a record belongs to the volunteer's home district; services elsewhere stay part of it
    scope: (p, reader) => reader.get<{ districtId: string }>('volunteer', p.volunteerId)?.districtId,
    run: (reader, p) => serviceRecord(reader, p.volunteerId),
    rows: (r) => r.services.map(flat),
  }),
  defineQuery({
    name: 'mode-timeline',
    description: 'Mode switches of the city, and of a district beside them',
    params: z.object(district),
    roles: [...everyone, 'volunteer'],
    scope: (p) => (p.districtId === 'city' ? null : p.districtId),
    run: (reader, p) => modeTimeline(reader, p.districtId),
    rows: (r) => [...r.city, ...r.district].map(flat),
  }),
  defineQuery({
    name: 'briefing',
    description: 'Briefing figures (简报) of a district or the city over a period, as JSON and as Chinese text',
    params: z.object({ ...district, from: IsoDateTime, to: IsoDateTime, placeName: z.string().min(1).max(40).optional() }),
    roles: everyone,
    scope: (p) => p.districtId,
    run: (reader, p) => {
      const figures = briefingFigures(reader, p.districtId, { from: p.from, to: p.to });
      return { figures, text: briefingText(figures, p.placeName) };
    },
    rows: (r) => [flat({ ...r.figures, period: undefined, from: r.figures.period.from, to: r.figures.period.to })],
    text: (r) => r.text,
  }),
] as const;

export const queryByName = new Map<string, ViewQuery>(viewQueries.map((q) => [q.name, q as unknown as ViewQuery]));
