import t from 'tap';
import {
  DomainError,
  assignmentForCommand,
  compensationFor,
  fold,
  followUpFor,
  protocolCommandId,
  reservingDispatches,
  targetStream,
  volunteerDecider,
  type DispatchVolunteer,
  type VolunteerEvent,
} from '../src/index.js';
import { T0, accepted, at, checkedIn, dispatchCmd, dispatched, ref, signedUp, trained } from './support/fixtures.js';

const requestTarget = { kind: 'request' as const, requestId: 'r1', stationId: 's1', districtId: 'hd', requiredSkills: [], start: at(60), end: at(120) };
const postDispatch = dispatchCmd() as DispatchVolunteer;
const requestDispatch = dispatchCmd({ target: requestTarget }) as DispatchVolunteer;

t.test('step 2 goes to the target stream with the dispatch id and the mode in force', async (t) => {
  t.equal(targetStream(postDispatch.data.target), 'post-p1');
  t.equal(targetStream(requestDispatch.data.target), 'request-r1');
  t.strictSame(assignmentForCommand(postDispatch), {
    type: 'AssignPostShift',
    data: { postId: 'p1', shiftId: 'am', dispatchId: 'd1', volunteerId: 'v1', mode: 'combat', plan: postDispatch.data.plan, now: T0 },
  });
  t.strictSame(assignmentForCommand(requestDispatch), { type: 'AssignRequest', data: { requestId: 'r1', dispatchId: 'd1', volunteerId: 'v1', now: T0 } });
});

t.test('step 3 names the refusal', async (t) => {
  const cancel = (error: string, d = postDispatch) => compensationFor(d.data, new DomainError(error as never), at(1)).data;
  t.equal(cancel('SW_ERR_POST_FULL').reason, 'post_full');
  t.equal(cancel('SW_ERR_POST_CLOSED').reason, 'post_closed');
  t.equal(cancel('SW_ERR_POST_KIND_INACTIVE').reason, 'target_refused');
  t.equal(cancel('SW_ERR_REQUEST_ALREADY_DISPATCHED', requestDispatch).reason, 'request_unavailable');
  t.strictSame(cancel('SW_ERR_POST_FULL'), { volunteerId: 'v1', dispatchId: 'd1', reason: 'post_full', refusalCode: 'SW_ERR_POST_FULL', now: at(1) });
});

t.test('follow-ups: endings release the seat, a request completion fulfils, the rest need nothing', async (t) => {
  const history = [signedUp(), trained(), dispatched()] as VolunteerEvent[];
  const before = fold(volunteerDecider, history);
  t.strictSame(followUpFor(before, { type: 'DispatchDeclined', data: { ...ref(), declinedAt: at(2) } }, at(2)), {
    type: 'ReleasePostAssignment',
    data: { postId: 'p1', shiftId: 'am', dispatchId: 'd1', volunteerId: 'v1', reason: 'declined', now: at(2) },
  });
  t.match(followUpFor(before, { type: 'VolunteerNoShow', data: { ...ref(), recordedAt: at(70) } }, at(70)), { type: 'ReleasePostAssignment', data: { reason: 'no_show' } });
  t.equal(followUpFor(before, accepted() as VolunteerEvent, at(2)), null);
  const onRequest = fold(volunteerDecider, [signedUp(), trained(), dispatched({ target: requestTarget })] as VolunteerEvent[]);
  const completed: VolunteerEvent = {
    type: 'ServiceCompleted',
    data: { ...ref(), stationId: 's1', requestId: 'r1', checkedInAt: at(55), completedAt: at(100), hours: 0.75, outcome: {} },
  };
  t.strictSame(followUpFor(onRequest, completed, at(100)), { type: 'FulfilRequest', data: { requestId: 'r1', dispatchId: 'd1', now: at(100) } });
  t.strictSame(followUpFor(onRequest, { type: 'DispatchExpired', data: { ...ref(), expiredAt: at(31) } }, at(31)), {
    type: 'ReleaseRequestDispatch',
    data: { requestId: 'r1', dispatchId: 'd1', reason: 'expired', now: at(31) },
  });
  t.equal(followUpFor(before, { ...completed, data: { ...completed.data, requestId: undefined, postId: 'p1' } } as VolunteerEvent, at(100)), null);
});

t.test('protocol command ids are deterministic per dispatch and step', async (t) => {
  t.equal(protocolCommandId('assign', 'd1'), protocolCommandId('assign', 'd1'));
  t.not(protocolCommandId('assign', 'd1'), protocolCommandId('compensate', 'd1'));
  t.not(protocolCommandId('assign', 'd1'), protocolCommandId('assign', 'd2'));
});

t.test('reservingDispatches lists what holds the volunteer\'s time', async (t) => {
  const state = fold(volunteerDecider, [signedUp(), trained(), dispatched(), accepted(), checkedIn(), dispatched({ dispatchId: 'd2' }), { type: 'DispatchDeclined', data: { ...ref('d2'), declinedAt: at(1) } }] as VolunteerEvent[]);
  t.strictSame(reservingDispatches(state).map((d) => [d.dispatchId, d.status]), [['d1', 'checked_in']]);
});
