import { createRequire } from 'node:module';

/**
 * The wire format: the generated gRPC stubs shipped in `@eventstore/db-client`, the same
 * definitions the client itself is built on (design.md §1).
 */
const require = createRequire(import.meta.url);
const load = <T>(name: string): T => require(`@eventstore/db-client/generated/${name}`) as T;

export const streamsPb = load<typeof import('@eventstore/db-client/generated/streams_pb.js')>('streams_pb');
export const streamsGrpc = load<typeof import('@eventstore/db-client/generated/streams_grpc_pb.js')>('streams_grpc_pb');
export const sharedPb = load<typeof import('@eventstore/db-client/generated/shared_pb.js')>('shared_pb');
export const statusPb = load<typeof import('@eventstore/db-client/generated/status_pb.js')>('status_pb');
export const featuresPb = load<typeof import('@eventstore/db-client/generated/serverfeatures_pb.js')>('serverfeatures_pb');
export const featuresGrpc = load<typeof import('@eventstore/db-client/generated/serverfeatures_grpc_pb.js')>('serverfeatures_grpc_pb');
export const gossipPb = load<typeof import('@eventstore/db-client/generated/gossip_pb.js')>('gossip_pb');
export const gossipGrpc = load<typeof import('@eventstore/db-client/generated/gossip_grpc_pb.js')>('gossip_grpc_pb');
export const anyPb = require('google-protobuf/google/protobuf/any_pb') as typeof import('google-protobuf/google/protobuf/any_pb.js');
export const emptyPb = require('google-protobuf/google/protobuf/empty_pb') as typeof import('google-protobuf/google/protobuf/empty_pb.js');
