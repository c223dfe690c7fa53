import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from './httpErrors.js';

/**
 * 503 SW_ERR_TIMEOUT for a request not answered within `ms` (a command may or may not have been
 * applied; a retry with the same Idempotency-Key tells). One sweep over the open requests every
 * quarter of `ms`, instead of fastify's `handlerTimeout`: that arms an AbortController per
 * request and aborts it when the request closes, building a DOMException with a stack trace on
 * every request — a cost that showed in the dispatch benchmark's profile.
 *
 * Only the answer is cut short: the handler runs on, and keeps the stream locks of its steps
 * until its store calls return. That is deliberate — its append may still land, and a second
 * command on the same stream must see it (the retry with the same key then finds its events).
 */
export function registerHandlerTimeout(app: FastifyInstance, ms: number): void {
  // Every request gets the same allowance, so insertion order is deadline order (on the
  // monotonic clock: a wall-clock step back must not hold the sweep up).
  const open = new Map<FastifyRequest, { reply: FastifyReply; deadline: number }>();
  app.addHook('onRequest', (request, reply, done) => {
    open.set(request, { reply, deadline: performance.now() + ms });
    done();
  });
  app.addHook('onResponse', (request, _reply, done) => {
    open.delete(request);
    done();
  });
  app.addHook('onRequestAbort', (request, done) => {
    open.delete(request);
    done();
  });
  const sweep = setInterval(() => {
    const now = performance.now();
    for (const [request, { reply, deadline }] of open) {
      if (deadline > now) break;
      open.delete(request);
      if (!reply.sent && !reply.raw.headersSent && !reply.raw.destroyed) reply.send(new HttpError('SW_ERR_TIMEOUT'));
    }
  }, Math.max(10, Math.floor(ms / 4)));
  sweep.unref();
  app.addHook('onClose', (_app, done) => {
    clearInterval(sweep);
    done();
  });
}
