import type { FastifyInstance } from 'fastify';
import type { EventStore } from '@shouwang/event-store';
import { HttpError } from '../http/httpErrors.js';
import type { ApiMetrics } from './metrics.js';

/** `/healthz` (the process answers), `/readyz` (the store answers), `/metrics` (Prometheus). */
export function registerOperations(app: FastifyInstance, store: EventStore, metrics: ApiMetrics): void {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async () => {
    try {
      await store.readStream('shouwang-readiness-probe', { maxCount: 1 });
    } catch {
      throw new HttpError('SW_ERR_STORE_UNAVAILABLE');
    }
    return { status: 'ready' };
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
}
