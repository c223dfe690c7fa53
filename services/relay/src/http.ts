import Fastify, { type FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

export interface RelayHealth {
  /** True while the relay is publishing or waiting for events, false while it retries. */
  healthy(): boolean;
  /** True once the relay has caught up with the store. */
  ready(): boolean;
}

/** `/healthz`, `/readyz` and `/metrics`; built apart from listening so tests can inject. */
export function buildRelayHttp(health: RelayHealth, registry: Registry): FastifyInstance {
  const app = Fastify({ logger: false });
  app.get('/healthz', async (_req, reply) => {
    const ok = health.healthy();
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable' });
  });
  app.get('/readyz', async (_req, reply) => {
    const ok = health.ready();
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'catching up' });
  });
  app.get('/metrics', async (_req, reply) => {
    return reply.header('content-type', registry.contentType).send(await registry.metrics());
  });
  return app;
}
