/**
 * The ceiling for readAll: a bare grpc-js server whose Streams.Read writes messages that were
 * serialised before the call, so the client's own decoding is all that is measured.
 */
import { Server, ServerCredentials, type ServerWritableStream } from '@grpc/grpc-js';
import { eventResponse } from '../../packages/esdb-server/src/grpc/convert.js';
import { streamsGrpc } from '../../packages/esdb-server/src/grpc/proto.js';

const count = Number(process.argv[2] ?? 1_000_000);
const messages: Uint8Array[] = [];
for (let i = 0; i < count; i++) {
  const data = Buffer.from(JSON.stringify({ dispatchId: `d-${i}`, volunteerId: `v-${i % 20000}`, postId: `p-${i % 3000}`, shiftId: 's-1', districtId: 'haidian', mode: 'combat', at: '2022-05-01T08:00:00.000Z' }));
  const metadata = Buffer.from(JSON.stringify({ commandId: crypto.randomUUID(), correlationId: crypto.randomUUID(), causationId: crypto.randomUUID(), actor: { role: 'dispatcher', id: 'op-1', districtId: 'haidian' }, occurredAt: '2022-05-01T08:00:00.000Z', schemaVersion: 1 }));
  messages.push(
    eventResponse({ position: 16 + i * 400, stream: `volunteer-${Math.floor(i / 1000)}`, revision: i % 1000, id: crypto.randomUUID(), type: 'VolunteerDispatched', isJson: true, created: '17000000000000000', data, metadata }).serializeBinary(),
  );
}

const def = streamsGrpc.StreamsService as unknown as Record<string, { responseSerialize: (v: unknown) => Buffer }>;
const service = { ...def, read: { ...def.read!, responseSerialize: (v: unknown) => Buffer.from(v as Uint8Array) } };
const server = new Server();
server.addService(service as never, {
  read: async (call: ServerWritableStream<unknown, Uint8Array>) => {
    for (const m of messages) {
      if (!call.write(m)) await new Promise((r) => call.once('drain', r));
    }
    call.end();
  },
});
server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, port) => {
  if (err) throw err;
  process.send!({ port });
});
