import { z } from 'zod';
import {
  postDecider,
  postStream,
  requestDecider,
  requestStream,
  volunteerDecider,
  volunteerStream,
  type DispatchRecord,
  type VolunteerState,
} from '@shouwang/domain';
import { authorizeTarget } from '../../auth/authenticate.js';
import type { CommandRoute } from '../define.js';
import type { Invocation } from '../invocation.js';
import { buildCommand } from '../build.js';
import { runStep, type AnsweredEvent } from '../step.js';
import { dataOf, DispatchParams } from '../routes/schemas.js';
import { dispatchTarget } from '../target.js';

type Ending = 'declined' | 'expired' | 'no_show' | 'cancelled';

interface FollowUp {
  path: string;
  commandType: 'AcceptDispatch' | 'DeclineDispatch' | 'ExpireDispatch' | 'CheckIn' | 'CompleteService' | 'RecordNoShow' | 'CancelDispatch';
  summary: string;
  body: z.ZodObject;
  /** Extra command data from the body. */
  data?: (body: Record<string, unknown>) => Record<string, unknown>;
  /** A dispatch that ends without service frees its seat (or the request) in a second step. */
  ends?: Ending;
  /** Service on a request fulfils it in a second step. */
  fulfils?: boolean;
}

/** Second step after the volunteer stream: free the seat or the request, or fulfil the request. */
async function targetStep(inv: Invocation, record: DispatchRecord, volunteerId: string, spec: FollowUp, causationId: string): Promise<AnsweredEvent[]> {
  const t = record.target;
  const base = { store: inv.ctx.store, metrics: inv.ctx.metrics, maxRetries: inv.ctx.maxRetries, metadata: inv.metadata('target', causationId) };
  const ref = { dispatchId: record.dispatchId, now: inv.now };
  if (spec.ends && t.kind === 'post_shift') {
    const command = buildCommand('ReleasePostAssignment', { ...ref, postId: t.postId, shiftId: t.shiftId, volunteerId, reason: spec.ends });
    return (await runStep({ ...base, stream: postStream(t.postId), decider: postDecider as never, command })).events;
  }
  if (spec.ends && t.kind === 'request') {
    const command = buildCommand('ReleaseRequestDispatch', { ...ref, requestId: t.requestId, reason: spec.ends });
    return (await runStep({ ...base, stream: requestStream(t.requestId), decider: requestDecider as never, command })).events;
  }
  if (spec.fulfils && t.kind === 'request') {
    const command = buildCommand('FulfilRequest', { ...ref, requestId: t.requestId });
    return (await runStep({ ...base, stream: requestStream(t.requestId), decider: requestDecider as never, command })).events;
  }
  return [];
}

function followUpRoute(spec: FollowUp): CommandRoute {
  return {
    url: `/v1/volunteers/:volunteerId/dispatches/:dispatchId/${spec.path}`,
    commandType: spec.commandType,
    summary: spec.summary,
    tag: 'dispatch 派单',
    params: DispatchParams,
    body: spec.body,
    async run(inv, params, body) {
      const volunteerId = params.volunteerId!;
      const dispatchId = params.dispatchId!;
      const stream = volunteerStream(volunteerId);
      const command = buildCommand(spec.commandType, { ...(spec.data?.(body) ?? body), volunteerId, dispatchId, now: inv.now });
      const step1 = await runStep({
        store: inv.ctx.store,
        metrics: inv.ctx.metrics,
        maxRetries: inv.ctx.maxRetries,
        stream,
        decider: volunteerDecider as never,
        command,
        metadata: inv.metadata(),
        guard: (_state, history) => {
          const target = dispatchTarget(stream, history, dispatchId);
          if (target) authorizeTarget(inv.request, target);
        },
      });
      const record = (step1.state as VolunteerState).dispatches[dispatchId];
      const second = record ? await targetStep(inv, record, volunteerId, spec, step1.events[0]?.id ?? inv.commandId) : [];
      return { status: 200, body: { commandId: inv.commandId, events: [...step1.events, ...second] } };
    },
  };
}

const omitRef = { volunteerId: true, dispatchId: true, now: true } as const;

/** What follows a dispatch: 接单, decline, expiry, 签到, completion, no-show, cancellation. */
export const followUpRoutes: CommandRoute[] = [
  { path: 'acceptance', commandType: 'AcceptDispatch', summary: 'The volunteer accepts the dispatch (接单)', body: dataOf('AcceptDispatch').omit(omitRef) },
  { path: 'decline', commandType: 'DeclineDispatch', summary: 'The volunteer declines; the seat is freed', body: dataOf('DeclineDispatch').omit(omitRef), ends: 'declined' },
  { path: 'expiry', commandType: 'ExpireDispatch', summary: 'Expire an unanswered dispatch; the seat is freed', body: dataOf('ExpireDispatch').omit(omitRef), ends: 'expired' },
  { path: 'check-in', commandType: 'CheckIn', summary: 'The volunteer checks in on arrival (签到)', body: dataOf('CheckIn').omit(omitRef) },
  { path: 'completion', commandType: 'CompleteService', summary: 'Complete the service with hours and outcome; a request is fulfilled', body: dataOf('CompleteService').omit(omitRef), fulfils: true },
  { path: 'no-show', commandType: 'RecordNoShow', summary: 'Record a no-show; the seat is freed', body: dataOf('RecordNoShow').omit(omitRef), ends: 'no_show' },
  {
    path: 'cancellation',
    commandType: 'CancelDispatch',
    summary: 'An operator cancels a dispatch that is not under way; the seat is freed',
    body: z.strictObject({}).describe('No fields'),
    data: () => ({ reason: 'operator' }),
    ends: 'cancelled',
  },
].map((spec) => followUpRoute(spec as FollowUp));
