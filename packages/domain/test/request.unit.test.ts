import t from 'tap';
import { given } from '@shouwang/domain/testing';
import type { DomainEvent } from '../src/index.js';
import { T0, at } from './support/fixtures.js';

const contact = { name: 'Li Na', phone: '13900139000', address: '学院路 12 号 3-402' };
const placed: DomainEvent = {
  type: 'ResidentRequestPlaced',
  data: {
    districtId: 'hd',
    requestId: 'r1',
    stationId: 's1',
    kind: 'medicine_purchase',
    beneficiary: 'elderly_living_alone',
    requiredSkills: [],
    contact,
    placedAt: T0,
  },
};
const ref = { districtId: 'hd', requestId: 'r1' };
const dispatchedTo = (dispatchId: string, volunteerId = 'v1'): DomainEvent => ({
  type: 'RequestDispatched',
  data: { ...ref, dispatchId, volunteerId, dispatchedAt: T0 },
});
const fulfilled: DomainEvent = { type: 'RequestFulfilled', data: { ...ref, dispatchId: 'd1', volunteerId: 'v1', fulfilledAt: at(90) } };
const cmd = <T extends string>(type: T, data: Record<string, unknown>) => ({ type, data: { requestId: 'r1', now: T0, ...data } });

t.test('点单: a resident places a request once', async (t) => {
  const place = cmd('PlaceResidentRequest', { districtId: 'hd', stationId: 's1', kind: 'medicine_purchase', beneficiary: 'elderly_living_alone', contact });
  given([]).when(place).then([placed], t);
  given([placed]).when(place).then('SW_ERR_ALREADY_EXISTS', t);
});

t.test('派单: one dispatch holds the request at a time', async (t) => {
  given([placed]).when(cmd('AssignRequest', { dispatchId: 'd1', volunteerId: 'v1' })).then([dispatchedTo('d1')], t);
  given([placed, dispatchedTo('d1')]).when(cmd('AssignRequest', { dispatchId: 'd1', volunteerId: 'v1' })).then([], t);
  given([placed, dispatchedTo('d1')]).when(cmd('AssignRequest', { dispatchId: 'd2', volunteerId: 'v2' })).then('SW_ERR_REQUEST_ALREADY_DISPATCHED', t);
  given([placed, dispatchedTo('d1'), fulfilled]).when(cmd('AssignRequest', { dispatchId: 'd2', volunteerId: 'v2' })).then('SW_ERR_REQUEST_CLOSED', t);
  given([]).when(cmd('AssignRequest', { dispatchId: 'd1', volunteerId: 'v1' })).then('SW_ERR_NOT_FOUND', t);
});

t.test('a released dispatch frees the request for another, and can never hold it again', async (t) => {
  const releasedD1 = (held: boolean): DomainEvent => ({
    type: 'RequestDispatchReleased',
    data: { ...ref, dispatchId: 'd1', reason: 'declined', held, releasedAt: T0 },
  });
  given([placed, dispatchedTo('d1')]).when(cmd('ReleaseRequestDispatch', { dispatchId: 'd1', reason: 'declined' })).then([releasedD1(true)], t);
  given([placed]).when(cmd('ReleaseRequestDispatch', { dispatchId: 'd1', reason: 'declined' })).then([releasedD1(false)], t);
  given([placed, dispatchedTo('d1'), releasedD1(true)]).when(cmd('ReleaseRequestDispatch', { dispatchId: 'd1', reason: 'declined' })).then([], t);
  given([placed, dispatchedTo('d1'), releasedD1(true)]).when(cmd('AssignRequest', { dispatchId: 'd2', volunteerId: 'v2' })).then([dispatchedTo('d2', 'v2')], t);
  given([placed, releasedD1(false)]).when(cmd('AssignRequest', { dispatchId: 'd1', volunteerId: 'v1' })).then('SW_ERR_DISPATCH_NOT_OPEN', t);
});

t.test('fulfilled by its current dispatch only', async (t) => {
  given([placed, dispatchedTo('d1')]).when(cmd('FulfilRequest', { dispatchId: 'd1', now: at(90) })).then([fulfilled], t);
  given([placed]).when(cmd('FulfilRequest', { dispatchId: 'd1' })).then('SW_ERR_NOT_DISPATCHED', t);
  given([placed, dispatchedTo('d1'), fulfilled]).when(cmd('FulfilRequest', { dispatchId: 'd1' })).then([], t);
});

t.test('评单: rated 1-5 only after fulfilment, once', async (t) => {
  const rated: DomainEvent = { type: 'RequestRated', data: { ...ref, rating: 5, comment: '很及时', ratedAt: T0 } };
  given([placed, dispatchedTo('d1'), fulfilled]).when(cmd('RateRequest', { rating: 5, comment: '很及时' })).then([rated], t);
  given([placed, dispatchedTo('d1')]).when(cmd('RateRequest', { rating: 5 })).then('SW_ERR_NOT_FULFILLED', t);
  given([placed, dispatchedTo('d1'), fulfilled, rated]).when(cmd('RateRequest', { rating: 4 })).then('SW_ERR_ALREADY_RATED', t);
  t.throws(() => given([placed, dispatchedTo('d1'), fulfilled]).when(cmd('RateRequest', { rating: 6 })), 'a rating of 6 is bad input');
});
