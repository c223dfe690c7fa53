import { dataOf, put } from '../projection/helpers.js';
import type { Projection, ProjectedEvent, ViewChange, ViewLookup } from '../projection/types.js';
import { viewNames, type PostDoc } from './docs.js';

const V = viewNames;

function update(read: ViewLookup, postId: string, fn: (p: PostDoc) => void): ViewChange[] {
  const current = read<PostDoc>(V.post, postId);
  if (!current) return [];
  const post = structuredClone(current);
  fn(post);
  return [put(V.post, postId, post.districtId, post)];
}

function project(event: ProjectedEvent, read: ViewLookup): ViewChange[] {
  switch (event.type) {
    case 'PostOpened': {
      const d = dataOf(event, 'PostOpened');
      if (read(V.post, d.postId)) return [];
      const post: PostDoc = {
        postId: d.postId,
        districtId: d.districtId,
        stationId: d.stationId,
        pointName: d.pointName,
        kind: d.kind,
        staffing: { ...d.staffing },
        open: true,
        shifts: Object.fromEntries(d.shifts.map((s) => [s.shiftId, { start: s.start, end: s.end, dispatches: [] }])),
      };
      return [put(V.post, d.postId, d.districtId, post)];
    }
    case 'PostShiftAdded': {
      const d = dataOf(event, 'PostShiftAdded');
      return update(read, d.postId, (p) => {
        p.shifts[d.shift.shiftId] ??= { start: d.shift.start, end: d.shift.end, dispatches: [] };
      });
    }
    case 'PostStaffingChanged': {
      const d = dataOf(event, 'PostStaffingChanged');
      return update(read, d.postId, (p) => (p.staffing = { ...d.staffing }));
    }
    case 'PostClosed': {
      const d = dataOf(event, 'PostClosed');
      return update(read, d.postId, (p) => (p.open = false));
    }
    case 'PostShiftAssigned': {
      const d = dataOf(event, 'PostShiftAssigned');
      return update(read, d.postId, (p) => {
        const shift = (p.shifts[d.shiftId] ??= { start: null, end: null, dispatches: [] });
        if (!shift.dispatches.includes(d.dispatchId)) shift.dispatches.push(d.dispatchId);
      });
    }
    case 'PostAssignmentReleased': {
      const d = dataOf(event, 'PostAssignmentReleased');
      return update(read, d.postId, (p) => {
        const shift = p.shifts[d.shiftId];
        if (shift) shift.dispatches = shift.dispatches.filter((id) => id !== d.dispatchId);
      });
    }
    default:
      return [];
  }
}

/** Posts (岗位) with their staffing per mode and the dispatches holding a seat on each shift. */
export const postsProjection: Projection = {
  name: 'posts',
  eventTypes: ['PostOpened', 'PostShiftAdded', 'PostStaffingChanged', 'PostClosed', 'PostShiftAssigned', 'PostAssignmentReleased'],
  project,
};
