import {
  DomainError,
  modeInForce,
  modeStream,
  postDecider,
  postStream,
  requestDecider,
  requestStream,
  resolvePlan,
  responseModeDecider,
  type DispatchTarget,
  type ModePlan,
  type PostState,
  type RequestState,
  type ResponseMode,
  type ResponseModeState,
} from '@shouwang/domain';
import type { EventStore } from '@shouwang/event-store';
import type { StepDecider } from '../fold.js';
import { readFreshState, readState } from '../streamCache.js';

/** What the caller names; everything else about the target is read from its stream. */
export type TargetRef =
  | { kind: 'post_shift'; postId: string; shiftId: string }
  | { kind: 'request'; requestId: string; start: string; end: string };

/**
 * A mode switched by another API process is seen within this long; one switched here at once.
 * (The doc already admits an assignment under the mode read just before.)
 */
const MODE_MAX_AGE_MS = 1000;

/** The modes of `districtId` (or `city`) as this process last saw them, at most MODE_MAX_AGE_MS old. */
export const readModes = (store: EventStore, districtId: string): Promise<ResponseModeState> =>
  readState(store, modeStream(districtId), responseModeDecider as StepDecider<never, ResponseModeState>, MODE_MAX_AGE_MS);

/** The mode in force for a district: the higher of its own and the city's, with its plan. */
export async function modeOfDistrict(
  store: EventStore,
  districtId: string,
  cityModes: Promise<ResponseModeState> = readModes(store, 'city'),
): Promise<{ mode: ResponseMode; plan: ModePlan }> {
  const [city, district] = await Promise.all([cityModes, readModes(store, districtId)]);
  return modeInForce(city, district);
}

/**
 * A mode's plan for a district, as adopted there or for the city (or the brief's default): the
 * plan a dispatch made under `mode` is held to, whatever mode is in force now.
 */
export async function planOfMode(store: EventStore, districtId: string, mode: ResponseMode): Promise<ModePlan> {
  const [city, district] = await Promise.all([readModes(store, 'city'), readModes(store, districtId)]);
  return resolvePlan(mode, district.plans, city.plans);
}

/** The dispatch target with the facts its stream holds (district, station, kind, skills, window). */
export async function readTarget(store: EventStore, ref: TargetRef): Promise<DispatchTarget> {
  // the deciders the command steps on these streams use, so one fold serves both
  const decider = (ref.kind === 'post_shift' ? postDecider : requestDecider) as StepDecider<never, PostState | RequestState>;
  try {
    return targetFrom(ref, await readState(store, streamOf(ref), decider));
  } catch {
    // Refused on what this process remembers: the post may have a new shift since; read afresh.
    return targetFrom(ref, await readFreshState(store, streamOf(ref), decider));
  }
}

const streamOf = (ref: TargetRef): string => (ref.kind === 'post_shift' ? postStream(ref.postId) : requestStream(ref.requestId));

function targetFrom(ref: TargetRef, state: PostState | RequestState): DispatchTarget {
  if (ref.kind === 'post_shift') {
    const s = state as PostState;
    const post = s.post ?? (() => { throw new DomainError('SW_ERR_NOT_FOUND', 'no such post'); })();
    if (post.closed) throw new DomainError('SW_ERR_POST_CLOSED');
    const shift = post.shifts[ref.shiftId] ?? (() => { throw new DomainError('SW_ERR_UNKNOWN_SHIFT'); })();
    const target: DispatchTarget = {
      kind: 'post_shift',
      postId: post.postId,
      shiftId: shift.shiftId,
      postKind: post.kind,
      stationId: post.stationId,
      districtId: post.districtId,
      requiredSkills: post.requiredSkills,
      start: shift.start,
      end: shift.end,
    };
    return target;
  }
  const s = state as RequestState;
  const request = s.request ?? (() => { throw new DomainError('SW_ERR_NOT_FOUND', 'no such request'); })();
  const target: DispatchTarget = {
    kind: 'request',
    requestId: request.requestId,
    stationId: request.stationId,
    districtId: request.districtId,
    requiredSkills: request.requiredSkills,
    start: ref.start,
    end: ref.end,
  };
  return target;
}
