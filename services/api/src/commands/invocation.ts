import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { EventMetadata } from '@shouwang/event-store';
import { HttpError } from '../http/httpErrors.js';
import type { RouteContext } from './context.js';

/** What a protocol step needs: the app's context, the business time and step metadata. */
export type StepInvocation = Pick<Invocation, 'ctx' | 'now' | 'stepMetadata'> & {
  log: { warn(obj: object, msg: string): void };
};

/** One HTTP command request: who, when, under which command id and correlation. */
export interface Invocation {
  ctx: RouteContext;
  request: FastifyRequest;
  /** Business time of the command (ISO), from the app's clock. */
  now: string;
  commandId: string;
  /** Metadata of the request's own command. */
  metadata(): Omit<EventMetadata, 'schemaVersion'>;
  /** Metadata of a protocol step with its own command id, caused by the step before. */
  stepMetadata(commandId: string, causationId: string): Omit<EventMetadata, 'schemaVersion'>;
}

export function invocation(ctx: RouteContext, request: FastifyRequest): Invocation {
  const claims = request.claims;
  if (!claims) throw new HttpError('SW_ERR_UNAUTHENTICATED');
  const key = (request.headers as Record<string, unknown>)['idempotency-key'];
  // Scoped by the token's subject: two callers choosing the same key never share events.
  const commandId = typeof key === 'string' ? `${claims.sub}/${key}` : randomUUID();
  const now = ctx.clock().toISOString();
  const actor = { role: claims.role, id: claims.sub, districtId: claims.districtId === 'city' ? null : claims.districtId };
  return {
    ctx,
    request,
    now,
    commandId,
    metadata: () => ({ commandId, correlationId: request.id, causationId: commandId, actor, occurredAt: now }),
    stepMetadata: (stepCommandId, causationId) => ({ commandId: stepCommandId, correlationId: request.id, causationId, actor, occurredAt: now }),
  };
}
