import { status } from '@grpc/grpc-js';
import type { AppendReq, BatchAppendReq } from '@eventstore/db-client/generated/streams_pb.js';
import type { ProposedEvent } from '../store/eventLog.js';
import { uuidOf } from './convert.js';
import { grpcError } from './errors.js';

type Proposed = AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage;

/** A proposed message as the log takes it; `type` and `content-type` are required, as on EventStoreDB. */
export function proposedEvent(m: Proposed): ProposedEvent {
  const meta = m.getMetadataMap();
  const type = meta.get('type');
  const contentType = meta.get('content-type');
  if (!type || !contentType) {
    throw grpcError(status.INVALID_ARGUMENT, 'Required metadata properties are missing', {
      exception: 'missing-required-metadata-property',
      'required-metadata-properties': 'type,content-type',
    });
  }
  return {
    id: uuidOf(m.getId()),
    type,
    isJson: contentType === 'application/json',
    data: m.getData_asU8(),
    metadata: m.getCustomMetadata_asU8(),
  };
}
