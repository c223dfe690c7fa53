import { EsdbEventStore } from './esdbEventStore.js';
import type { EventStore } from './types.js';

export interface OpenEventStoreOptions {
  /** `esdb://…`; defaults to `ESDB_CONNECTION_STRING`. When neither is set the embedded server starts. */
  connectionString?: string;
  /** Where the embedded server keeps its files (default `./.data/esdb`). */
  dataDir?: string;
  /** Embedded server without files (tests, demos). */
  memory?: boolean;
}

/** Connects to EventStoreDB, or starts the embedded single-node server when none is configured. */
export async function openEventStore(opts: OpenEventStoreOptions = {}): Promise<EventStore> {
  const configured = opts.connectionString ?? process.env.ESDB_CONNECTION_STRING;
  if (configured) return new EsdbEventStore(configured);
  const { startEsdbServer } = await import('@shouwang/esdb-server');
  const server = await startEsdbServer({
    port: 0,
    host: '127.0.0.1',
    ...(opts.memory ? { memory: true } : { dataDir: opts.dataDir ?? './.data/esdb' }),
  });
  return new EsdbEventStore(server.connectionString, () => server.stop());
}
