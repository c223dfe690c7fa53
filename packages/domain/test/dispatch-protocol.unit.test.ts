import t from 'tap';
import fc from 'fast-check';
import {
  defaultPlans,
  fold,
  modeOrder,
  postDecider,
  postStream,
  volunteerDecider,
  volunteerStream,
  type DispatchVolunteer,
  type DomainEvent,
  type PostEvent,
  type ResponseMode,
  type VolunteerCommand,
  type VolunteerEvent,
} from '../src/index.js';
import { T0, at, postOpened, postTarget, signedUp, trained, type ShiftWindow } from './support/fixtures.js';
import { doubleBookings, overfills } from './support/checks.js';
import { MemoryStore, dispatchHandler, recover, runToEnd, schedule, volunteerCommand, type Step } from './support/protocolSim.js';

// Posts p0, p1 with shifts am/pm/mid and small staffing; volunteers v0..v4, all trained, all hd.
const shifts: ShiftWindow[] = [
  { shiftId: 'am', start: at(60), end: at(300) },
  { shiftId: 'pm', start: at(300), end: at(540) },
  { shiftId: 'mid', start: at(240), end: at(420) },
];
const staffing = { normal: 1, combat: 1, emergency: 2, extreme: 3 };

const seed = (store: MemoryStore): void => {
  for (const p of ['p0', 'p1']) {
    const opened = postOpened(p, { staffing }) as Extract<DomainEvent, { type: 'PostOpened' }>;
    store.append(postStream(p), 0, [{ ...opened, data: { ...opened.data, shifts } }]);
  }
  for (let v = 0; v < 5; v++) store.append(volunteerStream(`v${v}`), 0, [signedUp(`v${v}`), trained(`v${v}`)]);
};

type Action =
  | { kind: 'dispatch'; volunteer: number; post: number; shift: number; mode: ResponseMode }
  | { kind: 'answer'; volunteer: number; dispatch: number; answer: 'AcceptDispatch' | 'DeclineDispatch' | 'CancelDispatch' | 'WithdrawVolunteer' };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('dispatch' as const), volunteer: fc.nat(4), post: fc.nat(1), shift: fc.nat(2), mode: fc.constantFrom(...modeOrder.slice(1)) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('answer' as const),
      volunteer: fc.nat(4),
      dispatch: fc.nat(15),
      answer: fc.constantFrom('AcceptDispatch' as const, 'DeclineDispatch' as const, 'CancelDispatch' as const, 'WithdrawVolunteer' as const),
    }),
  },
);

const processFor = (store: MemoryStore, actions: readonly Action[], index: number): Step => {
  const a = actions[index]!;
  if (a.kind === 'dispatch') {
    const command: DispatchVolunteer = {
      type: 'DispatchVolunteer',
      data: {
        dispatchId: `d${index}`,
        volunteerId: `v${a.volunteer}`,
        target: postTarget({ postId: `p${a.post}`, shift: shifts[a.shift] }),
        mode: a.mode,
        plan: defaultPlans[a.mode],
        respondBy: at(30),
        now: T0,
      },
    };
    return dispatchHandler(store, command);
  }
  // Answers mostly address a dispatch of this run, by its own volunteer.
  const target = a.dispatch % (index + 1);
  const addressed = actions[target]!;
  const volunteer = addressed.kind === 'dispatch' && a.dispatch < 12 ? addressed.volunteer : a.volunteer;
  const base = { volunteerId: `v${volunteer}`, dispatchId: `d${target}`, now: at(5) };
  const command: VolunteerCommand =
    a.answer === 'CancelDispatch'
      ? { type: 'CancelDispatch', data: { ...base, reason: 'operator' } }
      : a.answer === 'WithdrawVolunteer'
        ? { type: 'WithdrawVolunteer', data: { volunteerId: base.volunteerId, now: base.now } }
        : { type: a.answer, data: base };
  return volunteerCommand(store, command, base.now);
};

/** After recovery: every open or served dispatch holds its seat, and no seat is held by anything else. */
const seatMismatches = (store: MemoryStore): string[] => {
  const out: string[] = [];
  const seats = new Map<string, string>();
  for (const p of ['p0', 'p1']) {
    const state = fold(postDecider, store.read(postStream(p)) as PostEvent[]);
    for (const id of Object.keys(state.seats)) seats.set(id, p);
  }
  for (let v = 0; v < 5; v++) {
    const state = fold(volunteerDecider, store.read(volunteerStream(`v${v}`)) as VolunteerEvent[]);
    for (const d of Object.values(state.dispatches)) {
      const holds = ['offered', 'accepted', 'checked_in', 'completed'].includes(d.status);
      if (holds && !seats.has(d.dispatchId)) out.push(`${d.dispatchId} (${d.status}) has no seat`);
      if (!holds && seats.has(d.dispatchId)) out.push(`${d.dispatchId} (${d.status}) still holds a seat`);
      seats.delete(d.dispatchId);
    }
  }
  for (const id of seats.keys()) out.push(`seat of ${id} belongs to no dispatch`);
  return out;
};

const allViolations = (store: MemoryStore): string[] => [
  ...[...store.streams].filter(([s]) => s.startsWith('volunteer-')).flatMap(([, events]) => doubleBookings(events)),
  ...[...store.streams].filter(([s]) => s.startsWith('post-')).flatMap(([, events]) => overfills(events)),
];

t.test('concurrent dispatches, answers and crashes never overfill or double-book; recovery leaves every seat matched', async (t) => {
  let seated = 0;
  let compensated = 0;
  let killed = 0;
  fc.assert(
    fc.property(
      // Rounds run one after another, so later answers and dispatches meet earlier ones.
      fc.array(fc.array(action, { minLength: 2, maxLength: 8 }), { minLength: 1, maxLength: 3 }),
      fc.array(fc.nat(), { minLength: 1, maxLength: 200 }),
      fc.array(fc.boolean(), { maxLength: 200 }).map((ks) => ks.map((k, i) => k && i % 7 === 0)),
      (rounds, picks, kills) => {
        const store = new MemoryStore();
        seed(store);
        const actions = rounds.flat();
        let offset = 0;
        let killedHere = 0;
        for (const round of rounds) {
          const first = offset;
          killedHere += schedule(round.map((_, i) => processFor(store, actions, first + i)), picks, kills).killed;
          offset += round.length;
        }
        killed += killedHere;
        const during = allViolations(store);
        // Without crashes the inline protocol alone must leave every seat matched.
        if (killedHere === 0 && seatMismatches(store).length > 0) return false;
        runToEnd(recover(store, () => ({ mode: 'extreme', plan: defaultPlans.extreme }), at(6)));
        seated += [...store.streams.values()].flat().filter((e) => e.type === 'PostShiftAssigned').length;
        compensated += [...store.streams.values()].flat().filter((e) => e.type === 'DispatchCancelled' && e.data.reason === 'post_full').length;
        return during.length === 0 && allViolations(store).length === 0 && seatMismatches(store).length === 0;
      },
    ),
    { numRuns: 300 },
  );
  t.ok(seated > 300, `seats were taken (${seated})`);
  t.ok(compensated > 10, `full posts were compensated (${compensated})`);
  t.ok(killed > 10, `handlers were killed mid-way (${killed})`);
});

t.test('two handlers racing for the last seat: one is seated, the other is compensated', async (t) => {
  const store = new MemoryStore();
  seed(store);
  const dispatch = (volunteer: string, id: string): DispatchVolunteer => ({
    type: 'DispatchVolunteer',
    data: { dispatchId: id, volunteerId: volunteer, target: postTarget({ postId: 'p0', shift: shifts[0] }), mode: 'combat', plan: defaultPlans.combat, respondBy: at(30), now: T0 },
  });
  // Alternate strictly, so both read the post at the same revision before either appends.
  schedule([dispatchHandler(store, dispatch('v0', 'a')), dispatchHandler(store, dispatch('v1', 'b'))], [0, 1], []);
  const post = store.read(postStream('p0'));
  t.strictSame(post.filter((e) => e.type === 'PostShiftAssigned').length, 1, 'one seat taken (combat staffing is 1)');
  const loser = post.some((e) => e.type === 'PostShiftAssigned' && e.data.dispatchId === 'a') ? 'v1' : 'v0';
  const loserEvents = store.read(volunteerStream(loser)).map((e) => e.type);
  t.strictSame(loserEvents.slice(-2), ['VolunteerDispatched', 'DispatchCancelled']);
  t.strictSame(seatMismatches(store), []);
});

t.test('a crash between reserve and seat is repaired by recovery', async (t) => {
  const store = new MemoryStore();
  seed(store);
  const command: DispatchVolunteer = {
    type: 'DispatchVolunteer',
    data: { dispatchId: 'x', volunteerId: 'v0', target: postTarget({ postId: 'p1', shift: shifts[1] }), mode: 'combat', plan: defaultPlans.combat, respondBy: at(30), now: T0 },
  };
  const handler = dispatchHandler(store, command);
  handler.next(); // step 1 read and decided
  handler.next(); // step 1 appended, step 2 read and decided: crash here
  t.strictSame(seatMismatches(store), ['x (offered) has no seat']);
  runToEnd(recover(store, () => ({ mode: 'combat', plan: defaultPlans.combat }), at(6)));
  t.strictSame(seatMismatches(store), []);
  runToEnd(recover(store, () => ({ mode: 'combat', plan: defaultPlans.combat }), at(7)));
  t.equal(store.read(postStream('p1')).length, 2, 'running recovery again writes nothing');
});
