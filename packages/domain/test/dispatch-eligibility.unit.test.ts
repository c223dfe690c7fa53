import t from 'tap';
import { given } from '@shouwang/domain/testing';
import { defaultPlans } from '../src/index.js';
import {
  T0,
  afternoon,
  at,
  dispatchCmd,
  dispatched,
  enlisted,
  midday,
  postTarget,
  ref,
  signedUp,
  trained,
} from './support/fixtures.js';

t.test('only volunteers trained in every required skill are dispatched', async (t) => {
  t.test('accepts a trained volunteer', async (t) => {
    given([signedUp(), trained()]).when(dispatchCmd()).then([dispatched()], t);
  });
  t.test('refuses an untrained one, even with the skill declared at signup', async (t) => {
    given([signedUp('v1', { skills: ['checkpoint_duty'] })]).when(dispatchCmd()).then('SW_ERR_NOT_TRAINED', t);
  });
  t.test('refuses when one of several skills is missing', async (t) => {
    const target = postTarget({ requiredSkills: ['checkpoint_duty', 'first_aid'] });
    given([signedUp(), trained()]).when(dispatchCmd({ target })).then('SW_ERR_NOT_TRAINED', t);
  });
});

t.test('dispatch reach follows the effective mode', async (t) => {
  const publicity = (over: Parameters<typeof postTarget>[0]) => postTarget({ postKind: 'publicity', ...over });
  const history = [signedUp(), trained()];
  t.test('平 normal: own station only', async (t) => {
    given(history).when(dispatchCmd({ mode: 'normal', target: publicity({}) })).then([dispatched({ mode: 'normal', target: publicity({}) })], t);
    given(history).when(dispatchCmd({ mode: 'normal', target: publicity({ stationId: 's2' }) })).then('SW_ERR_OUT_OF_REACH', t);
  });
  t.test('战 combat: own district (就地参战)', async (t) => {
    const other = postTarget({ stationId: 's2' });
    given(history).when(dispatchCmd({ mode: 'combat', target: other })).then([dispatched({ target: other })], t);
    given(history).when(dispatchCmd({ mode: 'combat', target: postTarget({ districtId: 'dx', stationId: 's9' }) })).then('SW_ERR_OUT_OF_REACH', t);
  });
  for (const mode of ['emergency', 'extreme'] as const) {
    t.test(`${mode}: the whole city (全域支援)`, async (t) => {
      const far = postTarget({ districtId: 'dx', stationId: 's9' });
      given(history).when(dispatchCmd({ mode, target: far })).then([dispatched({ mode, target: far })], t);
    });
  }
  t.test('an adopted plan overrides the default reach', async (t) => {
    const far = postTarget({ districtId: 'dx', stationId: 's9' });
    const plan = { ...defaultPlans.combat, reach: 'city' as const };
    given(history).when(dispatchCmd({ mode: 'combat', plan, target: far })).then([dispatched({ target: far })], t);
  });
  t.test('the plan must be the effective mode\'s', async (t) => {
    given(history).when(dispatchCmd({ mode: 'combat', plan: defaultPlans.extreme })).then('SW_ERR_SCOPE_MISMATCH', t);
  });
});

t.test('emergency reserves only in 急 and 极', async (t) => {
  const history = [signedUp(), trained(), enlisted()];
  given(history).when(dispatchCmd({ mode: 'combat' })).then('SW_ERR_RESERVE_DORMANT', t);
  given(history).when(dispatchCmd({ mode: 'normal', target: postTarget({ postKind: 'publicity' }) })).then('SW_ERR_RESERVE_DORMANT', t);
  given(history).when(dispatchCmd({ mode: 'emergency' })).then([dispatched({ mode: 'emergency' })], t);
  given(history).when(dispatchCmd({ mode: 'extreme' })).then([dispatched({ mode: 'extreme' })], t);
  const plan = { ...defaultPlans.combat, reservesActive: true };
  given(history).when(dispatchCmd({ mode: 'combat', plan })).then([dispatched()], t);
});

t.test('agency staff only when the plan allows it (default 极)', async (t) => {
  const history = [signedUp('v1', { agencyId: 'agency-7' }), trained()];
  given(history).when(dispatchCmd({ mode: 'emergency' })).then('SW_ERR_AGENCY_STAFF_INACTIVE', t);
  given(history).when(dispatchCmd({ mode: 'extreme' })).then([dispatched({ mode: 'extreme' })], t);
});

t.test('post kinds follow the plan', async (t) => {
  const history = [signedUp(), trained('v1', ['quarantine_service'])];
  const target = postTarget({ postKind: 'quarantine_site', requiredSkills: ['quarantine_service'] });
  given(history).when(dispatchCmd({ mode: 'combat', target })).then('SW_ERR_POST_KIND_INACTIVE', t);
  given(history).when(dispatchCmd({ mode: 'emergency', target })).then([dispatched({ mode: 'emergency', target })], t);
});

t.test('a volunteer is never dispatched to two overlapping shifts', async (t) => {
  const history = [signedUp(), trained(), dispatched()];
  t.test('refuses an overlapping shift', async (t) => {
    given(history).when(dispatchCmd({ dispatchId: 'd2', target: postTarget({ postId: 'p2', shift: midday }) })).then('SW_ERR_DOUBLE_BOOKED', t);
  });
  t.test('accepts the adjacent shift (half-open intervals)', async (t) => {
    const target = postTarget({ shift: afternoon });
    given(history).when(dispatchCmd({ dispatchId: 'd2', target })).then([dispatched({ dispatchId: 'd2', target })], t);
  });
  t.test('accepts an overlap once the first dispatch was declined', async (t) => {
    const target = postTarget({ postId: 'p2', shift: midday });
    given([...history, { type: 'DispatchDeclined', data: { ...ref(), declinedAt: at(5) } }])
      .when(dispatchCmd({ dispatchId: 'd2', target }))
      .then([dispatched({ dispatchId: 'd2', target })], t);
  });
  t.test('a request window counts as well', async (t) => {
    const target = { kind: 'request', requestId: 'r1', stationId: 's1', districtId: 'hd', requiredSkills: [], start: at(120), end: at(180) };
    given(history).when(dispatchCmd({ dispatchId: 'd2', target })).then('SW_ERR_DOUBLE_BOOKED', t);
  });
});

t.test('a repeated dispatch command is idempotent; a reused id for another target is refused', async (t) => {
  const history = [signedUp(), trained(), dispatched()];
  given(history).when(dispatchCmd()).then([], t);
  given(history).when(dispatchCmd({ target: postTarget({ shift: afternoon }) })).then('SW_ERR_ALREADY_EXISTS', t);
});

t.test('volunteer state gates dispatch', async (t) => {
  given([]).when(dispatchCmd()).then('SW_ERR_NOT_FOUND', t);
  const unavailable = { type: 'VolunteerAvailabilityChanged' as const, data: { districtId: 'hd', volunteerId: 'v1', available: false, changedAt: T0 } };
  given([signedUp(), trained(), unavailable]).when(dispatchCmd()).then('SW_ERR_VOLUNTEER_UNAVAILABLE', t);
  const withdrew = { type: 'VolunteerWithdrew' as const, data: { districtId: 'hd', volunteerId: 'v1', withdrewAt: T0 } };
  given([signedUp(), trained(), withdrew]).when(dispatchCmd()).then('SW_ERR_VOLUNTEER_WITHDRAWN', t);
  given([signedUp(), trained()]).when(dispatchCmd({ now: at(400) })).then('SW_ERR_SHIFT_OVER', t);
  const backwards = postTarget({ shift: { shiftId: 'x', start: at(200), end: at(100) } });
  given([signedUp(), trained()]).when(dispatchCmd({ target: backwards })).then('SW_ERR_INVALID_SHIFT', t);
});
