import { z } from 'zod';
import { DomainError, Id, IsoDateTime, reservingStatuses, type VolunteerState, postDecider, postStream, requestDecider, requestStream, volunteerDecider, volunteerStream, type DispatchTarget, type ModePlan, type ResponseMode } from '@shouwang/domain';
import { authorizeTarget } from '../../auth/authenticate.js';
import type { CommandRoute } from '../define.js';
import type { Invocation } from '../invocation.js';
import { buildCommand } from '../build.js';
import { runStep, type AnsweredEvent } from '../step.js';
import { VolunteerParams } from '../routes/schemas.js';
import { modeInForce, readTarget, type TargetRef } from './facts.js';
import { cancelReasonFor, recordedRefusal, refusalCodeOf, refusalFor } from './refusal.js';

const DEFAULT_RESPOND_WITHIN_MS = 30 * 60 * 1000;

export const DispatchBody = z.strictObject({
  dispatchId: Id.describe('Chosen by the caller; names the dispatch and its seat'),
  target: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('post_shift'), postId: Id, shiftId: Id }).describe('A shift of a post'),
      z
        .strictObject({ kind: z.literal('request'), requestId: Id, start: IsoDateTime, end: IsoDateTime })
        .describe('A resident request and the service window'),
    ])
    .describe('Where the volunteer is sent; its district, station, kind and skills are read from its stream'),
  respondBy: IsoDateTime.optional().describe('Deadline to accept or decline; default 30 minutes from now'),
});
type DispatchBody = z.infer<typeof DispatchBody>;

/** Step 2: take the seat on the post shift, or record the dispatch on the request. */
function assignTarget(inv: Invocation, target: DispatchTarget, volunteerId: string, dispatchId: string, mode: ResponseMode, plan: ModePlan, causationId: string) {
  const base = { store: inv.ctx.store, metrics: inv.ctx.metrics, maxRetries: inv.ctx.maxRetries, metadata: inv.metadata('assign', causationId) };
  if (target.kind === 'post_shift') {
    const command = buildCommand('AssignPostShift', { postId: target.postId, shiftId: target.shiftId, dispatchId, volunteerId, mode, plan, now: inv.now });
    return runStep({ ...base, stream: postStream(target.postId), decider: postDecider as never, command });
  }
  const command = buildCommand('AssignRequest', { requestId: target.requestId, dispatchId, volunteerId, now: inv.now });
  return runStep({ ...base, stream: requestStream(target.requestId), decider: requestDecider as never, command });
}

/**
 * 派单, the dispatch protocol (docs/dispatch-consistency.md): read the target and the mode in
 * force; step 1 reserves the volunteer's time on volunteer-<id> (no double booking); step 2 takes
 * the seat on post-<id> (no overfill) or the request; if step 2 refuses, step 3 cancels the
 * dispatch as compensation, recording the refusal code, and the caller gets that refusal.
 */
export const dispatchRoute: CommandRoute = {
  url: '/v1/volunteers/:volunteerId/dispatches',
  commandType: 'DispatchVolunteer',
  summary: 'Dispatch a volunteer to a post shift or a request (派单); takes the seat or refuses',
  tag: 'dispatch 派单',
  params: VolunteerParams,
  body: DispatchBody,
  async run(inv, params, raw) {
    const body = raw as DispatchBody;
    const { store } = inv.ctx;
    const target = await readTarget(store, body.target as TargetRef);
    authorizeTarget(inv.request, { districtId: target.districtId });
    const { mode, plan } = await modeInForce(store, target.districtId);
    const volunteer = volunteerStream(params.volunteerId!);
    const respondBy = body.respondBy ?? new Date(Date.parse(inv.now) + DEFAULT_RESPOND_WITHIN_MS).toISOString();
    const dispatch = buildCommand('DispatchVolunteer', {
      dispatchId: body.dispatchId,
      volunteerId: params.volunteerId,
      target,
      mode,
      plan,
      respondBy,
      now: inv.now,
    });
    const base = { store, metrics: inv.ctx.metrics, maxRetries: inv.ctx.maxRetries };
    const step1 = await runStep({ ...base, stream: volunteer, decider: volunteerDecider as never, command: dispatch, metadata: inv.metadata() });
    const compensationId = `${inv.commandId}#compensate`;
    if (step1.replayed) {
      const earlier = recordedRefusal(step1.history, body.dispatchId, compensationId);
      if (earlier) throw refusalFor(earlier);
    }
    const held = (step1.state as VolunteerState).dispatches[body.dispatchId];
    if (!step1.replayed && step1.events.length === 0 && held && !reservingStatuses.includes(held.status)) {
      // The same dispatch id was used before and has ended: it never takes a seat again.
      throw new DomainError('SW_ERR_DISPATCH_NOT_OPEN');
    }
    const causation = step1.events[0]?.id ?? inv.commandId;
    let step2: AnsweredEvent[];
    try {
      step2 = (await assignTarget(inv, target, params.volunteerId!, body.dispatchId, mode, plan, causation)).events;
    } catch (err) {
      const code = refusalCodeOf(err);
      const cancel = buildCommand('CancelDispatch', {
        volunteerId: params.volunteerId,
        dispatchId: body.dispatchId,
        reason: cancelReasonFor(code),
        refusalCode: code,
        now: inv.now,
      });
      await runStep({ ...base, stream: volunteer, decider: volunteerDecider as never, command: cancel, metadata: { ...inv.metadata('compensate', causation), commandId: compensationId } });
      throw refusalFor(code);
    }
    return { status: 201, body: { commandId: inv.commandId, events: [...step1.events, ...step2] } };
  },
};
