import t from 'tap';
import { given } from '@shouwang/domain/testing';
import { accepted, at, checkedIn, dispatched, morning, ref, signedUp, trained } from './support/fixtures.js';

const offered = [signedUp(), trained(), dispatched()];
const acceptedHistory = [...offered, accepted()];
const inService = [...acceptedHistory, checkedIn()];
const cmd = <T extends string>(type: T, now: string, extra: Record<string, unknown> = {}) => ({
  type,
  data: { volunteerId: 'v1', dispatchId: 'd1', now, ...extra },
});

t.test('accept (接单) while offered and in time', async (t) => {
  given(offered).when(cmd('AcceptDispatch', at(10))).then([accepted()], t);
  given(offered).when(cmd('AcceptDispatch', at(31))).then('SW_ERR_DISPATCH_EXPIRED', t);
  given(inService).when(cmd('AcceptDispatch', at(60))).then('SW_ERR_DISPATCH_NOT_OPEN', t);
  given(offered).when({ type: 'AcceptDispatch', data: { volunteerId: 'v1', dispatchId: 'nope', now: at(1) } }).then('SW_ERR_DISPATCH_NOT_FOUND', t);
});

t.test('decline frees the time; not after check-in', async (t) => {
  given(offered).when(cmd('DeclineDispatch', at(5), { reason: 'sick' })).then([
    { type: 'DispatchDeclined', data: { ...ref(), reason: 'sick', declinedAt: at(5) } },
  ], t);
  given(inService).when(cmd('DeclineDispatch', at(70))).then('SW_ERR_DISPATCH_NOT_OPEN', t);
});

t.test('expire only after respondBy and only when unanswered', async (t) => {
  given(offered).when(cmd('ExpireDispatch', at(31))).then([{ type: 'DispatchExpired', data: { ...ref(), expiredAt: at(31) } }], t);
  given(offered).when(cmd('ExpireDispatch', at(30))).then('SW_ERR_NOT_YET_DUE', t);
  given(acceptedHistory).when(cmd('ExpireDispatch', at(31))).then('SW_ERR_DISPATCH_NOT_OPEN', t);
});

t.test('check-in needs an accepted dispatch and opens an hour before the start', async (t) => {
  given(acceptedHistory).when(cmd('CheckIn', at(55))).then([checkedIn()], t);
  given(offered).when(cmd('CheckIn', at(55))).then('SW_ERR_NOT_ACCEPTED', t);
  given(acceptedHistory).when(cmd('CheckIn', at(-1))).then('SW_ERR_NOT_YET_DUE', t);
  given(acceptedHistory).when(cmd('CheckIn', morning.end)).then('SW_ERR_SHIFT_OVER', t);
});

t.test('service completion only after check-in, hours within check-in..completion', async (t) => {
  const completed = (hours: number, completedAt: string) => ({
    type: 'ServiceCompleted' as const,
    data: {
      ...ref(),
      stationId: 's1',
      postId: 'p1',
      checkedInAt: at(55),
      completedAt,
      hours,
      outcome: { householdsScreened: 40 },
    },
  });
  t.test('default hours: time since check-in, down to the quarter hour', async (t) => {
    given(inService).when(cmd('CompleteService', at(55 + 250), { outcome: { householdsScreened: 40 } })).then([completed(4, at(305))], t);
  });
  t.test('stated hours within the elapsed time', async (t) => {
    given(inService).when(cmd('CompleteService', at(295), { hours: 3.5, outcome: { householdsScreened: 40 } })).then([completed(3.5, at(295))], t);
  });
  t.test('stated hours beyond the elapsed time are refused', async (t) => {
    given(inService).when(cmd('CompleteService', at(115), { hours: 2 })).then('SW_ERR_HOURS_INCONSISTENT', t);
  });
  t.test('completion before check-in time is refused', async (t) => {
    given(inService).when(cmd('CompleteService', at(50), { hours: 0 })).then('SW_ERR_HOURS_INCONSISTENT', t);
  });
  t.test('without check-in it is refused', async (t) => {
    given(acceptedHistory).when(cmd('CompleteService', at(200))).then('SW_ERR_NOT_CHECKED_IN', t);
    given(offered).when(cmd('CompleteService', at(200))).then('SW_ERR_NOT_CHECKED_IN', t);
  });
  t.test('twice is refused', async (t) => {
    given([...inService, completed(4, at(305))]).when(cmd('CompleteService', at(310))).then('SW_ERR_DISPATCH_NOT_OPEN', t);
  });
});

t.test('no-show: accepted, not checked in, after the start', async (t) => {
  given(acceptedHistory).when(cmd('RecordNoShow', at(61))).then([{ type: 'VolunteerNoShow', data: { ...ref(), recordedAt: at(61) } }], t);
  given(inService).when(cmd('RecordNoShow', at(61))).then('SW_ERR_ALREADY_CHECKED_IN', t);
  given(acceptedHistory).when(cmd('RecordNoShow', at(59))).then('SW_ERR_NOT_YET_DUE', t);
});

t.test('cancel: open dispatches; repeated or after an answer it writes nothing', async (t) => {
  const cancelled = { type: 'DispatchCancelled' as const, data: { ...ref(), reason: 'post_full' as const, refusalCode: 'SW_ERR_POST_FULL', cancelledAt: at(1) } };
  given(offered).when(cmd('CancelDispatch', at(1), { reason: 'post_full', refusalCode: 'SW_ERR_POST_FULL' })).then([cancelled], t);
  given([...offered, cancelled]).when(cmd('CancelDispatch', at(2), { reason: 'post_full' })).then([], t);
  given([...offered, { type: 'DispatchDeclined', data: { ...ref(), declinedAt: at(1) } }]).when(cmd('CancelDispatch', at(2), { reason: 'operator' })).then([], t);
  given(inService).when(cmd('CancelDispatch', at(60), { reason: 'operator' })).then('SW_ERR_ALREADY_CHECKED_IN', t);
});

t.test('withdrawal cancels open dispatches in the same decision; not while serving', async (t) => {
  given(acceptedHistory).when({ type: 'WithdrawVolunteer', data: { volunteerId: 'v1', now: at(20) } }).then([
    { type: 'DispatchCancelled', data: { ...ref(), reason: 'volunteer_withdrew', cancelledAt: at(20) } },
    { type: 'VolunteerWithdrew', data: { districtId: 'hd', volunteerId: 'v1', withdrewAt: at(20) } },
  ], t);
  given(inService).when({ type: 'WithdrawVolunteer', data: { volunteerId: 'v1', now: at(70) } }).then('SW_ERR_ALREADY_CHECKED_IN', t);
});
