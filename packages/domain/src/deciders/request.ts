import type { RequestCommand } from '../commands/index.js';
import type { RequestEvent } from '../events/index.js';
import { refuse } from '../errors.js';
import { assertNever, type Decider } from '../decider.js';
import { requireSameId } from './guards.js';

export type RequestState = {
  request: { requestId: string; districtId: string; stationId: string; requiredSkills: string[] } | null;
  /** The dispatch serving it now (派单 done, not released). */
  dispatch: { dispatchId: string; volunteerId: string } | null;
  fulfilledBy: string | null;
  rating: number | null;
  /** Dispatch ids released here: they can never hold the request again. */
  released: Record<string, true>;
};

export const initialRequestState: RequestState = { request: null, dispatch: null, fulfilledBy: null, rating: null, released: {} };

const decide = (c: RequestCommand, s: RequestState): RequestEvent[] => {
  if (c.type === 'PlaceResidentRequest') {
    if (s.request) refuse('SW_ERR_ALREADY_EXISTS', 'the request was placed already');
    const d = c.data;
    return [
      {
        type: 'ResidentRequestPlaced',
        data: {
          districtId: d.districtId,
          requestId: d.requestId,
          stationId: d.stationId,
          kind: d.kind,
          beneficiary: d.beneficiary,
          requiredSkills: d.requiredSkills,
          ...(d.details === undefined ? {} : { details: d.details }),
          contact: d.contact,
          placedAt: d.now,
        },
      },
    ];
  }
  const r = s.request ?? refuse('SW_ERR_NOT_FOUND', 'no such request');
  requireSameId(r.requestId, c.data.requestId, 'request');
  const ref = { districtId: r.districtId, requestId: r.requestId };
  switch (c.type) {
    case 'AssignRequest':
      if (s.dispatch?.dispatchId === c.data.dispatchId) return [];
      if (s.fulfilledBy !== null) refuse('SW_ERR_REQUEST_CLOSED');
      if (s.released[c.data.dispatchId]) refuse('SW_ERR_DISPATCH_NOT_OPEN', 'this dispatch was released already');
      if (s.dispatch) refuse('SW_ERR_REQUEST_ALREADY_DISPATCHED');
      return [
        {
          type: 'RequestDispatched',
          data: { ...ref, dispatchId: c.data.dispatchId, volunteerId: c.data.volunteerId, dispatchedAt: c.data.now },
        },
      ];
    case 'ReleaseRequestDispatch':
      if (s.released[c.data.dispatchId] || s.fulfilledBy !== null) return [];
      // Released even when not held yet, so a late step 2 for an ended dispatch is refused.
      return [
        {
          type: 'RequestDispatchReleased',
          data: {
            ...ref,
            dispatchId: c.data.dispatchId,
            reason: c.data.reason,
            held: s.dispatch?.dispatchId === c.data.dispatchId,
            releasedAt: c.data.now,
          },
        },
      ];
    case 'FulfilRequest': {
      if (s.fulfilledBy === c.data.dispatchId) return [];
      if (s.fulfilledBy !== null) refuse('SW_ERR_REQUEST_CLOSED');
      const holder = s.dispatch?.dispatchId === c.data.dispatchId ? s.dispatch : refuse('SW_ERR_NOT_DISPATCHED');
      return [
        {
          type: 'RequestFulfilled',
          data: { ...ref, dispatchId: holder.dispatchId, volunteerId: holder.volunteerId, fulfilledAt: c.data.now },
        },
      ];
    }
    case 'RateRequest':
      if (s.fulfilledBy === null) refuse('SW_ERR_NOT_FULFILLED');
      if (s.rating !== null) refuse('SW_ERR_ALREADY_RATED');
      return [
        {
          type: 'RequestRated',
          data: { ...ref, rating: c.data.rating, ...(c.data.comment === undefined ? {} : { comment: c.data.comment }), ratedAt: c.data.now },
        },
      ];
    default:
      return assertNever(c);
  }
};

const evolve = (s: RequestState, e: RequestEvent): RequestState => {
  switch (e.type) {
    case 'ResidentRequestPlaced':
      return {
        ...s,
        request: { requestId: e.data.requestId, districtId: e.data.districtId, stationId: e.data.stationId, requiredSkills: e.data.requiredSkills },
      };
    case 'RequestDispatched':
      return { ...s, dispatch: { dispatchId: e.data.dispatchId, volunteerId: e.data.volunteerId } };
    case 'RequestDispatchReleased':
      return {
        ...s,
        dispatch: s.dispatch?.dispatchId === e.data.dispatchId ? null : s.dispatch,
        released: { ...s.released, [e.data.dispatchId]: true },
      };
    case 'RequestFulfilled':
      return { ...s, fulfilledBy: e.data.dispatchId };
    case 'RequestRated':
      return { ...s, rating: e.data.rating };
    default:
      return assertNever(e);
  }
};

/** request-<id>: 点单 → 派单 → (接单 on the volunteer stream) → fulfilled → 评单. */
export const requestDecider: Decider<RequestCommand, RequestEvent, RequestState> = {
  decide,
  evolve,
  initialState: initialRequestState,
};
