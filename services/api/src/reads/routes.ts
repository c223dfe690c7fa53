import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { StoredEvent } from '@shouwang/event-store';
import { authorizeTarget } from '../auth/authenticate.js';
import type { RouteContext } from '../commands/context.js';
import { foldHistory } from '../commands/fold.js';
import { storedTarget } from '../commands/target.js';
import { HttpError } from '../http/httpErrors.js';
import { Problem } from '../http/problem.js';
import { readableAggregates, type ReadableAggregate } from './aggregates.js';

const HistoryQuery = z.strictObject({
  fromRevision: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0).describe('First revision to return'),
  limit: z.coerce.number().int().min(1).max(1000).default(200).describe('At most this many events'),
});

const HistoryEvent = z.object({
  id: z.string(),
  type: z.string(),
  revision: z.string(),
  position: z.string(),
  data: z.unknown(),
  metadata: z.unknown(),
});

const AggregateState = z.object({ stream: z.string(), revision: z.string(), state: z.unknown() }).describe('Current state, folded from the stream');
const AggregateHistory = z.object({ stream: z.string(), events: z.array(HistoryEvent) }).describe('The events of the stream, oldest first');

const historyEvent = (e: StoredEvent) => ({
  id: e.id,
  type: e.type,
  revision: e.revision.toString(),
  position: e.position.toString(),
  data: e.data,
  metadata: e.metadata,
});

/** Reads the stream, 404 when absent, 403 unless the caller reaches the aggregate as stored. */
async function loadAuthorized(ctx: RouteContext, aggregate: ReadableAggregate, request: Parameters<typeof authorizeTarget>[0], params: Record<string, string>) {
  const stream = aggregate.stream(params);
  const history = await ctx.store.readStream(stream);
  const always = aggregate.existsAlways?.(params);
  const target = storedTarget(stream, history, always);
  if (!target) throw new HttpError('SW_ERR_NOT_FOUND', `no such ${aggregate.noun}`);
  authorizeTarget(request, target);
  return { stream, history };
}

/** GET an aggregate's current state and its history, for every aggregate kind. */
export function registerReadRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  for (const aggregate of readableAggregates) {
    typed.get(
      aggregate.path,
      { schema: { tags: [aggregate.tag], summary: `Current state of a ${aggregate.noun}`, params: aggregate.params, response: { 200: AggregateState, '4xx': Problem } } },
      async (request) => {
        const { stream, history } = await loadAuthorized(ctx, aggregate, request, request.params as Record<string, string>);
        const revision = history.length === 0 ? '-1' : history[history.length - 1]!.revision.toString();
        return { stream, revision, state: foldHistory(aggregate.decider, history) };
      },
    );
    typed.get(
      `${aggregate.path}/history`,
      {
        schema: {
          tags: [aggregate.tag],
          summary: `History (events) of a ${aggregate.noun}`,
          params: aggregate.params,
          querystring: HistoryQuery,
          response: { 200: AggregateHistory, '4xx': Problem },
        },
      },
      async (request) => {
        const { stream, history } = await loadAuthorized(ctx, aggregate, request, request.params as Record<string, string>);
        const q = request.query as z.infer<typeof HistoryQuery>;
        const events = history.filter((e) => e.revision >= BigInt(q.fromRevision)).slice(0, q.limit).map(historyEvent);
        return { stream, events };
      },
    );
  }
}
