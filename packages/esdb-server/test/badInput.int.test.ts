import t from 'tap';
import { credentials, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { startEsdbServer } from '../src/index.js';
import { sharedPb, streamsGrpc, streamsPb } from '../src/grpc/proto.js';
import { collect } from './contract/target.js';

// Malformed requests cannot be sent through the official client, so these speak raw gRPC
// with the same generated stubs, and check that the server answers and stays up.
const server = await startEsdbServer({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'shouwang-esdb-bad-')) });
const address = `127.0.0.1:${server.port}`;
const raw = new streamsGrpc.StreamsClient(address, credentials.createInsecure());
const client = EventStoreDBClient.connectionString(server.connectionString);
t.teardown(async () => {
  raw.close();
  await client.dispose();
  await server.stop();
});

const readError = (req: InstanceType<typeof streamsPb.ReadReq>) =>
  new Promise<ServiceError>((resolve, reject) => {
    const call = raw.read(req, new Metadata());
    call.on('data', () => undefined);
    call.on('error', resolve);
    call.on('end', () => reject(new Error('read ended without an error')));
  });

const appendRaw = (messages: InstanceType<typeof streamsPb.AppendReq>[]) =>
  new Promise<{ err: ServiceError | null; resp: InstanceType<typeof streamsPb.AppendResp> | undefined }>((resolve) => {
    const call = raw.append((err, resp) => resolve({ err, resp }));
    for (const m of messages) call.write(m);
    call.end();
  });

const options = (stream: string, revision?: string) => {
  const o = new streamsPb.AppendReq.Options();
  const id = new sharedPb.StreamIdentifier();
  id.setStreamName(Buffer.from(stream));
  o.setStreamIdentifier(id);
  if (revision === undefined) o.setAny(new sharedPb.Empty());
  else o.setRevision(revision);
  const req = new streamsPb.AppendReq();
  req.setOptions(o);
  return req;
};

const proposed = (id: string, type?: string) => {
  const m = new streamsPb.AppendReq.ProposedMessage();
  const uuid = new sharedPb.UUID();
  uuid.setString(id);
  m.setId(uuid);
  if (type) m.getMetadataMap().set('type', type);
  m.getMetadataMap().set('content-type', 'application/json');
  m.setData(Buffer.from('{}'));
  const req = new streamsPb.AppendReq();
  req.setProposedMessage(m);
  return req;
};

t.test('a read without options is INVALID_ARGUMENT', async (t) => {
  const err = await readError(new streamsPb.ReadReq());
  t.equal(err.code, status.INVALID_ARGUMENT);
});

t.test('a read of an empty stream name is INVALID_ARGUMENT', async (t) => {
  const o = new streamsPb.ReadReq.Options();
  const so = new streamsPb.ReadReq.Options.StreamOptions();
  so.setStreamIdentifier(new sharedPb.StreamIdentifier());
  so.setStart(new sharedPb.Empty());
  o.setStream(so);
  o.setCount('10');
  const req = new streamsPb.ReadReq();
  req.setOptions(o);
  t.equal((await readError(req)).code, status.INVALID_ARGUMENT);
});

t.test('a filter with an invalid regex is INVALID_ARGUMENT', async (t) => {
  const o = new streamsPb.ReadReq.Options();
  const ao = new streamsPb.ReadReq.Options.AllOptions();
  ao.setStart(new sharedPb.Empty());
  o.setAll(ao);
  o.setSubscription(new streamsPb.ReadReq.Options.SubscriptionOptions());
  const f = new streamsPb.ReadReq.Options.FilterOptions();
  const ex = new streamsPb.ReadReq.Options.FilterOptions.Expression();
  ex.setRegex('([');
  f.setStreamIdentifier(ex);
  o.setFilter(f);
  const req = new streamsPb.ReadReq();
  req.setOptions(o);
  t.equal((await readError(req)).code, status.INVALID_ARGUMENT);
});

t.test('Append: a conflict comes back inside a normal reply', async (t) => {
  const stream = `bad-${crypto.randomUUID()}`;
  await client.appendToStream(stream, jsonEvent({ type: 'A', data: {} }));
  const { err, resp } = await appendRaw([options(stream, '7'), proposed(crypto.randomUUID(), 'B')]);
  t.equal(err, null);
  t.ok(resp!.hasWrongExpectedVersion());
  t.equal(resp!.getWrongExpectedVersion()!.getCurrentRevision(), '0');
  t.equal(resp!.getWrongExpectedVersion()!.getExpectedRevision(), '7');
});

t.test('Append: events before options, a non-UUID id, a missing type: refused, nothing written', async (t) => {
  const stream = `bad-${crypto.randomUUID()}`;
  const before = server.eventCount();
  t.equal((await appendRaw([proposed(crypto.randomUUID(), 'A')])).err?.code, status.INVALID_ARGUMENT);
  t.equal((await appendRaw([options(stream), proposed('not-a-uuid', 'A')])).err?.code, status.INVALID_ARGUMENT);
  const missing = await appendRaw([options(stream), proposed(crypto.randomUUID())]);
  t.equal(missing.err?.code, status.INVALID_ARGUMENT);
  t.equal(missing.err?.metadata.get('exception')[0], 'missing-required-metadata-property');
  t.equal((await appendRaw([options(''), proposed(crypto.randomUUID(), 'A')])).err?.code, status.INVALID_ARGUMENT);
  t.equal(server.eventCount(), before, 'nothing was written');
});

t.test('a method the server does not implement is UNIMPLEMENTED, saying so', async (t) => {
  const err = await new Promise<ServiceError>((resolve) => {
    const call = raw.makeUnaryRequest(
      '/event_store.client.persistent_subscriptions.PersistentSubscriptions/Create',
      (x: Buffer) => x,
      (x: Buffer) => x,
      Buffer.alloc(0),
      (e) => resolve(e as ServiceError),
    );
    void call;
  });
  t.equal(err.code, status.UNIMPLEMENTED);
  t.match(err.details, /implement/i);
});

t.test('a subscriber that disconnects mid-stream leaves the server serving', async (t) => {
  const stream = `bad-${crypto.randomUUID()}`;
  await client.appendToStream(stream, Array.from({ length: 2000 }, (_, i) => jsonEvent({ type: 'Many', data: { i } })));
  for (let k = 0; k < 5; k++) {
    const sub = client.subscribeToAll();
    let n = 0;
    for await (const _ of sub) {
      if (++n === 50) break;
    }
  }
  const quitter = EventStoreDBClient.connectionString(server.connectionString);
  const sub = quitter.subscribeToStream(stream);
  for await (const _ of sub) break;
  await quitter.dispose();
  t.equal((await collect(client.readStream(stream))).length, 2000, 'the server still answers');
});
