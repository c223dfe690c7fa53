import {
  followUpFor,
  postDecider,
  postStream,
  protocolCommandId,
  requestDecider,
  requestStream,
  volunteerDecider,
  type VolunteerEvent,
  type VolunteerState,
} from '@shouwang/domain';
import type { StepInvocation } from '../invocation.js';
import { buildCommand } from '../build.js';
import { runStep, type AnsweredEvent } from '../step.js';

/**
 * Section 5 of docs/dispatch-consistency.md: after volunteer-stream events, free the seat (or the
 * request) of every dispatch that ended without service, and fulfil a request whose service
 * completed. Step ids come from the dispatch id, so a retry or the recovery step writes nothing twice.
 */
export async function followThrough(
  inv: Omit<StepInvocation, 'log'>,
  before: VolunteerState,
  appended: { type: string; data: unknown }[],
  causationId: string,
): Promise<AnsweredEvent[]> {
  let state = before;
  const out: AnsweredEvent[] = [];
  for (const raw of appended) {
    const event = raw as VolunteerEvent;
    const next = followUpFor(state, event, inv.now);
    state = volunteerDecider.evolve(state, event);
    if (!next) continue;
    const step = next.type === 'FulfilRequest' ? 'fulfil' : 'release';
    const onPost = next.type === 'ReleasePostAssignment';
    const stream = onPost ? postStream(next.data.postId) : requestStream((next.data as { requestId: string }).requestId);
    const result = await runStep({
      store: inv.ctx.store,
      metrics: inv.ctx.metrics,
      maxRetries: inv.ctx.maxRetries,
      stream,
      decider: (onPost ? postDecider : requestDecider) as never,
      command: buildCommand(next.type, next.data as Record<string, unknown>),
      metadata: inv.stepMetadata(protocolCommandId(step, next.data.dispatchId), causationId),
    });
    out.push(...result.events);
  }
  return out;
}
