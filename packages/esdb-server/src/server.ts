import { Server, ServerCredentials, type UntypedServiceImplementation } from '@grpc/grpc-js';
import pino, { type Logger } from 'pino';
import { EventLog } from './store/eventLog.js';
import { appendHandler } from './grpc/append.js';
import { batchAppendHandler } from './grpc/batchAppend.js';
import { deleteHandler, tombstoneHandler } from './grpc/delete.js';
import { supportedMethodsHandler } from './grpc/features.js';
import { gossipHandler } from './grpc/gossip.js';
import { readHandler } from './grpc/read.js';
import { featuresGrpc, gossipGrpc, streamsGrpc } from './grpc/proto.js';

/** Streams.Read answers with pre-encoded events; every other message still goes through google-protobuf. */
function streamsService() {
  const def = streamsGrpc.StreamsService as unknown as Record<string, { responseSerialize: (v: unknown) => Buffer }>;
  const read = def.read!;
  return {
    ...def,
    read: { ...read, responseSerialize: (v: unknown) => (Buffer.isBuffer(v) ? v : read.responseSerialize(v)) },
  };
}

export interface EsdbServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Where the event log lives; required unless `memory`. */
  dataDir?: string;
  /** A throwaway store that keeps nothing on disk. */
  memory?: boolean;
  logger?: Logger;
  /** Size at which segment files roll over (default 256 MiB); small values are for tests. */
  segmentBytes?: number;
  /**
   * Called once a write to the log fails: the log then refuses every append, because its index
   * is ahead of its files. The `shouwang-esdb` command exits so that a supervisor restarts it and
   * recovery runs from what is on disk.
   */
  onBroken?: (err: Error) => void;
}

export interface EsdbServer {
  port: number;
  host: string;
  connectionString: string;
  /** Number of events (records in `$all`) the server holds. */
  eventCount(): number;
  stop(): Promise<void>;
}

/** Starts the embedded single-node server that speaks EventStoreDB's gRPC protocol. */
export async function startEsdbServer(opts: EsdbServerOptions = {}): Promise<EsdbServer> {
  if (!opts.memory && !opts.dataDir) throw new Error('startEsdbServer needs a dataDir, or memory: true');
  const logger = opts.logger ?? pino({ level: 'silent' });
  const host = opts.host ?? '127.0.0.1';
  const log = EventLog.open(opts.memory ? undefined : opts.dataDir, opts.segmentBytes);
  log.commits.once('broken', (err: Error) => {
    logger.error({ err }, 'event log write failed: appends are refused until the store restarts');
    opts.onBroken?.(err);
  });
  const server = new Server({
    // Clients ping every 10 s; accept that, and drop peers that stop answering so their
    // subscriptions end.
    'grpc.keepalive_permit_without_calls': 1,
    'grpc.http2.min_ping_interval_without_data_ms': 5_000,
    'grpc.keepalive_time_ms': 30_000,
    'grpc.keepalive_timeout_ms': 10_000,
    'grpc.max_receive_message_length': 16 * 1024 * 1024,
  });
  let port = opts.port ?? 0;
  server.addService(streamsService() as never, {
    read: readHandler(log),
    append: appendHandler(log),
    batchAppend: batchAppendHandler(log),
    delete: deleteHandler(log),
    tombstone: tombstoneHandler(log),
  } as UntypedServiceImplementation);
  server.addService(featuresGrpc.ServerFeaturesService as never, { getSupportedMethods: supportedMethodsHandler() } as UntypedServiceImplementation);
  server.addService(gossipGrpc.GossipService as never, { read: gossipHandler(() => host, () => port) } as UntypedServiceImplementation);

  try {
    port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`${host}:${port}`, ServerCredentials.createInsecure(), (err, bound) => (err ? reject(err) : resolve(bound))),
    );
  } catch (err) {
    // A port in use must not leave the log's files (and its lock) open.
    server.forceShutdown();
    log.close();
    throw err;
  }
  logger.info({ host, port, events: log.visible, memory: !!opts.memory }, 'event store listening');
  let stopped = false;
  return {
    port,
    host,
    connectionString: `esdb://${host}:${port}?tls=false`,
    eventCount: () => log.visible,
    async stop() {
      if (stopped) return;
      stopped = true;
      // Open subscriptions and BatchAppend streams would hold a graceful shutdown forever.
      server.forceShutdown();
      log.close();
      logger.info('event store stopped');
    },
  };
}
