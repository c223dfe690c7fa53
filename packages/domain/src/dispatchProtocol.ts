import type { AssignPostShift, ReleasePostAssignment } from './commands/post.js';
import type { AssignRequest, FulfilRequest, ReleaseRequestDispatch } from './commands/request.js';
import type { CancelDispatch, DispatchVolunteer } from './commands/dispatch.js';
import type { DispatchTarget } from './events/dispatchShapes.js';
import type { VolunteerEvent } from './events/index.js';
import type { DispatchRecord, VolunteerState } from './deciders/volunteerState.js';
import type { ModePlan, ResponseMode } from './modes.js';
import { postStream, requestStream } from './streams.js';

// The pure half of the dispatch protocol (docs/dispatch-consistency.md): which command goes to
// which stream at each step. The command handler does the reading, appending and retrying.

/** The stream that holds the target's seat: post-<postId> or request-<requestId>. */
export const targetStream = (target: DispatchTarget): string =>
  target.kind === 'post_shift' ? postStream(target.postId) : requestStream(target.requestId);

/**
 * Command ids of the protocol's own steps, derived from the dispatch id so that a retry, a second
 * handler or the recovery step all produce the same event ids (the store drops repeats).
 */
export const protocolCommandId = (
  step: 'assign' | 'compensate' | 'release' | 'fulfil',
  dispatchId: string,
): string => `dispatch-${step}-${dispatchId}`;

export type TargetCommand = AssignPostShift | AssignRequest;

/** Step 2: the command that takes the seat on the target's stream. */
export const assignmentFor = (d: {
  dispatchId: string;
  volunteerId: string;
  target: DispatchTarget;
  mode: ResponseMode;
  plan: ModePlan;
  now: string;
}): TargetCommand =>
  d.target.kind === 'post_shift'
    ? {
        type: 'AssignPostShift',
        data: {
          postId: d.target.postId,
          shiftId: d.target.shiftId,
          dispatchId: d.dispatchId,
          volunteerId: d.volunteerId,
          mode: d.mode,
          plan: d.plan,
          now: d.now,
        },
      }
    : { type: 'AssignRequest', data: { requestId: d.target.requestId, dispatchId: d.dispatchId, volunteerId: d.volunteerId, now: d.now } };

/** Step 2 from the DispatchVolunteer command itself. */
export const assignmentForCommand = (c: DispatchVolunteer): TargetCommand => assignmentFor(c.data);

/** Step 3 when the target refused: cancel the reservation on the volunteer stream. */
export const compensationFor = (
  d: { volunteerId: string; dispatchId: string; target: DispatchTarget },
  /** The target's refusal: a domain error, or a code of the shell's own (the stream kept changing). */
  refusal: { code: string },
  now: string,
): CancelDispatch => ({
  type: 'CancelDispatch',
  data: {
    volunteerId: d.volunteerId,
    dispatchId: d.dispatchId,
    reason:
      refusal.code === 'SW_ERR_POST_FULL'
        ? 'post_full'
        : refusal.code === 'SW_ERR_POST_CLOSED'
          ? 'post_closed'
          : d.target.kind === 'request'
            ? 'request_unavailable'
            : 'target_refused',
    refusalCode: refusal.code,
    now,
  },
});

const releaseReason = {
  DispatchDeclined: 'declined',
  DispatchExpired: 'expired',
  DispatchCancelled: 'cancelled',
  VolunteerNoShow: 'no_show',
} as const;

export type FollowUpCommand = ReleasePostAssignment | ReleaseRequestDispatch | FulfilRequest;

/**
 * What a volunteer-stream event requires on the target's stream: a release when a dispatch ends
 * without service, a fulfilment when a request's service completes, else nothing.
 * `before` is the volunteer state folded up to (not including) the event.
 */
export const followUpFor = (before: VolunteerState, event: VolunteerEvent, now: string): FollowUpCommand | null => {
  if (event.type === 'ServiceCompleted') {
    const record = before.dispatches[event.data.dispatchId];
    return record?.target.kind === 'request'
      ? { type: 'FulfilRequest', data: { requestId: record.target.requestId, dispatchId: record.dispatchId, now } }
      : null;
  }
  if (
    event.type !== 'DispatchDeclined' &&
    event.type !== 'DispatchExpired' &&
    event.type !== 'DispatchCancelled' &&
    event.type !== 'VolunteerNoShow'
  ) {
    return null;
  }
  const reason = releaseReason[event.type];
  const record = before.dispatches[event.data.dispatchId];
  if (!record) return null;
  return releaseFor(record, event.data.volunteerId, reason, now);
};

/** The release of a dispatch's seat on its target. */
export const releaseFor = (
  record: Pick<DispatchRecord, 'dispatchId' | 'target'>,
  volunteerId: string,
  reason: 'declined' | 'expired' | 'cancelled' | 'no_show',
  now: string,
): ReleasePostAssignment | ReleaseRequestDispatch =>
  record.target.kind === 'post_shift'
    ? {
        type: 'ReleasePostAssignment',
        data: { postId: record.target.postId, shiftId: record.target.shiftId, dispatchId: record.dispatchId, volunteerId, reason, now },
      }
    : { type: 'ReleaseRequestDispatch', data: { requestId: record.target.requestId, dispatchId: record.dispatchId, reason, now } };

/** Dispatches still holding the volunteer's time: the recovery step checks each has its seat. */
export const reservingDispatches = (s: VolunteerState): DispatchRecord[] =>
  Object.values(s.dispatches).filter((d) => d.status === 'offered' || d.status === 'accepted' || d.status === 'checked_in');
