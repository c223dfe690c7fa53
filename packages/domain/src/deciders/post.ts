import type { PostCommand } from '../commands/index.js';
import type { PostEvent, Shift } from '../events/index.js';
import type { PostKind } from '../postKinds.js';
import type { ResponseMode, Staffing } from '../modes.js';
import { refuse } from '../errors.js';
import { assertNever, type Decider } from '../decider.js';
import { requireSameId, requireValidWindow } from './guards.js';

export type Seat = { shiftId: string; volunteerId: string };

export type PostFacts = {
  postId: string;
  districtId: string;
  stationId: string;
  kind: PostKind;
  requiredSkills: string[];
  shifts: Record<string, Shift>;
  staffing: Staffing;
  closed: boolean;
};

export type PostState = {
  post: PostFacts | null;
  /** Seats held now, by dispatch id. */
  seats: Record<string, Seat>;
  /** Dispatch ids whose seat was released: a dispatch id takes a seat at most once. */
  released: Record<string, true>;
};

export const initialPostState: PostState = { post: null, seats: {}, released: {} };

/** Seats taken on a shift. */
export const seatsTaken = (s: PostState, shiftId: string): number =>
  Object.values(s.seats).filter((seat) => seat.shiftId === shiftId).length;

/** Seats still open on a shift under a mode (never negative: lowering staffing keeps the seats taken). */
export const openSeats = (s: PostState, shiftId: string, mode: ResponseMode): number =>
  s.post ? Math.max(0, s.post.staffing[mode] - seatsTaken(s, shiftId)) : 0;

const requireValidShifts = (shifts: readonly Shift[]): void => {
  const ids = new Set<string>();
  for (const shift of shifts) {
    requireValidWindow(shift);
    if (ids.has(shift.shiftId)) refuse('SW_ERR_INVALID_SHIFT', `shift id ${shift.shiftId} is repeated`);
    ids.add(shift.shiftId);
  }
};

const openPost = (s: PostState, postId: string): PostFacts => {
  const p = s.post ?? refuse('SW_ERR_NOT_FOUND', 'no such post');
  requireSameId(p.postId, postId, 'post');
  if (p.closed) refuse('SW_ERR_POST_CLOSED');
  return p;
};

const decide = (c: PostCommand, s: PostState): PostEvent[] => {
  if (c.type === 'OpenPost') {
    if (s.post) refuse('SW_ERR_ALREADY_EXISTS', 'the post is open already');
    const d = c.data;
    requireValidShifts(d.shifts);
    return [
      {
        type: 'PostOpened',
        data: {
          districtId: d.districtId,
          postId: d.postId,
          stationId: d.stationId,
          pointName: d.pointName,
          kind: d.kind,
          requiredSkills: d.requiredSkills,
          shifts: d.shifts,
          staffing: d.staffing,
          openedAt: d.now,
        },
      },
    ];
  }
  if (c.type === 'ReleasePostAssignment') {
    const p = s.post ?? refuse('SW_ERR_NOT_FOUND', 'no such post');
    requireSameId(p.postId, c.data.postId, 'post');
    if (s.released[c.data.dispatchId]) return [];
    const seat = s.seats[c.data.dispatchId];
    // Released even when no seat is held yet, so a late step 2 for an ended dispatch is refused.
    return [
      {
        type: 'PostAssignmentReleased',
        data: {
          districtId: p.districtId,
          postId: p.postId,
          shiftId: seat?.shiftId ?? c.data.shiftId,
          dispatchId: c.data.dispatchId,
          volunteerId: seat?.volunteerId ?? c.data.volunteerId,
          reason: c.data.reason,
          held: seat !== undefined,
          releasedAt: c.data.now,
        },
      },
    ];
  }
  if (c.type === 'AssignPostShift') {
    // A repeated step 2 (retry, recovery) is answered before any rule, even on a closed post.
    const existing = s.seats[c.data.dispatchId];
    if (existing && s.post?.postId === c.data.postId) {
      if (existing.shiftId === c.data.shiftId && existing.volunteerId === c.data.volunteerId) return [];
      refuse('SW_ERR_ALREADY_EXISTS', 'this dispatch id holds another seat');
    }
  }
  const p = openPost(s, c.data.postId);
  const ref = { districtId: p.districtId, postId: p.postId };
  switch (c.type) {
    case 'AddPostShift':
      requireValidShifts([...Object.values(p.shifts), c.data.shift]);
      return [{ type: 'PostShiftAdded', data: { ...ref, shift: c.data.shift, addedAt: c.data.now } }];
    case 'ChangePostStaffing':
      return [{ type: 'PostStaffingChanged', data: { ...ref, staffing: c.data.staffing, changedAt: c.data.now } }];
    case 'ClosePost':
      return [
        { type: 'PostClosed', data: { ...ref, ...(c.data.reason === undefined ? {} : { reason: c.data.reason }), closedAt: c.data.now } },
      ];
    case 'AssignPostShift': {
      const d = c.data;
      if (s.released[d.dispatchId]) refuse('SW_ERR_DISPATCH_NOT_OPEN', 'this dispatch already gave its seat back');
      if (!p.shifts[d.shiftId]) refuse('SW_ERR_UNKNOWN_SHIFT');
      if (d.plan.mode !== d.mode) refuse('SW_ERR_SCOPE_MISMATCH', 'the plan is not the plan of the effective mode');
      if (!d.plan.activePostKinds.includes(p.kind)) refuse('SW_ERR_POST_KIND_INACTIVE', `post kind ${p.kind} is not active in mode ${d.mode}`);
      if (seatsTaken(s, d.shiftId) >= p.staffing[d.mode]) {
        refuse('SW_ERR_POST_FULL', `shift ${d.shiftId} has its ${p.staffing[d.mode]} volunteers for mode ${d.mode}`);
      }
      return [
        {
          type: 'PostShiftAssigned',
          data: { ...ref, shiftId: d.shiftId, dispatchId: d.dispatchId, volunteerId: d.volunteerId, mode: d.mode, assignedAt: d.now },
        },
      ];
    }
    default:
      return assertNever(c);
  }
};

const evolve = (s: PostState, e: PostEvent): PostState => {
  switch (e.type) {
    case 'PostOpened': {
      const d = e.data;
      return {
        ...s,
        post: {
          postId: d.postId,
          districtId: d.districtId,
          stationId: d.stationId,
          kind: d.kind,
          requiredSkills: d.requiredSkills,
          shifts: Object.fromEntries(d.shifts.map((shift) => [shift.shiftId, shift])),
          staffing: d.staffing,
          closed: false,
        },
      };
    }
    case 'PostShiftAdded':
      return s.post ? { ...s, post: { ...s.post, shifts: { ...s.post.shifts, [e.data.shift.shiftId]: e.data.shift } } } : s;
    case 'PostStaffingChanged':
      return s.post ? { ...s, post: { ...s.post, staffing: e.data.staffing } } : s;
    case 'PostClosed':
      return s.post ? { ...s, post: { ...s.post, closed: true } } : s;
    case 'PostShiftAssigned':
      return { ...s, seats: { ...s.seats, [e.data.dispatchId]: { shiftId: e.data.shiftId, volunteerId: e.data.volunteerId } } };
    case 'PostAssignmentReleased': {
      const { [e.data.dispatchId]: _freed, ...seats } = s.seats;
      return { ...s, seats, released: { ...s.released, [e.data.dispatchId]: true } };
    }
    default:
      return assertNever(e);
  }
};

/** post-<id>: a post, its shifts and the seats taken on them (no overfill under the effective mode). */
export const postDecider: Decider<PostCommand, PostEvent, PostState> = { decide, evolve, initialState: initialPostState };
