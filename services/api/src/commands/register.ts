import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isDomainError } from '@shouwang/domain';
import { WrongExpectedVersionError } from '@shouwang/event-store';
import { HttpError } from '../http/httpErrors.js';
import { Problem } from '../http/problem.js';
import { CommandAnswer } from './answer.js';
import type { RouteContext } from './context.js';
import { invocation } from './invocation.js';
import { commandRoutes } from './routes/index.js';

/** `Idempotency-Key`: retrying a command with the same key appends nothing and answers the same. */
export const CommandHeaders = z.looseObject({
  'idempotency-key': z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,128}$/, '1-128 characters: letters, digits, ".", "_", ":" or "-"')
    .optional()
    .describe('Makes the command idempotent: a retry with the same key answers as the first time'),
  'x-correlation-id': z.string().optional().describe('Echoed in the response and stored in every event\'s metadata'),
});

const outcomeOf = (err: unknown): string =>
  isDomainError(err) ? 'refused' : err instanceof WrongExpectedVersionError ? 'conflict' : err instanceof HttpError ? err.code === 'SW_ERR_FORBIDDEN' ? 'forbidden' : 'invalid' : 'failed';

export function registerCommandRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  for (const route of commandRoutes) {
    typed.post(
      route.url,
      {
        schema: {
          tags: [route.tag],
          summary: route.summary,
          description: `Issues ${route.commandType}. Refusals: problem+json with a stable code (docs/errors.md).`,
          params: route.params,
          headers: CommandHeaders,
          body: route.body,
          response: { 200: CommandAnswer, 201: CommandAnswer, '4xx': Problem },
        },
        // The answers are built in this module from typed values (and problems by the error
        // handler); checking them with zod again on the way out took about 5 % of a dispatch's
        // CPU in the benchmark's profile, so the schemas above serve the OpenAPI document only.
        serializerCompiler: () => JSON.stringify,
      },
      async (request, reply) => {
        const inv = invocation(ctx, request);
        try {
          const result = await route.run(inv, request.params as Record<string, string>, request.body as Record<string, unknown>);
          ctx.metrics.commands.inc({ type: route.commandType, outcome: result.body.events.length ? 'applied' : 'unchanged' });
          return reply.status(result.status).send(result.body);
        } catch (err) {
          ctx.metrics.commands.inc({ type: route.commandType, outcome: outcomeOf(err) });
          throw err;
        }
      },
    );
  }
}
