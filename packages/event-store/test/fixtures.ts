import { startEsdbServer } from '@shouwang/esdb-server';
import { randomUUID } from 'node:crypto';
import { openEventStore, type EventMetadata, type EventStore, type NewEvent } from '../src/index.js';

export function metadata(commandId: string = randomUUID(), districtId: string | null = 'd-east'): EventMetadata {
  return {
    commandId,
    correlationId: commandId,
    causationId: commandId,
    actor: { role: 'dispatcher', id: 'u-1', districtId },
    occurredAt: '2026-11-22T08:00:00.000Z',
    schemaVersion: 1,
  };
}

export function event(type: string, data: Record<string, unknown> = {}): NewEvent {
  return { id: randomUUID(), type, data: { districtId: 'd-east', ...data }, metadata: metadata() };
}

/** The embedded server in memory on a free loopback port, reached through the real client. */
export async function startStore(): Promise<{ store: EventStore; stop: () => Promise<void> }> {
  const server = await startEsdbServer({ port: 0, host: '127.0.0.1', memory: true });
  const store = await openEventStore({ connectionString: server.connectionString });
  return {
    store,
    stop: async () => {
      await store.close();
      await server.stop();
    },
  };
}
