import { EventStoreDBClient } from '@eventstore/db-client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEsdbServer } from '../../src/index.js';

/**
 * The server the contract suite talks to: a real EventStoreDB when ESDB_CONNECTION_STRING is
 * set, otherwise the embedded server on a free port with its own data directory.
 */
export interface ContractTarget {
  name: string;
  connectionString: string;
  client: EventStoreDBClient;
  /** Stream names unique to this run, so a real server's older data never interferes. */
  stream(prefix: string): string;
  close(): Promise<void>;
}

export async function contractTarget(): Promise<ContractTarget> {
  const external = process.env.ESDB_CONNECTION_STRING;
  const run = crypto.randomUUID().slice(0, 8);
  const stream = (prefix: string) => `${prefix}-${run}-${crypto.randomUUID().slice(0, 8)}`;
  if (external) {
    const client = EventStoreDBClient.connectionString(external);
    console.log(`# contract target: EventStoreDB at ESDB_CONNECTION_STRING`);
    return { name: 'external', connectionString: external, client, stream, close: () => client.dispose() };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'shouwang-esdb-contract-'));
  const server = await startEsdbServer({ port: 0, dataDir });
  const client = EventStoreDBClient.connectionString(server.connectionString);
  console.log(`# contract target: embedded server at ${server.connectionString}`);
  return {
    name: 'embedded',
    connectionString: server.connectionString,
    client,
    stream,
    close: async () => {
      await client.dispose();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Collects an async iterable into an array. */
export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
