import type { ServerUnaryCall, sendUnaryData } from '@grpc/grpc-js';
import type { Empty } from '@eventstore/db-client/generated/shared_pb.js';
import type { ClusterInfo } from '@eventstore/db-client/generated/gossip_pb.js';
import { uuid } from './convert.js';
import { gossipPb } from './proto.js';

/** `Gossip.Read`: a cluster of one, the leader, so `esdb+discover://` finds this node. */
export function gossipHandler(host: () => string, port: () => number) {
  const instanceId = crypto.randomUUID();
  return (_call: ServerUnaryCall<Empty, ClusterInfo>, callback: sendUnaryData<ClusterInfo>) => {
    const endpoint = new gossipPb.EndPoint();
    endpoint.setAddress(host());
    endpoint.setPort(port());
    const member = new gossipPb.MemberInfo();
    member.setInstanceId(uuid(instanceId));
    member.setTimeStamp(String(BigInt(Date.now()) * 10_000n));
    member.setState(gossipPb.MemberInfo.VNodeState.LEADER);
    member.setIsAlive(true);
    member.setHttpEndPoint(endpoint);
    const info = new gossipPb.ClusterInfo();
    info.setMembersList([member]);
    callback(null, info);
  };
}
