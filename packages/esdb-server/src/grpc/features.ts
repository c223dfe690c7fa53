import type { ServerUnaryCall, sendUnaryData } from '@grpc/grpc-js';
import type { Empty } from '@eventstore/db-client/generated/shared_pb.js';
import type { SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb.js';
import { featuresPb } from './proto.js';

/** The version the client sees; its feature checks compare against EventStoreDB releases. */
export const SERVER_VERSION = '23.10.0';

/** Exactly what this server implements, so the client never calls anything else. */
const supported: Array<[service: string, method: string]> = [
  ['event_store.client.streams.streams', 'read'],
  ['event_store.client.streams.streams', 'append'],
  ['event_store.client.streams.streams', 'batchappend'],
  ['event_store.client.streams.streams', 'delete'],
  ['event_store.client.streams.streams', 'tombstone'],
  ['event_store.client.gossip.gossip', 'read'],
  ['event_store.client.server_features.serverfeatures', 'getsupportedmethods'],
];

export function supportedMethodsHandler() {
  return (_call: ServerUnaryCall<Empty, SupportedMethods>, callback: sendUnaryData<SupportedMethods>) => {
    const reply = new featuresPb.SupportedMethods();
    reply.setEventStoreServerVersion(SERVER_VERSION);
    reply.setMethodsList(
      supported.map(([service, method]) => {
        const m = new featuresPb.SupportedMethod();
        m.setServiceName(service);
        m.setMethodName(method);
        return m;
      }),
    );
    callback(null, reply);
  };
}
