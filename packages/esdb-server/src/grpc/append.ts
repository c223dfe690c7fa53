import type { ServerReadableStream, sendUnaryData } from '@grpc/grpc-js';
import type { AppendReq, AppendResp } from '@eventstore/db-client/generated/streams_pb.js';
import type { EventLog, ProposedEvent } from '../store/eventLog.js';
import type { ExpectedRevision } from '../store/streamState.js';
import { expectedFrom, streamNameOf } from './convert.js';
import { asServiceError, invalidArgument, maximumAppendSizeExceeded, streamDeleted } from './errors.js';
import { proposedEvent } from './proposed.js';
import { requestAbandoned } from './requestAbandoned.js';
import { sharedPb, streamsPb } from './proto.js';

const { AppendReq: Req, AppendResp: Resp } = streamsPb;
const Case = Req.Options.ExpectedStreamRevisionCase;

function expectedOf(o: AppendReq.Options): ExpectedRevision {
  const c = o.getExpectedStreamRevisionCase();
  return expectedFrom(
    c === Case.ANY ? 'any' : c === Case.NO_STREAM ? 'no_stream' : c === Case.STREAM_EXISTS ? 'stream_exists' : c === Case.REVISION ? 'exact' : undefined,
    o.getRevision(),
  );
}

/** `Streams.Append`: options first, then one message per event; a version conflict is a normal reply. */
export function appendHandler(log: EventLog) {
  return (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>) => {
    let stream: string | undefined;
    let expected: ExpectedRevision | undefined;
    const events: ProposedEvent[] = [];
    let failed = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      callback(asServiceError(e));
    };
    call.on('data', (req: AppendReq) => {
      if (failed) return;
      try {
        if (req.getContentCase() === Req.ContentCase.OPTIONS) {
          if (stream !== undefined) throw invalidArgument('options sent twice');
          const o = req.getOptions()!;
          stream = streamNameOf(o.getStreamIdentifier());
          expected = expectedOf(o);
        } else if (req.getContentCase() === Req.ContentCase.PROPOSED_MESSAGE) {
          if (stream === undefined) throw invalidArgument('options must come first');
          events.push(proposedEvent(req.getProposedMessage()!));
        } else {
          throw invalidArgument('empty append request');
        }
      } catch (e) {
        fail(e);
      }
    });
    const abandon = () => {
      // The client went away mid-append: nothing was written, nothing to answer.
      failed = true;
    };
    call.on('error', abandon);
    call.on('cancelled', abandon);
    call.on('end', () => {
      // A client that dropped mid-request also "ends" it: only a request it finished is appended.
      if (failed || requestAbandoned(call)) return;
      if (stream === undefined || expected === undefined) return fail(invalidArgument('append without options'));
      const name = stream;
      const exp = expected;
      log.append(name, exp, events).then((outcome) => {
        const resp = new Resp();
        switch (outcome.kind) {
          case 'stream_deleted':
            return fail(streamDeleted(name));
          case 'too_large':
            return fail(maximumAppendSizeExceeded(outcome.maxAppendSize));
          case 'wrong_expected_version': {
            const w = new Resp.WrongExpectedVersion();
            if (outcome.currentRevision < 0) w.setCurrentNoStream(new sharedPb.Empty());
            else w.setCurrentRevision(String(outcome.currentRevision));
            if (exp.kind === 'exact') w.setExpectedRevision(String(exp.revision));
            else if (exp.kind === 'no_stream') w.setExpectedNoStream(new sharedPb.Empty());
            else if (exp.kind === 'stream_exists') w.setExpectedStreamExists(new sharedPb.Empty());
            else w.setExpectedAny(new sharedPb.Empty());
            resp.setWrongExpectedVersion(w);
            return callback(null, resp);
          }
          case 'success': {
            const s = new Resp.Success();
            if (outcome.currentRevision < 0) s.setNoStream(new sharedPb.Empty());
            else s.setCurrentRevision(String(outcome.currentRevision));
            if (outcome.position === undefined) s.setNoPosition(new sharedPb.Empty());
            else {
              const p = new Resp.Position();
              p.setCommitPosition(String(outcome.position));
              p.setPreparePosition(String(outcome.position));
              s.setPosition(p);
            }
            resp.setSuccess(s);
            return callback(null, resp);
          }
        }
      }, fail);
    });
  };
}
