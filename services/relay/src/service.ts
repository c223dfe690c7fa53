import { connect, type NatsConnection } from 'nats';
import { pino, type Logger } from 'pino';
import { openEventStore, type EventStore } from '@shouwang/event-store';
import type { FastifyInstance } from 'fastify';
import type { RelayConfig } from './config.js';
import { ensureStream } from './jetstreamSetup.js';
import { createRelayMetrics } from './metrics.js';
import { Relay } from './relay.js';
import { measureLag } from './lag.js';
import { buildRelayHttp } from './http.js';

/** How often the lag gauges are refreshed. */
const LAG_SAMPLE_MS = 2_000;

export interface RelayService {
  relay: Relay;
  http: FastifyInstance;
  /** The port /healthz and /metrics listen on. */
  port: number;
  stop(): Promise<void>;
}

/** Wires store, NATS, the relay, its lag sampler and its HTTP endpoints; resolves once listening. */
export async function startRelayService(config: RelayConfig, logger: Logger = pino({ level: config.LOG_LEVEL })): Promise<RelayService> {
  const store: EventStore = await openEventStore(
    config.ESDB_CONNECTION_STRING ? { connectionString: config.ESDB_CONNECTION_STRING } : {},
  );
  const undo: (() => Promise<unknown>)[] = [() => store.close()];
  try {
    return await wire(config, logger, store, undo);
  } catch (err) {
    // A start that fails half way (NATS, the stream, a port in use) leaves nothing running.
    for (const step of undo.reverse()) await step().catch(() => undefined);
    throw err;
  }
}

async function wire(config: RelayConfig, logger: Logger, store: EventStore, undo: (() => Promise<unknown>)[]): Promise<RelayService> {
  const nc: NatsConnection = await connect({
    servers: config.NATS_URL,
    name: 'shouwang-relay',
    reconnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    // A relay started before NATS keeps trying instead of exiting.
    waitOnFirstConnect: true,
  });
  undo.push(() => nc.drain());
  const jsm = await nc.jetstreamManager();
  const outcome = await ensureStream(jsm, {
    name: config.RELAY_STREAM_NAME,
    subjectPrefix: config.RELAY_SUBJECT_PREFIX,
    duplicateWindowMs: config.RELAY_DUPLICATE_WINDOW_MS,
    replicas: config.RELAY_STREAM_REPLICAS,
  });
  logger.info({ stream: config.RELAY_STREAM_NAME, outcome }, 'JetStream stream ready');

  const metrics = createRelayMetrics();
  const relay = new Relay({
    store,
    nc,
    jsm,
    streamName: config.RELAY_STREAM_NAME,
    subjectPrefix: config.RELAY_SUBJECT_PREFIX,
    maxInFlight: config.RELAY_MAX_IN_FLIGHT,
    publishTimeoutMs: config.RELAY_PUBLISH_TIMEOUT_MS,
    metrics,
    logger,
  });
  relay.start();
  undo.push(() => relay.stop());

  let sampling = false;
  const sampler = setInterval(() => {
    if (sampling) return;
    sampling = true;
    measureLag(relay, store)
      .then((lag) => {
        metrics.lagEvents.set(lag.events);
        metrics.lagSeconds.set(lag.seconds);
      })
      .catch(() => undefined)
      .finally(() => (sampling = false));
  }, LAG_SAMPLE_MS);
  sampler.unref();
  undo.push(async () => clearInterval(sampler));

  const http = buildRelayHttp({ healthy: () => relay.healthy && !nc.isClosed(), ready: () => relay.caughtUp }, metrics.registry);
  undo.push(() => http.close());
  await http.listen({ host: config.HOST, port: config.PORT });
  const address = http.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;

  return {
    relay,
    http,
    port,
    stop: async () => {
      clearInterval(sampler);
      await relay.stop();
      await http.close();
      await nc.drain().catch(() => undefined);
      await store.close();
    },
  };
}
