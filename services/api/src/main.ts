import { join, resolve } from 'node:path';
import { openEventStore } from '@shouwang/event-store';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { loadDemoCity } from './demo/load.js';
import { createMetrics } from './ops/metrics.js';
import { fileCheckpoint } from './recovery/checkpoint.js';
import { startDispatchRecovery } from './recovery/dispatchRecovery.js';

/** Starts the API: config from the environment, the event store (embedded unless configured), then listen. */
async function main(): Promise<void> {
  const config = loadConfig();
  // `pnpm --filter` runs in the package folder: a relative DATA_DIR means the caller's folder.
  const dataDir = resolve(process.env.INIT_CWD ?? process.cwd(), config.DATA_DIR);
  const embedded = !config.ESDB_CONNECTION_STRING;
  const store = await openEventStore(
    embedded ? { dataDir: join(dataDir, 'esdb') } : { connectionString: config.ESDB_CONNECTION_STRING! },
  );
  if (config.DEMO) {
    const result = await loadDemoCity(store);
    console.log(result.alreadyLoaded ? 'demo city: already loaded' : `demo city: loaded ${result.events} events into ${result.appended} streams`);
  }
  const app = await buildApp({
    store,
    jwt: { secret: config.JWT_SECRET, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE },
    logLevel: config.LOG_LEVEL,
    metrics: createMetrics({ defaultMetrics: true }),
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    rateLimit: { max: config.RATE_LIMIT_MAX, windowMs: config.RATE_LIMIT_WINDOW_MS },
    trustProxy: config.TRUST_PROXY,
  });
  const recovery = config.DISPATCH_RECOVERY
    ? startDispatchRecovery({
        ctx: { store, metrics: createMetrics(), clock: () => new Date(), maxRetries: 16 },
        checkpoint: fileCheckpoint(join(dataDir, 'dispatch-recovery.checkpoint')),
        graceMs: config.DISPATCH_RECOVERY_GRACE_MS,
        log: app.log.child({ component: 'dispatch-recovery' }),
      })
    : undefined;
  app.addHook('onClose', async () => {
    await recovery?.stop();
    await store.close();
  });
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  console.log(`shouwang api listening on ${address}`);
  console.log(`  store:    ${embedded ? `embedded on ${join(dataDir, 'esdb')}, reachable at ${store.connectionString}` : 'EventStoreDB (ESDB_CONNECTION_STRING)'}`);
  console.log(`  API docs: ${address}/docs   OpenAPI: ${address}/openapi.json`);
  console.log('  tokens:   pnpm --filter @shouwang/api tokens   (one per role, signed with JWT_SECRET)');
  const stop = async (signal: string) => {
    console.log(`${signal}: closing`);
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  // Configuration errors name variables, never their values.
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
