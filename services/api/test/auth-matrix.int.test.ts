import t from 'tap';
import { policies } from '../src/auth/policies.js';
import { roles, type Claims, type Role } from '@shouwang/auth';
import { bearer, commander, ok, seedDistrict, shift, staffing, startApi, testClock } from './helpers.js';

// Route × role × own/other district. The callers all belong to `own` (the volunteer is `own-v`);
// every aggregate exists in both districts, so the only difference is where it is stored.
type Side = 'own' | 'other';
type Access = 'district' | 'self';
const district: Record<Side, string> = { own: 'haidian', other: 'daxing' };
const vol: Record<Side, string> = { own: 'own-v', other: 'other-v' };

const callers: Record<Role, Claims> = {
  commander: { sub: 'c', role: 'commander', districtId: 'haidian' },
  dispatcher: { sub: 'd', role: 'dispatcher', districtId: 'haidian' },
  volunteer: { sub: 'v', role: 'volunteer', districtId: 'haidian', volunteerId: 'own-v' },
  donations_desk: { sub: 'g', role: 'donations_desk', districtId: 'haidian' },
  auditor: { sub: 'a', role: 'auditor', districtId: 'haidian' },
};

const staff = { commander: 'district', dispatcher: 'district' } as const;
const readers = { commander: 'district', dispatcher: 'district', donations_desk: 'district', auditor: 'district' } as const;
const self = { volunteer: 'self' } as const;
const desk = { commander: 'district', donations_desk: 'district' } as const;
let n = 0;
const uid = (p: string) => `${p}-${++n}`;

interface Case {
  route: string;
  allowed: Partial<Record<Role, Access>>;
  make(side: Side): { url: string; payload?: object };
}

const lines = [{ item: 'masks', unit: '只', quantity: 10 }];
const dispatchPath = (s: Side, what: string) => ({ url: `/v1/volunteers/${vol[s]}/dispatches/disp-${s}/${what}`, payload: {} });

/** The expectation, written out per route (the spec this test holds the policy table to). */
const cases: Case[] = [
  { route: 'POST /v1/districts/:districtId/center', allowed: { commander: 'district' }, make: (s) => ({ url: `/v1/districts/${district[s]}/center`, payload: { centerName: 'again' } }) },
  { route: 'POST /v1/districts/:districtId/institutes', allowed: { commander: 'district' }, make: (s) => ({ url: `/v1/districts/${district[s]}/institutes`, payload: { instituteId: uid('i'), instituteName: 'x' } }) },
  { route: 'POST /v1/districts/:districtId/stations', allowed: { commander: 'district' }, make: (s) => ({ url: `/v1/districts/${district[s]}/stations`, payload: { instituteId: `${district[s]}-i1`, stationId: uid('s'), stationName: 'x' } }) },
  { route: 'GET /v1/districts/:districtId', allowed: readers, make: (s) => ({ url: `/v1/districts/${district[s]}` }) },
  { route: 'GET /v1/districts/:districtId/history', allowed: readers, make: (s) => ({ url: `/v1/districts/${district[s]}/history` }) },
  { route: 'POST /v1/teams', allowed: staff, make: (s) => ({ url: '/v1/teams', payload: { teamId: uid('t'), districtId: district[s], teamName: 'x', level: 'corps', kind: 'youth' } }) },
  { route: 'GET /v1/teams/:teamId', allowed: readers, make: (s) => ({ url: `/v1/teams/team-${s}` }) },
  { route: 'GET /v1/teams/:teamId/history', allowed: readers, make: (s) => ({ url: `/v1/teams/team-${s}/history` }) },
  { route: 'POST /v1/volunteers', allowed: staff, make: (s) => ({ url: '/v1/volunteers', payload: { volunteerId: uid('v'), districtId: district[s], homeStationId: `${district[s]}-s1`, name: 'N', phone: '+86 13800000000' } }) },
  { route: 'POST /v1/volunteers/:volunteerId/trainings', allowed: staff, make: (s) => ({ url: `/v1/volunteers/${vol[s]}/trainings`, payload: { course: 'c', skillsGranted: ['first_aid'] } }) },
  { route: 'POST /v1/volunteers/:volunteerId/teams', allowed: staff, make: (s) => ({ url: `/v1/volunteers/${vol[s]}/teams`, payload: { teamId: `team-${s}` } }) },
  { route: 'POST /v1/volunteers/:volunteerId/reserve', allowed: staff, make: (s) => ({ url: `/v1/volunteers/${vol[s]}/reserve`, payload: { reserveLevel: 'district' } }) },
  { route: 'POST /v1/volunteers/:volunteerId/availability', allowed: { ...staff, ...self }, make: (s) => ({ url: `/v1/volunteers/${vol[s]}/availability`, payload: { available: true } }) },
  { route: 'POST /v1/volunteers/:volunteerId/withdrawal', allowed: { ...staff, ...self }, make: (s) => ({ url: `/v1/volunteers/${vol[s]}/withdrawal`, payload: { reason: 'x' } }) },
  { route: 'GET /v1/volunteers/:volunteerId', allowed: { ...readers, ...self }, make: (s) => ({ url: `/v1/volunteers/${vol[s]}` }) },
  { route: 'GET /v1/volunteers/:volunteerId/history', allowed: { ...readers, ...self }, make: (s) => ({ url: `/v1/volunteers/${vol[s]}/history` }) },
  { route: 'POST /v1/volunteers/:volunteerId/dispatches', allowed: staff, make: (s) => ({ url: `/v1/volunteers/${vol[s]}/dispatches`, payload: { target: { kind: 'post_shift', postId: `post-${s}`, shiftId: 'late' } } }) },
  { route: 'POST /v1/volunteers/:volunteerId/dispatches/:dispatchId/acceptance', allowed: self, make: (s) => dispatchPath(s, 'acceptance') },
  { route: 'POST /v1/volunteers/:volunteerId/dispatches/:dispatchId/decline', allowed: self, make: (s) => dispatchPath(s, 'decline') },
  { route: 'POST /v1/volunteers/:volunteerId/dispatches/:dispatchId/expiry', allowed: staff, make: (s) => dispatchPath(s, 'expiry') },
  { route: 'POST /v1/volunteers/:volunteerId/dispatches/:dispatchId/check-in', allowed: { ...staff, ...self }, make: (s) => dispatchPath(s, 'check-in') },
  { route: 'POST /v1/volunteers/:volunteerId/dispatches/:dispatchId/completion', allowed: { ...staff, ...self }, make: (s) => dispatchPath(s, 'completion') },
  { route: 'POST /v1/volunteers/:volunteerId/dispatches/:dispatchId/no-show', allowed: staff, make: (s) => dispatchPath(s, 'no-show') },
  { route: 'POST /v1/volunteers/:volunteerId/dispatches/:dispatchId/cancellation', allowed: staff, make: (s) => dispatchPath(s, 'cancellation') },
  { route: 'POST /v1/posts', allowed: staff, make: (s) => ({ url: '/v1/posts', payload: { postId: uid('p'), districtId: district[s], stationId: `${district[s]}-s1`, pointName: 'x', kind: 'publicity', shifts: [], staffing: staffing(1) } }) },
  { route: 'POST /v1/posts/:postId/shifts', allowed: staff, make: (s) => ({ url: `/v1/posts/post-${s}/shifts`, payload: { shift: shift(uid('sh'), '2026-05-02T09:00:00Z', '2026-05-02T10:00:00Z') } }) },
  { route: 'POST /v1/posts/:postId/staffing', allowed: staff, make: (s) => ({ url: `/v1/posts/post-${s}/staffing`, payload: { staffing: staffing(3) } }) },
  { route: 'POST /v1/posts/:postId/closure', allowed: staff, make: (s) => ({ url: `/v1/posts/closable-${s}/closure`, payload: {} }) },
  { route: 'GET /v1/posts/:postId', allowed: readers, make: (s) => ({ url: `/v1/posts/post-${s}` }) },
  { route: 'GET /v1/posts/:postId/history', allowed: readers, make: (s) => ({ url: `/v1/posts/post-${s}/history` }) },
  { route: 'POST /v1/modes/:scope/switch', allowed: { commander: 'district' }, make: (s) => ({ url: `/v1/modes/${district[s]}/switch`, payload: { to: 'extreme', reason: 'drill' } }) },
  { route: 'POST /v1/modes/:scope/plans', allowed: { commander: 'district' }, make: (s) => ({ url: `/v1/modes/${district[s]}/plans`, payload: { plan: { mode: 'normal', activePostKinds: ['publicity'], reach: 'own_station', reservesActive: false, agencyStaffDispatchable: false } } }) },
  { route: 'GET /v1/modes/:scope', allowed: readers, make: (s) => ({ url: `/v1/modes/${district[s]}` }) },
  { route: 'GET /v1/modes/:scope/history', allowed: readers, make: (s) => ({ url: `/v1/modes/${district[s]}/history` }) },
  { route: 'POST /v1/requests', allowed: staff, make: (s) => ({ url: '/v1/requests', payload: { requestId: uid('r'), districtId: district[s], stationId: `${district[s]}-s1`, kind: 'errand', beneficiary: 'disabled', contact: { name: 'R', phone: '+86 13900000000', address: 'A' } } }) },
  { route: 'POST /v1/requests/:requestId/fulfilment', allowed: staff, make: (s) => ({ url: `/v1/requests/req-${s}/fulfilment`, payload: { dispatchId: 'nope' } }) },
  { route: 'POST /v1/requests/:requestId/rating', allowed: staff, make: (s) => ({ url: `/v1/requests/req-${s}/rating`, payload: { rating: 5 } }) },
  { route: 'GET /v1/requests/:requestId', allowed: readers, make: (s) => ({ url: `/v1/requests/req-${s}` }) },
  { route: 'GET /v1/requests/:requestId/history', allowed: readers, make: (s) => ({ url: `/v1/requests/req-${s}/history` }) },
  { route: 'POST /v1/donations/:donationId/pledge', allowed: desk, make: (s) => ({ url: `/v1/donations/${uid('g')}/pledge`, payload: { districtId: district[s], donorKind: 'company', lines } }) },
  { route: 'POST /v1/donations/:donationId/receipts', allowed: desk, make: (s) => ({ url: `/v1/donations/gift-${s}/receipts`, payload: { districtId: district[s], donorKind: 'company', lines } }) },
  { route: 'POST /v1/donations/:donationId/distributions', allowed: desk, make: (s) => ({ url: `/v1/donations/gift-${s}/distributions`, payload: { lines: [{ ...lines[0], quantity: 1 }], recipient: { kind: 'station' } } }) },
  { route: 'GET /v1/donations/:donationId', allowed: readers, make: (s) => ({ url: `/v1/donations/gift-${s}` }) },
  { route: 'GET /v1/donations/:donationId/history', allowed: readers, make: (s) => ({ url: `/v1/donations/gift-${s}/history` }) },
];

t.test('every route × role × own/other district', async (t) => {
  const time = testClock('2026-05-01T08:00:00.000Z');
  const api = await startApi({ clock: time.clock });
  t.teardown(() => api.close());
  const { app } = api;
  const city = commander();
  for (const s of ['own', 'other'] as const) {
    const d = district[s];
    await seedDistrict(app, d);
    await ok(app, `/v1/modes/${d}/switch`, city, { to: 'combat', reason: 'drill' });
    await ok(app, '/v1/teams', city, { teamId: `team-${s}`, districtId: d, teamName: 'x', level: 'corps', kind: 'youth' });
    for (const postId of [`post-${s}`, `closable-${s}`]) {
      await ok(app, '/v1/posts', city, { postId, districtId: d, stationId: `${d}-s1`, pointName: 'x', kind: 'checkpoint', shifts: [shift('early', '2026-05-01T09:00:00Z', '2026-05-01T10:00:00Z'), shift('late', '2026-05-01T11:00:00Z', '2026-05-01T12:00:00Z')], staffing: staffing(50) });
    }
    await ok(app, '/v1/volunteers', city, { volunteerId: vol[s], districtId: d, homeStationId: `${d}-s1`, name: 'N', phone: '+86 13800000000' });
    await ok(app, `/v1/volunteers/${vol[s]}/dispatches`, city, { dispatchId: `disp-${s}`, target: { kind: 'post_shift', postId: `post-${s}`, shiftId: 'early' } });
    await ok(app, '/v1/requests', city, { requestId: `req-${s}`, districtId: d, stationId: `${d}-s1`, kind: 'errand', beneficiary: 'disabled', contact: { name: 'R', phone: '+86 13900000000', address: 'A' } });
    await ok(app, `/v1/donations/gift-${s}/receipts`, city, { districtId: d, donorKind: 'company', lines });
  }

  const covered = new Set(cases.map((c) => c.route));
  const guarded = Object.entries(policies).filter(([, p]) => !('public' in p)).map(([k]) => k);
  t.same(guarded.filter((r) => !covered.has(r)), [], 'the matrix covers every guarded route');

  for (const c of cases) {
    const [method] = c.route.split(' ');
    for (const role of roles) {
      for (const side of ['own', 'other'] as const) {
        const { url, payload } = c.make(side);
        const access = c.allowed[role];
        const expectAllowed = access !== undefined && side === 'own';
        const r = await app.inject({ method: method as 'GET' | 'POST', url, headers: await bearer(callers[role]), ...(payload ? { payload } : {}) });
        const label = `${c.route} as ${role} on ${side}: ${r.statusCode} ${r.statusCode >= 400 ? r.json().code : ''}`;
        if (expectAllowed) t.ok(r.statusCode !== 401 && r.statusCode !== 403 && r.statusCode !== 400 && r.statusCode < 500, label);
        else t.ok(r.statusCode === 403 && r.json().code === 'SW_ERR_FORBIDDEN', label);
      }
    }
  }
});
