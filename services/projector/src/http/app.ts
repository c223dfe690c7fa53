import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { Registry, Gauge, collectDefaultMetrics } from 'prom-client';
import { viewsPlugin, type ViewsPluginOptions } from './viewsPlugin.js';

export interface ProjectorAppOptions extends ViewsPluginOptions {
  /** Whether the projector has caught up with the store at least once (readiness). */
  isCaughtUp: () => boolean;
  /** A pino logger (the service's); none by default. */
  logger?: FastifyBaseLogger;
}

/** The projector's own HTTP app: the views plugin plus /healthz, /readyz and /metrics. Does not listen. */
export async function buildProjectorApp(opts: ProjectorAppOptions): Promise<FastifyInstance> {
  // request logs carry the URL: ids and periods only, never personal data (views hold none)
  const app = Fastify(opts.logger ? { loggerInstance: opts.logger } : {});
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'shouwang_projector_' });
  new Gauge({
    name: 'shouwang_projector_checkpoint_position',
    help: 'Commit position of the last event applied to the views',
    registers: [registry],
    collect() {
      this.set(Number(opts.checkpoint().position ?? -1n));
    },
  });
  new Gauge({
    name: 'shouwang_projector_events_applied',
    help: 'Events applied to the views since they were created',
    registers: [registry],
    collect() {
      this.set(opts.checkpoint().events);
    },
  });

  await app.register(viewsPlugin, opts);
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) =>
    opts.isCaughtUp() ? { status: 'ready' } : reply.code(503).send({ status: 'catching_up' }),
  );
  app.get('/metrics', async (_req, reply) => reply.type(registry.contentType).send(await registry.metrics()));
  return app;
}
