import Fastify, { LogController, type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import type { EventStore } from '@shouwang/event-store';
import { registerAuthentication } from './auth/authenticate.js';
import { tokenVerifier, type TokenSettings } from '@shouwang/auth';
import { correlationIdOf, CORRELATION_HEADER } from './http/correlation.js';
import { registerErrorHandling } from './http/errorHandler.js';
import { HttpError } from './http/httpErrors.js';
import { registerHandlerTimeout } from './http/handlerTimeout.js';
import { registerOpenApi } from './http/openapi.js';
import { loggerOptions } from './logging.js';
import { createMetrics, type ApiMetrics } from './ops/metrics.js';
import { registerOperations } from './ops/routes.js';
import { registerCommandRoutes } from './commands/register.js';
import { registerReadRoutes } from './reads/routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered (method, url), so a test can prove each has an access policy. */
    shouwangRoutes: { method: string; url: string }[];
  }
}

export interface AppDeps {
  store: EventStore;
  jwt: TokenSettings;
  /** Log level (default `info`); `silent` in most tests. */
  logLevel?: string;
  /** Where log lines go (tests capture them); default stdout. */
  logStream?: DestinationStream;
  metrics?: ApiMetrics;
  bodyLimitBytes?: number;
  requestTimeoutMs?: number;
  rateLimit?: { max: number; windowMs: number };
  /**
   * Which proxies in front may name the client (X-Forwarded-For); default none. Behind a load
   * balancer without it every client shares the balancer's address, and so one rate-limit bucket.
   */
  trustProxy?: boolean | number | string[];
  /** Business clock for commands (`now`); tests pin it. */
  clock?: () => Date;
  /** How many times a concurrency conflict is retried per aggregate step (default 16). */
  maxRetries?: number;
}

const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

/** Builds the API (not listening). `main.ts` listens; tests inject. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const logger = deps.logStream
    ? { ...loggerOptions(deps.logLevel ?? 'info'), stream: deps.logStream }
    : loggerOptions(deps.logLevel ?? 'info');
  const app = Fastify({
    logger,
    genReqId: correlationIdOf,
    logController: new LogController({ requestIdLogLabel: 'correlationId' }),
    bodyLimit: deps.bodyLimitBytes ?? 65_536,
    // The socket-level timeout guards slow uploads; registerHandlerTimeout answers slow handlers.
    requestTimeout: (deps.requestTimeoutMs ?? 10_000) * 2,
    // a hop count as a function: fastify takes one at run time, but its types only the others
    trustProxy: typeof deps.trustProxy === 'number' ? trustHops(deps.trustProxy) : (deps.trustProxy ?? false),
  }).withTypeProvider<ZodTypeProvider>();
  const registered: { method: string; url: string }[] = [];
  app.decorate('shouwangRoutes', registered);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) registered.push({ method, url: route.url });
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const metrics = deps.metrics ?? createMetrics();
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(CORRELATION_HEADER, request.id);
    done();
  });
  registerHandlerTimeout(app, deps.requestTimeoutMs ?? 10_000);
  registerErrorHandling(app);
  const limit = deps.rateLimit ?? { max: 1200, windowMs: 60_000 };
  await app.register(rateLimit, {
    global: true,
    hook: 'preValidation',
    max: limit.max,
    timeWindow: limit.windowMs,
    keyGenerator: (request) => (request.claims ? `sub:${request.claims.sub}` : `ip:${request.ip}`),
    allowList: (request) => request.claims === undefined && (request.routeOptions.url ?? '').match(/^\/(healthz|readyz)$/) !== null,
    errorResponseBuilder: () => new HttpError('SW_ERR_RATE_LIMITED'),
  });
  // A refused token never reaches the per-subject limit above (authentication answers first).
  const refusedTokens = app.createRateLimit({ max: limit.max, timeWindow: limit.windowMs, keyGenerator: (request) => `refused:${request.ip}` });
  registerAuthentication(app, tokenVerifier(deps.jwt), async (request) => {
    const counted = await refusedTokens(request);
    return !counted.isAllowed && counted.isExceeded;
  });
  await registerOpenApi(app);
  registerOperations(app, deps.store, metrics);
  const context = {
    store: deps.store,
    metrics,
    clock: deps.clock ?? (() => new Date()),
    maxRetries: deps.maxRetries ?? 16,
  };
  registerCommandRoutes(app, context);
  registerReadRoutes(app, context);
  return app;
}
