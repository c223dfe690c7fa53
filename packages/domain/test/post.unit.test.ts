import t from 'tap';
import { given } from '@shouwang/domain/testing';
import { defaultPlans, type ResponseMode } from '../src/index.js';
import { T0, afternoon, at, morning, postOpened, seat } from './support/fixtures.js';

const assign = (dispatchId: string, volunteerId: string, mode: ResponseMode = 'combat', shiftId = 'am') => ({
  type: 'AssignPostShift' as const,
  data: { postId: 'p1', shiftId, dispatchId, volunteerId, mode, plan: defaultPlans[mode], now: T0 },
});
const release = (dispatchId: string, volunteerId: string) => ({
  type: 'ReleasePostAssignment' as const,
  data: { postId: 'p1', shiftId: 'am', dispatchId, volunteerId, reason: 'declined' as const, now: at(5) },
});
const released = (dispatchId: string, volunteerId: string, held: boolean) => ({
  type: 'PostAssignmentReleased' as const,
  data: { districtId: 'hd', postId: 'p1', shiftId: 'am', dispatchId, volunteerId, reason: 'declined' as const, held, releasedAt: at(5) },
});

t.test('open a post with valid shifts, once', async (t) => {
  const open = {
    type: 'OpenPost' as const,
    data: {
      postId: 'p1',
      districtId: 'hd',
      stationId: 's1',
      pointName: '学院路卡点',
      kind: 'checkpoint',
      requiredSkills: ['checkpoint_duty'],
      shifts: [morning, afternoon, { shiftId: 'mid', start: at(240), end: at(420) }],
      staffing: { normal: 1, combat: 2, emergency: 3, extreme: 4 },
      now: T0,
    },
  };
  given([]).when(open).then([postOpened()], t);
  given([postOpened()]).when(open).then('SW_ERR_ALREADY_EXISTS', t);
  given([]).when({ ...open, data: { ...open.data, shifts: [morning, morning] } }).then('SW_ERR_INVALID_SHIFT', t);
  given([]).when({ ...open, data: { ...open.data, shifts: [{ shiftId: 'x', start: at(10), end: at(10) }] } }).then('SW_ERR_INVALID_SHIFT', t);
});

t.test('a post never takes more volunteers for a shift than its staffing under the effective mode', async (t) => {
  t.test('战 takes 2', async (t) => {
    given([postOpened(), seat('d1', 'v1')]).when(assign('d2', 'v2')).then([seat('d2', 'v2')], t);
    given([postOpened(), seat('d1', 'v1'), seat('d2', 'v2')]).when(assign('d3', 'v3')).then('SW_ERR_POST_FULL', t);
  });
  t.test('急 takes 3, 平 takes 1', async (t) => {
    given([postOpened(), seat('d1', 'v1'), seat('d2', 'v2')]).when(assign('d3', 'v3', 'emergency')).then([seat('d3', 'v3', 'am', 'emergency')], t);
    const normalPost = postOpened('p1', { kind: 'publicity' });
    given([normalPost, seat('d1', 'v1')]).when(assign('d2', 'v2', 'normal')).then('SW_ERR_POST_FULL', t);
  });
  t.test('seats are per shift', async (t) => {
    given([postOpened(), seat('d1', 'v1'), seat('d2', 'v2')]).when(assign('d3', 'v3', 'combat', 'pm')).then([seat('d3', 'v3', 'pm')], t);
  });
  t.test('a released seat can be taken again', async (t) => {
    given([postOpened(), seat('d1', 'v1'), seat('d2', 'v2'), released('d1', 'v1', true)]).when(assign('d3', 'v3')).then([seat('d3', 'v3')], t);
  });
  t.test('a lowered staffing figure stops new seats', async (t) => {
    const lowered = { type: 'PostStaffingChanged' as const, data: { districtId: 'hd', postId: 'p1', staffing: { normal: 0, combat: 1, emergency: 1, extreme: 1 }, changedAt: T0 } };
    given([postOpened(), seat('d1', 'v1'), lowered]).when(assign('d2', 'v2')).then('SW_ERR_POST_FULL', t);
  });
});

t.test('the seat step is idempotent and refuses what cannot be seated', async (t) => {
  given([postOpened(), seat('d1', 'v1')]).when(assign('d1', 'v1')).then([], t);
  given([postOpened(), seat('d1', 'v1')]).when(assign('d1', 'v1', 'combat', 'pm')).then('SW_ERR_ALREADY_EXISTS', t);
  given([postOpened(), released('d1', 'v1', false)]).when(assign('d1', 'v1')).then('SW_ERR_DISPATCH_NOT_OPEN', t);
  given([postOpened()]).when(assign('d1', 'v1', 'combat', 'night')).then('SW_ERR_UNKNOWN_SHIFT', t);
  given([postOpened('p1', { kind: 'quarantine_site' })]).when(assign('d1', 'v1', 'combat')).then('SW_ERR_POST_KIND_INACTIVE', t);
  given([]).when(assign('d1', 'v1')).then('SW_ERR_NOT_FOUND', t);
  const closed = { type: 'PostClosed' as const, data: { districtId: 'hd', postId: 'p1', closedAt: T0 } };
  given([postOpened(), closed]).when(assign('d1', 'v1')).then('SW_ERR_POST_CLOSED', t);
  given([postOpened(), seat('d1', 'v1'), closed]).when(assign('d1', 'v1')).then([], t);
});

t.test('release frees a held seat, tombstones one never taken, and is idempotent', async (t) => {
  given([postOpened(), seat('d1', 'v1')]).when(release('d1', 'v1')).then([released('d1', 'v1', true)], t);
  given([postOpened()]).when(release('d1', 'v1')).then([released('d1', 'v1', false)], t);
  given([postOpened(), seat('d1', 'v1'), released('d1', 'v1', true)]).when(release('d1', 'v1')).then([], t);
  given([]).when(release('d1', 'v1')).then('SW_ERR_NOT_FOUND', t);
});

t.test('staffing, shifts and closing need an open post', async (t) => {
  const closed = { type: 'PostClosed' as const, data: { districtId: 'hd', postId: 'p1', closedAt: T0 } };
  const staffing = { normal: 2, combat: 4, emergency: 6, extreme: 8 };
  given([postOpened()]).when({ type: 'ChangePostStaffing', data: { postId: 'p1', staffing, now: T0 } }).then([
    { type: 'PostStaffingChanged', data: { districtId: 'hd', postId: 'p1', staffing, changedAt: T0 } },
  ], t);
  given([postOpened(), closed]).when({ type: 'ChangePostStaffing', data: { postId: 'p1', staffing, now: T0 } }).then('SW_ERR_POST_CLOSED', t);
  const night = { shiftId: 'night', start: at(600), end: at(1000) };
  given([postOpened()]).when({ type: 'AddPostShift', data: { postId: 'p1', shift: night, now: T0 } }).then([
    { type: 'PostShiftAdded', data: { districtId: 'hd', postId: 'p1', shift: night, addedAt: T0 } },
  ], t);
  given([postOpened()]).when({ type: 'AddPostShift', data: { postId: 'p1', shift: morning, now: T0 } }).then('SW_ERR_INVALID_SHIFT', t);
  given([postOpened()]).when({ type: 'ClosePost', data: { postId: 'p1', now: T0 } }).then([closed], t);
  given([postOpened(), closed]).when({ type: 'ClosePost', data: { postId: 'p1', now: T0 } }).then('SW_ERR_POST_CLOSED', t);
});
