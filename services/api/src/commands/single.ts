import type { z } from 'zod';
import { authorizeTarget } from '../auth/authenticate.js';
import { outcome } from './answer.js';
import { buildCommand } from './build.js';
import type { CommandRoute, SingleStepSpec } from './define.js';
import { runStep } from './step.js';
import { storedTarget } from './target.js';
import { followThrough } from './dispatch/followThrough.js';
import type { VolunteerState } from '@shouwang/domain';

/** A command endpoint decided by one aggregate: read, authorize against it as stored, decide, append. */
export function singleStep<P extends z.ZodObject, B extends z.ZodObject>(spec: SingleStepSpec<P, B>): CommandRoute {
  return {
    url: spec.url,
    commandType: spec.commandType,
    summary: spec.summary,
    tag: spec.tag,
    params: spec.params,
    body: spec.body,
    async run(inv, params, body) {
      const p = params as z.infer<P>;
      const b = body as z.infer<B>;
      const stream = spec.stream(p, b);
      const data: Record<string, unknown> = { ...(await spec.data(p, b, inv)), now: inv.now };
      const command = buildCommand(spec.commandType, data);
      const creating = (data.districtId ?? data.scope) as string | undefined;
      const result = await runStep({
        store: inv.ctx.store,
        metrics: inv.ctx.metrics,
        stream,
        decider: spec.decider,
        command,
        metadata: inv.metadata(),
        maxRetries: inv.ctx.maxRetries,
        guard: (_state, history) => {
          const target = spec.target ? spec.target(stream, history, data) : storedTarget(stream, history, creating);
          if (target) authorizeTarget(inv.request, target);
        },
      });
      // A withdrawal cancels open dispatches in the same append: their seats are freed right after.
      const more = stream.startsWith('volunteer-')
        ? await followThrough(inv, result.before as VolunteerState, result.appended, inv.commandId)
        : [];
      return outcome(inv.commandId, [...result.events, ...more]);
    },
  };
}
