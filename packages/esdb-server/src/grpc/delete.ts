import { status, type ServerUnaryCall, type sendUnaryData } from '@grpc/grpc-js';
import type { DeleteReq, DeleteResp, TombstoneReq, TombstoneResp } from '@eventstore/db-client/generated/streams_pb.js';
import type { EventLog } from '../store/eventLog.js';
import type { ExpectedRevision } from '../store/streamState.js';
import { expectedFrom, expectedVersionNumber, streamNameOf } from './convert.js';
import { asServiceError, grpcError, invalidArgument, streamDeleted } from './errors.js';
import { streamsPb } from './proto.js';

type Options = DeleteReq.Options | TombstoneReq.Options;
const Case = streamsPb.DeleteReq.Options.ExpectedStreamRevisionCase;

function expectedOf(o: Options): ExpectedRevision {
  const c = o.getExpectedStreamRevisionCase() as number;
  return expectedFrom(
    c === Case.ANY ? 'any' : c === Case.NO_STREAM ? 'no_stream' : c === Case.STREAM_EXISTS ? 'stream_exists' : c === Case.REVISION ? 'exact' : undefined,
    o.getRevision(),
  );
}

/**
 * `Streams.Delete` (soft: the stream can be written again, its revisions continuing) and
 * `Streams.Tombstone` (final). A conflict is FAILED_PRECONDITION with EventStoreDB's trailers.
 */
function deletion<Req extends DeleteReq | TombstoneReq, Resp extends DeleteResp | TombstoneResp>(
  log: EventLog,
  tombstone: boolean,
  Response: new () => Resp,
  Position: new () => { setCommitPosition(v: string): unknown; setPreparePosition(v: string): unknown },
) {
  return (call: ServerUnaryCall<Req, Resp>, callback: sendUnaryData<Resp>) => {
    let name = '';
    let expected: ExpectedRevision;
    try {
      const o = call.request.getOptions();
      if (!o) throw invalidArgument('delete options are required');
      name = streamNameOf(o.getStreamIdentifier());
      expected = expectedOf(o);
    } catch (e) {
      callback(asServiceError(e));
      return;
    }
    log.delete(name, expected, tombstone).then((outcome) => {
      if (outcome.kind === 'stream_deleted') return callback(streamDeleted(name));
      if (outcome.kind === 'wrong_expected_version') {
        return callback(
          grpcError(status.FAILED_PRECONDITION, `Wrong expected version for stream '${name}'.`, {
            exception: 'wrong-expected-version',
            'stream-name': name,
            'expected-version': expectedVersionNumber(expected),
            'actual-version': outcome.currentRevision < 0 ? '' : String(outcome.currentRevision),
          }),
        );
      }
      const resp = new Response();
      const p = new Position();
      p.setCommitPosition(String(outcome.position));
      p.setPreparePosition(String(outcome.position));
      (resp as unknown as { setPosition(p: unknown): void }).setPosition(p);
      callback(null, resp);
    }, (e) => callback(asServiceError(e)));
  };
}

export const deleteHandler = (log: EventLog) => deletion<DeleteReq, DeleteResp>(log, false, streamsPb.DeleteResp, streamsPb.DeleteResp.Position);
export const tombstoneHandler = (log: EventLog) => deletion<TombstoneReq, TombstoneResp>(log, true, streamsPb.TombstoneResp, streamsPb.TombstoneResp.Position);
