import { join } from 'node:path';
import { pino } from 'pino';
import { openEventStore } from '@shouwang/event-store';
import { loadConfig } from './config.js';
import { buildProjectorApp } from './http/app.js';
import { startProjector } from './service.js';

// Entry point of the projector service: follows the store into DATA_DIR/views.sqlite and serves /v1/views.
const config = loadConfig();
const log = pino({ level: config.LOG_LEVEL, base: { service: 'projector' } });

const store = await openEventStore({
  ...(config.ESDB_CONNECTION_STRING ? { connectionString: config.ESDB_CONNECTION_STRING } : {}),
  dataDir: join(config.DATA_DIR, 'esdb'),
});
const service = startProjector({ store, dataDir: config.DATA_DIR, batchSize: config.PROJECTOR_BATCH_SIZE });
const resumedFrom = service.views.checkpoint();
log.info({ position: resumedFrom.position?.toString() ?? null, events: resumedFrom.events }, 'projector resuming from checkpoint');
service.projector.on('caughtUp', (position) => log.info({ position: position?.toString() ?? null }, 'projector caught up'));
const stopOnError = (err: unknown) => {
  log.fatal({ err }, 'projector stopped on an error; restart resumes from the checkpoint');
  process.exit(1);
};
service.running.catch(stopOnError);
// building the query indexes once caught up failed (e.g. a full disk): the same, a restart retries
service.caughtUp.catch(stopOnError);

const app = await buildProjectorApp({
  db: service.db,
  checkpoint: () => service.views.checkpoint(),
  events: service.events,
  tokens: { secret: config.JWT_SECRET, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE },
  changes: service.projector,
  store,
  isCaughtUp: () => service.projector.isCaughtUp,
  logger: log,
});
await app.listen({ port: config.PORT, host: config.HOST });

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'projector stopping');
  await app.close();
  await service.stop();
  await store.close();
  process.exit(0);
};
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
