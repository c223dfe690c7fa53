import type { ResponseMode } from '@shouwang/domain';
import type { ViewReader } from '../store/viewReader.js';
import { viewNames, type PostDoc } from '../views/docs.js';
import { activePostKinds, districtMode } from './modes.js';

export interface UnfilledShift {
  postId: string;
  stationId: string | null;
  pointName: string | null;
  kind: string;
  shiftId: string;
  start: string | null;
  end: string | null;
  needed: number;
  assigned: number;
  missing: number;
}

/**
 * Unfilled posts (缺岗) of a district under a mode: its effective mode, or any other (`mode`) to see
 * what a switch would leave unfilled before making it. Posts of kinds inactive under the mode, and
 * shifts already over at `now`, need no one.
 */
export function unfilledPosts(reader: ViewReader, districtId: string, now: Date, mode?: ResponseMode) {
  const nowMs = now.getTime();
  const current = districtMode(reader, districtId);
  const underMode = mode ?? current.mode;
  const active = new Set(activePostKinds(reader, districtId, underMode));
  const posts = reader.list<PostDoc>(viewNames.post, districtId === 'city' ? {} : { districtId });
  const shifts: UnfilledShift[] = [];
  let needed = 0;
  let assigned = 0;
  for (const post of posts) {
    if (!post.open || !active.has(post.kind)) continue;
    const need = post.staffing[underMode] ?? 0;
    for (const [shiftId, shift] of Object.entries(post.shifts)) {
      if (shift.end !== null && Date.parse(shift.end) <= nowMs) continue; // a shift that is over needs no one any more
      const have = shift.dispatches.length;
      needed += need;
      assigned += Math.min(have, need);
      if (have >= need) continue;
      shifts.push({
        postId: post.postId,
        stationId: post.stationId,
        pointName: post.pointName,
        kind: post.kind,
        shiftId,
        start: shift.start,
        end: shift.end,
        needed: need,
        assigned: have,
        missing: need - have,
      });
    }
  }
  return {
    districtId,
    mode: underMode,
    effectiveMode: current.mode,
    whatIf: underMode !== current.mode,
    needed,
    assigned,
    missing: shifts.reduce((n, s) => n + s.missing, 0),
    unfilled: shifts,
  };
}
