import t from 'tap';
import { Metadata, status } from '@grpc/grpc-js';
import { StreamNotFoundError, jsonEvent } from '@eventstore/db-client';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as TimestampPb from 'google-protobuf/google/protobuf/timestamp_pb.js';
import { emptyPb, sharedPb, streamsPb } from '../src/grpc/proto.js';
import { collect } from './contract/target.js';
import { startRawTarget } from './rawTarget.js';

const { Timestamp } = createRequire(import.meta.url)('google-protobuf/google/protobuf/timestamp_pb') as typeof TimestampPb;

const halfAppend = fileURLToPath(new URL('./fixtures/halfAppend.ts', import.meta.url));

// Requests the official client never sends: a client that goes away mid-append, and
// BatchAppend requests past their deadline or without a stream. Raw gRPC, same stubs.
const { server, client, raw } = await startRawTarget(t);

const streamId = (name: string) => {
  const id = new sharedPb.StreamIdentifier();
  id.setStreamName(Buffer.from(name));
  return id;
};
const uuid = (text: string) => {
  const u = new sharedPb.UUID();
  u.setString(text);
  return u;
};
const absent = async (stream: string) => {
  const e = await collect(client.readStream(stream)).catch((err: unknown) => err);
  return e instanceof StreamNotFoundError;
};

t.test('Append: a client that disconnects before finishing its request writes nothing', async (t) => {
  const stream = `cut-${crypto.randomUUID()}`;
  const child = spawn(process.execPath, ['--import', 'tsx', halfAppend, String(server.port), stream], { stdio: 'inherit' });
  t.equal(await new Promise((resolve) => child.once('exit', resolve)), 0, 'the client sent half a request and went away');
  await new Promise((r) => setTimeout(r, 200));
  t.ok(await absent(stream), 'the stream was never written');
  t.equal((await client.appendToStream(stream, jsonEvent({ type: 'After', data: {} }), { expectedRevision: 'no_stream' })).nextExpectedRevision, 0n, 'the server still appends');
});

/** Sends one BatchAppend request and waits for its reply. */
function batchAppend(configure: (o: InstanceType<typeof streamsPb.BatchAppendReq.Options>) => void) {
  const correlation = crypto.randomUUID();
  return new Promise<InstanceType<typeof streamsPb.BatchAppendResp>>((resolve, reject) => {
    const call = raw.batchAppend(new Metadata());
    call.on('data', (r: InstanceType<typeof streamsPb.BatchAppendResp>) => {
      resolve(r);
      call.end();
    });
    call.on('error', reject);
    const o = new streamsPb.BatchAppendReq.Options();
    o.setAny(new emptyPb.Empty());
    configure(o);
    const m = new streamsPb.BatchAppendReq.ProposedMessage();
    m.setId(uuid(crypto.randomUUID()));
    m.getMetadataMap().set('type', 'Batch').set('content-type', 'application/json');
    m.setData(Buffer.from('{}'));
    const req = new streamsPb.BatchAppendReq();
    req.setCorrelationId(uuid(correlation));
    req.setOptions(o);
    req.setProposedMessagesList([m]);
    req.setIsFinal(true);
    call.write(req);
  }).then((r) => {
    if (r.getCorrelationId()?.getString() !== correlation) throw new Error('reply without the request correlation id');
    return r;
  });
}

t.test('BatchAppend: a request past its deadline is a Timeout error and writes nothing', async (t) => {
  const stream = `late-${crypto.randomUUID()}`;
  const r = await batchAppend((o) => {
    o.setStreamIdentifier(streamId(stream));
    o.setDeadline(Timestamp.fromDate(new Date(Date.now() - 1000)));
  });
  t.equal(r.getError()?.getCode(), status.DEADLINE_EXCEEDED);
  t.equal(r.getError()?.getDetails()?.getTypeName(), 'event_store.client.Timeout');
  t.equal(Buffer.from(r.getStreamIdentifier()!.getStreamName_asU8()).toString(), stream, 'the reply names the stream');
  t.ok(await absent(stream));
});

t.test('BatchAppend: a request without a stream is refused with its correlation id; the stream stays usable', async (t) => {
  const r = await batchAppend(() => undefined);
  t.ok(r.hasError(), 'an error reply');
  t.notOk(r.hasSuccess());
  const ok = await batchAppend((o) => o.setStreamIdentifier(streamId(`fine-${crypto.randomUUID()}`)));
  t.ok(ok.hasSuccess(), 'the next request on a new call succeeds');
});
