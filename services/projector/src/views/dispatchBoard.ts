import { dataOf, put, remove } from '../projection/helpers.js';
import type { Projection, ProjectedEvent, ViewChange, ViewLookup } from '../projection/types.js';
import { viewNames, type DispatchDoc, type DispatchStatus, type RequestDoc } from './docs.js';

const V = viewNames;

function setStatus(read: ViewLookup, dispatchId: string, status: DispatchStatus, at?: string): ViewChange[] {
  const d = read<DispatchDoc>(V.dispatch, dispatchId);
  if (!d) return [];
  const doc: DispatchDoc = { ...d, status, expiredAt: status === 'expired' ? (at ?? null) : d.expiredAt };
  return [put(V.dispatch, dispatchId, d.districtId, doc, { t: d.dispatchedAt, subject: d.volunteerId })];
}

function setRequest(read: ViewLookup, requestId: string, update: Pick<RequestDoc, 'status' | 'dispatchId'> | null): ViewChange[] {
  const r = read<RequestDoc>(V.request, requestId);
  if (!r) return [];
  if (update === null) return [remove(V.request, requestId, r.districtId)];
  return [put(V.request, requestId, r.districtId, { ...r, ...update }, { t: r.placedAt })];
}

function project(event: ProjectedEvent, read: ViewLookup): ViewChange[] {
  switch (event.type) {
    case 'VolunteerDispatched': {
      const d = dataOf(event, 'VolunteerDispatched');
      if (read(V.dispatch, d.dispatchId)) return [];
      const target = d.target;
      const doc: DispatchDoc = {
        dispatchId: d.dispatchId,
        volunteerId: d.volunteerId,
        districtId: d.districtId,
        postId: target.kind === 'post_shift' ? target.postId : null,
        shiftId: target.kind === 'post_shift' ? target.shiftId : null,
        requestId: target.kind === 'request' ? target.requestId : null,
        status: 'awaiting',
        dispatchedAt: d.dispatchedAt,
        expiresAt: d.respondBy,
        expiredAt: null,
      };
      return [put(V.dispatch, d.dispatchId, d.districtId, doc, { t: d.dispatchedAt, subject: d.volunteerId })];
    }
    case 'DispatchAccepted':
      return setStatus(read, dataOf(event, 'DispatchAccepted').dispatchId, 'accepted');
    case 'VolunteerCheckedIn':
      return setStatus(read, dataOf(event, 'VolunteerCheckedIn').dispatchId, 'checked_in');
    case 'DispatchExpired': {
      const d = dataOf(event, 'DispatchExpired');
      return setStatus(read, d.dispatchId, 'expired', d.expiredAt);
    }
    case 'DispatchDeclined':
    case 'DispatchCancelled':
    case 'VolunteerNoShow':
    case 'ServiceCompleted': {
      // the dispatch has ended; the board keeps only live and expired ones
      const d = dataOf(event, 'DispatchDeclined');
      const current = read<DispatchDoc>(V.dispatch, d.dispatchId);
      return current ? [remove(V.dispatch, d.dispatchId, current.districtId)] : [];
    }
    case 'ResidentRequestPlaced': {
      const d = dataOf(event, 'ResidentRequestPlaced');
      if (read(V.request, d.requestId)) return [];
      // the resident's contact never reaches the read side
      const doc: RequestDoc = {
        requestId: d.requestId,
        districtId: d.districtId,
        stationId: d.stationId,
        kind: d.kind,
        status: 'open',
        dispatchId: null,
        placedAt: d.placedAt,
      };
      return [put(V.request, d.requestId, d.districtId, doc, { t: d.placedAt })];
    }
    case 'RequestDispatched': {
      const d = dataOf(event, 'RequestDispatched');
      return setRequest(read, d.requestId, { status: 'dispatched', dispatchId: d.dispatchId });
    }
    case 'RequestDispatchReleased': {
      // only the dispatch holding the request frees it; a release that came first (held: false) changes nothing
      const d = dataOf(event, 'RequestDispatchReleased');
      const r = read<RequestDoc>(V.request, d.requestId);
      if (!r || r.dispatchId !== d.dispatchId) return [];
      return setRequest(read, d.requestId, { status: 'open', dispatchId: null });
    }
    case 'RequestFulfilled':
      return setRequest(read, dataOf(event, 'RequestFulfilled').requestId, null);
    default:
      return [];
  }
}

/** The dispatch board (派单看板): open requests and live or expired dispatches. */
export const dispatchBoardProjection: Projection = {
  name: 'dispatchBoard',
  eventTypes: [
    'VolunteerDispatched',
    'DispatchAccepted',
    'VolunteerCheckedIn',
    'DispatchExpired',
    'DispatchDeclined',
    'DispatchCancelled',
    'VolunteerNoShow',
    'ServiceCompleted',
    'ResidentRequestPlaced',
    'RequestDispatched',
    'RequestDispatchReleased',
    'RequestFulfilled',
  ],
  project,
};
