import { createRequire } from 'node:module';
import type * as StreamsPb from '@eventstore/db-client/generated/streams_pb.js';
import type * as StreamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import type * as SharedPb from '@eventstore/db-client/generated/shared_pb.js';
import type * as StatusPb from '@eventstore/db-client/generated/status_pb.js';
import type * as FeaturesPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import type * as FeaturesGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import type * as GossipPb from '@eventstore/db-client/generated/gossip_pb.js';
import type * as GossipGrpc from '@eventstore/db-client/generated/gossip_grpc_pb.js';
import type * as AnyPb from 'google-protobuf/google/protobuf/any_pb.js';
import type * as EmptyPb from 'google-protobuf/google/protobuf/empty_pb.js';

/**
 * The wire format: the generated gRPC stubs shipped in `@eventstore/db-client`, the same
 * definitions the client itself is built on (design.md §1). They are CommonJS modules whose
 * exports static analysis cannot see, hence `require`.
 */
const require = createRequire(import.meta.url);
const generated = <T>(name: string): T => require(`@eventstore/db-client/generated/${name}`) as T;

export const streamsPb = generated<typeof StreamsPb>('streams_pb');
export const streamsGrpc = generated<typeof StreamsGrpc>('streams_grpc_pb');
export const sharedPb = generated<typeof SharedPb>('shared_pb');
export const statusPb = generated<typeof StatusPb>('status_pb');
export const featuresPb = generated<typeof FeaturesPb>('serverfeatures_pb');
export const featuresGrpc = generated<typeof FeaturesGrpc>('serverfeatures_grpc_pb');
export const gossipPb = generated<typeof GossipPb>('gossip_pb');
export const gossipGrpc = generated<typeof GossipGrpc>('gossip_grpc_pb');
export const anyPb = require('google-protobuf/google/protobuf/any_pb') as typeof AnyPb;
export const emptyPb = require('google-protobuf/google/protobuf/empty_pb') as typeof EmptyPb;
