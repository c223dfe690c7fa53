import t from 'tap';
import fc from 'fast-check';
import { decideOn } from '@shouwang/domain/testing';
import { DomainError, defaultPlans, modeOrder, type DomainCommand, type DomainEvent } from '../src/index.js';
import { T0, at, postOpened, postTarget, signedUp, trained, type ShiftWindow } from './support/fixtures.js';
import { doubleBookings, hoursViolations, negativeStock, overfills } from './support/checks.js';

/** Applies commands in order, keeping accepted decisions and skipping refusals (as a handler would). */
const run = (history: DomainEvent[], commands: DomainCommand[]): { events: DomainEvent[]; accepted: number } => {
  const events = [...history];
  let accepted = 0;
  for (const c of commands) {
    try {
      events.push(...decideOn(events, c));
      accepted++;
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
    }
  }
  return { events, accepted };
};

const shifts: ShiftWindow[] = [0, 1, 2, 3, 4, 5].map((i) => ({ shiftId: `s${i}`, start: at(i * 90), end: at(i * 90 + 150) }));
const minute = fc.integer({ min: -30, max: 900 });

const volunteerCommand = fc.oneof(
  fc.record({ shift: fc.nat(shifts.length - 1), id: fc.nat(3), mode: fc.constantFrom(...modeOrder) }).map(({ shift, id, mode }): DomainCommand => ({
    type: 'DispatchVolunteer',
    data: {
      dispatchId: `d${id}`,
      volunteerId: 'v1',
      target: postTarget({ postId: `p${shift}`, shift: shifts[shift] }),
      mode,
      plan: defaultPlans[mode],
      respondBy: at(60),
      now: T0,
    },
  })),
  fc
    .record({
      type: fc.constantFrom('AcceptDispatch', 'DeclineDispatch', 'ExpireDispatch', 'CheckIn', 'RecordNoShow', 'CancelDispatch', 'CompleteService'),
      id: fc.nat(3),
      now: minute,
      hours: fc.option(fc.double({ min: 0, max: 12, noNaN: true }), { nil: undefined }),
    })
    .map(({ type, id, now, hours }): DomainCommand => {
      const base = { volunteerId: 'v1', dispatchId: `d${id}`, now: at(now) };
      if (type === 'CancelDispatch') return { type, data: { ...base, reason: 'operator' } };
      if (type === 'CompleteService') return { type, data: { ...base, ...(hours === undefined ? {} : { hours }), outcome: {} } };
      return { type, data: base } as DomainCommand;
    }),
);

/** One dispatch's lifecycle in order, with sensible but sometimes wrong times. */
const lifecycle = (id: number) =>
  fc
    .record({
      shift: fc.nat(shifts.length - 1),
      mode: fc.constantFrom(...modeOrder),
      path: fc.constantFrom('complete', 'complete', 'complete', 'decline', 'expire', 'no_show', 'cancel', 'accept_only'),
      tAnswer: fc.integer({ min: -10, max: 80 }),
      tCheckIn: fc.integer({ min: -70, max: 160 }).map((offset) => ({ offset })),
      tEnd: fc.integer({ min: 0, max: 900 }),
      hours: fc.option(fc.double({ min: 0, max: 10, noNaN: true }), { nil: undefined, freq: 2 }),
    })
    .map(({ shift, mode, path, tAnswer, tCheckIn: { offset }, tEnd, hours }): DomainCommand[] => {
      // Check-in and no-show times are relative to the shift start: around the window, sometimes outside.
      const tCheckIn = shift * 90 + offset;
      const base = { volunteerId: 'v1', dispatchId: `d${id}` };
      const dispatch: DomainCommand = {
        type: 'DispatchVolunteer',
        data: { ...base, target: postTarget({ postId: `p${shift}`, shift: shifts[shift] }), mode, plan: defaultPlans[mode], respondBy: at(60), now: T0 },
      };
      const acceptCmd: DomainCommand = { type: 'AcceptDispatch', data: { ...base, now: at(tAnswer) } };
      switch (path) {
        case 'decline':
          return [dispatch, { type: 'DeclineDispatch', data: { ...base, now: at(tAnswer) } }];
        case 'expire':
          return [dispatch, { type: 'ExpireDispatch', data: { ...base, now: at(tAnswer) } }];
        case 'cancel':
          return [dispatch, { type: 'CancelDispatch', data: { ...base, reason: 'operator', now: at(tAnswer) } }];
        case 'no_show':
          return [dispatch, acceptCmd, { type: 'RecordNoShow', data: { ...base, now: at(tCheckIn) } }];
        case 'accept_only':
          return [dispatch, acceptCmd];
        default:
          return [
            dispatch,
            acceptCmd,
            { type: 'CheckIn', data: { ...base, now: at(tCheckIn) } },
            { type: 'CompleteService', data: { ...base, ...(hours === undefined ? {} : { hours }), now: at(tCheckIn + tEnd), outcome: {} } },
          ];
      }
    });

/** Several lifecycles interleaved in a random order (each keeps its own order). */
const interleavedLifecycles = fc
  .integer({ min: 1, max: 6 })
  .chain((n) => fc.tuple(fc.tuple(...Array.from({ length: n }, (_, i) => lifecycle(i))), fc.array(fc.nat(), { maxLength: 40 })))
  .map(([chains, picks]) => {
    const queues = chains.map((c) => [...c]);
    const out: DomainCommand[] = [];
    for (const pick of picks) {
      const live = queues.filter((q) => q.length > 0);
      if (live.length === 0) break;
      out.push(live[pick % live.length]!.shift()!);
    }
    for (const q of queues) out.push(...q);
    return out;
  });

t.test('random volunteer command sequences never double-book and keep hours consistent with check-in and completion', async (t) => {
  let accepted = 0;
  let completed = 0;
  fc.assert(
    fc.property(fc.oneof(fc.array(volunteerCommand, { minLength: 20, maxLength: 60 }), interleavedLifecycles), (commands) => {
      const result = run([signedUp(), trained()], commands);
      accepted += result.accepted;
      completed += result.events.filter((e) => e.type === 'ServiceCompleted').length;
      return doubleBookings(result.events).length === 0 && hoursViolations(result.events).length === 0;
    }),
    { numRuns: 400 },
  );
  t.ok(accepted > 1000, `the sequences exercised the decider (${accepted} accepted commands)`);
  t.ok(completed > 20, `services were completed (${completed})`);
});

const postCommand = fc.oneof(
  { weight: 5, arbitrary: fc.record({ id: fc.nat(30), shift: fc.constantFrom('am', 'pm', 'mid'), mode: fc.constantFrom(...modeOrder) }).map(
    ({ id, shift, mode }): DomainCommand => ({
      type: 'AssignPostShift',
      data: { postId: 'p1', shiftId: shift, dispatchId: `d${id}`, volunteerId: `v${id}`, mode, plan: defaultPlans.extreme.mode === mode ? defaultPlans.extreme : { ...defaultPlans[mode], activePostKinds: ['checkpoint'] }, now: T0 },
    }),
  ) },
  { weight: 2, arbitrary: fc.record({ id: fc.nat(30) }).map(({ id }): DomainCommand => ({
    type: 'ReleasePostAssignment',
    data: { postId: 'p1', shiftId: 'am', dispatchId: `d${id}`, volunteerId: `v${id}`, reason: 'declined', now: T0 },
  })) },
  { weight: 1, arbitrary: fc.tuple(fc.nat(4), fc.nat(4), fc.nat(6), fc.nat(8)).map(([normal, combat, emergency, extreme]): DomainCommand => ({
    type: 'ChangePostStaffing',
    data: { postId: 'p1', staffing: { normal, combat, emergency, extreme }, now: T0 },
  })) },
);

t.test('random seat commands never overfill a shift under the mode in force', async (t) => {
  let assigned = 0;
  fc.assert(
    fc.property(fc.array(postCommand, { minLength: 20, maxLength: 80 }), (commands) => {
      const result = run([postOpened()], commands);
      assigned += result.events.filter((e) => e.type === 'PostShiftAssigned').length;
      return overfills(result.events).length === 0;
    }),
    { numRuns: 300 },
  );
  t.ok(assigned > 1000, `seats were taken (${assigned})`);
});

const items = [
  { item: '口罩', unit: '只' as const },
  { item: '口罩', unit: '箱' as const },
  { item: '方便面', unit: '件' as const },
  { item: 'cash', unit: '元' as const },
];
const lines = fc.array(
  fc.record({ i: fc.nat(items.length - 1), quantity: fc.oneof(fc.integer({ min: 1, max: 500 }), fc.double({ min: 0.1, max: 50, noNaN: true })) }).map(({ i, quantity }) => ({ ...items[i]!, quantity })),
  { minLength: 1, maxLength: 4 },
);
const donationCommand = fc.oneof(
  lines.map((l): DomainCommand => ({ type: 'ReceiveDonation', data: { donationId: 'g1', districtId: 'hd', donorKind: 'company', lines: l, now: T0 } })),
  lines.map((l): DomainCommand => ({ type: 'DistributeDonation', data: { donationId: 'g1', lines: l, recipient: { kind: 'station', id: 's1' }, now: T0 } })),
);

t.test('random receipts and distributions never drive stock below zero, per item and unit', async (t) => {
  let distributions = 0;
  fc.assert(
    fc.property(fc.array(donationCommand, { minLength: 10, maxLength: 40 }), (commands) => {
      const result = run([], commands);
      distributions += result.events.filter((e) => e.type === 'DonationDistributed').length;
      return negativeStock(result.events).length === 0;
    }),
    { numRuns: 300 },
  );
  t.ok(distributions > 500, `distributions were accepted (${distributions})`);
});

t.test('the independent checks do catch violations', async (t) => {
  const overlapping = [
    { type: 'VolunteerDispatched', data: { districtId: 'hd', volunteerId: 'v1', dispatchId: 'a', homeDistrictId: 'hd', target: postTarget({ shift: shifts[0] }), mode: 'combat', respondBy: at(60), dispatchedAt: T0 } },
    { type: 'VolunteerDispatched', data: { districtId: 'hd', volunteerId: 'v1', dispatchId: 'b', homeDistrictId: 'hd', target: postTarget({ shift: shifts[1] }), mode: 'combat', respondBy: at(60), dispatchedAt: T0 } },
  ] as DomainEvent[];
  t.equal(doubleBookings(overlapping).length, 1);
  const seat = (id: string): DomainEvent => ({ type: 'PostShiftAssigned', data: { districtId: 'hd', postId: 'p1', shiftId: 'am', dispatchId: id, volunteerId: id, mode: 'normal', assignedAt: T0 } });
  t.equal(overfills([postOpened(), seat('a'), seat('b')]).length, 1);
  t.equal(negativeStock([{ type: 'DonationDistributed', data: { districtId: 'hd', donationId: 'g', lines: [{ item: 'x', unit: '只', quantity: 1 }], recipient: { kind: 'residents' }, distributedAt: T0 } }]).length, 1);
  t.equal(hoursViolations([{ type: 'ServiceCompleted', data: { districtId: 'hd', volunteerId: 'v1', dispatchId: 'a', stationId: 's1', checkedInAt: T0, completedAt: at(60), hours: 2, outcome: {} } }]).length, 2);
});
