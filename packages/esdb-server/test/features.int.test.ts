import t from 'tap';
import { credentials, status, type ServiceError } from '@grpc/grpc-js';
import { startEsdbServer } from '../src/index.js';
import { featuresGrpc, sharedPb } from '../src/grpc/proto.js';

// The client picks its append path from this list (BatchAppend when listed), so it must name
// every method the server serves, and nothing it does not.
const server = await startEsdbServer({ port: 0, memory: true });
const address = `127.0.0.1:${server.port}`;
const features = new featuresGrpc.ServerFeaturesClient(address, credentials.createInsecure());
t.teardown(async () => {
  features.close();
  await server.stop();
});

const methods = await new Promise<Array<{ service: string; method: string }>>((resolve, reject) =>
  features.getSupportedMethods(new sharedPb.Empty(), (err, reply) =>
    err ? reject(err) : resolve(reply.getMethodsList().map((m) => ({ service: m.getServiceName(), method: m.getMethodName() })))),
);

/** Calls `/<package.Service>/<Method>` with an empty message; resolves with the status code. */
function statusOf(path: string): Promise<number> {
  return new Promise((resolve) => {
    features.makeUnaryRequest(path, (x: Buffer) => x, (x: Buffer) => x, Buffer.alloc(0), (e) => resolve((e as ServiceError | null)?.code ?? status.OK));
  });
}

t.test('it advertises the streams, gossip and features methods, in lower case', async (t) => {
  t.same(
    methods.map((m) => `${m.service}/${m.method}`).sort(),
    [
      'event_store.client.gossip.gossip/read',
      'event_store.client.server_features.serverfeatures/getsupportedmethods',
      'event_store.client.streams.streams/append',
      'event_store.client.streams.streams/batchappend',
      'event_store.client.streams.streams/delete',
      'event_store.client.streams.streams/read',
      'event_store.client.streams.streams/tombstone',
    ],
  );
});

t.test('every advertised unary method is served; an unadvertised one is UNIMPLEMENTED', async (t) => {
  // Unary methods answer an empty request with a status other than UNIMPLEMENTED; streaming
  // ones are exercised by the contract suite.
  for (const path of [
    '/event_store.client.streams.Streams/Delete',
    '/event_store.client.streams.Streams/Tombstone',
    '/event_store.client.gossip.Gossip/Read',
    '/event_store.client.server_features.ServerFeatures/GetSupportedMethods',
  ]) {
    t.not(await statusOf(path), status.UNIMPLEMENTED, path);
  }
  for (const path of ['/event_store.client.operations.Operations/Shutdown', '/event_store.client.users.Users/Create', '/event_store.client.projections.Projections/Create']) {
    t.equal(await statusOf(path), status.UNIMPLEMENTED, path);
  }
  t.notOk(methods.some((m) => /operations|users|projections|persistent/.test(m.service)), 'none of those is advertised');
});
