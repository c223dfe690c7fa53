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

function setRequest(read: ViewLookup, requestId: string, status: RequestDoc['status'] | null): ViewChange[] {
  const r = read<RequestDoc>(V.request, requestId);
  if (!r) return [];
  if (status === null) return [remove(V.request, requestId, r.districtId)];
  return [put(V.request, requestId, r.districtId, { ...r, status }, { t: r.placedAt })];
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
        placedAt: d.placedAt,
      };
      return [put(V.request, d.requestId, d.districtId, doc, { t: d.placedAt })];
    }
    case 'RequestDispatched':
      return setRequest(read, dataOf(event, 'RequestDispatched').requestId, 'dispatched');
    case 'RequestDispatchReleased':
      return setRequest(read, dataOf(event, 'RequestDispatchReleased').requestId, 'open');
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
