import type { Test } from 'tap';
import { credentials } from '@grpc/grpc-js';
import { EventStoreDBClient } from '@eventstore/db-client';
import { startEsdbServer } from '../src/index.js';
import { streamsGrpc } from '../src/grpc/proto.js';

/**
 * An in-memory server with the official client beside a raw gRPC stub on the same stubs, for
 * requests the client never sends (a caller that stops reading, goes away mid-append, ...).
 * Closed when `t` ends.
 */
export async function startRawTarget(t: Pick<Test, 'teardown'>) {
  const server = await startEsdbServer({ port: 0, memory: true });
  const client = EventStoreDBClient.connectionString(server.connectionString);
  const raw = new streamsGrpc.StreamsClient(`127.0.0.1:${server.port}`, credentials.createInsecure());
  t.teardown(async () => {
    raw.close();
    await client.dispose();
    await server.stop();
  });
  return { server, client, raw };
}
