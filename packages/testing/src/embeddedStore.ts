import { startEsdbServer } from '@shouwang/esdb-server';
import { openEventStore, type EventStore } from '@shouwang/event-store';
import { tempDir } from './tempDir.js';

export interface EmbeddedStoreHandle {
  connectionString: string;
  store: EventStore;
  dataDir: string;
  /** Closes the store's client and stops the server. */
  stop(): Promise<void>;
}

/** The embedded EventStoreDB-protocol server on a free loopback port with its own temp data dir. */
export async function startEmbeddedStore(opts: { dataDir?: string } = {}): Promise<EmbeddedStoreHandle> {
  const dataDir = opts.dataDir ?? tempDir('shouwang-esdb-');
  const server = await startEsdbServer({ port: 0, host: '127.0.0.1', dataDir });
  let store: EventStore;
  try {
    store = await openEventStore({ connectionString: server.connectionString });
  } catch (err) {
    await server.stop();
    throw err;
  }
  return {
    connectionString: server.connectionString,
    store,
    dataDir,
    stop: async () => {
      await store.close();
      await server.stop();
    },
  };
}
