import t from 'tap';
import type { DomainEvent } from '@shouwang/domain';
import { MemoryViews } from '../src/projection/memoryViews.js';
import { projections } from '../src/views/index.js';
import { districtTotals } from '../src/queries/districtTotals.js';
import { unfilledPosts } from '../src/queries/unfilledPosts.js';
import { dispatchBoard } from '../src/queries/dispatchBoard.js';
import { donationLedger } from '../src/queries/donationLedger.js';
import { serviceRecord } from '../src/queries/serviceRecord.js';
import { modeTimeline } from '../src/queries/modes.js';
import { briefingFigures, briefingText } from '../src/queries/briefing.js';
import { memoryViews, stored } from './helpers.js';

const T0 = '2022-04-10T08:00:00Z';
const actor = { role: 'commander', id: 'cmd-1' };
const shifts = [
  { shiftId: 'am', start: '2022-04-10T00:00:00Z', end: '2022-04-10T12:00:00Z' },
  { shiftId: 'pm', start: '2022-04-10T12:00:00Z', end: '2022-04-11T00:00:00Z' },
];
const ref = (n: number) => ({ districtId: 'haidian', volunteerId: `v${n}`, dispatchId: `x${n}` });
const target = () => ({
  kind: 'post_shift' as const, postId: 'p1', shiftId: 'am', postKind: 'checkpoint' as const, stationId: 's1',
  districtId: 'haidian', requiredSkills: [], start: shifts[0]!.start, end: shifts[0]!.end,
});

const given: DomainEvent[] = [
  { type: 'TeamFormed', data: { districtId: 'haidian', teamId: 't1', teamName: '党员先锋队', level: 'squad', kind: 'party_member', formedAt: T0 } },
  ...[1, 2, 3].flatMap((n): DomainEvent[] => [
    { type: 'VolunteerSignedUp', data: { districtId: 'haidian', volunteerId: `v${n}`, homeStationId: 's1', name: 'Zhang San', phone: '13800000000', skills: [], signedUpAt: T0 } },
    { type: 'VolunteerTrained', data: { districtId: 'haidian', volunteerId: `v${n}`, course: '岗前培训', skillsGranted: ['first_aid'], trainedAt: T0 } },
  ]),
  { type: 'VolunteerJoinedTeam', data: { districtId: 'haidian', volunteerId: 'v1', teamId: 't1', joinedAt: T0 } },
  { type: 'VolunteerEnlistedAsReserve', data: { districtId: 'haidian', volunteerId: 'v3', reserveLevel: 'district', enlistedAt: T0 } },
  {
    type: 'PostOpened',
    data: { districtId: 'haidian', postId: 'p1', stationId: 's1', pointName: '东门卡点', kind: 'checkpoint', requiredSkills: [], shifts, staffing: { normal: 1, combat: 2, emergency: 3, extreme: 4 }, openedAt: T0 },
  },
  { type: 'ResponseModeSwitched', data: { districtId: 'haidian', from: 'normal', to: 'combat', reason: '疫情升级', actor, switchedAt: T0 } },
  ...[1, 2].flatMap((n): DomainEvent[] => [
    { type: 'VolunteerDispatched', data: { ...ref(n), homeDistrictId: 'haidian', target: target(), mode: 'combat', respondBy: '2022-04-10T08:30:00Z', dispatchedAt: T0 } },
    { type: 'PostShiftAssigned', data: { districtId: 'haidian', postId: 'p1', shiftId: 'am', dispatchId: `x${n}`, volunteerId: `v${n}`, mode: 'combat', assignedAt: T0 } },
  ]),
  { type: 'DispatchAccepted', data: { ...ref(1), acceptedAt: '2022-04-10T08:05:00Z' } },
  { type: 'VolunteerCheckedIn', data: { ...ref(1), checkedInAt: '2022-04-10T08:10:00Z' } },
  {
    type: 'ServiceCompleted',
    data: { ...ref(1), stationId: 's1', postId: 'p1', checkedInAt: '2022-04-10T08:10:00Z', completedAt: '2022-04-10T11:40:00Z', hours: 3.5, outcome: { householdsScreened: 120 } },
  },
  { type: 'DonationPledged', data: { districtId: 'haidian', donationId: 'g1', donorKind: 'company', lines: [{ item: '口罩', unit: '只', quantity: 1000 }], pledgedAt: T0 } },
  { type: 'DonationReceived', data: { districtId: 'haidian', donationId: 'g1', donorKind: 'company', lines: [{ item: '口罩', unit: '只', quantity: 800, valueYuan: 800 }], receivedAt: T0 } },
  { type: 'DonationDistributed', data: { districtId: 'haidian', donationId: 'g1', lines: [{ item: '口罩', unit: '只', quantity: 300 }], recipient: { kind: 'station', id: 's1' }, distributedAt: T0 } },
  { type: 'ResidentRequestPlaced', data: { districtId: 'haidian', requestId: 'r1', stationId: 's1', kind: 'grocery_delivery', beneficiary: 'elderly_living_alone', requiredSkills: [], contact: { name: 'Li Si', phone: '13900000000', address: 'Room 1' }, placedAt: T0 } },
];

t.test('district totals: registered, trained, reserve, team kinds, on duty and hours', async (t) => {
  const { views, reader } = memoryViews();
  views.applyBatch(stored(given));
  const totals = districtTotals(reader(), 'haidian', { from: '2022-04-10T00:00:00Z', to: '2022-04-11T00:00:00Z' });
  t.match(totals, { registered: 3, trained: 3, reserve: 1, teams: 1, onDuty: 0, personTimes: 1, serviceHours: 3.5 });
  t.same(totals.byTeamKind, { party_member: { teams: 1, members: 1, onDuty: 0 } });
  const outside = districtTotals(reader(), 'haidian', { from: '2022-04-11T00:00:00Z', to: '2022-04-12T00:00:00Z' });
  t.equal(outside.personTimes, 0, 'a period without services has no person-times');
  t.equal(districtTotals(reader(), 'city', null).registered, 3, 'the city sums its districts');
});

t.test('on duty counts a check-in until the service completes', async (t) => {
  const { views, reader } = memoryViews();
  const upToCheckIn = given.findIndex((e) => e.type === 'VolunteerCheckedIn') + 1;
  views.applyBatch(stored(given.slice(0, upToCheckIn)));
  t.match(districtTotals(reader(), 'haidian', null), { onDuty: 1, byTeamKind: { party_member: { onDuty: 1 } } });
  views.applyBatch(stored(given.slice(upToCheckIn), 100n + BigInt(upToCheckIn) * 100n));
  t.equal(districtTotals(reader(), 'haidian', null).onDuty, 0);
});

t.test('unfilled posts under the effective mode and under a what-if mode', async (t) => {
  const { views, reader } = memoryViews();
  views.applyBatch(stored(given));
  const now = new Date('2022-04-10T09:00:00Z');
  const combat = unfilledPosts(reader(), 'haidian', now);
  t.equal(combat.mode, 'combat');
  t.same(combat.unfilled.map((s) => [s.shiftId, s.needed, s.assigned]), [['pm', 2, 0]], 'am holds 2 of 2 in 战');
  const emergency = unfilledPosts(reader(), 'haidian', now, 'emergency');
  t.ok(emergency.whatIf);
  t.same(emergency.unfilled.map((s) => [s.shiftId, s.needed, s.assigned, s.missing]), [['am', 3, 2, 1], ['pm', 3, 0, 3]]);
  const later = unfilledPosts(reader(), 'haidian', new Date('2022-04-10T13:00:00Z'));
  t.same(later.unfilled.map((s) => s.shiftId), ['pm'], 'a shift that is over needs no one');
  const normal = unfilledPosts(reader(), 'haidian', now, 'normal');
  t.same(normal.unfilled, [], 'checkpoints are not active in 平');
});

t.test('dispatch board: awaiting with age, expired, open requests', async (t) => {
  const { views, reader } = memoryViews();
  views.applyBatch(stored(given));
  const board = dispatchBoard(reader(), 'haidian', new Date('2022-04-10T08:20:00Z'));
  t.same(board.awaitingAcceptance.map((d) => [d.dispatchId, d.ageSeconds]), [['x2', 1200]]);
  t.same(board.expired, []);
  t.same(board.openRequests.map((r) => r.requestId), ['r1']);
  const late = dispatchBoard(reader(), 'haidian', new Date('2022-04-10T09:00:00Z'));
  t.same(late.expired.map((d) => d.dispatchId), ['x2'], 'past respondBy it shows as expired');
  views.applyBatch(stored([{ type: 'DispatchExpired', data: { ...ref(2), expiredAt: '2022-04-10T08:31:00Z' } }], 10_000n));
  t.same(dispatchBoard(reader(), 'haidian', new Date('2022-04-10T08:40:00Z')).expired.map((d) => d.status), ['expired']);
});

t.test('donation ledger, service record, mode timeline and briefing', async (t) => {
  const { views, reader } = memoryViews();
  views.applyBatch(stored(given));
  t.same(donationLedger(reader(), 'haidian').items, [
    { districtId: 'haidian', item: '口罩', unit: '只', pledged: 1000, received: 800, distributed: 300, inStock: 500, valueYuanReceived: 800 },
  ]);
  const record = serviceRecord(reader(), 'v1');
  t.equal(record.totalHours, 3.5);
  t.match(record.services, [{ serviceId: 'x1', place: 's1/东门卡点', kind: 'checkpoint', checkedInAt: '2022-04-10T08:10:00Z', completedAt: '2022-04-10T11:40:00Z', hours: 3.5 }]);
  const timeline = modeTimeline(reader(), 'haidian');
  t.match(timeline, { current: { mode: 'combat', own: 'combat', city: 'normal' }, district: [{ from: 'normal', to: 'combat', reason: '疫情升级' }] });
  const figures = briefingFigures(reader(), 'haidian', { from: '2022-04-10T00:00:00Z', to: '2022-04-11T00:00:00Z' });
  t.match(figures, { volunteers: 1, personTimes: 1, serviceHours: 3.5, pointsStaffed: 1, householdsScreened: 120, suppliesDistributed: 300, donationValueYuan: 800, teams: 1, registeredVolunteers: 3 });
  const text = briefingText(figures, '海淀区');
  t.match(text, /海淀区累计发动志愿者1人次/);
  t.match(text, /下沉1个点位/);
  t.match(text, /入户排查120户/);
});

t.test('no personal data reaches the views', async (t) => {
  const { db, views } = memoryViews();
  views.applyBatch(stored(given));
  const all = JSON.stringify(db.prepare('SELECT * FROM view_rows').all()) + JSON.stringify(db.prepare('SELECT * FROM view_history').all());
  for (const secret of ['Zhang San', '13800000000', 'Li Si', '13900000000', 'Room 1']) t.notOk(all.includes(secret), `no ${secret}`);
});

t.test('a projection is a pure function: the same events give the same rows in memory and in SQLite', async (t) => {
  const memory = new MemoryViews();
  for (const e of stored(given)) memory.project(projections, e);
  const { db, views } = memoryViews();
  views.applyBatch(stored(given));
  const sqlRows = db.prepare('SELECT view, key, doc FROM view_rows ORDER BY view, key').all() as { view: string; key: string; doc: string }[];
  const memRows = [...memory.rows.values()].map((r) => ({ view: r.view, key: r.key, doc: JSON.stringify(r.doc) }))
    .sort((a, b) => (a.view + '\u0000' + a.key < b.view + '\u0000' + b.key ? -1 : 1));
  t.same(sqlRows, memRows);
});

t.test('an event stored in an older schema version is upcast before it is projected', async (t) => {
  const { views, reader } = memoryViews();
  const [signup] = stored([given[1]!]);
  const { skills: _skills, ...v1Data } = signup!.data as { skills: string[] };
  views.applyBatch([{ ...signup!, data: v1Data, metadata: { ...signup!.metadata, schemaVersion: 1 } }]);
  t.equal(districtTotals(reader(), 'haidian', null).registered, 1);
  const future = stored([given[3]!], 10_000n)[0]!;
  t.throws(() => views.applyBatch([{ ...future, metadata: { ...future.metadata, schemaVersion: 99 } }]), /schema version 99/);
  t.equal(views.checkpoint().events, 1, 'an event it cannot read stops the projector instead of being skipped');
});
