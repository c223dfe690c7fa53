import { EventLog } from '../../packages/esdb-server/src/store/eventLog.js';

/**
 * Writes `count` volunteer-dispatch-sized events straight into an event log (1,000 per append),
 * so a benchmark can start from a large history without waiting for it through gRPC.
 */
export async function seedEventLog(dataDir: string, count: number): Promise<void> {
  const log = EventLog.open(dataDir);
  const batch = 1000;
  for (let start = 0; start < count; start += batch) {
    const events = [];
    for (let i = start; i < Math.min(count, start + batch); i++) {
      const data = Buffer.from(JSON.stringify({ dispatchId: `d-${i}`, volunteerId: `v-${i % 20000}`, postId: `p-${i % 3000}`, shiftId: 's-1', districtId: 'haidian', mode: 'combat', at: '2022-05-01T08:00:00.000Z' }));
      const metadata = Buffer.from(JSON.stringify({ commandId: crypto.randomUUID(), correlationId: crypto.randomUUID(), causationId: crypto.randomUUID(), actor: { role: 'dispatcher', id: 'op-1', districtId: 'haidian' }, occurredAt: '2022-05-01T08:00:00.000Z', schemaVersion: 1 }));
      events.push({ id: crypto.randomUUID(), type: 'VolunteerDispatched', isJson: true, data, metadata });
    }
    await log.append(`volunteer-${start / batch}`, { kind: 'any' }, events);
  }
  log.close();
}
