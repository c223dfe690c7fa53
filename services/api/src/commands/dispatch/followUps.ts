import { z } from 'zod';
import { volunteerDecider, volunteerStream, type VolunteerState } from '@shouwang/domain';
import { authorizeTarget } from '../../auth/authenticate.js';
import type { CommandRoute } from '../define.js';
import { buildCommand } from '../build.js';
import { runStep } from '../step.js';
import { followThrough } from './followThrough.js';
import { dataOf, DispatchParams } from '../routes/schemas.js';
import { dispatchTarget } from '../target.js';

interface FollowUp {
  path: string;
  commandType: 'AcceptDispatch' | 'DeclineDispatch' | 'ExpireDispatch' | 'CheckIn' | 'CompleteService' | 'RecordNoShow' | 'CancelDispatch';
  summary: string;
  body: z.ZodObject;
  /** Extra command data from the body. */
  data?: (body: Record<string, unknown>) => Record<string, unknown>;
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
      const second = await followThrough(inv, step1.before as VolunteerState, step1.appended, inv.commandId);
      return { status: 200, body: { commandId: inv.commandId, events: [...step1.events, ...second] } };
    },
  };
}

const omitRef = { volunteerId: true, dispatchId: true, now: true } as const;

/**
 * What follows a dispatch: 接单, decline, expiry, 签到, completion, no-show, cancellation. An ending
 * frees the seat (or the request) and a completed request is fulfilled, right after (followThrough).
 */
export const followUpRoutes: CommandRoute[] = [
  { path: 'acceptance', commandType: 'AcceptDispatch', summary: 'The volunteer accepts the dispatch (接单)', body: dataOf('AcceptDispatch').omit(omitRef) },
  { path: 'decline', commandType: 'DeclineDispatch', summary: 'The volunteer declines; the seat is freed', body: dataOf('DeclineDispatch').omit(omitRef) },
  { path: 'expiry', commandType: 'ExpireDispatch', summary: 'Expire an unanswered dispatch; the seat is freed', body: dataOf('ExpireDispatch').omit(omitRef) },
  { path: 'check-in', commandType: 'CheckIn', summary: 'The volunteer checks in on arrival (签到)', body: dataOf('CheckIn').omit(omitRef) },
  { path: 'completion', commandType: 'CompleteService', summary: 'Complete the service with hours and outcome; a request is fulfilled', body: dataOf('CompleteService').omit(omitRef) },
  { path: 'no-show', commandType: 'RecordNoShow', summary: 'Record a no-show; the seat is freed', body: dataOf('RecordNoShow').omit(omitRef) },
  {
    path: 'cancellation',
    commandType: 'CancelDispatch',
    summary: 'An operator cancels a dispatch that is not under way; the seat is freed',
    body: z.strictObject({}).describe('No fields'),
    data: () => ({ reason: 'operator' }),
  },
].map((spec) => followUpRoute(spec as FollowUp));
