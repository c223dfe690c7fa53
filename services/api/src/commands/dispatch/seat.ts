import {
  assignmentFor,
  compensationFor,
  isDomainError,
  postDecider,
  protocolCommandId,
  requestDecider,
  targetStream,
  volunteerDecider,
  volunteerStream,
  type DispatchTarget,
  type ModePlan,
  type ResponseMode,
  type VolunteerState,
} from '@shouwang/domain';
import { WrongExpectedVersionError } from '@shouwang/event-store';
import type { StepInvocation } from '../invocation.js';
import { buildCommand } from '../build.js';
import { runStep, type AnsweredEvent } from '../step.js';
import { followThrough } from './followThrough.js';

/** A step-2 failure that is compensated: a domain refusal, or a stream that kept changing. */
function compensable(err: unknown): { code: string } | undefined {
  if (isDomainError(err)) return err;
  // Retries ran out on a hot target: give the reservation back rather than leave it dangling.
  if (err instanceof WrongExpectedVersionError) return { code: 'SW_ERR_CONCURRENCY' };
  return undefined;
}

export interface HeldDispatch {
  volunteerId: string;
  dispatchId: string;
  target: DispatchTarget;
  mode: ResponseMode;
  plan: ModePlan;
}

/**
 * Steps 2 and 3 of docs/dispatch-consistency.md for a dispatch whose time is reserved: take the
 * seat (post shift or request); if refused, cancel the reservation recording the refusal code and
 * write its release tombstone. Shared by the dispatch route and the recovery.
 */
export async function takeSeat(
  inv: StepInvocation,
  d: HeldDispatch,
  causationId: string,
): Promise<{ events: AnsweredEvent[] } | { refusal: string }> {
  const base = { store: inv.ctx.store, metrics: inv.ctx.metrics, maxRetries: inv.ctx.maxRetries };
  const assignId = protocolCommandId('assign', d.dispatchId);
  const compensationId = protocolCommandId('compensate', d.dispatchId);
  const assignment = assignmentFor({ ...d, now: inv.now });
  try {
    const result = await runStep({
      ...base,
      stream: targetStream(d.target),
      decider: (assignment.type === 'AssignPostShift' ? postDecider : requestDecider) as never,
      command: buildCommand(assignment.type, assignment.data),
      metadata: inv.stepMetadata(assignId, causationId),
    });
    return { events: result.events };
  } catch (err) {
    const refusal = compensable(err);
    if (!refusal) throw err;
    const cancel = compensationFor(d, refusal, inv.now);
    const step3 = await runStep({
      ...base,
      stream: volunteerStream(d.volunteerId),
      decider: volunteerDecider as never,
      command: buildCommand(cancel.type, cancel.data),
      metadata: inv.stepMetadata(compensationId, assignId),
    });
    try {
      await followThrough(inv, step3.before as VolunteerState, step3.appended, compensationId);
    } catch (tombstoneErr) {
      // The refusal stands either way: the cancellation is recorded and a retry of the request
      // answers from it; the release tombstone is written by the next follow-up or the recovery.
      inv.log.warn({ err: tombstoneErr, dispatchId: d.dispatchId }, 'release after compensation not written');
    }
    return { refusal: refusal.code };
  }
}
