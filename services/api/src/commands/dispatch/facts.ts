import {
  DomainError,
  modeInForce,
  modeStream,
  postDecider,
  postStream,
  requestDecider,
  requestStream,
  responseModeDecider,
  type DispatchTarget,
  type ModePlan,
  type PostState,
  type RequestState,
  type ResponseMode,
  type ResponseModeState,
} from '@shouwang/domain';
import type { EventStore, StoredEvent } from '@shouwang/event-store';
import { foldHistory } from '../step.js';
import { cacheOf, readThrough } from '../streamCache.js';

/** What the caller names; everything else about the target is read from its stream. */
export type TargetRef =
  | { kind: 'post_shift'; postId: string; shiftId: string }
  | { kind: 'request'; requestId: string; start: string; end: string };

/**
 * A mode switched by another API process is seen within this long; one switched here at once.
 * (The doc already admits an assignment under the mode read just before.)
 */
export const MODE_MAX_AGE_MS = 1000;

/** The mode in force for a district: the higher of its own and the city's, with its plan. */
export async function modeOfDistrict(
  store: EventStore,
  districtId: string,
  cityHistory?: Promise<StoredEvent[]>,
): Promise<{ mode: ResponseMode; plan: ModePlan }> {
  const [city, district] = await Promise.all([
    cityHistory ?? readThrough(store, modeStream('city'), MODE_MAX_AGE_MS),
    readThrough(store, modeStream(districtId), MODE_MAX_AGE_MS),
  ]);
  return modeInForce(
    foldHistory(responseModeDecider as never, city) as ResponseModeState,
    foldHistory(responseModeDecider as never, district) as ResponseModeState,
  );
}

/** The dispatch target with the facts its stream holds (district, station, kind, skills, window). */
export async function readTarget(store: EventStore, ref: TargetRef): Promise<DispatchTarget> {
  try {
    return targetFrom(ref, await readThrough(store, streamOf(ref)));
  } catch (err) {
    // Refused on what this process remembers: the post may have a new shift since; read afresh.
    const fresh = await store.readStream(streamOf(ref));
    cacheOf(store).put(streamOf(ref), fresh);
    void err;
    return targetFrom(ref, fresh);
  }
}

const streamOf = (ref: TargetRef): string => (ref.kind === 'post_shift' ? postStream(ref.postId) : requestStream(ref.requestId));

function targetFrom(ref: TargetRef, history: StoredEvent[]): DispatchTarget {
  if (ref.kind === 'post_shift') {
    const s = foldHistory(postDecider as never, history) as PostState;
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
  const s = foldHistory(requestDecider as never, history) as RequestState;
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
